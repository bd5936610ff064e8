/**
 * One step of the synchronizer, for records that did not come from a page read: validate and map
 * each raw record (`prepare.ts`), ingest what is ready with its prerequisites (`odoo_calls.ts`),
 * dead-letter the rest. Each record keeps the trace id it came with (a webhook's event), so that
 * Odoo's events, bindings and messages point back to the delivery.
 */
import type { FailureReport } from "../gateway";
import type { SourceName, StreamDefinition } from "../sources";
import type { IngestedInRun } from "./ingested";
import { ingestReady, reportFailures, type OdooCallDeps } from "./odoo_calls";
import { prepareRecord, type ReadyRecord } from "./prepare";
import { countFailure, emptyTally, type Tally } from "./tally";
import type { UnchangedProbe } from "./unchanged_probe";

/** A raw vendor record and the trace id it travels under. */
export interface TracedRecord {
  raw: unknown;
  traceId: string;
}

/** What a run's streams share (see runner.ts): records already sent, and the unchanged probe. */
export interface RunMemory {
  ingested?: IngestedInRun;
  probe?: UnchangedProbe;
}

/**
 * Validates, maps, ingests and dead-letters `records` of `stream`: a page of a scheduled sync, or
 * a webhook's records; resolves to the stream's counts. Odoo failures (after the patient retries)
 * propagate.
 */
export async function ingestTraced(
  deps: OdooCallDeps,
  source: SourceName,
  stream: StreamDefinition,
  records: readonly TracedRecord[],
  tally: Tally = emptyTally(),
  memory: RunMemory = {},
): Promise<Tally> {
  const ready: ReadyRecord[] = [];
  const failures: FailureReport[] = [];
  for (const { raw, traceId } of records) {
    const prepared = prepareRecord(stream, raw, traceId, source);
    if (prepared.ok) {
      ready.push(prepared.ready);
    } else {
      failures.push(prepared.failure);
      countFailure(tally, prepared.failure.category);
      if (prepared.bug) tally.bugs += 1;
    }
  }
  tally.read += records.length;
  await ingestReady(deps, source, stream.name, stream.mappingVersion, ready, tally, memory.ingested, memory.probe);
  await reportFailures(deps, source, stream.name, failures);
  return tally;
}
