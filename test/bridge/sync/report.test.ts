/** The sync summary and `ops-bridge status` (sync_bridge/src/sync/report.ts). */
import { renderStatus, renderSyncSummary } from "../../../sync_bridge/src/sync/report";
import { emptyTally } from "../../../sync_bridge/src/sync/tally";
import { GOOD_CONTACT, queued } from "../support/queued_events";
import { FakeOdoo, runCli } from "../support/run_cli";

describe("the sync summary", () => {
  it("prints one line per stream, the total with records per second, and what needs a look", () => {
    const text = renderSyncSummary({
      source: "woocommerce",
      runId: "ab12cd34",
      elapsedMs: 2000,
      ok: false,
      streams: [
        {
          source: "woocommerce",
          stream: "customers",
          tally: { ...emptyTally(), read: 120, created: 100, unchanged: 20 },
          completed: true,
          error: null,
          cursor: "c",
          notes: [],
          elapsedMs: 800,
        },
        {
          source: "woocommerce",
          stream: "orders",
          tally: { ...emptyTally(), read: 80, created: 70, rejected: 4, dead: 2, categories: { mapping: 6 } },
          completed: false,
          error: "WooCommerce answered HTTP 500: boom",
          cursor: null,
          notes: [],
          elapsedMs: 1200,
        },
      ],
    });
    expect(text.split("\n")).toEqual([
      "ops-bridge sync woocommerce: finished with problems (run ab12cd34)",
      "✓ customers      120 read  100 created · 0 updated · 20 unchanged",
      "✗ orders          80 read  70 created · 0 updated · 0 unchanged · 4 rejected by Odoo · 2 dead-lettered",
      "    → stopped: WooCommerce answered HTTP 500: boom (its cursor was left where it was; run again to resume)",
      "  total          200 read  100 records/s in 2.0 s",
      "6 records need a look (mapping 6): see Sync events in Odoo, or `ops-bridge status`; fix, then `ops-bridge replay --dead`",
    ]);
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
