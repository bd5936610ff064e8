/** `ops-bridge replay` (sync_bridge/src/sync/replay.ts) against an in-memory Odoo. */
import { OdooNotFoundError } from "../../../sync_bridge/src/errors";
import { GOOD_CONTACT, queued } from "../support/queued_events";
import { FakeOdoo, runCli, writeConfig } from "../support/run_cli";

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
    expect(odoo.events).toEqual([
      expect.objectContaining({
        id: 100,
        state: "dead",
        attempts: 2,
        message: expect.stringContaining('is not a valid date and time: "never"'),
      }),
    ]);
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
    expect(odoo.events.map((event) => [event.id, event.state])).toEqual([
      [100, "dead"],
      [101, "done"],
    ]);
  });

  it("marks a payload of a stream the bridge does not know as a mapping failure", async () => {
    const odoo = new FakeOdoo();
    queued(odoo, [GOOD_CONTACT], "tickets");
    const run = await runCli(["replay"], odoo, { configPath: writeConfig({}) });
    expect(run.code).toBe(0);
    expect(odoo.events[0]).toMatchObject({
      state: "dead",
      category: "mapping",
      message:
        'CSV files ticket 77 cannot be replayed: source csv has no stream "tickets". What to do: add the missing mapping (in Odoo ' +
        "or in the bridge's sync settings), then Replay it.",
    });
  });

  it("says what to do when Odoo's addon is older than the bridge", async () => {
    const odoo = new FakeOdoo();
    odoo.requeueEvents = async () => {
      throw new OdooNotFoundError("method", "method ops.sync.gateway.requeue_events does not exist");
    };
    const run = await runCli(["replay", "--dead"], odoo, { configPath: writeConfig({}) });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("method ops.sync.gateway.requeue_events does not exist");
    expect(run.stderr).toContain("upgrade addon_ops_harmony");
  });
});
