/**
 * Drains the journal into Odoo: takes the pending events, claims their deliveries in Odoo (a copy
 * of a delivery, seen by this bridge or another one, is acknowledged and dropped), resolves the
 * claimed ones into records, ingests them through the synchronizer's own step (bindings,
 * ownership rules, dead-letter queue), and only then marks them done in the journal. While Odoo
 * or a vendor is down, the events stay pending and the drain retries with a growing pause; the
 * claims and `ingest` are idempotent, so a retried batch does nothing twice.
 */
import { APIError, FatalAPIError, OdooError, errorMessage } from "../errors";
import type { SyncGateway } from "../gateway";
import { backoffDelay, type RetryPolicy } from "../retry";
import type { SourceName } from "../sources";
import { ingestTraced } from "../sync/ingest_records";
import { callOdoo, reportFailures, type OdooCallDeps } from "../sync/odoo_calls";
import { emptyTally, type Tally } from "../sync/tally";
import type { JournalEvent, WebhookVendorName } from "./event";
import type { Journal } from "./journal";
import type { EventFailure, EventResolver } from "./resolve";

/** What the drain reports, for the log and `GET /healthz`. */
export interface DrainStats {
  processed: number;
  duplicates: number;
  failed: number;
  retries: number;
  lastError: string | null;
  tally: Tally;
}

export interface DrainDeps extends OdooCallDeps {
  gateway: SyncGateway & Required<Pick<SyncGateway, "claimDeliveries">>;
  journal: Journal;
  resolvers: ReadonlyMap<WebhookVendorName, EventResolver>;
  /** Events per round; a HubSpot request alone may carry 100. */
  batchMax?: number;
  /** Rounds in Odoo at once (2: Odoo's workers work on one while the bridge prepares the next). */
  concurrency?: number;
  /** The pause between failed rounds grows like a retry's; `maxDelayMs` caps it. */
  pausePolicy?: RetryPolicy;
  /** Told about each round's events once they are done (the bench reads the latency). */
  onDone?: (events: readonly JournalEvent[], outcome: "processed" | "duplicate") => void;
  log?: (line: string) => void;
}

/** What an event is about: rounds in flight never share one (HubSpot's objectId, a resource's id). */
function objectKey(event: JournalEvent): string {
  const body = typeof event.body === "object" && event.body !== null ? (event.body as Record<string, unknown>) : {};
  const id = body.objectId ?? body.admin_graphql_api_id ?? body.id;
  return typeof id === "string" || typeof id === "number"
    ? `${event.vendor}:${event.topic?.split(/[./]/)[0] ?? ""}:${id}`
    : event.traceId;
}

const PAUSE: RetryPolicy = { maxAttempts: 1, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 0, maxElapsedMs: 0 };

export class Drainer {
  readonly stats: DrainStats = { processed: 0, duplicates: 0, failed: 0, retries: 0, lastError: null, tally: emptyTally() };
  private wakeUp: (() => void) | undefined;
  /** Trace ids of the events in rounds in flight, and the objects they are about. */
  private readonly inFlight = new Set<string>();
  private readonly busy = new Set<string>();
  private stopped = false;
  private running: Promise<void> | undefined;

  constructor(private readonly deps: DrainDeps) {}

  /** Starts draining; resolves when `stop` is called and the round in flight is done. */
  start(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  /** New events are in the journal. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
  }

  /** Resolves once nothing is pending (tests); rejects after `timeoutMs`. */
  async idle(timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.deps.journal.size > 0) {
      if (Date.now() > until) throw new Error(`${this.deps.journal.size} events still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Pending events not in a round already, and none about an object a round in flight handles
   * (two states of one order must not race), up to `batchMax`.
   */
  private pick(): JournalEvent[] {
    const picked: JournalEvent[] = [];
    const keys = new Set<string>();
    for (const event of this.deps.journal.pendingEvents()) {
      if (picked.length >= (this.deps.batchMax ?? 500)) break;
      const key = objectKey(event);
      if (this.inFlight.has(event.traceId) || this.busy.has(key)) continue;
      picked.push(event);
      keys.add(key);
    }
    for (const event of picked) this.inFlight.add(event.traceId);
    for (const key of keys) this.busy.add(key);
    return picked;
  }

  /** Runs rounds, up to `concurrency` at once; a failed round pauses new ones, growing. */
  private async loop(): Promise<void> {
    let failures = 0;
    let pausedUntil = 0;
    const rounds = new Set<Promise<void>>();
    while (!this.stopped) {
      while (rounds.size < Math.max(1, this.deps.concurrency ?? 2) && Date.now() >= pausedUntil) {
        const events = this.pick();
        if (events.length === 0) break;
        const round: Promise<void> = this.round(events)
          .then(() => {
            failures = 0;
          })
          .catch((error: unknown) => {
            failures += 1;
            this.stats.retries += 1;
            this.stats.lastError = errorMessage(error);
            const pause = backoffDelay(failures, this.deps.pausePolicy ?? PAUSE);
            pausedUntil = Date.now() + pause;
            this.deps.log?.(
              `webhooks: ${events.length} events wait for the next try in ${(pause / 1000).toFixed(1)} s: ${errorMessage(error)}`,
            );
          })
          .finally(() => {
            for (const event of events) this.inFlight.delete(event.traceId);
            for (const event of events) this.busy.delete(objectKey(event));
            rounds.delete(round);
            this.wake();
          });
        rounds.add(round);
      }
      const wait = Math.max(0, pausedUntil - Date.now());
      await new Promise<void>((resolve) => {
        const timer = wait > 0 ? setTimeout(resolve, wait) : undefined;
        this.wakeUp = () => {
          if (timer) clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
    await Promise.allSettled([...rounds]);
  }

  /** One round: claim, resolve, ingest, mark done; by vendor. */
  private async round(events: readonly JournalEvent[]): Promise<void> {
    const byVendor = new Map<WebhookVendorName, JournalEvent[]>();
    for (const event of events) byVendor.set(event.vendor, [...(byVendor.get(event.vendor) ?? []), event]);
    for (const [vendor, vendorEvents] of byVendor) {
      const claimed = await callOdoo(this.deps, () =>
        this.deps.gateway.claimDeliveries(
          vendor,
          vendorEvents.map((event) => ({ deliveryId: event.deliveryId, traceId: event.traceId, topic: event.topic })),
        ),
      );
      const mine = vendorEvents.filter((_event, index) => claimed[index]);
      const copies = vendorEvents.filter((_event, index) => !claimed[index]);
      if (mine.length > 0) await this.process(vendor, mine);
      await this.deps.journal.markDone(copies.map((event) => event.traceId));
      this.stats.duplicates += copies.length;
      if (copies.length > 0) this.deps.onDone?.(copies, "duplicate");
    }
  }

  private async process(vendor: WebhookVendorName, events: JournalEvent[]): Promise<void> {
    const source = vendor as SourceName;
    const resolver = this.deps.resolvers.get(vendor);
    let failures: EventFailure[];
    if (!resolver) {
      failures = events.map((event) => ({
        event,
        stream: "webhooks",
        category: "mapping" as const,
        message: `this bridge does not sync ${vendor} webhooks: set its secrets and restart ops-bridge serve`,
        externalId: null,
      }));
    } else {
      try {
        const resolution = await resolver.resolve(events);
        failures = resolution.failures;
        for (const { stream, records } of resolution.batches) {
          await ingestTraced(this.deps, source, stream, records, this.stats.tally);
        }
      } catch (error) {
        if (error instanceof OdooError || (error instanceof APIError && !(error instanceof FatalAPIError))) throw error;
        // A bug: dead-letter the events (payloads kept) rather than block the journal behind them.
        failures = events.map((event) => ({
          event,
          stream: "webhooks",
          category: "mapping" as const,
          message: `bridge bug while handling a ${vendor} webhook: ${errorMessage(error)}`,
          externalId: null,
        }));
      }
    }
    const byStream = new Map<string, EventFailure[]>();
    for (const failure of failures) byStream.set(failure.stream, [...(byStream.get(failure.stream) ?? []), failure]);
    for (const [stream, part] of byStream) {
      await reportFailures(
        this.deps,
        source,
        stream,
        part.map((failure) => ({
          externalId: failure.externalId,
          traceId: failure.event.traceId,
          category: failure.category,
          message: failure.message,
          payload: failure.event.body ?? { unreadable: failure.event.unreadable ?? null, topic: failure.event.topic },
        })),
      );
    }
    await this.deps.journal.markDone(events.map((event) => event.traceId));
    this.stats.processed += events.length;
    this.stats.failed += failures.length;
    this.deps.onDone?.(events, "processed");
  }
}
