/**
 * `syncSource` (sync_bridge/src/sync/runner.ts) with in-memory streams and Odoo: batches,
 * cursors, failures.
 */
import { FatalOdooError, OdooAuthError, OdooNotFoundError, OdooUnreachableError } from "../../../sync_bridge/src/errors";
import type { RunReport } from "../../../sync_bridge/src/gateway";
import type { MappedRecord, StreamDefinition } from "../../../sync_bridge/src/sources";
import { syncSource } from "../../../sync_bridge/src/sync/runner";
import { FakeOdoo } from "../support/fake_gateway";
import { deps, memoryStream, rows, source, type Row } from "../support/memory_source";

describe("syncSource", () => {
  it("ingests a page in batches of batchSize and stores the page's cursor after it", async () => {
    const odoo = new FakeOdoo();
    const report = await syncSource(source(memoryStream([{ records: rows(0, 450), cursor: "c1" }])), {}, deps(odoo));
    expect(odoo.calls.filter((call) => call.method === "ingest").map((call) => call.size)).toEqual([200, 200, 50]);
    expect(odoo.cursors.get("hubspot|contacts")).toBe("c1");
    expect(report).toMatchObject({
      ok: true,
      runId: "run1",
      streams: [{ completed: true, cursor: "c1", tally: { read: 450, created: 450 } }],
    });
    expect(odoo.calls.map((call) => call.method).indexOf("set_cursor")).toBeGreaterThan(
      odoo.calls.map((call) => call.method).lastIndexOf("ingest"),
    );
  });

  it("starts from the stored cursor, from nothing with --full, or from --since", async () => {
    const seen: (string | null)[] = [];
    const stream: StreamDefinition = {
      ...memoryStream([]),
      read: ({ since }) => {
        seen.push(since);
        return memoryStream([]).read({ since });
      },
    };
    const odoo = new FakeOdoo();
    odoo.cursors.set("hubspot|contacts", "2025-01-01T00:00:00.000Z");
    await syncSource(source(stream), {}, deps(odoo));
    await syncSource(source(stream), { full: true }, deps(odoo));
    await syncSource(source(stream), { since: new Date("2024-06-01T00:00:00Z") }, deps(odoo));
    expect(seen).toEqual(["2025-01-01T00:00:00.000Z", null, "2024-06-01T00:00:00.000Z"]);
  });

  it("moves cursors only forward: a --full re-read does not drag them back", async () => {
    const odoo = new FakeOdoo();
    odoo.cursors.set("hubspot|contacts", "2025-03-01T00:00:00.000Z");
    const pages = ["2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00.000Z", "2025-04-01T00:00:00.000Z"].map((cursor, index) => ({
      records: rows(index * 10, 10),
      cursor,
    }));
    await syncSource(source(memoryStream(pages)), { full: true }, deps(odoo));
    expect(odoo.countCalls("set_cursor")).toBe(1);
    expect(odoo.cursors.get("hubspot|contacts")).toBe("2025-04-01T00:00:00.000Z");
  });

  it("never stores a cursor past a page Odoo did not confirm", async () => {
    const odoo = new FakeOdoo();
    let ingests = 0;
    odoo.beforeCall = (method) => {
      if (method === "ingest" && ++ingests === 2) throw new OdooAuthError("API key revoked");
    };
    const stream = memoryStream([
      { records: rows(0, 10), cursor: "p1" },
      { records: rows(10, 10), cursor: "p2" },
      { records: rows(20, 10), cursor: "p3" },
    ]);
    await expect(syncSource(source(stream), {}, deps(odoo, { batchSize: 10 }))).rejects.toThrow("API key revoked");
    expect(odoo.cursors.get("hubspot|contacts")).toBe("p1");
  });

  it("waits for Odoo to come back and finishes, every record exactly once", async () => {
    const odoo = new FakeOdoo();
    let calls = 0;
    odoo.beforeCall = () => {
      calls += 1;
      if (calls >= 3 && calls <= 6) throw new OdooUnreachableError("cannot connect to http://odoo.test (ECONNREFUSED)");
    };
    const notes: string[] = [];
    const report = await syncSource(
      source(
        memoryStream([
          { records: rows(0, 30), cursor: "a" },
          { records: rows(30, 30), cursor: "b" },
        ]),
      ),
      {},
      deps(odoo, {
        retryHooks: { onRetry: (error) => notes.push((error as Error).message) },
      }),
    );
    expect(report.ok).toBe(true);
    expect(notes).toHaveLength(4);
    expect(odoo.records("hubspot", "contacts").size).toBe(60);
    expect(report.streams[0]?.tally.created).toBe(60);
    expect(odoo.cursors.get("hubspot|contacts")).toBe("b");
  });

  it("reads the next page while Odoo ingests the current one", async () => {
    const log: string[] = [];
    const odoo = new FakeOdoo();
    odoo.beforeCall = (method) => {
      if (method === "ingest") log.push("ingest");
    };
    await syncSource(
      source(memoryStream([{ records: rows(0, 1) }, { records: rows(1, 1) }, { records: rows(2, 1) }], { log })),
      {},
      deps(odoo, { batchSize: 1 }),
    );
    expect(log).toEqual(["read 0", "read 1", "ingest", "read 2", "ingest", "ingest"]);
  });

  it("opens the next stream while the current one's last page is in Odoo, and ingests it only after", async () => {
    const log: string[] = [];
    const odoo = new FakeOdoo();
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => {
      release = done;
    });
    const ingest = odoo.ingest.bind(odoo);
    const getCursor = odoo.getCursor.bind(odoo);
    odoo.getCursor = async (src, stream) => {
      log.push(`cursor ${stream}`);
      return getCursor(src, stream);
    };
    odoo.ingest = async (src, stream, records, version) => {
      log.push(`ingest ${stream}`);
      if (stream === "companies") await held;
      const results = await ingest(src, stream, records, version);
      log.push(`ingested ${stream}`);
      return results;
    };
    const named = (name: string, first: number): StreamDefinition => ({
      ...memoryStream([{ records: rows(first, 5) }]),
      name: name as StreamDefinition["name"],
      async *read() {
        log.push(`read ${name}`);
        yield { records: rows(first, 5) };
      },
    });
    const run = syncSource(
      { name: "hubspot", streams: [named("companies", 0), named("contacts", 100)] },
      {},
      deps(odoo, { concurrency: 2 }),
    );
    for (let turn = 0; turn < 100 && !log.includes("read contacts"); turn += 1) await new Promise((done) => setImmediate(done));
    expect(log.slice(0, 2)).toEqual(["cursor companies", "read companies"]);
    // companies are held in Odoo while contacts open (the order of these three is the event loop's)
    expect(log.slice(2).sort()).toEqual(["cursor contacts", "ingest companies", "read contacts"]);
    expect(log.indexOf("cursor contacts")).toBeLessThan(log.indexOf("read contacts"));
    release();
    const report = await run;
    expect(log.slice(5)).toEqual(["ingested companies", "ingest contacts", "ingested contacts"]);
    expect(report.streams.map((stream) => [stream.stream, stream.tally.created])).toEqual([
      ["companies", 5],
      ["contacts", 5],
    ]);
  });

  it("reads at once when --full or --since says where to start, and from the stored cursor otherwise", async () => {
    for (const [options, readsFirst] of [
      [{ full: true }, true],
      [{ since: new Date("2025-01-01T00:00:00Z") }, true],
      [{}, false],
    ] as const) {
      const log: string[] = [];
      const odoo = new FakeOdoo();
      let answer: () => void = () => undefined;
      const answered = new Promise<void>((done) => {
        answer = done;
      });
      const getCursor = odoo.getCursor.bind(odoo);
      odoo.getCursor = async (src, stream) => {
        await answered;
        log.push("cursor answered");
        return getCursor(src, stream);
      };
      const run = syncSource(source(memoryStream([{ records: rows(0, 2) }], { log })), options, deps(odoo));
      for (let turn = 0; turn < 20; turn += 1) await new Promise((done) => setImmediate(done));
      expect(log).toEqual(readsFirst ? ["read 0"] : []);
      answer();
      await run;
      expect(log).toEqual(readsFirst ? ["read 0", "cursor answered"] : ["cursor answered", "read 0"]);
    }
  });

  it("merges small pages into ingest calls of at most batchSize records, with the last page's cursor", async () => {
    const odoo = new FakeOdoo();
    const pages = [30, 30, 30, 70, 10].map((count, index, all) => ({
      records: rows(
        all.slice(0, index).reduce((sum, n) => sum + n, 0),
        count,
      ),
      cursor: index === 4 ? undefined : `p${index + 1}`,
    }));
    const cursors: string[] = [];
    const setCursor = odoo.setCursor.bind(odoo);
    odoo.setCursor = async (src, stream, value) => {
      cursors.push(value as string);
      return setCursor(src, stream, value);
    };
    const report = await syncSource(source(memoryStream(pages)), {}, deps(odoo, { batchSize: 60 }));
    expect(odoo.calls.filter((call) => call.method === "ingest").map((call) => call.size)).toEqual([60, 30, 60, 10, 10]);
    expect(cursors).toEqual(["p2", "p3", "p4"]);
    expect(report.streams[0]?.tally).toMatchObject({ read: 170, created: 170 });
  });

  it("keeps two pages in Odoo at once and stores their cursors in page order", async () => {
    const odoo = new FakeOdoo();
    const ingest = odoo.ingest.bind(odoo);
    const log: string[] = [];
    const gates: (() => void)[] = [];
    odoo.ingest = async (src, stream, records, version) => {
      const page = records[0]?.externalId as string;
      log.push(`start ${page}`);
      await new Promise<void>((resolve) => gates.push(resolve));
      log.push(`done ${page}`);
      return ingest(src, stream, records, version);
    };
    const setCursor = odoo.setCursor.bind(odoo);
    odoo.setCursor = async (src, stream, value) => {
      log.push(`cursor ${value}`);
      return setCursor(src, stream, value);
    };
    const pages = [0, 10, 20].map((from, index) => ({ records: rows(from, 10), cursor: `p${index + 1}` }));
    const running = syncSource(source(memoryStream(pages)), {}, deps(odoo, { concurrency: 2, batchSize: 10 }));
    const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    await settle();
    expect(log).toEqual(["start 0", "start 10"]);
    gates[1]?.(); // the second page finishes first: its cursor must wait for the first
    await settle();
    expect(log).toEqual(["start 0", "start 10", "done 10"]);
    gates[0]?.();
    await settle();
    gates[2]?.();
    const report = await running;
    expect(log).toEqual([
      "start 0",
      "start 10",
      "done 10",
      "done 0",
      "cursor p1",
      "start 20",
      "cursor p2",
      "done 20",
      "cursor p3",
    ]);
    expect(report.streams[0]?.tally.created).toBe(30);
  });

  it("with pages in flight, stores no cursor past a page Odoo refused", async () => {
    const odoo = new FakeOdoo();
    const ingest = odoo.ingest.bind(odoo);
    odoo.ingest = async (src, stream, records, version) => {
      await new Promise((resolve) => setTimeout(resolve, records[0]?.externalId === "10" ? 1 : 10));
      if (records[0]?.externalId === "10") throw new OdooAuthError("API key revoked");
      return ingest(src, stream, records, version);
    };
    const pages = [0, 10, 20, 30].map((from, index) => ({ records: rows(from, 10), cursor: `p${index + 1}` }));
    await expect(syncSource(source(memoryStream(pages)), {}, deps(odoo, { concurrency: 3, batchSize: 10 }))).rejects.toThrow(
      "API key revoked",
    );
    expect(odoo.cursors.get("hubspot|contacts")).toBe("p1");
    expect(odoo.records("hubspot", "contacts").has("20")).toBe(true); // the page in flight still finished
  });

  it("isolates a record Odoo refuses even alone, dead-letters it under odoo, and keeps the rest", async () => {
    const odoo = new FakeOdoo();
    const ingest = odoo.ingest.bind(odoo);
    odoo.ingest = async (src, stream, records, version) => {
      if (records.some((record) => record.externalId === "13"))
        throw new FatalOdooError("ops.sync.gateway.ingest failed with HTTP 422: bad payload");
      return ingest(src, stream, records, version);
    };
    const report = await syncSource(source(memoryStream([{ records: rows(0, 40) }])), {}, deps(odoo, { batchSize: 16 }));
    expect(report.streams[0]?.tally).toMatchObject({ created: 39, rejected: 1, categories: { odoo: 1 } });
    expect(odoo.events).toEqual([
      expect.objectContaining({
        externalId: "13",
        category: "odoo",
        message:
          "HubSpot contact 13 was not saved: Odoo refused it: ops.sync.gateway.ingest failed with HTTP 422: bad payload. " +
          "What to do: fix in Odoo what the message names, then Replay it.",
      }),
    ]);
  });

  it("stops instead of dead-lettering everything when Odoo refuses every record", async () => {
    const odoo = new FakeOdoo();
    odoo.ingest = async () => {
      throw new FatalOdooError("ops.sync.gateway.ingest failed with HTTP 422: unexpected keyword argument");
    };
    await expect(syncSource(source(memoryStream([{ records: rows(0, 8) }])), {}, deps(odoo))).rejects.toThrow(
      "unexpected keyword argument",
    );
    expect(odoo.events).toEqual([]);
  });

  it("dead-letters a mapper bug under mapping, flags it, and marks the run not ok", async () => {
    const odoo = new FakeOdoo();
    const map = (row: Row): MappedRecord => {
      if (row.id === "2") throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return { externalId: row.id, values: {}, modifiedAt: null };
    };
    const report = await syncSource(source(memoryStream([{ records: rows(0, 4) }], { map })), {}, deps(odoo));
    expect(report.ok).toBe(false);
    expect(report.streams[0]?.tally).toMatchObject({ created: 3, dead: 1, bugs: 1 });
    expect(odoo.events[0]?.message).toMatch(
      /^HubSpot contact 2 could not be mapped to Odoo: the bridge has a bug: Cannot read properties of undefined \(reading 'x'\)\. What to do: report this bug/,
    );
  });

  it("reports each stream's run to Odoo when it ends, and goes on when Odoo keeps no run log", async () => {
    const runs: [string, string, RunReport][] = [];
    const odoo = Object.assign(new FakeOdoo(), {
      reportRun: async (src: string, stream: string, run: RunReport) => runs.push([src, stream, run]),
    });
    odoo.rejectRule = (_stream, values) => (values.name === "Person 3" ? ["mapping", "unknown stage"] : undefined);
    let clock = 1_000_000;
    const pages = [{ records: [...rows(0, 5), { id: "", name: "no id" }], cursor: "2025-05-01T00:00:00Z" }];
    await syncSource(source(memoryStream(pages)), {}, deps(odoo, { now: () => (clock += 1000) }));
    expect(runs).toHaveLength(1);
    const [src, stream, run] = runs[0] as [string, string, RunReport];
    expect([src, stream]).toEqual(["hubspot", "contacts"]);
    expect(run).toMatchObject({
      runId: "run1",
      completed: true,
      error: null,
      cursor: "2025-05-01T00:00:00Z",
      read: 6,
      created: 4,
      rejected: 1,
      dead: 1,
      bugs: 0,
    });
    expect(run.finishedAt.getTime()).toBeGreaterThan(run.startedAt.getTime());

    const notes: string[] = [];
    const older = Object.assign(new FakeOdoo(), {
      reportRun: async () => {
        throw new OdooNotFoundError("method", "method ops.sync.gateway.report_run does not exist");
      },
    });
    const report = await syncSource(
      source(memoryStream([{ records: rows(0, 2) }])),
      {},
      deps(older, { progress: { update: () => undefined, note: (text) => notes.push(text), finish: () => undefined } }),
    );
    expect(report.ok).toBe(true);
    expect(notes).toEqual([expect.stringContaining("Odoo keeps no run log (method ops.sync.gateway.report_run does not exist)")]);
  });

  it("ingests a prerequisite shared by several records once, before them", async () => {
    const odoo = new FakeOdoo();
    const map = (row: Row): MappedRecord => ({
      externalId: row.id,
      values: { customer: `guest:${row.guest}` },
      modifiedAt: null,
      requires: [
        { stream: "customers", record: { externalId: `guest:${row.guest}`, values: { name: row.guest }, modifiedAt: null } },
      ],
    });
    const records = [
      { id: "1", name: "a", guest: "ann" },
      { id: "2", name: "b", guest: "ann" },
      { id: "3", name: "c", guest: "bob" },
    ];
    const report = await syncSource(source(memoryStream([{ records }], { map })), {}, deps(odoo));
    expect(odoo.calls.filter((call) => call.method === "ingest").map((call) => call.size)).toEqual([2, 3]);
    expect(report.streams[0]?.tally.prerequisites).toBe(2);
    expect(odoo.records("hubspot", "customers").size).toBe(2);
  });

  it("does not send again a prerequisite the run already ingested with the same values", async () => {
    const odoo = new FakeOdoo();
    // a returning guest, on two pages; bob's second order carries a newer name, which must still go
    const names: Record<string, string> = { "1": "ann", "2": "bob", "3": "ann", "4": "Bob B." };
    const map = (row: Row): MappedRecord => ({
      externalId: row.id,
      values: { customer: `guest:${row.guest}` },
      modifiedAt: null,
      requires: [
        { stream: "customers", record: { externalId: `guest:${row.guest}`, values: { name: names[row.id] }, modifiedAt: null } },
      ],
    });
    const pages = [
      {
        records: [
          { id: "1", name: "a", guest: "ann" },
          { id: "2", name: "b", guest: "bob" },
        ],
      },
      {
        records: [
          { id: "3", name: "c", guest: "ann" },
          { id: "4", name: "d", guest: "bob" },
        ],
      },
    ];
    const report = await syncSource(source(memoryStream(pages, { map })), {}, deps(odoo, { batchSize: 2 }));
    const ingests = odoo.calls.filter((call) => call.method === "ingest").map((call) => call.size);
    expect(ingests).toEqual([2, 2, 1, 2]);
    expect(report.streams[0]?.tally.prerequisites).toBe(3);
    expect(report.ok).toBe(true);
  });
});
