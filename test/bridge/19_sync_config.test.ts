import { join } from "node:path";
import { ConfigValidationError } from "../../sync_bridge/src/errors";
import { sendableString, toOdooDeep, toWirePayload } from "../../sync_bridge/src/gateway/wire";
import { googleAdsSecrets, hubspotSecrets, wooCommerceSecrets } from "../../sync_bridge/src/sources/secrets";
import { countryCode } from "../../sync_bridge/src/sources/primitives";
import { defaultCsvDirectory, loadSyncSettings, parseSyncSettings } from "../../sync_bridge/src/sync_config";
import { FakeOdoo, runCli, writeConfig } from "./support/run_cli";

function configError(run: () => unknown): ConfigValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error("expected a ConfigValidationError");
}

describe("the sync config file", () => {
  it("defaults to the shipped CSV samples and the documented vendor settings", () => {
    const settings = parseSyncSettings({}, "/anywhere");
    expect(settings.csvDirectory).toBe(defaultCsvDirectory());
    expect(settings).toMatchObject({ batchSize: 200, httpTimeoutMs: 30_000 });
    expect(settings.sources.hubspot).toMatchObject({ baseUrl: "https://api.hubapi.com", pageSize: 200, requestsPerSecond: 4 });
    expect(settings.sources.google_ads).toMatchObject({ apiVersion: "v22", lookbackDays: 3 });
    expect(settings.orderStates.woocommerce).toMatchObject({ processing: "sale", pending: "draft" });
    expect(settings.retryPolicy.maxAttempts).toBe(6);
  });

  it("resolves the CSV directory from the config file's folder", () => {
    expect(parseSyncSettings({ sources: { csv: { directory: "exports" } } }, "/srv/bridge").csvDirectory).toBe(join("/srv/bridge", "exports"));
  });

  it("reports typos and bad values with zod's prettified report", () => {
    const error = configError(() => parseSyncSettings({ batchSize: 0, sources: { hubspot: { pagesize: 10 } } }, "/x", "bridge.json"));
    expect(error.message).toContain("Invalid bridge.json:");
    expect(error.message).toContain("→ at batchSize");
    expect(error.message).toMatch(/Unrecognized key: "pagesize"\n\s+→ at sources\.hubspot/);
  });

  it("refuses a secret written in the file, naming it", () => {
    const error = configError(() => parseSyncSettings({ sources: { hubspot: { accessToken: "pat-123" } } }, "/x", "bridge.json"));
    expect(error.message).toBe("bridge.json: sources.hubspot.accessToken looks like a secret; secrets go in the environment, not in the config file");
  });

  it("says which file it could not read", () => {
    expect(configError(() => loadSyncSettings("missing.json", "/nowhere")).message).toMatch(/^Cannot read the config file missing\.json/);
  });

  it("is validated by the CLI, which exits 2 with the message and a hint", async () => {
    const run = await runCli(["sync", "csv"], new FakeOdoo(), { configPath: writeConfig({ batchSize: "many" }) });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("→ at batchSize");
    expect(run.stderr).toContain("README");
  });
});

describe("secrets from the environment", () => {
  it("reads each vendor's variables and names the missing ones", () => {
    expect(hubspotSecrets({ HUBSPOT_ACCESS_TOKEN: "pat" })).toBe("pat");
    expect(wooCommerceSecrets({ WOOCOMMERCE_CONSUMER_KEY: "ck", WOOCOMMERCE_CONSUMER_SECRET: "cs" })).toEqual({ key: "ck", secret: "cs" });
    const woo = configError(() => wooCommerceSecrets({ WOOCOMMERCE_CONSUMER_KEY: "ck", WOOCOMMERCE_CONSUMER_SECRET: "  " }));
    expect(woo.message).toContain("✖ is not set\n  → at WOOCOMMERCE_CONSUMER_SECRET");
    expect(woo.hint).toBe("Set WOOCOMMERCE_CONSUMER_SECRET in the environment or in the file passed with --env-file.");
  });

  it("accepts a Google access token, or the three OAuth refresh variables", () => {
    expect(googleAdsSecrets({ GOOGLE_ADS_DEVELOPER_TOKEN: "d", GOOGLE_ADS_ACCESS_TOKEN: "a" })).toEqual({ developerToken: "d", accessToken: "a" });
    expect(googleAdsSecrets({ GOOGLE_ADS_DEVELOPER_TOKEN: "d", GOOGLE_ADS_CLIENT_ID: "i", GOOGLE_ADS_CLIENT_SECRET: "s", GOOGLE_ADS_REFRESH_TOKEN: "r" })).toMatchObject({ refreshToken: "r" });
    const error = configError(() => googleAdsSecrets({ GOOGLE_ADS_DEVELOPER_TOKEN: "d", GOOGLE_ADS_CLIENT_ID: "i" }));
    expect(error.message).toContain("→ at GOOGLE_ADS_CLIENT_SECRET");
    expect(error.message).toContain("→ at GOOGLE_ADS_REFRESH_TOKEN");
  });
});

describe("wire safety", () => {
  it("replaces what PostgreSQL or XML cannot carry, at any depth, keeping valid text", () => {
    expect(sendableString("a\u0000b\u0007c\uD800d\uFFFEe\u00e9🙂\t\n")).toBe("a\uFFFDb\uFFFDc\uFFFDd\uFFFDeé🙂\t\n");
    const payload = toWirePayload(JSON.parse('{"__proto__": {"polluted": "yes"}, "name": "x\\u0000"}')) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(["__proto__", "name"]);
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(payload.name).toBe("x\uFFFD");
    expect(toWirePayload({ "k\u0000": [null, new Date("2025-01-01T00:00:00Z")] })).toEqual({ "k\uFFFD": [null, "2025-01-01T00:00:00.000Z"] });
    expect(toOdooDeep({ a: null, b: [{ c: undefined, d: new Date("2025-01-01T12:00:00Z") }], e: Number.NaN })).toEqual({ a: false, b: [{ c: false, d: "2025-01-01 12:00:00" }], e: false });
  });

  it("cuts payloads nested deeper than anything legitimate", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100; i += 1) deep = { a: deep };
    expect(JSON.stringify(toWirePayload(deep))).toContain("[nested too deep]");
  });
});

describe("country codes", () => {
  it("recognises codes and English names, and sends nothing it cannot resolve", () => {
    expect(countryCode("be")).toBe("BE");
    expect(countryCode("United Kingdom")).toBe("GB");
    expect(countryCode("usa")).toBe("US");
    expect(countryCode("Atlantis")).toBeNull();
    expect(countryCode(" ")).toBeNull();
  });
});

describe("the example config file shipped with the bridge", () => {
  it("is valid and points the CSV source at the shipped samples", () => {
    const settings = loadSyncSettings(join(defaultCsvDirectory(), "..", "ops-bridge.config.json"));
    expect(settings.csvDirectory).toBe(defaultCsvDirectory());
    expect(settings.sources.woocommerce.baseUrl).toBe("https://shop.example.com");
  });
});
