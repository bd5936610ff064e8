/**
 * What one run already brought into Odoo, so that a prerequisite it ingested is not sent again.
 *
 * A WooCommerce guest order requires its guest customer, and a guest who orders again is on
 * page after page: each page used to send that customer again. Once a stream's records have
 * been asked for as prerequisites, the run remembers the ones Odoo took in (`created`,
 * `updated` or `unchanged`), by external id, with a digest of their values and the mapping
 * version they were sent under: the same prerequisite, with the same values, is then known to
 * be in Odoo. Anything else (other values, another mapping version, a record Odoo rejected or
 * held as a conflict) is sent as before. Streams nobody requires cost nothing.
 */
import { createHash } from "node:crypto";
import type { IngestRecord, IngestResult } from "../gateway";
import type { StreamKind } from "../sources";

/** Past this many records of one stream the run stops remembering: prerequisites are then sent. */
export const REMEMBERED_PER_STREAM = 200_000;

const IN_ODOO = new Set<IngestResult["status"]>(["created", "updated", "unchanged"]);

function digest(record: IngestRecord, mappingVersion: number): string {
  return createHash("sha1")
    .update(`${mappingVersion}\n${JSON.stringify(record.values)}`)
    .digest("base64");
}

export class IngestedInRun {
  /** Only the streams asked for as prerequisites have an entry. */
  private readonly byStream = new Map<StreamKind, Map<string, string>>();

  /** Whether `record` of `stream`, with these very values, is already in Odoo from this run. */
  has(stream: StreamKind, record: IngestRecord, mappingVersion: number): boolean {
    let known = this.byStream.get(stream);
    if (!known) {
      known = new Map();
      this.byStream.set(stream, known);
    }
    const digested = known.get(record.externalId);
    return digested !== undefined && digested === digest(record, mappingVersion);
  }

  /** Remembers the `records` Odoo took in, from its `results` (matched by external id). */
  add(stream: StreamKind, records: readonly IngestRecord[], results: readonly IngestResult[], mappingVersion: number): void {
    const known = this.byStream.get(stream);
    if (!known) return;
    const taken = new Set(results.filter((result) => IN_ODOO.has(result.status)).map((result) => result.externalId));
    for (const record of records) {
      if (!taken.has(record.externalId)) {
        known.delete(record.externalId);
      } else if (known.size < REMEMBERED_PER_STREAM || known.has(record.externalId)) {
        known.set(record.externalId, digest(record, mappingVersion));
      }
    }
  }
}
