/**
 * Stream leases (sync_bridge/src/sync/leases.ts) in `syncSource`: two bridges on one Odoo take
 * turns on each stream, a held stream is waited for (never skipped: later streams refer to it),
 * leases are renewed while held and always given back.
 */
import { OdooNotFoundError, OdooUnreachableError } from "../../../sync_bridge/src/errors";
import type { LeaseAnswer, LeaseRequest } from "../../../sync_bridge/src/gateway";
import type { Source, SourcePage, StreamDefinition, StreamKind } from "../../../sync_bridge/src/sources";
import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { goneLocally, planGrid } from "../../../sync_bridge/src/sync/leases";
import { syncSource } from "../../../sync_bridge/src/sync/runner";
import { FakeOdoo } from "../support/fake_gateway";
import { deps, memoryStream, rows } from "../support/memory_source";

/** An in-memory Odoo with the lease calls, as `ops.sync.lease` answers them. */
class LeasingOdoo extends FakeOdoo {
  readonly leases = new Map<string, { holder: string; expiresAt: number }>();
  readonly leaseLog: string[] = [];

  async acquireLease(source: string, stream: string, request: LeaseRequest): Promise<LeaseAnswer> {
    const key = `${source}|${stream}`;
    const current = this.leases.get(key);
    if (!current || current.expiresAt < Date.now() || [request.holder, request.takeover].includes(current.holder)) {
      this.leases.set(key, { holder: request.holder, expiresAt: Date.now() + request.ttlSeconds * 1000 });
      this.leaseLog.push(`${request.holder.split(":").pop()} took ${stream}`);
    }
    const lease = this.leases.get(key) as { holder: string; expiresAt: number };
    return { granted: lease.holder === request.holder, holder: lease.holder, expiresAt: new Date(lease.expiresAt), done: false };
  }

  async renewLease(source: string, stream: string, holder: string, ttlSeconds: number): Promise<boolean> {
    const lease = this.leases.get(`${source}|${stream}`);
    if (!lease || lease.holder !== holder || lease.expiresAt < Date.now()) return false;
    lease.expiresAt = Date.now() + ttlSeconds * 1000;
    return true;
  }

  async releaseLease(source: string, stream: string, holder: string): Promise<{ released: boolean; cursor: string | null }> {
    const key = `${source}|${stream}`;
    if (this.leases.get(key)?.holder !== holder) return { released: false, cursor: null };
    this.leases.delete(key);
    this.leaseLog.push(`${holder.split(":").pop()} released ${stream}`);
    return { released: true, cursor: null };
  }
}

/** A stream named `name` whose read waits for `gate` before its pages. */
function gatedStream(name: StreamKind, pages: SourcePage[], gate?: Promise<void>): StreamDefinition {
  const inner = memoryStream(pages);
  return {
    ...inner,
    name,
    async *read(options) {
      if (gate) await gate;
      yield* inner.read(options);
    },
  };
}

function twoStreams(gate?: Promise<void>): Source {
  return {
    name: "hubspot",
    streams: [
      gatedStream("companies", [{ records: rows(0, 30), cursor: "2025-01-02" }], gate),
      gatedStream("contacts", [{ records: rows(100, 50), cursor: "2025-01-03" }]),
    ],
  };
}

const instant = { sleep: async () => undefined, leases: { ttlSeconds: 60, maxWaitMs: 50, pollMs: 1 } };

describe("stream leases", () => {
  it("makes a second bridge wait for the stream the first is reading, then read it from the first's cursor", async () => {
    const odoo = new LeasingOdoo();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = syncSource(twoStreams(gate), {}, deps(odoo, { newRunId: () => "A" }));
    await new Promise((resolve) => setImmediate(resolve));
    expect(odoo.leases.get("hubspot|companies")?.holder).toMatch(/:A$/);
    let polls = 0;
    const second = syncSource(
      twoStreams(),
      {},
      deps(odoo, {
        newRunId: () => "B",
        leases: { ttlSeconds: 60, maxWaitMs: 10_000, pollMs: 1 },
        sleep: async () => {
          if (++polls === 3) open(); // the first bridge finishes companies while the second waits
          await new Promise((resolve) => setImmediate(resolve));
        },
      }),
    );
    const [a, b] = await Promise.all([first, second]);
    expect(a.ok && b.ok).toBe(true);
    expect(b.streams.map((stream) => stream.stream)).toEqual(["companies", "contacts"]);
    expect(odoo.leaseLog.indexOf("B took companies")).toBeGreaterThan(odoo.leaseLog.indexOf("A released companies"));
    expect(odoo.leaseLog.indexOf("B took contacts")).toBeGreaterThan(odoo.leaseLog.indexOf("A released companies"));
    expect(polls).toBeGreaterThanOrEqual(3);
    expect(odoo.records("hubspot", "companies").size).toBe(30);
    expect(odoo.records("hubspot", "contacts").size).toBe(50);
    const created = [...a.streams, ...b.streams].reduce((sum, stream) => sum + stream.tally.created, 0);
    expect(created).toBe(80); // every record created once, by one of the two bridges
    expect(odoo.leases.size).toBe(0);
  });

  it("gives a stream up after waiting maxWaitMs for another bridge, says so, and does not go past it", async () => {
    const odoo = new LeasingOdoo();
    odoo.leases.set("hubspot|companies", { holder: "elsewhere:1:Z", expiresAt: Date.now() + 60_000 });
    const report = await syncSource(twoStreams(), {}, deps(odoo, instant));
    expect(report.ok).toBe(false);
    expect(report.streams[0]).toMatchObject({ stream: "companies", completed: false });
    expect(report.streams[0].error).toContain("elsewhere:1:Z was still reading it");
    expect(report.streams).toHaveLength(1);
    expect(odoo.records("hubspot", "contacts").size).toBe(0);
    expect(odoo.leases.get("hubspot|companies")?.holder).toBe("elsewhere:1:Z");
  });

  it("takes over a lease that expired under a stalled bridge", async () => {
    const odoo = new LeasingOdoo();
    odoo.leases.set("hubspot|companies", { holder: "stalled:1:Z", expiresAt: Date.now() - 1 });
    const report = await syncSource(twoStreams(), {}, deps(odoo, instant));
    expect(report.ok).toBe(true);
    expect(odoo.leaseLog[0]).toBe("run1 took companies");
  });

  it("gives the lease back when Odoo fails mid-stream", async () => {
    const odoo = new LeasingOdoo();
    odoo.beforeCall = (method) => {
      if (method === "ingest") throw new OdooUnreachableError("connection refused");
    };
    const failing = deps(odoo, {
      odooRetry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0, maxElapsedMs: 0 },
    });
    await expect(syncSource(twoStreams(), {}, failing)).rejects.toThrow("connection refused");
    expect(odoo.leases.size).toBe(0);
    expect(odoo.leaseLog).toEqual(["run1 took companies", "run1 released companies"]);
  });

  it("renews a lease while a long stream runs", async () => {
    const odoo = new LeasingOdoo();
    const renewals: string[] = [];
    const renew = odoo.renewLease.bind(odoo);
    let readOn!: () => void;
    // the companies read goes on only once its lease was renewed twice: it outlives its first ttl
    const slow = new Promise<void>((resolve) => (readOn = resolve));
    odoo.renewLease = async (source, stream, holder, ttl) => {
      renewals.push(stream);
      if (renewals.length === 2) readOn();
      return renew(source, stream, holder, ttl);
    };
    const report = await syncSource(twoStreams(slow), {}, deps(odoo, { leases: { ttlSeconds: 0.03, maxWaitMs: 0, pollMs: 1 } }));
    expect(report.ok).toBe(true);
    expect(renewals.slice(0, 2)).toEqual(["companies", "companies"]);
    expect(odoo.leases.size).toBe(0);
  });

  it("takes a lease over at once from a bridge of this host whose process is gone", async () => {
    const dead = spawnSync("true").pid as number; // exited: its pid names no process now
    const odoo = new LeasingOdoo();
    const holder = `${hostname().slice(0, 80)}:${dead}:killed`;
    odoo.leases.set("hubspot|companies", { holder, expiresAt: Date.now() + 60_000 });
    const notes: string[] = [];
    const progress = { update: () => undefined, note: (text: string) => notes.push(text), finish: () => undefined };
    const slowly = { leases: { ttlSeconds: 60, maxWaitMs: 0, pollMs: 1 }, progress }; // no waiting allowed
    const report = await syncSource(twoStreams(), {}, deps(odoo, slowly));
    expect(report.ok).toBe(true);
    expect(notes.join("\n")).toContain(`${holder} stopped without giving its lease back; taking it over`);
  });

  it("tells a gone bridge of this host from a live one or another host's", () => {
    const dead = spawnSync("true").pid as number;
    const host = hostname().slice(0, 80);
    expect(goneLocally(`${host}:${dead}:run`)).toBe(true);
    expect(goneLocally(`${host}:${process.pid}:run`)).toBe(false); // this very process
    expect(goneLocally(`${host}:${process.ppid}:run`)).toBe(false); // alive
    expect(goneLocally(`another-host:${dead}:run`)).toBe(false); // cannot be checked from here
    expect(goneLocally("junk")).toBe(false);
    expect(goneLocally(`${host}:not-a-pid:run`)).toBe(false);
  });

  it("runs unleased, with a note, against an Odoo without the lease calls", async () => {
    const odoo = new LeasingOdoo();
    odoo.acquireLease = async () => {
      throw new OdooNotFoundError("method", "ops.sync.gateway.acquire_lease does not exist");
    };
    const notes: string[] = [];
    const progress = { update: () => undefined, note: (text: string) => notes.push(text), finish: () => undefined };
    const report = await syncSource(twoStreams(), {}, deps(odoo, { progress }));
    expect(report.ok).toBe(true);
    expect(notes.join("\n")).toContain("run one bridge per source");
    expect(odoo.records("hubspot", "contacts").size).toBe(50);
  });
});

describe("planGrid", () => {
  const now = Date.parse("2025-01-03T10:00:00.000Z");

  it("cuts the time from the cursor to now on a grid every bridge computes alike, the last window open", () => {
    expect(planGrid("2025-01-01T13:30:00.000Z", now, 24)).toEqual([
      { start: "2025-01-01T00:00:00.000Z", end: "2025-01-02T00:00:00.000Z" },
      { start: "2025-01-02T00:00:00.000Z", end: "2025-01-03T00:00:00.000Z" },
      { start: "2025-01-03T00:00:00.000Z", end: null },
    ]);
    // another bridge planning later the same day, from the same cursor, plans the same windows
    expect(planGrid("2025-01-01T13:30:00.000Z", now + 3_600_000, 24)).toEqual(planGrid("2025-01-01T13:30:00.000Z", now, 24));
  });

  it("keeps at most `max` windows, the last one covering the rest, and none for junk", () => {
    const windows = planGrid("2024-01-01T00:00:00.000Z", now, 1, 5);
    expect(windows).toHaveLength(5);
    expect(windows.at(-1)).toEqual({ start: "2024-01-01T04:00:00.000Z", end: null });
    expect(planGrid("not a date", now, 6)).toEqual([]);
    expect(planGrid("2025-01-01T00:00:00.000Z", now, 0)).toEqual([]);
  });
});
