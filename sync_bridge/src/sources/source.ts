/**
 * What a source is to the synchronizer (`../sync/`): an ordered list of streams, each of which
 * reads pages of raw vendor records, validates one record with zod and maps it, with a pure
 * function, to the canonical values of its stream kind (see the sync contract with Odoo).
 */
import type { z } from "zod";
import type { StreamKind } from "./stream_kinds";

export type { StreamKind } from "./stream_kinds";

/** Canonical values of one record, as the Odoo side's `ingest` expects them for the stream kind. */
export type CanonicalValues = Readonly<Record<string, unknown>>;

/** One vendor record turned into what Odoo ingests. */
export interface MappedRecord {
  /** The vendor's id, unique within the source and stream kind. */
  externalId: string;
  /** Dates are `Date` objects (the gateway writes them as UTC), day-only dates are "YYYY-MM-DD". */
  values: CanonicalValues;
  /** When the vendor last changed the record, for Odoo's `newest_wins` ownership rule. */
  modifiedAt: Date | null;
  /** Records of other streams this one needs in Odoo first, e.g. the guest customer of an order. */
  requires?: readonly Prerequisite[];
}

/** A record of another stream that must be ingested before the one that names it. */
export interface Prerequisite {
  stream: StreamKind;
  record: MappedRecord;
}

/** A page of raw records, and the cursor to store once every one of them is in Odoo. */
export interface SourcePage {
  records: readonly unknown[];
  /** Where the next run may start; `undefined` leaves the stored cursor as it is. */
  cursor?: string;
  /** Something the user should read, e.g. "companies.csv is unchanged since the last sync". */
  note?: string;
}

/** Where a read starts. */
export interface ReadOptions {
  /** The stored cursor, or the `--since` date as an ISO string; `null` reads everything. */
  since: string | null;
  /**
   * Where a windowed read stops (ISO datetime, exclusive): only for streams that declare
   * `windowed`; undefined or `null` reads to the end.
   */
  until?: string | null;
}

/** One stream of a source: the synchronizer's unit of reading, cursors and batching. */
export interface StreamDefinition<Raw = unknown> {
  readonly name: StreamKind;
  /** Bump when the mapper changes meaning, so that Odoo rewrites records whose hash it knows. */
  readonly mappingVersion: number;
  /** Validates one raw record at the boundary; a failure dead-letters that record. */
  readonly schema: z.ZodType<Raw>;
  /** Pure: the same raw record always gives the same result. Throws `MappingError`. */
  map(record: Raw): MappedRecord;
  /** The vendor id of a record that may not even be valid, for the dead-letter queue. */
  externalIdOf(raw: unknown): string | null;
  /**
   * Set when `read` honours `options.until` and its cursors are ISO datetimes: the stream can then
   * be read in windows of modification times, by several bridges side by side (`windowHours`).
   */
  readonly windowed?: boolean;
  /** Reads the pages changed since `options.since` (inclusive), oldest first. */
  read(options: ReadOptions): AsyncIterable<SourcePage>;
  /**
   * Override where the vendor reports deletions (HubSpot's archived records, Salesforce's
   * `queryAll` with `IsDeleted`, Shopify's deletion events): the ids of records deleted or archived
   * at the source since `options.since` (everything when `null`), page by page. Reconciliation
   * (`ops-bridge reconcile`) reads it; without it, a record bound in Odoo that a full read no
   * longer returns counts as deleted at the source.
   */
  readDeleted?(options: ReadOptions): AsyncIterable<readonly string[]>;
  /**
   * Override to fetch records by their vendor ids, as `read` would return them (thin webhooks
   * name an object; `ops-bridge serve` fetches it whole). Ids the vendor does not know are left out.
   */
  readByIds?(ids: readonly string[]): Promise<unknown[]>;
  /**
   * Override to return whether `candidate` is further than `current`; cursors only move forward,
   * so a `--full` re-read does not drag them back. The default compares ISO dates as strings.
   */
  isAfter?(candidate: string, current: string): boolean;
}

/** `isAfter` for cursors that are ISO dates or datetimes in one format (they sort as strings). */
export function isoIsAfter(candidate: string, current: string): boolean {
  return candidate > current;
}

/** `externalIdOf` for records whose id is a top-level `id` (string or number). */
export function topLevelId(raw: unknown, key = "id"): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const value = (raw as Record<string, unknown>)[key];
  if (typeof value === "string" && value !== "" && value.length <= 64) return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return null;
}
