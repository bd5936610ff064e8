/**
 * The bridge's configuration: environment variables, optionally completed by an env file.
 * Validated once with zod at start-up; an invalid configuration fails fast with a readable
 * message and what to set.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { ConfigValidationError, errorMessage } from "./errors";

export { ConfigValidationError } from "./errors";

/** The two ways the bridge talks to Odoo. */
export const TRANSPORTS = ["json2", "legacy"] as const;
export type TransportName = (typeof TRANSPORTS)[number];

/** zod error option: "is not set" for a missing variable, `invalid` otherwise. */
function unsetOr(invalid: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? "is not set" : invalid) };
}

/** Environment variables the bridge reads. `example` is what the fix hint suggests. */
export const envSchema = z.object({
  /**
   * Base URL of the Odoo 19 server (scheme, host and port; no path).
   * e.g. http://127.0.0.1:8069
   */
  ODOO_URL: z
    .url({ protocol: /^https?$/, ...unsetOr("must be an http:// or https:// URL") })
    .transform((url) => url.replace(/\/+$/, ""))
    .meta({ example: "http://127.0.0.1:8069" }),
  /**
   * Name of the Odoo database the bridge syncs with.
   * e.g. ops_harmony
   */
  ODOO_DB: z.string(unsetOr("must be a database name")).meta({ example: "ops_harmony" }),
  /**
   * API key of the integration user, created by `npm run bridge:key`.
   * e.g. 0123456789abcdef0123456789abcdef01234567
   */
  ODOO_API_KEY: z.string(unsetOr("must be an API key")).meta({ example: "<key printed by npm run bridge:key>" }),
  /**
   * Login of the integration user that owns the API key; the legacy transport logs in with it.
   * e.g. ops_bridge
   */
  ODOO_LOGIN: z.string().min(1).default("ops_bridge").meta({ example: "ops_bridge" }),
  /**
   * How the bridge calls Odoo: `json2` (POST /json/2/<model>/<method>) or `legacy` (XML-RPC).
   * e.g. json2
   */
  ODOO_TRANSPORT: z.enum(TRANSPORTS, { error: 'must be "json2" or "legacy"' }).default("json2").meta({ example: "json2" }),
  /**
   * How long one request to Odoo may take before it is abandoned, in milliseconds.
   * e.g. 10000
   */
  OPS_BRIDGE_TIMEOUT_MS: z.coerce
    .number({ error: "must be a number of milliseconds" })
    .int()
    .min(100)
    .max(600_000)
    .default(10_000)
    .meta({ example: "10000" }),
});

export type EnvName = keyof typeof envSchema.shape;
const ENV_NAMES = Object.keys(envSchema.shape) as EnvName[];

/** The validated configuration the gateway and the CLI use. */
export interface BridgeConfig {
  url: string;
  db: string;
  apiKey: string;
  login: string;
  transport: TransportName;
  timeoutMs: number;
}

/** Where the configuration comes from. */
export interface ConfigSources {
  /** The process environment; it wins over the env file, as with dotenv and `node --env-file`. */
  env: Readonly<Record<string, string | undefined>>;
  /** Path of a KEY=VALUE file to read first, from `--env-file`. */
  envFile?: string;
}

/**
 * Parses a simple env file: one `KEY=VALUE` a line, `#` comments and blank lines ignored,
 * an optional leading `export `, and one pair of matching quotes around the value removed.
 * Throws `ConfigValidationError` naming the first line that is not `KEY=VALUE`.
 */
export function parseEnvFile(text: string, source = "env file"): Record<string, string> {
  const values: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) {
      throw new ConfigValidationError(
        `${source}:${index + 1}: expected KEY=VALUE, got "${line}"`,
        "Write one KEY=VALUE per line, e.g. ODOO_URL=http://127.0.0.1:8069",
      );
    }
    const [, key, value] = match as unknown as [string, string, string];
    values[key] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
  });
  return values;
}

/** Builds the "what to set" hint for the variables that failed validation. */
function hintFor(names: readonly EnvName[]): string {
  const lines = names.map((name) => {
    const meta = envSchema.shape[name].meta() as { example?: string } | undefined;
    return `  ${name}=${meta?.example ?? ""}`;
  });
  return [
    "Set these in the environment or in a file passed with --env-file, e.g.:",
    ...lines,
    ...(names.includes("ODOO_API_KEY") ? ["Create the API key with `npm run bridge:key`."] : []),
  ].join("\n");
}

/**
 * Validates the bridge's configuration from `env` (empty values count as unset).
 * Throws `ConfigValidationError` whose message is zod's prettified report.
 */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): BridgeConfig {
  const input: Partial<Record<EnvName, string>> = {};
  for (const name of ENV_NAMES) {
    const value = env[name]?.trim();
    if (value) input[name] = value;
  }
  const result = envSchema.safeParse(input);
  if (!result.success) {
    const names = [...new Set(result.error.issues.map((issue) => issue.path[0] as EnvName))].filter((name) =>
      ENV_NAMES.includes(name),
    );
    throw new ConfigValidationError(`Invalid ops-bridge configuration:\n${z.prettifyError(result.error)}`, hintFor(names));
  }
  const data = result.data;
  return {
    url: data.ODOO_URL,
    db: data.ODOO_DB,
    apiKey: data.ODOO_API_KEY,
    login: data.ODOO_LOGIN,
    transport: data.ODOO_TRANSPORT,
    timeoutMs: data.OPS_BRIDGE_TIMEOUT_MS,
  };
}

/** Reads the env file (if any) and lays the environment over it; values are not validated yet. */
export function mergedEnv(sources: ConfigSources): Record<string, string | undefined> {
  let fromFile: Record<string, string> = {};
  if (sources.envFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(sources.envFile, "utf8");
    } catch (error) {
      throw new ConfigValidationError(
        `Cannot read the env file ${sources.envFile}: ${errorMessage(error)}`,
        "Pass an existing file to --env-file, or set the variables in the environment.",
      );
    }
    fromFile = parseEnvFile(text, sources.envFile);
  }
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [key, value] of Object.entries(sources.env)) {
    if (value !== undefined && value !== "") merged[key] = value;
  }
  return merged;
}

/** Reads the env file (if any), lays the environment over it and validates the result. */
export function loadConfig(sources: ConfigSources): BridgeConfig {
  return parseConfig(mergedEnv(sources));
}
