/**
 * The synchronizer: reads a source's streams page by page, validates and maps each record,
 * ingests the page in batches, dead-letters what cannot come in, and only then stores the
 * page's cursor in Odoo. It keeps no state of its own: killed at any moment, the next run
 * starts from the last stored cursor and Odoo's idempotent `ingest` answers `unchanged` for the
 * records it already has, so every record ends up in Odoo exactly once. Cursors only move
 * forward: a `--full` or `--since` re-read leaves the stored one alone until it passes it.
 */
import { randomUUID } from "node:crypto";
import { APIError, AuthAPIError } from "../errors";
import type { FailureReport } from "../gateway";
import type { Source, StreamDefinition, StreamKind } from "../sources";
import { isoIsAfter } from "../sources/source";
import { IngestedInRun } from "./ingested";
import { callOdoo, ingestReady, reportFailures, type OdooCallDeps } from "./odoo_calls";
import { mergePages, readAhead, type MergedPage } from "./pages";
import { prepareRecord, type ReadyRecord } from "./prepare";
import { silentProgress, type ProgressSink } from "./progress";
import { countFailure, emptyTally, type StreamOutcome, type Tally } from "./tally";
import { UnchangedProbe } from "./unchanged_probe";

export interface SyncOptions {
  /** Only these streams (in the source's order); all of them when undefined. */
  streams?: readonly StreamKind[];
  /** Ignore the stored cursors and read everything. */
  full?: boolean;
  /** Start reading at this date instead of the stored cursor. */
  since?: Date;
}

export interface SyncDeps extends OdooCallDeps {
  /** Pages of one stream in Odoo at once (1 when undefined); cursors still move in page order. */
  concurrency?: number;
  progress?: ProgressSink;
  /** Makes the run's trace ids; tests pin it. */
  newRunId?: () => string;
  now?: () => number;
}

/** A whole run of one source. */
export interface SyncReport {
  source: Source["name"];
  runId: string;
  streams: StreamOutcome[];
  elapsedMs: number;
  /** False when a stream stopped early or a mapper had a bug. */
  ok: boolean;
}

/** What the streams of one run share. */
interface RunShared {
  /** A stream's records that a later stream requires are not sent again (see ingested.ts). */
  ingested: IngestedInRun;
  /** Records Odoo already holds are not sent either (see unchanged_probe.ts). */
  probe: UnchangedProbe;
}

/** One stream of the run. */
class StreamRun {
  readonly tally: Tally = emptyTally();
  readonly notes: string[] = [];
  private sequence = 0;

  constructor(
    private readonly source: Source,
    private readonly stream: StreamDefinition,
    private readonly deps: SyncDeps,
    private readonly runId: string,
    private readonly started: number,
    private readonly shared: RunShared,
  ) {}

  private get now(): number {
    return (this.deps.now ?? Date.now)();
  }

  note(text: string): void {
    this.notes.push(text);
    this.deps.progress?.note(`${this.source.name}/${this.stream.name}: ${text}`);
  }

  /** Validates, maps, ingests and dead-letters one page's records. */
  async ingestPage(page: MergedPage): Promise<void> {
    const ready: ReadyRecord[] = [];
    const failures: FailureReport[] = [];
    for (const raw of page.records) {
      this.sequence += 1;
      const prepared = prepareRecord(this.stream, raw, `${this.runId}-${this.stream.name}-${this.sequence}`);
      if (prepared.ok) {
        ready.push(prepared.ready);
      } else {
        failures.push(prepared.failure);
        countFailure(this.tally, prepared.failure.category);
        if (prepared.bug) this.tally.bugs += 1;
      }
    }
    this.tally.read += page.records.length;
    await ingestReady(
      this.deps,
      this.source.name,
      this.stream.name,
      this.stream.mappingVersion,
      ready,
      this.tally,
      this.shared.ingested,
      this.shared.probe,
    );
    await reportFailures(this.deps, this.source.name, this.stream.name, failures);
    this.deps.progress?.update(this.source.name, this.stream.name, this.tally, this.now - this.started);
  }

  /** A request to the vendor failed for good: dead-letter it (it is not a record) and say so. */
  async reportStop(error: APIError): Promise<void> {
    await reportFailures(this.deps, this.source.name, this.stream.name, [
      {
        externalId: null,
        traceId: `${this.runId}-${this.stream.name}-request`,
        category: error.category,
        message: error.message,
        payload: error.response ?? null,
      },
    ]);
  }
}

/** A stream opened for reading: its stored cursor and its pages, both asked for already. */
interface OpenedStream {
  stream: StreamDefinition;
  stored: Promise<string | null>;
  pages: AsyncIterable<MergedPage>;
  opened: number;
}

/**
 * Asks Odoo for `stream`'s stored cursor and starts reading its pages: from the cursor, or at
 * once when the options say where to start (`--full`, `--since`). Nothing is ingested here.
 */
function openStream(source: Source, stream: StreamDefinition, options: SyncOptions, deps: SyncDeps): OpenedStream {
  const opened = (deps.now ?? Date.now)();
  const stored = callOdoo(deps, () => deps.gateway.getCursor(source.name, stream.name));
  stored.catch(() => undefined); // awaited by syncStream
  const given = options.since ? options.since.toISOString() : options.full ? null : undefined;
  async function* pages(): AsyncIterable<MergedPage> {
    const since = given !== undefined ? given : await stored;
    // the vendor's next page is asked for as soon as one arrives, so that the vendor works on it
    // while the bridge checks and maps the records it has; merged pages are read ahead too
    yield* mergePages(stream.read({ since }), deps.batchSize);
  }
  return { stream, stored, pages: readAhead(pages()), opened };
}

/**
 * Syncs one opened stream; resolves to its outcome, and whether the source must stop
 * (credentials refused). Calls `allRead` once its last page is read, while that page may still
 * be in Odoo. Rethrows Odoo failures and bugs.
 */
async function syncStream(
  source: Source,
  open: OpenedStream,
  deps: SyncDeps,
  runId: string,
  shared: RunShared,
  allRead?: () => void,
): Promise<{ outcome: StreamOutcome; stopSource: boolean }> {
  const now = deps.now ?? Date.now;
  const { stream, opened: started } = open;
  const run = new StreamRun(source, stream, deps, runId, started, shared);
  const stored = await open.stored;
  let cursor = stored;
  const outcome = (completed: boolean, error: string | null): StreamOutcome => ({
    source: source.name,
    stream: stream.name,
    tally: run.tally,
    completed,
    error,
    cursor,
    notes: run.notes,
    elapsedMs: now() - started,
  });
  // Pages in Odoo, oldest first. A page's cursor is stored once it and every page before it are in.
  const pending: { work: Promise<void>; cursor: string | undefined }[] = [];
  const settleOldest = async (): Promise<void> => {
    const oldest = pending.shift() as (typeof pending)[number];
    await oldest.work;
    if (oldest.cursor !== undefined && (cursor === null || (stream.isAfter ?? isoIsAfter)(oldest.cursor, cursor))) {
      const value = oldest.cursor;
      await callOdoo(deps, () => deps.gateway.setCursor(source.name, stream.name, value));
      cursor = value;
    }
  };
  const settleAll = async (): Promise<void> => {
    try {
      while (pending.length > 0) await settleOldest();
    } finally {
      // On a failure, let the pages still in Odoo finish before the error goes up; their cursors stay unstored.
      await Promise.allSettled(pending.splice(0).map((page) => page.work));
    }
  };
  const concurrency = Math.max(1, deps.concurrency ?? 1);
  try {
    for await (const page of open.pages) {
      for (const note of page.notes) run.note(note);
      const work = run.ingestPage(page);
      work.catch(() => undefined); // awaited in page order by settleOldest
      pending.push({ work, cursor: page.cursor });
      if (pending.length >= concurrency) await settleOldest();
    }
    allRead?.();
    await settleAll();
  } catch (error) {
    if (!(error instanceof APIError)) {
      // Odoo failed or a bug: wait for the pages still in Odoo, store no cursor past the failure.
      await Promise.allSettled(pending.splice(0).map((page) => page.work));
      throw error;
    }
    // The vendor failed for good: the pages read before are sound; finish them and their cursors.
    await settleAll();
    await run.reportStop(error);
    countFailure(run.tally, error.category);
    return { outcome: outcome(false, error.message), stopSource: error instanceof AuthAPIError };
  }
  return { outcome: outcome(true, null), stopSource: false };
}

/**
 * Syncs `source`'s streams in order. A stream whose vendor requests fail for good is reported
 * and the run goes on with the next one; refused credentials stop the source; Odoo failures
 * (after the patient retries) and bugs propagate.
 */
export async function syncSource(source: Source, options: SyncOptions, deps: SyncDeps): Promise<SyncReport> {
  const now = deps.now ?? Date.now;
  const started = now();
  const runId = (deps.newRunId ?? (() => randomUUID().slice(0, 8)))();
  const wanted = options.streams;
  const streams = wanted ? source.streams.filter((stream) => wanted.includes(stream.name)) : source.streams;
  const outcomes: StreamOutcome[] = [];
  const progress = deps.progress ?? silentProgress;
  const shared: RunShared = {
    ingested: new IngestedInRun(),
    probe: new UnchangedProbe((reason) =>
      progress.note(
        `${source.name}: Odoo cannot tell unchanged records by their hashes (${reason}); every record is sent in full`,
      ),
    ),
  };
  // the next stream is opened once the current one is read: its cursor and first pages come in
  // while the current one's last pages are in Odoo. Its records go to Odoo only after those.
  let next: OpenedStream | undefined;
  try {
    for (const [index, stream] of streams.entries()) {
      const open = next ?? openStream(source, stream, options, deps);
      next = undefined;
      const following = streams[index + 1];
      const openFollowing = following
        ? () => {
            next ??= openStream(source, following, options, deps);
          }
        : undefined;
      const { outcome, stopSource } = await syncStream(source, open, deps, runId, shared, openFollowing);
      outcomes.push(outcome);
      if (stopSource) break;
    }
  } finally {
    progress.finish();
  }
  const ok = outcomes.every((outcome) => outcome.completed && outcome.tally.bugs === 0) && outcomes.length === streams.length;
  return { source: source.name, runId, streams: outcomes, elapsedMs: now() - started, ok };
}
