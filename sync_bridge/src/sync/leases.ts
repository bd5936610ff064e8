/**
 * Stream leases: when several bridges sync the same source (replicas, or a scheduled run meeting
 * a manual one), each stream, or each window of its modification times, is read by one of them at
 * a time. A bridge takes the lease in Odoo before reading, renews it while it works and gives it
 * back when done. Windows (`windowHours`, for streams that can read one) let bridges read one stream
 * side by side; a whole stream another bridge holds is waited for (see `runner.ts`).
 *
 * Leases are for throughput, not correctness: `ingest` is idempotent and cursors only move forward,
 * so two bridges reading one stream (a lease that expired under a stalled bridge) duplicate work,
 * never records. An Odoo without the lease calls, or a gateway that lacks them, runs unleased.
 */
import { hostname } from "node:os";
import { OdooNotFoundError } from "../errors";
import type { LeaseAnswer, LeaseRequest, PlannedWindow, SyncGateway } from "../gateway";
import { callOdoo, type OdooCallDeps } from "./odoo_calls";
import type { ProgressSink } from "./progress";

/** How a bridge uses leases. */
export interface LeaseSettings {
  /** Seconds a lease lasts unless renewed; it is renewed every third of that. */
  ttlSeconds: number;
  /** How long a run waits, at most, for a stream another bridge holds, in ms. */
  maxWaitMs: number;
  /** How often it asks again meanwhile, in ms. */
  pollMs: number;
}

/** Windows one windowed read plans at most. */
export const MAX_WINDOWS = 24;

export const DEFAULT_LEASE_SETTINGS: LeaseSettings = { ttlSeconds: 120, maxWaitMs: 30 * 60_000, pollMs: 2_000 };

/** A lease this bridge holds; `release` gives it back (a window: read to its end or not) and stops its renewals. */
export interface HeldLease {
  release(result?: { done: boolean; cursor: string | null }): Promise<string | null>;
}

/** What asking for a lease gives: the lease, who has it, or (a window) that it was read already. */
export type LeaseOutcome = { held: HeldLease } | { heldBy: string; expiresAt: Date | null } | { done: true };

type LeaseGateway = Required<Pick<SyncGateway, "acquireLease" | "renewLease" | "releaseLease">> &
  Pick<SyncGateway, "planWindows">;

/** Whether `gateway` offers the lease calls. */
function leaseGateway(gateway: SyncGateway): LeaseGateway | null {
  return gateway.acquireLease && gateway.renewLease && gateway.releaseLease ? (gateway as LeaseGateway) : null;
}

/** This bridge's name in a lease: host, process and run, so that a person can find it. */
export function leaseHolder(runId: string): string {
  return `${hostname().slice(0, 80)}:${process.pid}:${runId}`;
}

/** Whether `holder` (see `leaseHolder`) ran on this host in another process that no longer exists. */
export function goneLocally(holder: string): boolean {
  const parts = holder.split(":");
  const pid = Number(parts.at(-2));
  if (parts.length < 3 || parts.slice(0, -2).join(":") !== hostname().slice(0, 80)) return false;
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** No lease held: what a gateway without leases gives. */
const NO_LEASE: HeldLease = { release: async () => null };

/** The leases of one run of one source. */
export class StreamLeases {
  private gateway: LeaseGateway | null;

  constructor(
    private readonly source: string,
    private readonly holder: string,
    private readonly deps: OdooCallDeps & { progress?: ProgressSink },
    private readonly settings: LeaseSettings = DEFAULT_LEASE_SETTINGS,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.gateway = leaseGateway(deps.gateway);
  }

  /** Whether windows can be shared: Odoo plans them (an addon with leases, a gateway that has the call). */
  get sharesWindows(): boolean {
    return this.gateway?.planWindows !== undefined;
  }

  /** Plans the windows of a windowed read of `stream` in Odoo, where every bridge finds them. */
  async plan(stream: string, windows: readonly PlannedWindow[]): Promise<void> {
    const plan = this.gateway?.planWindows?.bind(this.gateway);
    if (plan) await callOdoo(this.deps, () => plan(this.source, stream, windows));
  }

  /**
   * Asks once for the lease of `stream`, or of one of its planned windows. A lease whose holder ran
   * on this host in a process that is gone (a bridge killed mid-run) is taken over at once, rather
   * than waited for until it expires.
   */
  async tryAcquire(stream: string, window?: string, takeover?: string): Promise<LeaseOutcome> {
    const gateway = this.gateway;
    if (!gateway) return { held: NO_LEASE };
    const request: LeaseRequest = { holder: this.holder, ttlSeconds: this.settings.ttlSeconds, window, takeover };
    let answer: LeaseAnswer;
    try {
      answer = await callOdoo(this.deps, () => gateway.acquireLease(this.source, stream, request));
    } catch (error) {
      if (!(error instanceof OdooNotFoundError)) throw error;
      // an addon from before leases: this bridge must then be the only one syncing the source
      this.gateway = null;
      this.deps.progress?.note(
        `${this.source}: Odoo does not share streams between bridges (update addon_ops_harmony); run one bridge per source`,
      );
      return { held: NO_LEASE };
    }
    if (answer.granted) return { held: this.keep(gateway, stream, window) };
    if (answer.done || answer.holder === null) return { done: true };
    if (takeover === undefined && goneLocally(answer.holder)) {
      this.deps.progress?.note(
        `${this.source}/${stream}: ${answer.holder} stopped without giving its lease back; taking it over`,
      );
      return this.tryAcquire(stream, window, answer.holder);
    }
    return { heldBy: answer.holder, expiresAt: answer.expiresAt };
  }

  /**
   * Waits until `stream`'s lease is free and takes it; resolves to `null` after `maxWaitMs`
   * (the other bridge is still reading it: the stream is left to it).
   */
  async acquireWhenFree(stream: string, heldBy: string): Promise<HeldLease | null> {
    this.deps.progress?.note(`${this.source}/${stream}: waiting for ${heldBy}, which is reading it`);
    for (let waited = 0; waited <= this.settings.maxWaitMs; waited += this.settings.pollMs) {
      await this.pause();
      const outcome = await this.tryAcquire(stream);
      if ("held" in outcome) return outcome.held;
    }
    return null;
  }

  /** Waits `pollMs` before asking Odoo again. */
  pause(): Promise<void> {
    return this.sleep(this.settings.pollMs);
  }

  get maxWaitMs(): number {
    return this.settings.maxWaitMs;
  }

  get pollMs(): number {
    return this.settings.pollMs;
  }

  /** Renews a granted lease every third of its time to live until it is released. */
  private keep(gateway: LeaseGateway, stream: string, window?: string): HeldLease {
    const { ttlSeconds } = this.settings;
    const piece = window ? `${this.source}/${stream} from ${window}` : `${this.source}/${stream}`;
    let lost = false;
    const timer = setInterval(
      () => {
        gateway.renewLease(this.source, stream, this.holder, ttlSeconds, window).then(
          (renewed) => {
            if (!renewed && !lost) {
              lost = true;
              this.deps.progress?.note(
                `${piece}: the lease expired and another bridge may read it too; nothing is duplicated, ` +
                  "but give the bridge a longer lease (leaseTtlSeconds) if it is this slow",
              );
            }
          },
          () => undefined, // a failed renewal is retried at the next tick; the lease lasts three of them
        );
      },
      (ttlSeconds * 1000) / 3,
    );
    timer.unref();
    return {
      release: async (result = { done: true, cursor: null }) => {
        clearInterval(timer);
        const answer = await callOdoo(this.deps, () =>
          gateway.releaseLease(this.source, stream, this.holder, { window, ...result }),
        );
        return answer.cursor;
      },
    };
  }
}

/**
 * The windows of modification times from `lower` to `now`, on a grid of `hours` every bridge
 * computes alike (UTC, from the epoch), so that two bridges planning at once plan the same rows.
 * The last window is open; there are at most `max` of them: the last one then covers the rest,
 * which the next run cuts again from the cursor this one leaves. A backfill from a far `--since`
 * so costs a handful of calls per window, never one per empty window up to today.
 */
export function planGrid(lower: string, now: number, hours: number, max = MAX_WINDOWS): PlannedWindow[] {
  const size = hours * 3_600_000;
  const from = Date.parse(lower);
  if (Number.isNaN(from) || size <= 0) return [];
  const windows: PlannedWindow[] = [];
  for (let start = Math.floor(from / size) * size; ; start += size) {
    const end = start + size;
    const last = end > now || windows.length === max - 1;
    windows.push({ start: new Date(start).toISOString(), end: last ? null : new Date(end).toISOString() });
    if (last) return windows;
  }
}
