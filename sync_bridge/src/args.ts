/** Command-line arguments of `ops-bridge`, tokenized by node:util and validated with zod. */
import { parseArgs } from "node:util";
import { z } from "zod";
import { TRANSPORTS, type TransportName } from "./config";
import { SOURCE_NAMES, SOURCE_STREAMS, type SourceName, type StreamKind } from "./sources/catalog";
import { parseDateTime } from "./sources/primitives";

export const COMMANDS = ["doctor", "sync", "replay", "status", "help", "version"] as const;
export type CommandName = (typeof COMMANDS)[number];

export const USAGE = `Usage: ops-bridge <command> [options]

Commands:
  doctor              Check that the bridge can work with Odoo: reachable, Odoo 19, database and
                      API key, addon_ops_harmony installed, service user in Ops Integration, not an
                      administrator, required rights. Runs through JSON-2, then legacy XML-RPC.
  sync <source>       Bring a source's changes into Odoo: csv (the offline default: the export
                      files of sources.csv.directory, shipped samples otherwise), hubspot,
                      google_ads or woocommerce. Resumes from the cursors stored in Odoo.
  replay              Re-read and ingest the events queued with Odoo's Replay buttons.
  status              Show the cursors, the event counts and the latest dead events.
  help                Show this help (also --help, -h).
  version             Print the bridge's version (also --version).

Options:
  --env-file <file>            Read KEY=VALUE lines from <file>; the environment wins.
  --config <file>              Sync settings (JSON); default OPS_BRIDGE_CONFIG, else built-in.
  --transport <json2|legacy>   Check only this transport (doctor); talk to Odoo through it (others).
  --json                       Print a machine-readable report.
  --stream <name>              sync: only this stream (repeatable), e.g. --stream contacts.
  --full                       sync: ignore the stored cursors and read everything again.
  --since <date>               sync: read changes since this date (YYYY-MM-DD or ISO 8601).
  --event <id>                 replay: queue this event first, then replay.
  --dead                       replay: queue every dead event first, then replay.

Environment:
  ODOO_URL               e.g. http://127.0.0.1:8069
  ODOO_DB                e.g. ops_harmony
  ODOO_API_KEY           the key printed by \`npm run bridge:key\`
  ODOO_LOGIN             user owning the key, for XML-RPC (default ops_bridge)
  ODOO_TRANSPORT         json2 (default) or legacy
  OPS_BRIDGE_TIMEOUT_MS  per-request timeout towards Odoo in ms (default 10000)
  OPS_BRIDGE_CONFIG      the sync settings file, when --config is not given
  HUBSPOT_ACCESS_TOKEN   private app token (sync hubspot)
  GOOGLE_ADS_DEVELOPER_TOKEN and GOOGLE_ADS_ACCESS_TOKEN, or GOOGLE_ADS_CLIENT_ID,
    GOOGLE_ADS_CLIENT_SECRET and GOOGLE_ADS_REFRESH_TOKEN (sync google_ads)
  WOOCOMMERCE_CONSUMER_KEY, WOOCOMMERCE_CONSUMER_SECRET (sync woocommerce)

Exit codes: 0 success, 1 a check failed or a sync stopped early, 2 bad usage or configuration.`;

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

/** Options that only make sense for one command. */
const COMMAND_OPTIONS: Readonly<Record<string, CommandName>> = {
  stream: "sync",
  full: "sync",
  since: "sync",
  event: "replay",
  dead: "replay",
};

const argsSchema = z
  .object({
    positionals: z.array(z.string()),
    help: z.boolean().optional(),
    version: z.boolean().optional(),
    json: z.boolean().optional(),
    full: z.boolean().optional(),
    dead: z.boolean().optional(),
    "env-file": z.string().min(1, { error: "--env-file needs a file name" }).optional(),
    config: z.string().min(1, { error: "--config needs a file name" }).optional(),
    transport: z.enum(TRANSPORTS, { error: (issue) => `--transport must be json2 or legacy, got ${quoted(issue.input)}` }).optional(),
    stream: z.array(z.string()).optional(),
    since: z.string().optional(),
    event: z.string().regex(/^[1-9]\d{0,9}$/, { error: (issue) => `--event must be an event id (a positive number), got ${quoted(issue.input)}` }).optional(),
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
    const maxPositionals = name === "sync" ? 1 : 0;
    if (rest.length > maxPositionals && name !== "help" && name !== "version") return fail(`expected one command, got ${quoted(values.positionals)}`);
    for (const [option, owner] of Object.entries(COMMAND_OPTIONS)) {
      if (values[option as keyof typeof values] !== undefined && name !== owner && name !== "help") {
        return fail(`--${option} only applies to ${owner}`);
      }
    }
    let source: SourceName | undefined;
    if (name === "sync") {
      const wanted = rest[0];
      if (wanted === undefined) return fail(`sync needs a source: one of ${SOURCE_NAMES.join(", ")} (e.g. ops-bridge sync csv)`);
      if (!(SOURCE_NAMES as readonly string[]).includes(wanted)) return fail(`unknown source ${quoted(wanted)}: expected one of ${SOURCE_NAMES.join(", ")}`);
      source = wanted as SourceName;
    }
    const streams = values.stream?.map((stream) => {
      const known = source ? SOURCE_STREAMS[source] : [];
      if (!(known as readonly string[]).includes(stream)) return fail(`${source} has no stream ${quoted(stream)}: expected one of ${known.join(", ")}`);
      return stream as StreamKind;
    });
    const since = values.since === undefined ? undefined : (parseSince(values.since) ?? fail(`--since must be a date such as 2025-01-31, got ${quoted(values.since)}`));
    if (values.full && since) return fail("--full and --since exclude each other: --full reads everything");
    if (values.event !== undefined && values.dead) return fail("--event and --dead exclude each other");
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
        "env-file": { type: "string" },
        config: { type: "string" },
        transport: { type: "string" },
        stream: { type: "string", multiple: true },
        since: { type: "string" },
        event: { type: "string" },
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
