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
import type { Source, StreamDefinition, StreamKind } from "../sources";
import { isoIsAfter } from "../sources/source";
import { IngestedInRun } from "./ingested";
import { StreamLeases, leaseHolder, planGrid, type HeldLease, type LeaseSettings } from "./leases";
import { callOdoo, reportFailures, type OdooCallDeps } from "./odoo_calls";
import { mergePages, readAhead, type MergedPage } from "./pages";
import { requestFailure } from "./messages";
import { ingestTraced } from "./ingest_records";
import { silentProgress, type ProgressSink } from "./progress";
import { reportRun } from "./run_log";
import { countFailure, emptyTally, streamOutcome, type StreamOutcome, type Tally } from "./tally";
import { UnchangedProbe } from "./unchanged_probe";
import { syncWindows } from "./windows";
import type { PlannedWindow } from "../gateway";

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
  /** How streams are shared with other bridges (see leases.ts); the defaults when undefined. */
  leases?: LeaseSettings;
  /** Waits between lease requests; tests make it instant. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Hours per window of a windowed read (0 or undefined: whole streams): streams that can read a
   * window are then read window by window, side by side with other bridges (see windows.ts).
   */
  windowHours?: number;
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
    const records = page.records.map((raw) => {
      this.sequence += 1;
      return { raw, traceId: `${this.runId}-${this.stream.name}-${this.sequence}` };
    });
    await ingestTraced(this.deps, this.source.name, this.stream, records, this.tally, this.shared);
    this.deps.progress?.update(this.source.name, this.stream.name, this.tally, this.now - this.started);
  }

  /** A request to the vendor failed for good: dead-letter it (it is not a record) and say so. */
  async reportStop(error: APIError): Promise<void> {
    await reportFailures(this.deps, this.source.name, this.stream.name, [
      requestFailure(this.source.name, this.stream.name, error, `${this.runId}-${this.stream.name}-request`),
    ]);
  }
}

/** A stream opened for reading: its stored cursor and its pages, both asked for already. */
export interface OpenedStream {
  stream: StreamDefinition;
  stored: Promise<string | null>;
  pages: AsyncIterable<MergedPage>;
  opened: number;
  /** False for a window: its cursors are reported when it is done, and Odoo moves the stream's. */
  storeCursor: boolean;
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
  return { stream, stored, pages: readAhead(pages()), opened, storeCursor: true };
}

/** Starts reading one window of `stream`: from `since` to `until` (open when null). */
export function openWindow(stream: StreamDefinition, since: string, until: string | null, deps: SyncDeps): OpenedStream {
  const pages = mergePages(stream.read({ since, until }), deps.batchSize);
  return { stream, stored: Promise.resolve(null), pages: readAhead(pages), opened: (deps.now ?? Date.now)(), storeCursor: false };
}

/**
 * Syncs one opened stream; resolves to its outcome, and whether the source must stop
 * (credentials refused). Calls `allRead` once its last page is read, while that page may still
 * be in Odoo. Rethrows Odoo failures and bugs.
 */
export async function syncStream(
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
  const outcome = (completed: boolean, error: string | null): StreamOutcome =>
    streamOutcome(source.name, stream.name, {
      tallies: [run.tally],
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
      if (open.storeCursor) await callOdoo(deps, () => deps.gateway.setCursor(source.name, stream.name, value));
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

/** A stream whose lease this bridge took and that it started reading, or who holds it instead. */
type Claimed =
  | { open: OpenedStream; lease: HeldLease }
  | { stream: StreamDefinition; heldBy: string }
  | { stream: StreamDefinition; lower: string; windows: PlannedWindow[] };

/**
 * Syncs `source`'s streams in order. A stream whose vendor requests fail for good is reported
 * and the run goes on with the next one; refused credentials stop the source; Odoo failures
 * (after the patient retries) and bugs propagate. A stream another bridge is reading is waited
 * for, then read from where that bridge left its cursor (see leases.ts): the streams after it may
 * refer to its records, so the run does not go past it.
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
  const leases = new StreamLeases(source.name, leaseHolder(runId), { ...deps, progress }, deps.leases, deps.sleep);
  const claim = async (stream: StreamDefinition): Promise<Claimed> => {
    if (deps.windowHours && stream.windowed && leases.sharesWindows && !options.full) {
      const lower =
        options.since?.toISOString() ?? (await callOdoo(deps, () => deps.gateway.getCursor(source.name, stream.name)));
      if (lower) return { stream, lower, windows: planGrid(lower, now(), deps.windowHours) };
    }
    const outcome = await leases.tryAcquire(stream.name);
    if ("held" in outcome) return { open: openStream(source, stream, options, deps), lease: outcome.held };
    return { stream, heldBy: "heldBy" in outcome ? outcome.heldBy : "another bridge" };
  };
  // the next stream is opened once the current one is read: its cursor and first pages come in
  // while the current one's last pages are in Odoo. Its records go to Odoo only after those.
  let next: Promise<Claimed> | undefined;
  try {
    for (const [index, stream] of streams.entries()) {
      let claimed = await (next ?? claim(stream));
      next = undefined;
      if ("windows" in claimed) {
        const readWindow = (windowed: StreamDefinition, since: string, until: string | null) =>
          syncStream(source, openWindow(windowed, since, until, deps), deps, runId, shared);
        const synced = await syncWindows(source, stream, claimed.lower, claimed.windows, leases, readWindow);
        outcomes.push(synced.outcome);
        await reportRun({ ...deps, progress }, synced.outcome, runId);
        if (synced.stopSource) break;
        continue;
      }
      if ("heldBy" in claimed) {
        const lease = await leases.acquireWhenFree(stream.name, claimed.heldBy);
        if (lease === null) {
          outcomes.push(leftToOther(source, stream, claimed.heldBy));
          break; // the streams after it may refer to its records
        }
        claimed = { open: openStream(source, stream, options, deps), lease };
      }
      const following = streams[index + 1];
      const openFollowing = following
        ? () => {
            next ??= claim(following);
            next.catch(() => undefined); // awaited by the next turn
          }
        : undefined;
      let stopSource: boolean;
      try {
        const synced = await syncStream(source, claimed.open, deps, runId, shared, openFollowing);
        outcomes.push(synced.outcome);
        await reportRun({ ...deps, progress }, synced.outcome, runId);
        stopSource = synced.stopSource;
      } finally {
        await claimed.lease.release().catch(() => undefined); // unreleased, it expires by itself
      }
      if (stopSource) break;
    }
  } finally {
    const pending = next as Promise<Claimed> | undefined;
    if (pending)
      await pending.then((claimed) => ("lease" in claimed ? claimed.lease.release() : undefined)).catch(() => undefined);
    progress.finish();
  }
  const ok = outcomes.every((outcome) => outcome.completed && outcome.tally.bugs === 0) && outcomes.length === streams.length;
  return { source: source.name, runId, streams: outcomes, elapsedMs: now() - started, ok };
}

/** The outcome of a stream another bridge kept reading for longer than this run would wait. */
function leftToOther(source: Source, stream: StreamDefinition, heldBy: string): StreamOutcome {
  return streamOutcome(source.name, stream.name, {
    completed: false,
    error: `${heldBy} was still reading it when this run stopped waiting; it is left to that bridge`,
  });
}
