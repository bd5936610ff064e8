import { OdooNotFoundError } from "../../sync_bridge/src/errors";
import { renderStatus } from "../../sync_bridge/src/sync/report";
import { FakeOdoo, runCli, writeConfig } from "./support/run_cli";

const GOOD_CONTACT = {
  "Record ID": "77", "First Name": "Ana", "Last Name": "Lima", Email: "ana@lima.example", "Phone Number": "", "Job Title": "",
  "Associated Company IDs": "", "Last Modified Date": "2025-01-01 10:00",
};

/** An Odoo whose replay queue holds events queued with the Replay button. */
function queued(odoo: FakeOdoo, payloads: unknown[], stream = "contacts") {
  for (const payload of payloads) {
    odoo.events.push({
      id: odoo.events.length + 100, source: "csv", stream, externalId: String((payload as Record<string, unknown>)["Record ID"] ?? "x"),
      state: "received", category: "validation", message: "", payload, values: null, traceId: "t", attempts: 1,
    });
  }
}

describe("ops-bridge replay", () => {
  it("re-reads queued payloads with today's schemas and mappers, ingests them and closes the events", async () => {
    const odoo = new FakeOdoo();
    queued(odoo, [GOOD_CONTACT, { ...GOOD_CONTACT, "Record ID": "78" }]);
    const run = await runCli(["replay"], odoo, { configPath: writeConfig({}) });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain("ops-bridge replay: 2 events replayed, 2 closed");
    expect(odoo.records("csv", "contacts").size).toBe(2);
    expect(odoo.events.every((event) => event.state === "done")).toBe(true);
  });

  it("dead-letters a payload that still fails into the same event, once per run", async () => {
    const odoo = new FakeOdoo();
    queued(odoo, [{ ...GOOD_CONTACT, "Last Modified Date": "never" }]);
    const run = await runCli(["replay", "--json"], odoo, { configPath: writeConfig({}) });
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ replayed: 1, closed: 0, tally: { dead: 1, categories: { validation: 1 } } });
    expect(odoo.events).toEqual([expect.objectContaining({ id: 100, state: "dead", attempts: 2, message: expect.stringContaining('is not a valid date and time: "never"') })]);
  });

  it("does not loop on events Odoo keeps queued", async () => {
    const odoo = new FakeOdoo();
    queued(odoo, [GOOD_CONTACT]);
    odoo.closeEvents = async () => undefined;
    const run = await runCli(["replay"], odoo, { configPath: writeConfig({}) });
    expect(run.code).toBe(0);
    expect(odoo.countCalls("replay_queue")).toBe(2);
  });

  it("replays one event by id with --event, leaving the others", async () => {
    const odoo = new FakeOdoo();
    queued(odoo, [GOOD_CONTACT, { ...GOOD_CONTACT, "Record ID": "78" }]);
    for (const event of odoo.events) event.state = "dead";
    const run = await runCli(["replay", "--event", "101"], odoo, { configPath: writeConfig({}) });
    expect(run.stdout).toContain("requeued 1 for the bridge");
    expect(odoo.events.map((event) => [event.id, event.state])).toEqual([[100, "dead"], [101, "done"]]);
  });

  it("marks a payload of a stream the bridge does not know as a mapping failure", async () => {
    const odoo = new FakeOdoo();
    queued(odoo, [GOOD_CONTACT], "tickets");
    const run = await runCli(["replay"], odoo, { configPath: writeConfig({}) });
    expect(run.code).toBe(0);
    expect(odoo.events[0]).toMatchObject({ state: "dead", category: "mapping", message: 'cannot replay: source csv has no stream "tickets"' });
  });

  it("says what to do when Odoo's addon is older than the bridge", async () => {
    const odoo = new FakeOdoo();
    odoo.requeueEvents = async () => { throw new OdooNotFoundError("method", "method ops.sync.gateway.requeue_events does not exist"); };
    const run = await runCli(["replay", "--dead"], odoo, { configPath: writeConfig({}) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("method ops.sync.gateway.requeue_events does not exist");
    expect(run.stderr).toContain("upgrade addon_ops_harmony");
  });
});

describe("ops-bridge status", () => {
  it("shows cursors, event counts and the latest dead events", async () => {
    const odoo = new FakeOdoo();
    odoo.cursors.set("hubspot|contacts", "2025-03-01T10:00:00.000Z");
    queued(odoo, [GOOD_CONTACT]);
    (odoo.events[0] as { state: string }).state = "dead";
    (odoo.events[0] as { message: string }).message = "unknown SKU 'X-1'";
    const run = await runCli(["status"], odoo);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("hubspot/contacts");
    expect(run.stdout).toContain("2025-03-01T10:00:00.000Z");
    expect(run.stdout).toContain("dead 1");
    expect(run.stdout).toContain("#100 csv/contacts 77 [validation] unknown SKU 'X-1'");
    const json = JSON.parse((await runCli(["status", "--json"], odoo)).stdout);
    expect(json.events).toMatchObject({ dead: 1 });
  });

  it("says so when nothing has synced yet", () => {
    expect(renderStatus({ cursors: [], events: {}, dead: [], openConflicts: 2 })).toBe(
      "Cursors:\n  (none yet: no stream has synced)\nEvents:\n  (none)\n  2 open conflicts: accept or reject them in Odoo (Sync > Conflicts)\nLatest dead events:\n  (none)",
    );
  });
});
