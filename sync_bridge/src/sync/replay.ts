/**
 * `ops-bridge replay`: brings in the events Odoo queued for the bridge (state `received`, set by
 * the Replay buttons, or by `--event`/`--dead` through `requeue_events`). Their stored payload
 * is validated and mapped again, with today's code and config, then ingested; so fixing a
 * mapping and replaying brings dead records in. Each event is handled at most once per run,
 * whatever Odoo answers, so a payload that still fails cannot loop.
 */
import type { FailureReport, ReplayEvent } from "../gateway";
import { isSourceName, type Source, type SourceName, type StreamDefinition } from "../sources";
import { callOdoo, ingestReady, reportFailures, type OdooCallDeps } from "./odoo_calls";
import { causeOf, failureMessage } from "./messages";
import { prepareRecord, type ReadyRecord } from "./prepare";
import { countFailure, emptyTally, type Tally } from "./tally";

export interface ReplayOptions {
  /** Requeue this event first. */
  eventId?: number;
  /** Requeue every dead event first. */
  dead?: boolean;
  /** Events fetched per round. */
  limit?: number;
}

export interface ReplayDeps extends OdooCallDeps {
  /** The source whose schemas and mappers re-read a payload (no network is used). */
  sourceFor: (name: SourceName) => Source;
}

export interface ReplayReport {
  /** Events put back in the queue by `requeue_events`, and those Odoo re-ingested itself. */
  requeued: number;
  reingestedInOdoo: number;
  /** Events the bridge took from the queue. */
  replayed: number;
  /** What became of them. */
  tally: Tally;
  /** Events closed as done. */
  closed: number;
}

function findStream(event: ReplayEvent, deps: ReplayDeps): StreamDefinition | string {
  if (!isSourceName(event.source)) return `unknown source "${event.source}"`;
  const source = deps.sourceFor(event.source);
  return (
    source.streams.find((stream) => stream.name === event.stream) ?? `source ${event.source} has no stream "${event.stream}"`
  );
}

/** Replays one group of events of the same source and stream. */
async function replayGroup(events: ReplayEvent[], deps: ReplayDeps, tally: Tally): Promise<number[]> {
  const first = events[0] as ReplayEvent;
  const source = first.source as SourceName;
  const stream = findStream(first, deps);
  const failures: FailureReport[] = [];
  const ready: { event: ReplayEvent; item: ReadyRecord }[] = [];
  for (const event of events) {
    const traceId = event.traceId ?? `replay-${event.id}`;
    if (typeof stream === "string") {
      failures.push({
        externalId: event.externalId,
        traceId,
        category: "mapping",
        message: failureMessage(event.source, event.stream, event.externalId, "mapping", "cannot be replayed", stream),
        cause: causeOf(`cannot be replayed: ${stream}`),
        payload: event.payload,
        eventId: event.id,
      });
      countFailure(tally, "mapping");
      continue;
    }
    const prepared = prepareRecord(stream, event.payload, traceId, event.source);
    if (prepared.ok) {
      ready.push({ event, item: prepared.ready });
    } else {
      failures.push({ ...prepared.failure, eventId: event.id });
      countFailure(tally, prepared.failure.category);
    }
  }
  tally.read += events.length;
  const closed: number[] = [];
  if (typeof stream !== "string" && ready.length > 0) {
    const results = await ingestReady(
      deps,
      source,
      stream.name,
      stream.mappingVersion,
      ready.map((r) => r.item),
      tally,
    );
    results.forEach((result, index) => {
      const event = (ready[index] as { event: ReplayEvent }).event;
      // A record Odoo refused again lives on in the event Odoo names; ours is done unless it is that one.
      if (result.status !== "rejected" || (result.eventId !== null && result.eventId !== event.id)) closed.push(event.id);
    });
  }
  await reportFailures(deps, source, first.stream, failures);
  return closed;
}

/** Runs a replay; resolves to what happened. */
export async function replayEvents(options: ReplayOptions, deps: ReplayDeps): Promise<ReplayReport> {
  const report: ReplayReport = { requeued: 0, reingestedInOdoo: 0, replayed: 0, tally: emptyTally(), closed: 0 };
  if (options.eventId !== undefined || options.dead) {
    const requeue = await callOdoo(deps, () =>
      deps.gateway.requeueEvents({
        eventIds: options.eventId === undefined ? undefined : [options.eventId],
        dead: options.dead ?? false,
      }),
    );
    report.requeued = requeue.requeued;
    report.reingestedInOdoo = requeue.reingested;
  }
  const seen = new Set<number>();
  for (;;) {
    const queue = await callOdoo(deps, () => deps.gateway.replayQueue({ limit: options.limit ?? 100 }));
    const fresh = queue.filter((event) => !seen.has(event.id));
    if (fresh.length === 0) break;
    const groups = new Map<string, ReplayEvent[]>();
    for (const event of fresh) {
      seen.add(event.id);
      const key = `${event.source}\u0000${event.stream}`;
      groups.set(key, [...(groups.get(key) ?? []), event]);
    }
    for (const events of groups.values()) {
      const closed = await replayGroup(events, deps, report.tally);
      await callOdoo(deps, () => deps.gateway.closeEvents(closed));
      report.closed += closed.length;
    }
    report.replayed += fresh.length;
  }
  return report;
}
