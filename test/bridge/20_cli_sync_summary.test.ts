import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { USAGE } from "../../sync_bridge/src/args";
import { renderSyncSummary } from "../../sync_bridge/src/sync/report";
import { emptyTally } from "../../sync_bridge/src/sync/tally";
import { FakeOdoo, runCli, writeConfig } from "./support/run_cli";

describe("the sync summary", () => {
  it("prints one line per stream, the total with records per second, and what needs a look", () => {
    const text = renderSyncSummary({
      source: "woocommerce",
      runId: "ab12cd34",
      elapsedMs: 2000,
      ok: false,
      streams: [
        { source: "woocommerce", stream: "customers", tally: { ...emptyTally(), read: 120, created: 100, unchanged: 20 }, completed: true, error: null, cursor: "c", notes: [], elapsedMs: 800 },
        {
          source: "woocommerce", stream: "orders", tally: { ...emptyTally(), read: 80, created: 70, rejected: 4, dead: 2, categories: { mapping: 6 } },
          completed: false, error: "WooCommerce answered HTTP 500: boom", cursor: null, notes: [], elapsedMs: 1200,
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

describe("ops-bridge sync csv on the command line", () => {
  it("prints the summary on stdout and the progress on stderr", async () => {
    const run = await runCli(["sync", "csv"], new FakeOdoo(), { configPath: writeConfig({}) });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ops-bridge sync csv: done \(run [0-9a-f]{8}\)\n✓ companies /);
    expect(run.stdout).toMatch(/\n {2}total +53 read {2}[\d,]+ records\/s in \d+\.\d s$/);
    expect(run.stderr).toContain("csv/companies  8 read");
  });

  it("says which export is missing when --stream names one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ops-bridge-empty-"));
    writeFileSync(join(dir, "companies.csv"), "Record ID,Company name,Last Modified Date\n");
    const run = await runCli(["sync", "csv", "--stream", "orders"], new FakeOdoo(), { configPath: writeConfig({ sources: { csv: { directory: dir } } }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no orders.csv in ${dir}`);
  });

  it("documents the sync commands, options and secrets in --help", () => {
    for (const text of ["sync <source>", "replay", "status", "--stream <name>", "--since <date>", "--dead", "HUBSPOT_ACCESS_TOKEN", "WOOCOMMERCE_CONSUMER_KEY"]) {
      expect(USAGE).toContain(text);
    }
  });
});
