/**
 * Contacts linked to their company when `associatedcompanyid` is empty, through the v4
 * associations (sync_bridge/src/sources/hubspot/streams.ts, client.ts), and HubSpot's opaque
 * paging tokens sent back as received.
 */
import { generateHubSpot } from "../../fixtures/hubspot/generate";
import { afterToken, hubspotFake, type HubSpotData, type HubSpotLog } from "../../fixtures/hubspot/hubspot_fake";
import { mswServer, vendorHandlers } from "../../support/msw";
import { FakeOdoo, syncJson, writeConfig } from "../../support/run_cli";

const server = mswServer();
const BASE = "https://api.hubapi.test";
const ENV = { HUBSPOT_ACCESS_TOKEN: "test-token" };

function serve(data: HubSpotData): HubSpotLog {
  const log: HubSpotLog = { searches: [], associations: 0 };
  server.use(...vendorHandlers(BASE, hubspotFake(data, log)));
  return log;
}

function config(pageSize: number) {
  return writeConfig({ sources: { hubspot: { baseUrl: BASE, requestsPerSecond: 0, lookbackSeconds: 0, pageSize } } });
}

/** Three companies, ten contacts; contacts 500000–500003 have no `associatedcompanyid`. */
function account(): HubSpotData {
  const data = generateHubSpot({ companies: 3, contactsPerCompany: 0 });
  const more = generateHubSpot({ companies: 1, contactsPerCompany: 10 });
  data.contacts = more.contacts;
  for (const contact of data.contacts.slice(0, 4)) contact.properties.associatedcompanyid = contact.id === "500001" ? "" : null;
  data.contactCompanies = new Map([
    ["500000", ["100002", "100000"]], // primary 100002, not first in HubSpot's answer
    ["500001", ["100001"]], // blank associatedcompanyid: associated all the same
    // 500002: no association at all
    ["500003", ["100000"]],
    ["500005", ["100002"]], // has associatedcompanyid (100000): that one wins, no association read
  ]);
  return data;
}

describe("HubSpot contacts without associatedcompanyid", () => {
  it("link to their primary company from the v4 associations, in one call per page that needs it", async () => {
    const data = account();
    const log = serve(data);
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "hubspot", "--stream", "contacts"], odoo, {
      configPath: config(5),
      env: ENV,
    });
    expect(code).toBe(0);
    expect(report.streams[0]?.tally).toMatchObject({ read: 10, created: 10, dead: 0 });
    const company = (id: string) => odoo.binding("hubspot", "contacts", id)?.values.company_external_id;
    expect(company("500000")).toBe("100002");
    expect(company("500001")).toBe("100001");
    expect(company("500002")).toBe(false); // no company: Odoo's empty value
    expect(company("500003")).toBe("100000");
    expect(company("500005")).toBe("100000");
    // Page 1 (500000–500004) needs associations, page 2 (500005–500009) does not.
    expect(log.associations).toBe(1);
  });
});

describe("HubSpot paging tokens", () => {
  it("are sent back as the opaque strings HubSpot gave, the reference's own NTI1Cg%3D%3D included", async () => {
    expect(afterToken(525)).toBe("NTI1Cg%3D%3D"); // the fake's token for offset 525 is the documented example
    const data = generateHubSpot({ companies: 1, contactsPerCompany: 600 });
    const log = serve(data);
    const odoo = new FakeOdoo();
    const { code } = await syncJson(["sync", "hubspot", "--stream", "contacts"], odoo, { configPath: config(175), env: ENV });
    expect(code).toBe(0);
    expect(log.searches.map((search) => search.body.after)).toEqual([undefined, "MTc1Cg%3D%3D", "MzUwCg%3D%3D", "NTI1Cg%3D%3D"]);
    expect(odoo.records("hubspot", "contacts").size).toBe(600);
  });
});
