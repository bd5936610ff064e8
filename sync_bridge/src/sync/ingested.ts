/**
 * What one run already brought into Odoo, so that a prerequisite it ingested is not sent again.
 *
 * A HubSpot contact requires its company, so every page of contacts used to send its companies
 * first, although the companies stream of the same run had just ingested them. A record is
 * remembered by stream and external id, with a digest of its values and the mapping version
 * they were sent under, once Odoo answered `created`, `updated` or `unchanged`: the same
 * prerequisite, with the same values, is then known to be in Odoo. Anything else (other values,
 * another mapping version, a record Odoo rejected or held as a conflict) is sent as before.
 */
import { createHash } from "node:crypto";
import type { IngestRecord, IngestResult } from "../gateway";
import type { StreamKind } from "../sources";

/** Past this many records of one stream the run stops remembering: prerequisites are then sent. */
export const REMEMBERED_PER_STREAM = 200_000;

const IN_ODOO = new Set<IngestResult["status"]>(["created", "updated", "unchanged"]);

function digest(record: IngestRecord, mappingVersion: number): string {
  return createHash("sha1").update(`${mappingVersion}\n${JSON.stringify(record.values)}`).digest("base64");
}

export class IngestedInRun {
  private readonly byStream = new Map<StreamKind, Map<string, string>>();

  /** Whether `record` of `stream`, with these very values, is already in Odoo from this run. */
  has(stream: StreamKind, record: IngestRecord, mappingVersion: number): boolean {
    const known = this.byStream.get(stream)?.get(record.externalId);
    return known !== undefined && known === digest(record, mappingVersion);
  }

  /** Remembers the `records` Odoo took in, from its `results` (matched by external id). */
  add(stream: StreamKind, records: readonly IngestRecord[], results: readonly IngestResult[], mappingVersion: number): void {
    const taken = new Set(results.filter((result) => IN_ODOO.has(result.status)).map((result) => result.externalId));
    let known = this.byStream.get(stream);
    if (!known) {
      known = new Map();
      this.byStream.set(stream, known);
    }
    for (const record of records) {
      if (!taken.has(record.externalId)) {
        known.delete(record.externalId);
      } else if (known.size < REMEMBERED_PER_STREAM || known.has(record.externalId)) {
        known.set(record.externalId, digest(record, mappingVersion));
      }
    }
  }
}
