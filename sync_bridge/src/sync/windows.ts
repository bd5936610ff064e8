/**
 * Windowed reads: a stream that can read a window of modification times (`windowed`) is read as
 * windows on a shared grid (see `leases.ts`), so that several bridges read one stream side by
 * side. Each window is a lease in Odoo: a bridge takes the free ones in order, reads each to its
 * end, and reports the cursor it reached; Odoo moves the stream's cursor past the windows read
 * without a gap. The run then waits for the windows other bridges are reading, because the streams
 * after this one may refer to their records.
 */
import type { Source, StreamDefinition } from "../sources";
import type { PlannedWindow } from "../gateway";
import type { StreamLeases } from "./leases";
import { streamOutcome, type StreamOutcome } from "./tally";

/** What reading one window gives: its outcome, and whether the source must stop. */
export type WindowRead = (
  stream: StreamDefinition,
  since: string,
  until: string | null,
) => Promise<{ outcome: StreamOutcome; stopSource: boolean }>;

/** Reads `stream` from `lower` (its cursor, or `--since`) through `windows`, sharing them with other bridges. */
export async function syncWindows(
  source: Source,
  stream: StreamDefinition,
  lower: string,
  windows: readonly PlannedWindow[],
  leases: StreamLeases,
  readWindow: WindowRead,
): Promise<{ outcome: StreamOutcome; stopSource: boolean }> {
  const started = Date.now();
  await leases.plan(stream.name, windows);
  const parts: StreamOutcome[] = [];
  let cursor: string | null = null;
  const outcome = (completed: boolean, error: string | null, notes: string[] = []): StreamOutcome =>
    streamOutcome(source.name, stream.name, {
      tallies: parts.map((part) => part.tally),
      completed,
      error,
      cursor,
      notes: [...parts.flatMap((part) => part.notes), ...notes],
      elapsedMs: Date.now() - started,
    });
  let pending = [...windows];
  let read = 0;
  for (let waited = 0; pending.length > 0; waited += leases.pollMs) {
    const heldElsewhere: PlannedWindow[] = [];
    for (const window of pending) {
      const lease = await leases.tryAcquire(stream.name, window.start);
      if ("done" in lease) continue;
      if ("heldBy" in lease) {
        heldElsewhere.push(window);
        continue;
      }
      const since = window.start > lower ? window.start : lower;
      let result: { outcome: StreamOutcome; stopSource: boolean };
      try {
        result = await readWindow(stream, since, window.end);
      } catch (error) {
        await lease.held.release({ done: false, cursor: null }).catch(() => undefined);
        throw error;
      }
      parts.push(result.outcome);
      if (!result.outcome.completed) {
        await lease.held.release({ done: false, cursor: null }).catch(() => undefined);
        return { outcome: outcome(false, result.outcome.error), stopSource: result.stopSource };
      }
      read += 1;
      // a closed window is read to its end; the open one to the last record it found
      const reached = window.end ?? result.outcome.cursor ?? since;
      cursor = (await lease.held.release({ done: true, cursor: reached })) ?? cursor;
    }
    pending = heldElsewhere;
    if (pending.length === 0) break;
    if (waited >= leases.maxWaitMs) {
      const error = `${pending.length} window(s) from ${pending[0]?.start} were still being read by other bridges when this run stopped waiting`;
      return { outcome: outcome(false, error), stopSource: false };
    }
    await leases.pause();
  }
  const note = `${windows.length} window(s) of ${source.name}/${stream.name}: ${read} read by this bridge`;
  return { outcome: outcome(true, null, [note]), stopSource: false };
}
