/**
 * The commands (sync_bridge/src/commands.ts) through the CLI: `sync csv`'s summary and progress,
 * a missing export.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeOdoo, runCli, writeConfig } from "./support/run_cli";

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
    const run = await runCli(["sync", "csv", "--stream", "orders"], new FakeOdoo(), {
      configPath: writeConfig({ sources: { csv: { directory: dir } } }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no orders.csv in ${dir}`);
  });
});
