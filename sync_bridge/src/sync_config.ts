/**
 * What `sync` and `replay` read besides the Odoo settings of `config.ts`: a JSON config file
 * (`--config`, or OPS_BRIDGE_CONFIG) for everything that is not a secret, and environment
 * variables for the secrets. Both are validated with zod; a mistake fails fast with zod's
 * prettified report and what to set. A secret written in the file is refused, by name.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { ConfigValidationError, errorMessage } from "./errors";
import { API_RETRY_POLICY, ODOO_RETRY_POLICY, type RetryPolicy } from "./retry";
import { resolveSourceSettings, sourcesSettingsSchema } from "./sources/registry";

const retrySchema = z
  .strictObject({
    maxAttempts: z.number().int().min(1).max(100).optional(),
    baseDelayMs: z.number().int().min(0).max(60_000).optional(),
    maxDelayMs: z.number().int().min(0).max(600_000).optional(),
    maxElapsedMs: z.number().int().min(0).max(3_600_000).optional(),
  })
  .optional();

const SECRET_KEYS = /token|secret|password|api_?key|consumer_?key/i;

/**
 * The config file. Every key is optional; unknown keys are errors (typos must not pass).
 * `sources.<name>` is each connector's own block (its descriptor's `settings`).
 */
export const configFileSchema = z.strictObject({
  /** Records per `ingest` call, e.g. 200. */
  batchSize: z.number().int().min(1).max(1000).default(200),
  /** Pages of a stream being ingested at once, e.g. 2: Odoo works on one while the bridge prepares the next. */
  concurrency: z.number().int().min(1).max(8).default(2),
  /**
   * Seconds a bridge's lease on a stream lasts unless renewed, e.g. 120: when several bridges sync
   * one source, another one may take a stream over after that long if this bridge stalls.
   */
  leaseTtlSeconds: z.number().int().min(5).max(3600).default(120),
  /**
   * Hours per window of modification times, e.g. 6: streams that can read a window (HubSpot's) are
   * then read window by window, so that several bridges syncing one source share each stream.
   * 0 reads each stream whole. Only reads from a cursor or `--since` are windowed.
   */
  windowHours: z.number().min(0).max(8760).default(0),
  /** How long a run waits, at most, for a stream another bridge is reading, in seconds, e.g. 1800. */
  leaseWaitSeconds: z.number().int().min(0).max(86_400).default(1800),
  /** Per-request timeout towards the vendors, in ms, e.g. 30000. */
  httpTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  retry: retrySchema,
  odooRetry: retrySchema,
  sources: sourcesSettingsSchema,
});
export type ConfigFile = z.output<typeof configFileSchema>;

/** The sync settings, with each source's block finished (paths resolved) and policies filled in. */
export interface SyncSettings extends ConfigFile {
  retryPolicy: RetryPolicy;
  odooRetryPolicy: RetryPolicy;
}

/** Reads the secret-looking keys out of raw JSON before zod's strict check names them "unrecognized". */
function secretKeysIn(value: unknown, path = ""): string[] {
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(SECRET_KEYS.test(key) && !/url$/i.test(key) ? [`${path}${key}`] : []),
    ...secretKeysIn(item, `${path}${key}.`),
  ]);
}

/** Validates a parsed config file. `baseDir` resolves relative paths (the file's directory). */
export function parseSyncSettings(raw: unknown, baseDir: string, source = "config file"): SyncSettings {
  const secrets = secretKeysIn(raw);
  if (secrets.length > 0) {
    throw new ConfigValidationError(
      `${source}: ${secrets.join(", ")} looks like a secret; secrets go in the environment, not in the config file`,
      "Remove it from the file and set the matching variable instead (see `ops-bridge --help`, Environment).",
    );
  }
  const parsed = configFileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new ConfigValidationError(
      `Invalid ${source}:\n${z.prettifyError(parsed.error)}`,
      "Fix the keys named above; the README's bridge section lists every key with an example.",
    );
  }
  const file = parsed.data;
  return {
    ...file,
    sources: resolveSourceSettings(file.sources, { baseDir }),
    retryPolicy: { ...API_RETRY_POLICY, ...file.retry },
    odooRetryPolicy: { ...ODOO_RETRY_POLICY, ...file.odooRetry },
  };
}

/** Loads `path` (JSON), or the defaults when `path` is undefined. */
export function loadSyncSettings(path: string | undefined, cwd: string = process.cwd()): SyncSettings {
  if (path === undefined) return parseSyncSettings({}, cwd);
  const absolute = resolve(cwd, path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(absolute, "utf8"));
  } catch (error) {
    throw new ConfigValidationError(
      `Cannot read the config file ${path}: ${errorMessage(error)}`,
      "Pass a JSON file to --config (or OPS_BRIDGE_CONFIG), e.g. sync_bridge/samples/ops-bridge.config.json.",
    );
  }
  return parseSyncSettings(raw, dirname(absolute), path);
}
