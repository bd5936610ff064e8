/**
 * `ops-bridge sync hubspot` against a faked HubSpot (sync_bridge/src/sources/hubspot/streams.ts):
 * paging, cursors.
 */
import { generateHubSpot, touch } from "../../fixtures/hubspot/generate";
import { afterToken, hubspotFake, type HubSpotData, type HubSpotLog } from "../../fixtures/hubspot/hubspot_fake";
import { mswServer, vendorHandlers } from "../../support/msw";
import { FakeOdoo, runCli, syncJson, writeConfig } from "../../support/run_cli";

const server = mswServer();
const BASE = "https://api.hubapi.test";
const ENV = { HUBSPOT_ACCESS_TOKEN: "test-token" };

/** Serves `data` as HubSpot and returns the request log. */
function serve(data: HubSpotData): HubSpotLog {
  const log: HubSpotLog = { searches: [], associations: 0 };
  server.use(...vendorHandlers(BASE, hubspotFake(data, log)));
  return log;
}

function config(hubspot: Record<string, unknown> = {}) {
  return writeConfig({ sources: { hubspot: { baseUrl: BASE, requestsPerSecond: 0, lookbackSeconds: 0, ...hubspot } } });
}

describe("ops-bridge sync hubspot", () => {
  it("pages through the search results and stores the last modification date as cursor", async () => {
    const data = generateHubSpot({ companies: 30, contactsPerCompany: 10, deals: 12 });
    const log = serve(data);
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "hubspot"], odoo, { configPath: config({ pageSize: 50 }), env: ENV });
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.read, s.tally.created])).toEqual([
      ["companies", 30, 30],
      ["contacts", 300, 300],
      ["deals", 12, 12],
    ]);
    expect(odoo.records("hubspot", "contacts").size).toBe(300);
    const contactSearches = log.searches.filter((search) => search.objectType === "contacts");
    expect(contactSearches).toHaveLength(6);
    expect(contactSearches[1]?.body).toMatchObject({
      after: afterToken(50),
      limit: 50,
      sorts: [{ propertyName: "lastmodifieddate", direction: "ASCENDING" }],
    });
    expect(odoo.cursors.get("hubspot|contacts")).toBe(data.contacts.at(-1)?.properties.lastmodifieddate);
    // Deals come with their associations, read in one batch call per page and target type.
    expect(log.associations).toBe(2);
    expect(odoo.binding("hubspot", "deals", "900000")?.values).toMatchObject({
      company_external_id: "100000",
      contact_external_id: "500000",
      stage_key: "default:appointmentscheduled",
    });
  });

  it("reads only what changed since the cursor (GTE, minus the look-back) on the next run", async () => {
    const data = generateHubSpot({ companies: 5, contactsPerCompany: 4 });
    const log = serve(data);
    const odoo = new FakeOdoo();
    await syncJson(["sync", "hubspot", "--stream", "contacts"], odoo, { configPath: config(), env: ENV });
    touch(data, "contacts", "500003", { jobtitle: "COO" }, new Date("2025-02-01T00:00:00Z"));
    log.searches.length = 0;
    const { report } = await syncJson(["sync", "hubspot", "--stream", "contacts"], odoo, {
      configPath: config({ lookbackSeconds: 60 }),
      env: ENV,
    });
    const cursorBefore = Date.parse(data.contacts[19]?.properties.lastmodifieddate as string);
    expect(log.searches[0]?.body.filterGroups).toEqual([
      { filters: [{ propertyName: "lastmodifieddate", operator: "GTE", value: String(cursorBefore - 60_000) }] },
    ]);
    // The look-back re-reads the last records (unchanged) and finds the touched one.
    expect(report.streams[0]?.tally).toMatchObject({ updated: 1, created: 0 });
    expect(odoo.binding("hubspot", "contacts", "500003")?.values.function).toBe("COO");
    expect(odoo.cursors.get("hubspot|contacts")).toBe("2025-02-01T00:00:00.000Z");
  });

  it("windows past the 10,000-result search cap, reading every record exactly once", async () => {
    const data = generateHubSpot({ companies: 1, contactsPerCompany: 10_450, perInstant: 3 });
    const log = serve(data);
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "hubspot", "--stream", "contacts"], odoo, {
      configPath: config({ pageSize: 200 }),
      env: ENV,
    });
    expect(code).toBe(0);
    expect(report.streams[0]?.tally.created).toBe(10_450);
    expect(odoo.records("hubspot", "contacts").size).toBe(10_450);
    const windows = log.searches.filter((search) => search.body.after === undefined);
    expect(windows).toHaveLength(2);
    expect(windows[1]?.body.filterGroups).toEqual([{ filters: [expect.objectContaining({ operator: "GTE" })] }]);
  }, 60_000);

  it("walks a window whose records all share one instant by hs_object_id", async () => {
    const data = generateHubSpot({ companies: 1, contactsPerCompany: 10_300, perInstant: 20_000 });
    const log = serve(data);
    const odoo = new FakeOdoo();
    const { report } = await syncJson(["sync", "hubspot", "--stream", "contacts"], odoo, {
      configPath: config({ pageSize: 200 }),
      env: ENV,
    });
    expect(report.streams[0]?.tally.created).toBe(10_300);
    expect(odoo.records("hubspot", "contacts").size).toBe(10_300);
    expect(
      log.searches.some((search) => JSON.stringify(search.body.filterGroups).includes('"hs_object_id","operator":"GT"')),
    ).toBe(true);
  }, 60_000);

  it("dead-letters a malformed record with its category and message, and ingests the rest", async () => {
    const data = generateHubSpot({ companies: 3, contactsPerCompany: 0 });
    (data.companies[1] as { properties: Record<string, string | null> }).properties.hs_lastmodifieddate = "not a date";
    serve(data);
    const odoo = new FakeOdoo();
    const { report } = await syncJson(["sync", "hubspot", "--stream", "companies"], odoo, { configPath: config(), env: ENV });
    expect(report.streams[0]?.tally).toMatchObject({ read: 3, created: 2, dead: 1, categories: { validation: 1 } });
    expect(odoo.events[0]).toMatchObject({ externalId: "100001", category: "validation", state: "dead" });
    expect(odoo.events[0]?.message).toContain('is not a valid date and time: "not a date"');
    expect(odoo.events[0]?.message).toContain("properties.hs_lastmodifieddate");
  });

  it("stops the source on a refused token, reports it under auth, and leaves the cursor alone", async () => {
    serve(generateHubSpot({ companies: 2, contactsPerCompany: 1 }));
    const odoo = new FakeOdoo();
    odoo.cursors.set("hubspot|companies", "2024-12-31T00:00:00.000Z");
    const run = await runCli(["sync", "hubspot"], odoo, { configPath: config(), env: { HUBSPOT_ACCESS_TOKEN: "expired" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("✗ companies");
    expect(run.stdout).toContain(
      "stopped: HubSpot answered HTTP 401: Authentication credentials not found. (INVALID_AUTHENTICATION)",
    );
    expect(run.stdout).not.toContain("contacts");
    expect(odoo.events).toEqual([expect.objectContaining({ category: "auth", externalId: null, state: "dead" })]);
    expect(odoo.cursors.get("hubspot|companies")).toBe("2024-12-31T00:00:00.000Z");
  });

  it("asks for the token by name when it is missing", async () => {
    const run = await runCli(["sync", "hubspot"], new FakeOdoo(), { configPath: config() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Missing HubSpot credentials");
    expect(run.stderr).toContain("→ at HUBSPOT_ACCESS_TOKEN");
  });
});
