/** Command-line arguments of `ops-bridge`, tokenized by node:util and validated with zod. */
import { parseArgs } from "node:util";
import { z } from "zod";
import { TRANSPORTS, type TransportName } from "./config";

export const COMMANDS = ["doctor", "help", "version"] as const;
export type CommandName = (typeof COMMANDS)[number];

export const USAGE = `Usage: ops-bridge <command> [options]

Commands:
  doctor    Check that the bridge can work with Odoo: reachable, Odoo 19, database and
            API key, addon_ops_harmony installed, service user in Ops Integration, not an
            administrator, required rights. Runs through JSON-2, then legacy XML-RPC.
  help      Show this help (also --help, -h).
  version   Print the bridge's version (also --version).

Options:
  --env-file <file>            Read KEY=VALUE lines from <file>; the environment wins.
  --transport <json2|legacy>   Check only this transport (doctor).
  --json                       Print a machine-readable report.

Environment:
  ODOO_URL               e.g. http://127.0.0.1:8069
  ODOO_DB                e.g. ops_harmony
  ODOO_API_KEY           the key printed by \`npm run bridge:key\`
  ODOO_LOGIN             user owning the key, for XML-RPC (default ops_bridge)
  ODOO_TRANSPORT         json2 (default) or legacy
  OPS_BRIDGE_TIMEOUT_MS  per-request timeout in ms (default 10000)

Exit codes: 0 all checks passed, 1 a check failed, 2 bad usage or configuration.`;

/** What the command line asks for. */
export interface CliArgs {
  command: CommandName;
  envFile: string | undefined;
  /** Transports `doctor` checks, in order. */
  transports: TransportName[];
  json: boolean;
}

/** The command line is wrong: print the message and `--help`, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const argsSchema = z
  .object({
    positionals: z
      .array(z.string())
      .max(1, { error: (issue) => `expected one command, got ${JSON.stringify(issue.input)}` }),
    help: z.boolean().optional(),
    version: z.boolean().optional(),
    json: z.boolean().optional(),
    "env-file": z.string().min(1, { error: "--env-file needs a file name" }).optional(),
    transport: z.enum(TRANSPORTS, { error: (issue) => `--transport must be json2 or legacy, got ${JSON.stringify(issue.input)}` }).optional(),
  })
  .transform((values, ctx): CliArgs => {
    const named = values.positionals[0];
    const command = values.help ? "help" : values.version ? "version" : named;
    const parsed = z.enum(COMMANDS).safeParse(command);
    if (!parsed.success) {
      ctx.addIssue({
        code: "custom",
        message:
          command === undefined
            ? `missing command: expected one of ${COMMANDS.join(", ")}`
            : `unknown command "${command}": expected one of ${COMMANDS.join(", ")}`,
      });
      return z.NEVER;
    }
    return {
      command: parsed.data,
      envFile: values["env-file"],
      transports: values.transport ? [values.transport] : [...TRANSPORTS],
      json: values.json ?? false,
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
        "env-file": { type: "string" },
        transport: { type: "string" },
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
