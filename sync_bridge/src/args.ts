/** Command-line arguments of `ops-bridge`, tokenized by node:util and validated with zod. */
import { parseArgs } from "node:util";
import { z } from "zod";
import { TRANSPORTS, type TransportName } from "./config";
import { SOURCE_NAMES, SOURCE_STREAMS, isSourceName, type SourceName, type StreamKind } from "./sources/registry";
import { parseDateTime } from "./sources/primitives";

export const COMMANDS = ["doctor", "sync", "replay", "status", "reconcile", "serve", "intake", "help", "version"] as const;
export type CommandName = (typeof COMMANDS)[number];

export { USAGE } from "./usage";

/** What the command line asks for. */
export interface CliArgs {
  command: CommandName;
  envFile: string | undefined;
  /** Transports `doctor` checks, in order. */
  transports: TransportName[];
  /** `--transport`, when given: the one `sync`, `replay` and `status` use instead of ODOO_TRANSPORT. */
  transport: TransportName | undefined;
  json: boolean;
  configFile: string | undefined;
  /** `sync`'s source. */
  source: SourceName | undefined;
  /** `--stream` values; undefined means every stream of the source. */
  streams: StreamKind[] | undefined;
  full: boolean;
  since: Date | undefined;
  eventId: number | undefined;
  dead: boolean;
  /** `reconcile --pending`: run the reconciliations Odoo's nightly cron requested. */
  pending: boolean;
  /** `serve --port`: where the webhook server listens (OPS_BRIDGE_PORT, else 8787, when not given). */
  port: number | undefined;
  /** `serve --host`: the address it binds (127.0.0.1 when not given). */
  host: string | undefined;
  /** `intake`'s options; undefined for the other commands. */
  intake?: IntakeOptions;
}

/** `ops-bridge intake [--once] [--limit N] [--worker NAME]`, or `ops-bridge intake retrain [--kind K] [--offline] [--out FILE]`. */
export interface IntakeOptions {
  /** `intake retrain`: train a candidate model from the shipped set and Odoo's confirmed reviews. */
  retrain: boolean;
  /** retrain: the model kind (only the request classifier is trained yet). */
  kind: "classifier";
  /** retrain: train on the shipped training set only, without Odoo (rebuilds the shipped default). */
  offline: boolean;
  /** retrain: also write the candidate's artifact to this file. */
  out: string | undefined;
  /** One round of claims, then exit (a cron job); otherwise poll until stopped or the limit is reached. */
  once: boolean;
  /** At most this many jobs in all. */
  limit: number | undefined;
  /** The name Odoo records as the jobs' holder; the host name and process id when not given. */
  worker: string | undefined;
}

/** The command line is wrong: print the message and `--help`, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** "2025-01-31" or an ISO 8601 datetime (UTC unless it says otherwise) → Date. */
function parseSince(value: string): Date | undefined {
  return parseDateTime(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) ?? undefined;
}

const quoted = (value: unknown): string => JSON.stringify(value);

/** Options that only make sense for some commands. */
const COMMAND_OPTIONS: Readonly<Record<string, readonly CommandName[]>> = {
  stream: ["sync", "reconcile"],
  full: ["sync"],
  since: ["sync"],
  event: ["replay"],
  dead: ["replay"],
  pending: ["reconcile"],
  port: ["serve"],
  host: ["serve"],
  once: ["intake"],
  limit: ["intake"],
  worker: ["intake"],
  kind: ["intake"],
  offline: ["intake"],
  out: ["intake"],
};

/** The commands that take a source as their argument. */
const SOURCE_COMMANDS: readonly CommandName[] = ["sync", "reconcile"];

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    help: z.boolean().optional(),
    version: z.boolean().optional(),
    json: z.boolean().optional(),
    full: z.boolean().optional(),
    dead: z.boolean().optional(),
    pending: z.boolean().optional(),
    once: z.boolean().optional(),
    limit: z
      .string()
      .regex(/^[1-9]\d{0,5}$/, { error: (issue) => `--limit must be a number of jobs (1 or more), got ${quoted(issue.input)}` })
      .transform(Number)
      .optional(),
    worker: z
      .string()
      .regex(/^[\w.@:-]{1,64}$/, {
        error: (issue) => `--worker must be a name of letters, digits and . _ - @ :, got ${quoted(issue.input)}`,
      })
      .optional(),
    "env-file": z.string().min(1, { error: "--env-file needs a file name" }).optional(),
    config: z.string().min(1, { error: "--config needs a file name" }).optional(),
    transport: z
      .enum(TRANSPORTS, { error: (issue) => `--transport must be json2 or legacy, got ${quoted(issue.input)}` })
      .optional(),
    stream: z.array(z.string()).optional(),
    since: z.string().optional(),
    event: z
      .string()
      .regex(/^[1-9]\d{0,9}$/, {
        error: (issue) => `--event must be an event id (a positive number), got ${quoted(issue.input)}`,
      })
      .optional(),
    port: z
      .string()
      .regex(/^\d{1,5}$/, { error: (issue) => `--port must be a port number, got ${quoted(issue.input)}` })
      .transform(Number)
      .refine((port) => port <= 65_535, { error: "--port must be at most 65535" })
      .optional(),
    host: z.string().min(1, { error: "--host needs an address, e.g. 0.0.0.0" }).optional(),
    kind: z
      .enum(["classifier"], {
        error: (issue) => `--kind must be classifier (the only model retrained yet), got ${quoted(issue.input)}`,
      })
      .optional(),
    offline: z.boolean().optional(),
    out: z.string().min(1, { error: "--out needs a file name" }).optional(),
  })
  .transform((values, ctx): CliArgs => {
    const fail = (message: string): never => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER as never;
    };
    const [named, ...rest] = values.positionals;
    const command = values.help ? "help" : values.version ? "version" : named;
    const parsed = z.enum(COMMANDS).safeParse(command);
    if (!parsed.success) {
      return fail(
        command === undefined
          ? `missing command: expected one of ${COMMANDS.join(", ")}`
          : `unknown command ${quoted(command)}: expected one of ${COMMANDS.join(", ")}`,
      );
    }
    const name = parsed.data;
    const maxPositionals = SOURCE_COMMANDS.includes(name) || name === "intake" ? 1 : 0;
    const retrain = name === "intake" && rest[0] === "retrain";
    if (name === "intake" && rest[0] !== undefined && !retrain)
      return fail(`intake takes no argument but retrain, got ${quoted(rest[0])}`);
    if (name === "intake" && !retrain && (values.kind || values.offline || values.out))
      return fail("--kind, --offline and --out only apply to intake retrain");
    if (retrain && (values.once || values.limit !== undefined || values.worker))
      return fail("--once, --limit and --worker apply to the intake worker, not to intake retrain");
    if (rest.length > maxPositionals && name !== "help" && name !== "version")
      return fail(`expected one command, got ${quoted(values.positionals)}`);
    for (const [option, owners] of Object.entries(COMMAND_OPTIONS)) {
      if (values[option as keyof typeof values] !== undefined && !owners.includes(name) && name !== "help") {
        return fail(`--${option} only applies to ${owners.join(" and ")}`);
      }
    }
    let source: SourceName | undefined;
    if (SOURCE_COMMANDS.includes(name) && !(name === "reconcile" && values.pending && rest[0] === undefined)) {
      const wanted = rest[0];
      if (wanted === undefined)
        return fail(
          `${name} needs a source: one of ${SOURCE_NAMES.join(", ")} (e.g. ops-bridge ${name} ${SOURCE_NAMES[0]})` +
            (name === "reconcile" ? ", or --pending for the runs Odoo requested" : ""),
        );
      if (!isSourceName(wanted)) return fail(`unknown source ${quoted(wanted)}: expected one of ${SOURCE_NAMES.join(", ")}`);
      source = wanted;
    }
    const streams = values.stream?.map((stream) => {
      const known = source ? SOURCE_STREAMS[source] : [];
      if (!(known as readonly string[]).includes(stream))
        return fail(`${source} has no stream ${quoted(stream)}: expected one of ${known.join(", ")}`);
      return stream as StreamKind;
    });
    const since =
      values.since === undefined
        ? undefined
        : (parseSince(values.since) ?? fail(`--since must be a date such as 2025-01-31, got ${quoted(values.since)}`));
    if (values.full && since) return fail("--full and --since exclude each other: --full reads everything");
    if (values.event !== undefined && values.dead) return fail("--event and --dead exclude each other");
    if (values.pending && streams) return fail("--pending runs the streams Odoo requested: it takes no --stream");
    return {
      command: name,
      envFile: values["env-file"],
      transports: values.transport ? [values.transport] : [...TRANSPORTS],
      transport: values.transport,
      json: values.json ?? false,
      configFile: values.config,
      source,
      streams,
      full: values.full ?? false,
      since,
      eventId: values.event === undefined ? undefined : Number(values.event),
      dead: values.dead ?? false,
      pending: values.pending ?? false,
      port: values.port,
      host: values.host,
      ...(name === "intake"
        ? {
            intake: {
              once: values.once ?? false,
              limit: values.limit,
              worker: values.worker,
              retrain,
              kind: values.kind ?? "classifier",
              offline: values.offline ?? false,
              out: values.out,
            },
          }
        : {}),
    };
  });

/** Parses `argv` (without node and the script). Throws `UsageError` with a readable message. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let tokens: { values: Record<string, unknown>; positionals: string[] };
  try {
    tokens = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
        json: { type: "boolean" },
        full: { type: "boolean" },
        dead: { type: "boolean" },
        pending: { type: "boolean" },
        once: { type: "boolean" },
        limit: { type: "string" },
        worker: { type: "string" },
        "env-file": { type: "string" },
        config: { type: "string" },
        transport: { type: "string" },
        stream: { type: "string", multiple: true },
        since: { type: "string" },
        event: { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        kind: { type: "string" },
        offline: { type: "boolean" },
        out: { type: "string" },
      },
    });
  } catch (error) {
    // node:util reports unknown options and missing option values as TypeErrors with a code.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const result = argsSchema.safeParse({ ...tokens.values, positionals: tokens.positionals });
  if (!result.success) throw new UsageError(result.error.issues.map((issue) => issue.message).join("\n"));
  return result.data;
}
