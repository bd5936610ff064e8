/**
 * The synchronizer's calls to Odoo: batched `ingest` with prerequisites first, dead-letter
 * reports, all through the patient Odoo retry policy so that a restart of the server only
 * pauses a run. A batch Odoo refuses as a whole (a payload it cannot parse, say) is split in
 * halves until the record at fault is alone; if every record fails on its own, the problem is
 * not the data and the run stops instead of dead-lettering everything.
 */
import { FatalOdooError, OdooAuthError, OdooNotFoundError, errorMessage } from "../errors";
import type { FailureReport, IngestRecord, IngestResult, SyncGateway } from "../gateway";
import { withRetry, type RetryHooks, type RetryPolicy } from "../retry";
import type { SourceName, StreamKind } from "../sources";
import type { IngestedInRun } from "./ingested";
import { causeOf, failureMessage } from "./messages";
import type { ReadyRecord } from "./prepare";
import { countResults, type Tally } from "./tally";
import type { UnchangedProbe } from "./unchanged_probe";

export interface OdooCallDeps {
  gateway: SyncGateway;
  odooRetry: RetryPolicy;
  retryHooks?: RetryHooks;
  /** Records per `ingest` call. */
  batchSize: number;
}

/** Runs one gateway call with the Odoo retry policy. */
export function callOdoo<T>(deps: OdooCallDeps, call: () => Promise<T>): Promise<T> {
  return withRetry(call, deps.odooRetry, deps.retryHooks);
}

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += Math.max(1, size)) out.push(items.slice(index, index + Math.max(1, size)));
  return out;
}

const MAX_STRING = 2000;
const MAX_PAYLOAD = 64_000;

/** A payload small enough for the event log: long strings are cut, saying by how much. */
export function boundedPayload(payload: unknown): unknown {
  let size: number;
  try {
    size = JSON.stringify(payload ?? null).length;
  } catch {
    return { unserializable: String(payload).slice(0, MAX_STRING) };
  }
  if (size <= MAX_PAYLOAD) return payload;
  const cut = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") {
      return value.length > MAX_STRING
        ? `${value.slice(0, MAX_STRING)}… [${value.length - MAX_STRING} more characters cut]`
        : value;
    }
    if (depth > 8 || typeof value !== "object" || value === null) return value;
    if (Array.isArray(value)) return value.slice(0, 200).map((item) => cut(item, depth + 1));
    return Object.fromEntries(
      Object.entries(value)
        .slice(0, 200)
        .map(([key, item]) => [key.slice(0, 200), cut(item, depth + 1)]),
    );
  };
  return cut(payload, 0);
}

/** Dead-letters `failures` in Odoo, 100 per call, payloads bounded. */
export async function reportFailures(
  deps: OdooCallDeps,
  source: SourceName,
  stream: string,
  failures: readonly FailureReport[],
): Promise<void> {
  for (const part of chunks(failures, 100)) {
    const bounded = part.map((failure) => ({ ...failure, payload: boundedPayload(failure.payload) }));
    await callOdoo(deps, () => deps.gateway.reportFailures(source, stream, bounded));
  }
}

/** Whether a fatal error may be the data's fault (not the credentials' or a missing addon's). */
function mayBeData(error: unknown): error is FatalOdooError {
  return error instanceof FatalOdooError && !(error instanceof OdooAuthError) && !(error instanceof OdooNotFoundError);
}

interface ChunkOutcome {
  results: IngestResult[];
  /** Records Odoo refused even alone, with its error. */
  refused: { record: IngestRecord; error: FatalOdooError }[];
}

async function ingestSplitting(
  deps: OdooCallDeps,
  source: SourceName,
  stream: StreamKind,
  mappingVersion: number,
  records: readonly IngestRecord[],
): Promise<ChunkOutcome> {
  try {
    return { results: await callOdoo(deps, () => deps.gateway.ingest(source, stream, records, mappingVersion)), refused: [] };
  } catch (error) {
    if (!mayBeData(error)) throw error;
    if (records.length === 1) {
      const record = records[0] as IngestRecord;
      const result: IngestResult = {
        externalId: record.externalId,
        status: "rejected",
        resId: null,
        category: "odoo",
        reason: error.message,
        eventId: null,
      };
      return { results: [result], refused: [{ record, error }] };
    }
    const middle = Math.ceil(records.length / 2);
    const first = await ingestSplitting(deps, source, stream, mappingVersion, records.slice(0, middle));
    const second = await ingestSplitting(deps, source, stream, mappingVersion, records.slice(middle));
    return { results: [...first.results, ...second.results], refused: [...first.refused, ...second.refused] };
  }
}

/**
 * Asks Odoo which of `records` it already holds, when `probe` says asking pays; resolves to their
 * Odoo ids (`null` for the others), or to `undefined` when it did not ask.
 */
async function askUnchanged(
  deps: OdooCallDeps,
  source: SourceName,
  stream: StreamKind,
  mappingVersion: number,
  records: readonly IngestRecord[],
  probe: UnchangedProbe | undefined,
): Promise<(number | null)[] | undefined> {
  if (!probe?.wants(stream)) return undefined;
  let resIds: (number | null)[];
  try {
    resIds = await callOdoo(deps, () => deps.gateway.checkUnchanged(source, stream, records, mappingVersion));
  } catch (error) {
    if (!(error instanceof FatalOdooError) || error instanceof OdooAuthError) throw error;
    probe.disable(errorMessage(error)); // an Odoo without check_unchanged: send everything, as before
    return undefined;
  }
  probe.found(stream, records.length, resIds.filter((resId) => resId !== null).length);
  return resIds;
}

/**
 * Ingests one chunk; a record Odoo refuses alone is dead-lettered under `odoo`. Records Odoo
 * says it holds with the same values (see `unchanged_probe.ts`) are not sent: they are `unchanged`.
 */
async function ingestChunk(
  deps: OdooCallDeps,
  source: SourceName,
  stream: StreamKind,
  mappingVersion: number,
  records: readonly IngestRecord[],
  probe?: UnchangedProbe,
): Promise<IngestResult[]> {
  const held = await askUnchanged(deps, source, stream, mappingVersion, records, probe);
  const toSend = held ? records.filter((_record, index) => held[index] === null) : records;
  const outcome =
    toSend.length > 0 ? await ingestSplitting(deps, source, stream, mappingVersion, toSend) : { results: [], refused: [] };
  if (outcome.refused.length > 1 && outcome.refused.length === toSend.length) {
    // Every record fails on its own: Odoo refuses the call, not the data.
    throw outcome.refused[0]?.error;
  }
  await reportFailures(
    deps,
    source,
    stream,
    outcome.refused.map(({ record, error }) => ({
      externalId: record.externalId,
      traceId: record.traceId,
      category: "odoo" as const,
      message: failureMessage(source, stream, record.externalId, "odoo", "was not saved: Odoo refused it", errorMessage(error)),
      cause: causeOf(`Odoo refused it: ${errorMessage(error)}`),
      payload: record.payload,
    })),
  );
  if (!held) return outcome.results;
  const sent = outcome.results[Symbol.iterator]();
  return records.map((record, index): IngestResult => {
    const resId = held[index] ?? null;
    return resId === null
      ? (sent.next().value as IngestResult)
      : { externalId: record.externalId, status: "unchanged", resId, category: null, reason: null, eventId: null };
  });
}

/**
 * Ingests prepared records of `stream`: first the records they require in other streams (each
 * once, and none that `ingested` says this run already brought in with the same values), then
 * the records themselves in batches, each first past `probe` when given. Counts into `tally`;
 * resolves to the results of `ready`'s records, in order.
 */
export async function ingestReady(
  deps: OdooCallDeps,
  source: SourceName,
  stream: StreamKind,
  mappingVersion: number,
  ready: readonly ReadyRecord[],
  tally: Tally,
  ingested?: IngestedInRun,
  probe?: UnchangedProbe,
): Promise<IngestResult[]> {
  const required = new Map<StreamKind, Map<string, IngestRecord>>();
  for (const { requires } of ready) {
    for (const prerequisite of requires) {
      if (ingested?.has(prerequisite.stream, prerequisite.record, mappingVersion)) continue;
      const byId = required.get(prerequisite.stream) ?? new Map<string, IngestRecord>();
      byId.set(prerequisite.record.externalId, prerequisite.record);
      required.set(prerequisite.stream, byId);
    }
  }
  for (const [kind, byId] of required) {
    for (const part of chunks([...byId.values()], deps.batchSize)) {
      const results = await ingestChunk(deps, source, kind, mappingVersion, part, probe);
      ingested?.add(kind, part, results, mappingVersion);
      tally.prerequisites += part.length;
    }
  }
  const results: IngestResult[] = [];
  for (const part of chunks(
    ready.map((item) => item.record),
    deps.batchSize,
  )) {
    const partResults = await ingestChunk(deps, source, stream, mappingVersion, part, probe);
    ingested?.add(stream, part, partResults, mappingVersion);
    results.push(...partResults);
  }
  countResults(tally, results);
  return results;
}
