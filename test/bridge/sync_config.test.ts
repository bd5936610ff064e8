/**
 * The sync settings file (sync_bridge/src/sync_config.ts): defaults, paths, typos, secrets
 * refused, the shipped example.
 */
import { join } from "node:path";
import { defaultCsvDirectory } from "../../sync_bridge/src/sources/csv/descriptor";
import { loadSyncSettings, parseSyncSettings } from "../../sync_bridge/src/sync_config";
import { configError } from "./support/config_error";
import { FakeOdoo, runCli, writeConfig } from "./support/run_cli";

describe("the sync config file", () => {
  it("defaults to the shipped CSV samples and the documented vendor settings", () => {
    const settings = parseSyncSettings({}, "/anywhere");
    expect(settings.sources.csv.directory).toBe(defaultCsvDirectory());
    expect(settings).toMatchObject({ batchSize: 200, httpTimeoutMs: 30_000 });
    expect(settings.sources.hubspot).toMatchObject({ baseUrl: "https://api.hubapi.com", pageSize: 200, requestsPerSecond: 4 });
    expect(settings.sources.google_ads).toMatchObject({ apiVersion: "v22", lookbackDays: 3 });
    expect(settings.sources.woocommerce.orderStates).toMatchObject({ processing: "sale", pending: "draft" });
    expect(settings.retryPolicy.maxAttempts).toBe(6);
  });

  it("resolves the CSV directory from the config file's folder", () => {
    expect(parseSyncSettings({ sources: { csv: { directory: "exports" } } }, "/srv/bridge").sources.csv.directory).toBe(
      join("/srv/bridge", "exports"),
    );
  });

  it("reports typos and bad values with zod's prettified report", () => {
    const error = configError(() =>
      parseSyncSettings({ batchSize: 0, sources: { hubspot: { pagesize: 10 } } }, "/x", "bridge.json"),
    );
    expect(error.message).toContain("Invalid bridge.json:");
    expect(error.message).toContain("→ at batchSize");
    expect(error.message).toMatch(/Unrecognized key: "pagesize"\n\s+→ at sources\.hubspot/);
  });

  it("refuses a secret written in the file, naming it", () => {
    const error = configError(() => parseSyncSettings({ sources: { hubspot: { accessToken: "pat-123" } } }, "/x", "bridge.json"));
    expect(error.message).toBe(
      "bridge.json: sources.hubspot.accessToken looks like a secret; secrets go in the environment, not in the config file",
    );
  });

  it("says which file it could not read", () => {
    expect(configError(() => loadSyncSettings("missing.json", "/nowhere")).message).toMatch(
      /^Cannot read the config file missing\.json/,
    );
  });

  it("is validated by the CLI, which exits 2 with the message and a hint", async () => {
    const run = await runCli(["sync", "csv"], new FakeOdoo(), { configPath: writeConfig({ batchSize: "many" }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("→ at batchSize");
    expect(run.stderr).toContain("README");
  });
});

describe("the example config file shipped with the bridge", () => {
  it("is valid and points the CSV source at the shipped samples", () => {
    const settings = loadSyncSettings(join(defaultCsvDirectory(), "..", "ops-bridge.config.json"));
    expect(settings.sources.csv.directory).toBe(defaultCsvDirectory());
    expect(settings.sources.woocommerce.baseUrl).toBe("https://shop.example.com");
  });
});
