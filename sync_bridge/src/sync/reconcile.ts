/**
 * Reconciliation (`ops-bridge reconcile`): reads a stream's whole set at the vendor, validated,
 * mapped and hashed exactly as a sync does (`prepare.ts`, the gateway's content hash), and
 * compares it with Odoo's bindings batch by batch (`reconcile_diff`, one indexed query each).
 * Records missing in Odoo or changed at the source go through the normal `ingest`, under the
 * ownership rules; what it did becomes the run's lines. The stream's deletion feed, when it has
 * one, and, after a complete read, the bound records the vendor no longer returned, are deleted
 * at the source: Odoo archives or flags them as the stream's setting says. Cursors are not moved.
 */
import { APIError, errorMessage } from "../errors";
import type { FailureReport } from "../gateway";
import type { ReconcileCounts, ReconcileGateway, ReconcileLine, ReconcileRun } from "../gateway/reconcile_gateway";
import type { Source, StreamDefinition } from "../sources";
import { callOdoo, chunks, ingestReady, reportFailures, type OdooCallDeps } from "./odoo_calls";
import { mergePages, readAhead } from "./pages";
import { prepareRecord, type ReadyRecord } from "./prepare";
import type { ProgressSink } from "./progress";
import { emptyTally, type Tally } from "./tally";

export interface ReconcileDeps extends OdooCallDeps {
  gateway: OdooCallDeps["gateway"] & ReconcileGateway;
  progress?: ProgressSink;
  /** Batches in Odoo at once (1 when undefined): the next pages are read and hashed meanwhile. */
  concurrency?: number;
  now?: () => number;
}

/** One stream's run, as Odoo closed it. */
export interface ReconcileOutcome {
  runId: number;
  source: string;
  stream: string;
  state: string;
  counts: ReconcileCounts;
  /** What `ingest` did with the drifted records, and what the bridge dead-lettered. */
  tally: Tally;
  /** Why the run failed, or what it could not check (deletions when only some streams were read). */
  error: string | null;
  elapsedMs: number;
}

/** The ids of records of each stream kind that records of other streams require (guest customers of orders). */
type Prerequisites = Map<string, Set<string>>;

/** Drift of one batch, in the order of its records. */
async function reconcileBatch(
  deps: ReconcileDeps,
  source: Source,
  stream: StreamDefinition,
  run: ReconcileRun,
  ready: readonly ReadyRecord[],
  unreadable: readonly string[],
  tally: Tally,
  found: Prerequisites,
): Promise<void> {
  for (const { requires } of ready) {
    for (const prerequisite of requires) {
      const ids = found.get(prerequisite.stream) ?? new Set<string>();
      ids.add(prerequisite.record.externalId);
      found.set(prerequisite.stream, ids);
    }
  }
  const statuses = await callOdoo(deps, () =>
    deps.gateway.reconcileDiff(
      run.runId,
      ready.map((item) => item.record),
      unreadable,
      stream.mappingVersion,
    ),
  );
  const drifted: ReadyRecord[] = [];
  const categories: ReconcileLine["category"][] = [];
  ready.forEach((item, index) => {
    const status = statuses[index];
    if (status === "missing" || status === "changed") {
      drifted.push(item);
      categories.push(status);
    }
  });
  if (drifted.length === 0) return;
  const results = await ingestReady(deps, source.name, stream.name, stream.mappingVersion, drifted, tally);
  const lines = results.map((result, index): ReconcileLine => ({
    category: categories[index] as ReconcileLine["category"],
    externalId: result.externalId,
    status: result.status,
    reason: result.reason,
  }));
  for (const part of chunks(lines, deps.batchSize)) await callOdoo(deps, () => deps.gateway.reconcileLines(run.runId, part));
}

/** Reads the stream's full set and diffs it page by page; throws the vendor's `APIError` when a read fails for good. */
async function readAndDiff(
  deps: ReconcileDeps,
  source: Source,
  stream: StreamDefinition,
  run: ReconcileRun,
  tally: Tally,
  found: Prerequisites,
): Promise<void> {
  let sequence = 0;
  const started = (deps.now ?? Date.now)();
  const traceBase = `reconcile${run.runId}-${stream.name}`;
  // batches have no order to keep (no cursor moves): up to `concurrency` are in Odoo at once
  const inOdoo: Promise<void>[] = [];
  const concurrency = Math.max(1, deps.concurrency ?? 1);
  try {
    await diffPages();
  } finally {
    await Promise.allSettled(inOdoo);
  }
  await Promise.all(inOdoo);
  if (!stream.readDeleted) return;
  for await (const ids of stream.readDeleted({ since: null })) {
    for (const part of chunks(ids, deps.batchSize)) {
      await callOdoo(deps, () => deps.gateway.reconcileDeleted(run.runId, part));
    }
  }

  async function diffPages(): Promise<void> {
    for await (const page of readAhead(mergePages(stream.read({ since: null }), deps.batchSize))) {
      const ready: ReadyRecord[] = [];
      const unreadable: string[] = [];
      const failures: FailureReport[] = [];
      for (const raw of page.records) {
        sequence += 1;
        const prepared = prepareRecord(stream, raw, `${traceBase}-${sequence}`);
        if (prepared.ok) {
          ready.push(prepared.ready);
        } else {
          failures.push(prepared.failure);
          tally.dead += 1;
          if (prepared.bug) tally.bugs += 1;
          // it exists at the vendor: it must not count as deleted there
          if (prepared.failure.externalId) unreadable.push(prepared.failure.externalId);
        }
      }
      tally.read += page.records.length;
      const work = (async () => {
        await reconcileBatch(deps, source, stream, run, ready, unreadable, tally, found);
        await reportFailures(deps, source.name, stream.name, failures);
        deps.progress?.update(source.name, stream.name, tally, (deps.now ?? Date.now)() - started);
      })();
      work.catch(() => undefined); // awaited below, or by the caller's finally
      inOdoo.push(work);
      if (inOdoo.length >= concurrency) await inOdoo.shift();
    }
  }
}

/** What reading one run's stream gave, before the run is closed. */
interface Reading {
  run: ReconcileRun;
  tally: Tally;
  error: string | null;
  started: number;
}

/** Reads and diffs one run's stream; a vendor failure is kept as the reading's error. */
async function readRun(source: Source, run: ReconcileRun, deps: ReconcileDeps, found: Prerequisites): Promise<Reading> {
  const reading: Reading = { run, tally: emptyTally(), error: null, started: (deps.now ?? Date.now)() };
  const stream = source.streams.find((candidate) => candidate.name === run.stream);
  if (!stream) {
    reading.error = `${source.name} has no stream ${run.stream} in this bridge: upgrade the bridge, or ignore this run`;
    return reading;
  }
  try {
    await readAndDiff(deps, source, stream, run, reading.tally, found);
  } catch (failure) {
    if (!(failure instanceof APIError)) throw failure;
    reading.error = `${source.name} failed while reading ${run.stream}: ${failure.message}; nothing was marked deleted`;
    await reportFailures(deps, source.name, run.stream, [
      {
        externalId: null,
        traceId: `reconcile${run.runId}-${run.stream}-request`,
        category: failure.category,
        message: failure.message,
        payload: failure.response ?? null,
      },
    ]);
  }
  return reading;
}

/**
 * Runs the reconciliations `runs` (started or claimed in Odoo) of `source`'s streams: reads and
 * diffs each, then closes each. Records a stream adds to another (the guest customers of orders)
 * are never returned by that other stream's own read: they are kept as seen, and a bound record
 * counts as deleted for its absence only when every stream of the source was read in full. A vendor
 * failure closes its run as failed; Odoo failures and bugs close every open run as failed when
 * Odoo still answers, then propagate.
 */
export async function reconcileRuns(
  source: Source,
  runs: readonly ReconcileRun[],
  deps: ReconcileDeps,
): Promise<ReconcileOutcome[]> {
  const now = deps.now ?? Date.now;
  const found: Prerequisites = new Map();
  const readings: Reading[] = [];
  const closed = new Set<number>();
  try {
    for (const run of runs) readings.push(await readRun(source, run, deps, found));
    const everyStream = source.streams.every((stream) => runs.some((run) => run.stream === stream.name));
    const allRead = everyStream && readings.every((reading) => reading.error === null);
    const outcomes: ReconcileOutcome[] = [];
    for (const { run, tally, error, started } of readings) {
      for (const part of chunks([...(found.get(run.stream) ?? [])], deps.batchSize)) {
        await callOdoo(deps, () => deps.gateway.reconcileKeep(run.runId, part));
      }
      const answer = await callOdoo(deps, () => deps.gateway.reconcileFinish(run.runId, allRead, error));
      closed.add(run.runId);
      const note = error
        ? error
        : allRead
          ? null
          : everyStream
            ? "another stream of the source failed: bound records it did not return were not marked deleted"
            : `only some streams of ${source.name} were read: run it without --stream to find the records deleted at the source`;
      outcomes.push({
        runId: run.runId,
        source: source.name,
        stream: run.stream,
        state: answer.state,
        counts: answer.counts,
        tally,
        error: note,
        elapsedMs: now() - started,
      });
    }
    return outcomes;
  } catch (failure) {
    for (const run of runs) {
      if (closed.has(run.runId)) continue;
      await deps.gateway.reconcileFinish(run.runId, false, `the bridge stopped: ${errorMessage(failure)}`).catch(() => undefined);
    }
    throw failure;
  }
}

/** `ops-bridge reconcile <source> [--stream s]`: starts one run per stream, in the source's order, and runs them. */
export async function reconcileSource(
  source: Source,
  streams: readonly string[] | undefined,
  deps: ReconcileDeps,
): Promise<ReconcileOutcome[]> {
  const runs: ReconcileRun[] = [];
  for (const stream of source.streams) {
    if (streams && !streams.includes(stream.name)) continue;
    runs.push(await callOdoo(deps, () => deps.gateway.reconcileStart(source.name, stream.name)));
  }
  return reconcileRuns(source, runs, deps);
}

/**
 * `ops-bridge reconcile --pending` (and `serve`, periodically): claims the runs Odoo's nightly
 * cron requested, of `only` when given, and runs them source by source, in the source's stream
 * order. `sourceFor` makes the source of a run; when it cannot (no credentials in this bridge's
 * environment), its runs are closed as failed with why.
 */
export async function reconcilePending(
  deps: ReconcileDeps,
  sourceFor: (name: string) => Source,
  only?: string,
): Promise<ReconcileOutcome[]> {
  const outcomes: ReconcileOutcome[] = [];
  for (;;) {
    const claimed: ReconcileRun[] = [];
    for (let batch = await claim(deps, only); batch.length > 0; batch = await claim(deps, only)) claimed.push(...batch);
    if (claimed.length === 0) return outcomes;
    for (const name of new Set(claimed.map((run) => run.source))) {
      const runs = claimed.filter((run) => run.source === name);
      let source: Source;
      try {
        source = sourceFor(name);
      } catch (failure) {
        const why = `this bridge cannot read ${name}: ${errorMessage(failure)}`;
        for (const run of runs) {
          const answer = await callOdoo(deps, () => deps.gateway.reconcileFinish(run.runId, false, why));
          outcomes.push({ ...run, state: answer.state, counts: answer.counts, tally: emptyTally(), error: why, elapsedMs: 0 });
        }
        continue;
      }
      const order = (run: ReconcileRun) => source.streams.findIndex((stream) => stream.name === run.stream);
      outcomes.push(
        ...(await reconcileRuns(
          source,
          [...runs].sort((a, b) => order(a) - order(b)),
          deps,
        )),
      );
    }
  }
}

function claim(deps: ReconcileDeps, only: string | undefined): Promise<ReconcileRun[]> {
  return callOdoo(deps, () => deps.gateway.reconcileClaim({ source: only, limit: 50 }));
}
