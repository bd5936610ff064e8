/**
 * Asking Odoo which records it already holds before sending them (`check_unchanged`): a re-sync
 * of unchanged records sends hashes, not values; a first sync asks rarely; the answers keep every
 * record's result, in order; an Odoo that cannot answer gets everything in full.
 */
import { FatalOdooError, OdooAuthError } from "../../../sync_bridge/src/errors";
import { syncSource } from "../../../sync_bridge/src/sync/runner";
import { REPROBE_EVERY, UnchangedProbe, WORTH_ASKING } from "../../../sync_bridge/src/sync/unchanged_probe";
import { FakeOdoo } from "../support/fake_gateway";
import { deps, memoryStream, rows, source } from "../support/memory_source";

const sizes = (odoo: FakeOdoo, method: string) => odoo.calls.filter((call) => call.method === method).map((call) => call.size);

describe("UnchangedProbe", () => {
  it("asks first, keeps asking while it pays, and asks again every REPROBE_EVERY batches otherwise", () => {
    const probe = new UnchangedProbe();
    expect(probe.wants("contacts")).toBe(true);
    probe.found("contacts", 100, Math.ceil(100 * WORTH_ASKING));
    expect(probe.wants("contacts")).toBe(true);
    probe.found("contacts", 100, 0);
    const asked = Array.from({ length: 2 * REPROBE_EVERY }, () => {
      const wants = probe.wants("contacts");
      if (wants) probe.found("contacts", 100, 0);
      return wants;
    });
    expect(asked.filter(Boolean)).toHaveLength(2);
    expect(asked.indexOf(true)).toBe(REPROBE_EVERY - 1);
    expect(probe.wants("companies")).toBe(true); // each stream on its own
  });

  it("stops asking once disabled, and says why once", () => {
    const reasons: string[] = [];
    const probe = new UnchangedProbe((reason) => reasons.push(reason));
    probe.disable("no such method");
    probe.disable("again");
    expect(probe.wants("contacts")).toBe(false);
    expect(reasons).toEqual(["no such method"]);
  });
});

describe("syncSource with check_unchanged", () => {
  it("re-syncs unchanged records with hashes only: no ingest call, every record unchanged", async () => {
    const odoo = new FakeOdoo();
    const stream = memoryStream([{ records: rows(0, 450) }]);
    await syncSource(source(stream), {}, deps(odoo));
    odoo.calls.length = 0;
    const report = await syncSource(source(stream), { full: true }, deps(odoo));
    expect(sizes(odoo, "check_unchanged")).toEqual([200, 200, 50]);
    expect(sizes(odoo, "ingest")).toEqual([]);
    expect(report.streams[0]?.tally).toMatchObject({ read: 450, unchanged: 450, created: 0, updated: 0 });
    expect([...odoo.records("hubspot", "contacts").values()].every((binding) => binding.writes === 1)).toBe(true);
  });

  it("sends only the changed records, and answers every record in order", async () => {
    const odoo = new FakeOdoo();
    await syncSource(source(memoryStream([{ records: rows(0, 10) }])), {}, deps(odoo));
    odoo.calls.length = 0;
    const changed = rows(0, 12).map((row, index) => (index % 4 === 1 ? { ...row, name: `${row.name} (moved)` } : row));
    const results: string[] = [];
    const ingest = odoo.ingest.bind(odoo);
    odoo.ingest = async (...args) => {
      const answer = await ingest(...args);
      results.push(...answer.map((result) => `${result.externalId}:${result.status}`));
      return answer;
    };
    const report = await syncSource(source(memoryStream([{ records: changed }])), {}, deps(odoo));
    expect(sizes(odoo, "check_unchanged")).toEqual([12]);
    // 1, 5 and 9 changed; 10 and 11 are new: only these five go to ingest
    expect(results).toEqual(["1:updated", "5:updated", "9:updated", "10:created", "11:created"]);
    expect(report.streams[0]?.tally).toMatchObject({ read: 12, unchanged: 7, updated: 3, created: 2 });
    expect(odoo.binding("hubspot", "contacts", "5")?.values).toEqual({ name: "Person 5 (moved)" });
  });

  it("on a first sync, asks before the first batch and then once in REPROBE_EVERY batches", async () => {
    const odoo = new FakeOdoo();
    await syncSource(source(memoryStream([{ records: rows(0, 200) }])), {}, deps(odoo, { batchSize: 10 }));
    // 20 batches: asked before batches 1, 1 + REPROBE_EVERY and 1 + 2 × REPROBE_EVERY
    expect(sizes(odoo, "check_unchanged")).toHaveLength(Math.ceil(20 / REPROBE_EVERY));
    expect(sizes(odoo, "ingest")).toHaveLength(20);
  });

  it("sends a record whose last attempt left an open event, so that ingest closes it", async () => {
    const odoo = new FakeOdoo();
    const stream = memoryStream([{ records: rows(0, 3) }]);
    await syncSource(source(stream), {}, deps(odoo));
    await odoo.reportFailures("hubspot", "contacts", [
      { externalId: "1", traceId: "t", category: "remote_5xx", message: "x", payload: null },
    ]);
    odoo.calls.length = 0;
    await syncSource(source(stream), { full: true }, deps(odoo));
    expect(sizes(odoo, "ingest")).toEqual([1]);
    expect(odoo.events.every((event) => event.state === "done")).toBe(true);
  });

  it("sends everything in full, and says so, when Odoo has no check_unchanged", async () => {
    const odoo = new FakeOdoo();
    odoo.checkUnchanged = async () => {
      throw new FatalOdooError("ops.sync.gateway.check_unchanged: no such method");
    };
    const notes: string[] = [];
    const progress = { update: () => undefined, note: (text: string) => notes.push(text), finish: () => undefined };
    const report = await syncSource(
      source(memoryStream([{ records: rows(0, 30) }])),
      {},
      deps(odoo, { batchSize: 10, progress }),
    );
    expect(sizes(odoo, "ingest")).toEqual([10, 10, 10]);
    expect(report.streams[0]?.tally.created).toBe(30);
    expect(notes).toEqual([expect.stringContaining("every record is sent in full")]);
  });

  it("stops on refused credentials instead of falling back", async () => {
    const odoo = new FakeOdoo();
    odoo.checkUnchanged = async () => {
      throw new OdooAuthError("the API key was refused");
    };
    await expect(syncSource(source(memoryStream([{ records: rows(0, 3) }])), {}, deps(odoo))).rejects.toThrow(OdooAuthError);
    expect(sizes(odoo, "ingest")).toEqual([]);
  });
});
