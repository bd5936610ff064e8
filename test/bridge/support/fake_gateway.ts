/**
 * An in-memory Odoo for the synchronizer's unit tests: it implements `OdooGateway` with the
 * semantics of the sync contract (idempotent upsert keyed by source, stream and external id,
 * content hash, dead-letter events, cursors, replay queue), and can be told to fail.
 */
import type {
  FailureReport,
  IngestRecord,
  IngestResult,
  OdooGateway,
  ReplayEvent,
  SelfCheck,
  ServerVersion,
  SyncStatus,
} from "../../../sync_bridge/src/gateway";
import { contentHash } from "../../../sync_bridge/src/gateway/content_hash";
import { toOdooDeep, toWirePayload } from "../../../sync_bridge/src/gateway/wire";

export interface FakeEvent {
  id: number;
  source: string;
  stream: string;
  externalId: string | null;
  state: "received" | "done" | "failed" | "dead";
  category: string;
  message: string;
  payload: unknown;
  values: unknown;
  traceId: string | null;
  attempts: number;
}

export interface FakeBinding {
  resId: number;
  hash: string;
  mappingVersion: number;
  values: Record<string, unknown>;
  writes: number;
}

/** Decides whether Odoo refuses a record (unknown SKU, unknown stage…): `[category, reason]`. */
export type RejectRule = (stream: string, values: Record<string, unknown>) => [string, string] | undefined;

const RETRIABLE_CATEGORIES = new Set(["rate_limit", "remote_5xx"]);

export class FakeOdoo implements OdooGateway {
  readonly transport = "json2" as const;
  readonly bindings = new Map<string, FakeBinding>();
  readonly events: FakeEvent[] = [];
  readonly cursors = new Map<string, string>();
  readonly calls: { method: string; size?: number }[] = [];
  rejectRule: RejectRule | undefined;
  /** Called before each RPC; throw from it to simulate Odoo failing. */
  beforeCall: ((method: string) => void) | undefined;
  private nextId = 1;

  private call(method: string, size?: number): void {
    this.calls.push({ method, size });
    this.beforeCall?.(method);
  }

  countCalls(method: string): number {
    return this.calls.filter((call) => call.method === method).length;
  }

  binding(source: string, stream: string, externalId: string): FakeBinding | undefined {
    return this.bindings.get(`${source}|${stream}|${externalId}`);
  }

  /** The bindings of one source and stream, by external id. */
  records(source: string, stream: string): Map<string, FakeBinding> {
    const prefix = `${source}|${stream}|`;
    return new Map(
      [...this.bindings].filter(([key]) => key.startsWith(prefix)).map(([key, binding]) => [key.slice(prefix.length), binding]),
    );
  }

  private upsertEvent(
    source: string,
    stream: string,
    externalId: string | null,
    fields: Partial<FakeEvent>,
    eventId?: number,
  ): FakeEvent {
    const existing =
      (eventId !== undefined ? this.events.find((event) => event.id === eventId) : undefined) ??
      (externalId
        ? this.events.find((e) => e.source === source && e.stream === stream && e.externalId === externalId && e.state !== "done")
        : undefined);
    if (existing) {
      Object.assign(existing, fields, { attempts: existing.attempts + 1 });
      return existing;
    }
    const event: FakeEvent = {
      id: this.nextId++,
      source,
      stream,
      externalId,
      state: "dead",
      category: "validation",
      message: "",
      payload: null,
      values: null,
      traceId: null,
      attempts: 1,
      ...fields,
    };
    this.events.push(event);
    return event;
  }

  private ingestOne(
    source: string,
    stream: string,
    record: { externalId: string; values: Record<string, unknown>; payload: unknown; traceId: string },
    mappingVersion: number,
    replayed?: FakeEvent,
  ): IngestResult {
    const rejection = this.rejectRule?.(stream, record.values);
    if (rejection) {
      const event = this.upsertEvent(
        source,
        stream,
        record.externalId,
        {
          state: "dead",
          category: rejection[0],
          message: rejection[1],
          payload: record.payload,
          values: record.values,
          traceId: record.traceId,
        },
        replayed?.id,
      );
      return {
        externalId: record.externalId,
        status: "rejected",
        resId: null,
        category: rejection[0] as IngestResult["category"],
        reason: rejection[1],
        eventId: event.id,
      };
    }
    const key = `${source}|${stream}|${record.externalId}`;
    const hash = contentHash(record.values);
    const existing = this.bindings.get(key);
    let status: IngestResult["status"];
    if (!existing) {
      this.bindings.set(key, { resId: this.nextId++, hash, mappingVersion, values: record.values, writes: 1 });
      status = "created";
    } else if (existing.hash === hash && existing.mappingVersion === mappingVersion) {
      status = "unchanged";
    } else {
      Object.assign(existing, { hash, mappingVersion, values: record.values, writes: existing.writes + 1 });
      status = "updated";
    }
    for (const event of this.events) {
      if (event.source === source && event.stream === stream && event.externalId === record.externalId && event.state !== "done")
        event.state = "done";
    }
    return {
      externalId: record.externalId,
      status,
      resId: this.bindings.get(key)?.resId ?? null,
      category: null,
      reason: null,
      eventId: null,
    };
  }

  /** As Odoo: bound with this hash and mapping version, no open event but a conflict, key once in the batch. */
  async checkUnchanged(
    source: string,
    stream: string,
    records: readonly IngestRecord[],
    mappingVersion = 1,
  ): Promise<(number | null)[]> {
    this.call("check_unchanged", records.length);
    const seen = new Map<string, number>();
    for (const record of records) seen.set(record.externalId, (seen.get(record.externalId) ?? 0) + 1);
    return records.map((record) => {
      const binding = this.binding(source, stream, record.externalId);
      const open = this.events.some(
        (event) =>
          event.source === source &&
          event.stream === stream &&
          event.externalId === record.externalId &&
          event.state !== "done" &&
          event.category !== "conflict",
      );
      const same =
        binding && binding.hash === contentHash(toOdooDeep(record.values)) && binding.mappingVersion === mappingVersion;
      return same && !open && seen.get(record.externalId) === 1 ? binding.resId : null;
    });
  }

  async ingest(source: string, stream: string, records: readonly IngestRecord[], mappingVersion = 1): Promise<IngestResult[]> {
    this.call("ingest", records.length);
    return records.map((record) =>
      this.ingestOne(
        source,
        stream,
        {
          externalId: record.externalId,
          values: toOdooDeep(record.values) as Record<string, unknown>,
          payload: toWirePayload(record.payload),
          traceId: record.traceId,
        },
        mappingVersion,
      ),
    );
  }

  async reportFailures(source: string, stream: string, failures: readonly FailureReport[]): Promise<number[]> {
    this.call("report_failures", failures.length);
    return failures.map(
      (failure) =>
        this.upsertEvent(
          source,
          stream,
          failure.externalId,
          {
            state: RETRIABLE_CATEGORIES.has(failure.category) ? "failed" : "dead",
            category: failure.category,
            message: failure.message,
            payload: toWirePayload(failure.payload),
            values: null,
            traceId: failure.traceId,
          },
          failure.eventId,
        ).id,
    );
  }

  async getCursor(source: string, stream: string): Promise<string | null> {
    this.call("get_cursor");
    return this.cursors.get(`${source}|${stream}`) ?? null;
  }

  async setCursor(source: string, stream: string, value: string): Promise<void> {
    this.call("set_cursor");
    this.cursors.set(`${source}|${stream}`, value);
  }

  async replayQueue(options: { source?: string; limit?: number } = {}): Promise<ReplayEvent[]> {
    this.call("replay_queue");
    return this.events
      .filter((event) => event.state === "received" && (!options.source || event.source === options.source))
      .slice(0, options.limit ?? 100)
      .map((event) => ({
        id: event.id,
        source: event.source,
        stream: event.stream,
        externalId: event.externalId,
        payload: event.payload,
        traceId: event.traceId,
        attempts: event.attempts,
      }));
  }

  async closeEvents(eventIds: readonly number[]): Promise<void> {
    this.call("close_events", eventIds.length);
    for (const event of this.events) if (eventIds.includes(event.id)) event.state = "done";
  }

  async requeueEvents(options: {
    eventIds?: readonly number[];
    dead?: boolean;
    source?: string;
  }): Promise<{ requeued: number; reingested: number }> {
    this.call("requeue_events");
    const chosen = this.events.filter(
      (event) =>
        event.state !== "done" && ((options.eventIds ?? []).includes(event.id) || (options.dead && event.state === "dead")),
    );
    let requeued = 0;
    let reingested = 0;
    for (const event of chosen) {
      if (event.values) {
        this.ingestOne(
          event.source,
          event.stream,
          {
            externalId: event.externalId ?? "",
            values: event.values as Record<string, unknown>,
            payload: event.payload,
            traceId: event.traceId ?? "",
          },
          1,
          event,
        );
        reingested += 1;
      } else {
        event.state = "received";
        requeued += 1;
      }
    }
    return { requeued, reingested };
  }

  async syncStatus(): Promise<SyncStatus> {
    this.call("status");
    const events: Record<string, number> = { received: 0, done: 0, failed: 0, dead: 0 };
    for (const event of this.events) events[event.state] = (events[event.state] ?? 0) + 1;
    return {
      cursors: [...this.cursors].map(([key, value]) => {
        const [source = "", stream = ""] = key.split("|");
        return { source, stream, value, writeDate: null };
      }),
      events,
      dead: this.events
        .filter((event) => event.state === "dead")
        .slice(-20)
        .reverse()
        .map((event) => ({
          id: event.id,
          source: event.source,
          stream: event.stream,
          externalId: event.externalId,
          category: event.category,
          message: event.message,
        })),
      openConflicts: 0,
    };
  }

  // The doctor's methods: not used by the synchronizer.
  async serverVersion(): Promise<ServerVersion> {
    return { version: "19.0", major: 19 };
  }
  async authenticate(): Promise<{ uid: number }> {
    return { uid: 2 };
  }
  async selfCheck(): Promise<SelfCheck> {
    throw new Error("not faked");
  }
  async searchCount(): Promise<number> {
    return 0;
  }
  async searchRead(): Promise<never[]> {
    return [];
  }
  async create(): Promise<number[]> {
    return [];
  }
  async write(): Promise<void> {}
}
