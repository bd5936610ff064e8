/**
 * The typed side of `ops.sync.gateway` (addon_ops_harmony): what the bridge sends to `ingest`,
 * `report_failures`, the cursor and replay methods, and zod schemas for what Odoo answers.
 * Odoo's `false` for "no value" is turned into `null` here, so callers never see it.
 */
import { z } from "zod";
import type { FailureCategory } from "../errors";

/** The model that carries the sync RPCs. */
export const SYNC_MODEL = "ops.sync.gateway";

/** One record for `ingest`. */
export interface IngestRecord {
  externalId: string;
  /** Canonical values of the stream kind; `Date`s travel as UTC datetimes. */
  values: Readonly<Record<string, unknown>>;
  /** The raw vendor record; sent to Odoo only if the record fails, for people and replay. */
  payload: unknown;
  traceId: string;
  modifiedAt: Date | null;
}

export const INGEST_STATUSES = ["created", "updated", "unchanged", "conflict", "rejected"] as const;
export type IngestStatus = (typeof INGEST_STATUSES)[number];

/** Categories Odoo may give a rejected or conflicting record. */
export type OdooRecordCategory = "validation" | "mapping" | "odoo" | "conflict";

/** Odoo's verdict on one record, in input order. */
export interface IngestResult {
  externalId: string;
  status: IngestStatus;
  resId: number | null;
  category: OdooRecordCategory | null;
  reason: string | null;
  eventId: number | null;
}

/** A record or request the bridge itself could not bring in, for `report_failures`. */
export interface FailureReport {
  externalId: string | null;
  traceId: string;
  category: FailureCategory;
  message: string;
  payload: unknown;
  /** The replayed event this failure supersedes, so Odoo updates it instead of adding one. */
  eventId?: number;
  /** The message without the record's own values; Odoo groups the events it explains by it. */
  cause?: string;
}

/** What one run of a stream did, for `report_run` when the stream ends (Sync > Sync runs, health). */
export interface RunReport {
  runId: string;
  startedAt: Date;
  finishedAt: Date;
  /** Read to its end, cursor moved: a good run, whatever its records did. */
  completed: boolean;
  /** Why it stopped early. */
  error: string | null;
  cursor: string | null;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  conflict: number;
  rejected: number;
  dead: number;
  bugs: number;
}

/** An event queued for the bridge by a Replay button (state `received`). */
export interface ReplayEvent {
  id: number;
  source: string;
  stream: string;
  externalId: string | null;
  payload: unknown;
  traceId: string | null;
  attempts: number;
}

/** What `status()` reports. */
export interface SyncStatus {
  cursors: { source: string; stream: string; value: string | null; writeDate: Date | null }[];
  events: Record<string, number>;
  dead: {
    id: number;
    source: string;
    stream: string;
    externalId: string | null;
    category: string | null;
    message: string | null;
  }[];
  /** Conflicts waiting for a decision in Odoo. */
  openConflicts: number;
}

/** Odoo's `false` → `null`. */
function orNull<T extends z.ZodType>(schema: T) {
  return z
    .union([schema, z.literal(false), z.null()])
    .transform((value) => (value === false ? null : value) as z.output<T> | null);
}

const id = z.number().int().positive();
const odooDatetime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}/)
  .transform((value) => new Date(`${value.slice(0, 10)}T${value.slice(11, 19)}Z`));

/** Odoo's `false` or `null`, or `value`; the per-record answers below are read into `null` in one pass. */
function falseOr<T extends z.ZodType>(schema: T) {
  return z.union([schema, z.literal(false), z.null()]);
}

const nullIfFalse = <T>(value: T | false | null | undefined): T | null => (value === false || value === undefined ? null : value);

/** `check_unchanged`: the Odoo id of each unchanged record, `false` for the others. */
export const unchangedAnswerSchema = z.object({
  res_ids: z.array(falseOr(id)).transform((ids) => ids.map((value) => nullIfFalse(value))),
});

// One answer per record of a batch, thousands per call: no transform per field, one pass at the end.
export const ingestAnswerSchema = z.object({
  results: z
    .array(
      z.object({
        external_id: z.string(),
        status: z.enum(INGEST_STATUSES),
        res_id: falseOr(id),
        category: falseOr(z.enum(["validation", "mapping", "odoo", "conflict"])).optional(),
        reason: falseOr(z.string()).optional(),
        event_id: falseOr(id).optional(),
      }),
    )
    .transform((results) =>
      results.map((result): IngestResult => ({
        externalId: result.external_id,
        status: result.status,
        resId: nullIfFalse(result.res_id),
        category: nullIfFalse(result.category),
        reason: nullIfFalse(result.reason),
        eventId: nullIfFalse(result.event_id),
      })),
    ),
});

export const reportAnswerSchema = z.object({ event_ids: z.array(id) });

/** `report_run`: the run's id in Odoo. */
export const runAnswerSchema = z.object({ run_id: id });

/** A webhook delivery a bridge takes on (`claim_deliveries`), under the trace id it gave the event. */
export interface DeliveryClaim {
  deliveryId: string;
  traceId: string;
  topic: string | null;
}

/** `claim_deliveries`: per delivery, whether it is the caller's to process. */
export const claimAnswerSchema = z.object({ claimed: z.array(z.boolean()) });

export const attachAnswerSchema = z.object({ stored: z.number().int().nonnegative() });

export const cursorAnswerSchema = z.object({ value: orNull(z.string()) });

export const replayQueueSchema = z.object({
  events: z.array(
    z
      .object({
        id,
        source: z.string(),
        stream: z.string(),
        external_id: orNull(z.string()),
        payload: z.unknown(),
        trace_id: orNull(z.string()).optional().default(null),
        attempts: z.number().int().nonnegative().optional().default(0),
      })
      .transform((event): ReplayEvent => ({
        id: event.id,
        source: event.source,
        stream: event.stream,
        externalId: event.external_id,
        payload: event.payload,
        traceId: event.trace_id,
        attempts: event.attempts,
      })),
  ),
});

export const requeueAnswerSchema = z.object({
  requeued: z.number().int().nonnegative(),
  reingested: z.number().int().nonnegative().optional().default(0),
});

export const statusSchema = z
  .object({
    cursors: z.array(
      z.object({
        source: z.string(),
        stream: z.string(),
        value: orNull(z.string()),
        write_date: orNull(odooDatetime).optional().default(null),
      }),
    ),
    events: z.record(z.string(), z.number().int().nonnegative()),
    dead: z.array(
      z.object({
        id,
        source: z.string(),
        stream: z.string(),
        external_id: orNull(z.string()),
        category: orNull(z.string()).optional().default(null),
        message: orNull(z.string()).optional().default(null),
      }),
    ),
    open_conflicts: z.number().int().nonnegative().optional().default(0),
  })
  .transform((status): SyncStatus => ({
    cursors: status.cursors.map((cursor) => ({
      source: cursor.source,
      stream: cursor.stream,
      value: cursor.value,
      writeDate: cursor.write_date,
    })),
    events: status.events,
    dead: status.dead.map((event) => ({
      id: event.id,
      source: event.source,
      stream: event.stream,
      externalId: event.external_id,
      category: event.category,
      message: event.message,
    })),
    openConflicts: status.open_conflicts,
  }));

/**
 * The touchpoint an `orders` record carries in `values.attribution`, the same keys for every shop
 * source (WooCommerce, Shopify, the CSV exports); Odoo's `ops.sync.stream.orders` checks them
 * (ATTRIBUTION_SCHEMA). The UTM keys are the URL parameters' own names; `utm_id` is the ad
 * platform's campaign id, which joins the revenue to that campaign's spend before any name does.
 * `landing_page` is the first page of the visit (its query string may hold `gclid`), `referrer`
 * the page that sent the visitor, `session_start` when the visit began. Absent values are `null`.
 * Odoo refuses longer texts: `source_type` 64 characters, the UTM keys and `gclid` 1,000,
 * `referrer` and `landing_page` 2,048 (cut them in the mapper: they are whatever the link said).
 */
export const ORDER_ATTRIBUTION_KEYS = [
  "source_type",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "utm_id",
  "utm_term",
  "utm_content",
  "gclid",
  "referrer",
  "landing_page",
  "session_start",
] as const;

export type OrderAttribution = { [K in Exclude<(typeof ORDER_ATTRIBUTION_KEYS)[number], "session_start">]: string | null } & {
  session_start: Date | null;
};

/**
 * One line of an `orders` record. Odoo matches its product by `sku` (the product's internal
 * reference), then by `product_external_id` through the source's `products` stream bindings; a
 * line matching neither is kept on the order, flagged for review, so an order is never refused
 * for one unknown product.
 */
export interface OrderLine {
  sku: string | null;
  product_external_id: string | null;
  name: string;
  quantity: number;
  price_unit: number;
}
