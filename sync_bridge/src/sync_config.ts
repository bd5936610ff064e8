/**
 * What `sync` and `replay` read besides the Odoo settings of `config.ts`: a JSON config file
 * (`--config`, or OPS_BRIDGE_CONFIG) for everything that is not a secret, and environment
 * variables for the secrets. Both are validated with zod; a mistake fails fast with zod's
 * prettified report and what to set. A secret written in the file is refused, by name.
 */
import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { ConfigValidationError, errorMessage } from "./errors";
import { API_RETRY_POLICY, ODOO_RETRY_POLICY, type RetryPolicy } from "./retry";
import { DEFAULT_ORDER_STATES } from "./sources/woocommerce/mapper";

/** The sample exports shipped with the bridge: the offline default of `sync csv`. */
export function defaultCsvDirectory(): string {
  // This module sits one level under sync_bridge/ both as source (src/) and bundled (dist/).
  return resolve(__dirname, "..", "samples", "csv");
}

const retrySchema = z
  .strictObject({
    maxAttempts: z.number().int().min(1).max(100).optional(),
    baseDelayMs: z.number().int().min(0).max(60_000).optional(),
    maxDelayMs: z.number().int().min(0).max(600_000).optional(),
    maxElapsedMs: z.number().int().min(0).max(3_600_000).optional(),
  })
  .optional();

const SECRET_KEYS = /token|secret|password|api_?key|consumer_?key/i;

const orderState = z.enum(["draft", "sale"]);

/** The config file. Every key is optional; unknown keys are errors (typos must not pass). */
export const configFileSchema = z
  .strictObject({
    /** Records per `ingest` call, e.g. 200. */
    batchSize: z.number().int().min(1).max(1000).default(200),
    /** Pages of a stream being ingested at once, e.g. 2: Odoo works on one while the bridge prepares the next. */
    concurrency: z.number().int().min(1).max(8).default(2),
    /** Per-request timeout towards the vendors, in ms, e.g. 30000. */
    httpTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
    retry: retrySchema,
    odooRetry: retrySchema,
    sources: z
      .strictObject({
        csv: z
          .strictObject({
            /** e.g. "exports" (relative to the config file) */
            directory: z.string().min(1).optional(),
            pageSize: z.number().int().min(1).max(5000).default(200),
            /** HubSpot export labels → stage ids, e.g. {"Demo booked": "appointmentscheduled"} */
            dealStages: z.record(z.string(), z.string()).default({}),
            /** e.g. {"Sales Pipeline": "default"} */
            pipelines: z.record(z.string(), z.string()).default({}),
            orderStates: z.record(z.string(), orderState).optional(),
          })
          .prefault({}),
        hubspot: z
          .strictObject({
            baseUrl: z.url().default("https://api.hubapi.com"),
            pageSize: z.number().int().min(1).max(200).default(200),
            /** The search endpoints allow about 4 requests a second per account. */
            requestsPerSecond: z.number().min(0).max(1000).default(4),
            lookbackSeconds: z.number().int().min(0).max(86_400).default(300),
          })
          .prefault({}),
        google_ads: z
          .strictObject({
            baseUrl: z.url().default("https://googleads.googleapis.com"),
            tokenUrl: z.url().default("https://oauth2.googleapis.com/token"),
            apiVersion: z.string().regex(/^v\d+$/).default("v22"),
            /** e.g. "123-456-7890" */
            customerId: z.string().regex(/^\d{3}-?\d{3}-?\d{4}$/, "must look like 123-456-7890").optional(),
            loginCustomerId: z.string().regex(/^\d{3}-?\d{3}-?\d{4}$/, "must look like 123-456-7890").optional(),
            lookbackDays: z.number().int().min(0).max(90).default(3),
            initialDays: z.number().int().min(1).max(3650).default(30),
          })
          .prefault({}),
        woocommerce: z
          .strictObject({
            /** The shop's address, e.g. "https://shop.example.com" */
            baseUrl: z.url({ protocol: /^https?$/ }).optional(),
            pageSize: z.number().int().min(1).max(100).default(100),
            lookbackSeconds: z.number().int().min(0).max(86_400).default(300),
            /** WooCommerce status → Odoo state; statuses missing here are dead-lettered. */
            orderStates: z.record(z.string(), orderState).optional(),
          })
          .prefault({}),
      })
      .prefault({}),
  });
export type ConfigFile = z.output<typeof configFileSchema>;

/** The sync settings, with paths resolved and policies filled in. */
export interface SyncSettings extends ConfigFile {
  csvDirectory: string;
  retryPolicy: RetryPolicy;
  odooRetryPolicy: RetryPolicy;
  orderStates: { csv: Readonly<Record<string, "draft" | "sale">>; woocommerce: Readonly<Record<string, "draft" | "sale">> };
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
  const directory = file.sources.csv.directory;
  return {
    ...file,
    csvDirectory: directory === undefined ? defaultCsvDirectory() : isAbsolute(directory) ? directory : resolve(baseDir, directory),
    retryPolicy: { ...API_RETRY_POLICY, ...file.retry },
    odooRetryPolicy: { ...ODOO_RETRY_POLICY, ...file.odooRetry },
    orderStates: {
      csv: file.sources.csv.orderStates ?? DEFAULT_ORDER_STATES,
      woocommerce: file.sources.woocommerce.orderStates ?? DEFAULT_ORDER_STATES,
    },
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
