/**
 * The reliability proofs that can run against msw: a vendor failing 30 % of its calls
 * (429, 500, timeouts), and more than 1,000 generated malformed payloads. The kill/restart and
 * Odoo-restart proofs need a live Odoo: they are in test/e2e.
 */
import { http, HttpResponse } from "msw";
import { toWirePayload } from "../../sync_bridge/src/gateway/wire";
import type { StreamDefinition } from "../../sync_bridge/src/sources";
import { csvStreams } from "../../sync_bridge/src/sources/csv/streams";
import { googleAdsStreams } from "../../sync_bridge/src/sources/google_ads/streams";
import { hubspotStreams } from "../../sync_bridge/src/sources/hubspot/streams";
import { DEFAULT_ORDER_STATES } from "../../sync_bridge/src/sources/woocommerce/mapper";
import { wooCommerceStreams } from "../../sync_bridge/src/sources/woocommerce/streams";
import { boundedPayload } from "../../sync_bridge/src/sync/odoo_calls";
import { prepareRecord } from "../../sync_bridge/src/sync/prepare";
import { generateHubSpot } from "./fixtures/hubspot/generate";
import { hubspotFake } from "./fixtures/hubspot/hubspot_fake";
import { malformedPayloads, type Malformed, type MalformedSpec } from "./fixtures/malformed";
import { seededRandom, withFaults, type FaultPlan } from "./fixtures/vendor";
import { wooCustomer, wooOrder } from "./fixtures/woocommerce/woocommerce_fake";
import { mswServer, vendorHandlers } from "./support/msw";
import { FakeOdoo, runCli, syncJson, writeConfig } from "./support/run_cli";

const server = mswServer();
const BASE = "https://api.hubapi.test";
const ENV = { HUBSPOT_ACCESS_TOKEN: "test-token" };
const unused = {} as never;

describe("a vendor that fails 30 % of its calls (429, 500, timeouts)", () => {
  it("still completes the sync; only the permanently bad records are dead, and replay brings them in once fixed", async () => {
    const data = generateHubSpot({ companies: 200, contactsPerCompany: 12, deals: 60 });
    // Permanently bad: three contacts with an impossible date, and deals in a stage Odoo does not map yet.
    for (const index of [7, 300, 1111]) (data.contacts[index] as { properties: Record<string, string> }).properties.lastmodifieddate = "2025-02-30T00:00:00Z";
    const plan: FaultPlan = { rate: 0.3, random: seededRandom(20250301), hangMs: 400 };
    server.use(...vendorHandlers(BASE, withFaults(hubspotFake(data), plan)));
    const odoo = new FakeOdoo();
    odoo.rejectRule = (stream, values) =>
      stream === "deals" && values.stage_key === "default:contractsent" ? ["mapping", "unknown deal stage 'default:contractsent'"] : undefined;
    const configPath = writeConfig({ sources: { hubspot: { baseUrl: BASE, pageSize: 50, requestsPerSecond: 0 } } });

    const run = await runCli(["sync", "hubspot"], odoo, { configPath, env: ENV });

    expect({ code: run.code, stdout: run.stdout }).toMatchObject({ code: 0 });
    expect(plan.injected?.rate_limit).toBeGreaterThan(0);
    expect(plan.injected?.server_error).toBeGreaterThan(0);
    expect(plan.injected?.timeout).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/HubSpot answered HTTP 429: .*retrying in/);
    expect(run.stderr).toMatch(/HubSpot did not answer within 200 ms; retrying in/);
    // Every good record exactly once.
    expect(odoo.records("hubspot", "companies").size).toBe(200);
    expect(odoo.records("hubspot", "contacts").size).toBe(2400 - 3);
    expect(odoo.records("hubspot", "deals").size).toBe(50);
    expect([...odoo.bindings.values()].every((binding) => binding.writes === 1)).toBe(true);
    const dead = odoo.events.filter((event) => event.state === "dead");
    expect(dead.map((event) => event.category).sort()).toEqual([...Array(10).fill("mapping"), ...Array(3).fill("validation")]);
    expect(odoo.events.every((event) => event.externalId !== null)).toBe(true);

    // The stage gets mapped in Odoo; replaying the dead events brings the deals in.
    odoo.rejectRule = undefined;
    const replay = await runCli(["replay", "--dead"], odoo, { configPath });
    expect(replay.code).toBe(0);
    expect(odoo.records("hubspot", "deals").size).toBe(60);
    expect(odoo.events.filter((event) => event.state === "dead").map((event) => event.category)).toEqual(["validation", "validation", "validation"]);
  }, 60_000);
});

/** A valid record of each stream, and where to break it. */
const API_SPECS: [string, MalformedSpec][] = [
  ["hubspot/companies", {
    base: { id: "1", properties: { name: "N", domain: "n.example", phone: "1", address: "a", city: "c", zip: "z", country: "BE", industry: "i", hs_lastmodifieddate: "2025-01-01T00:00:00Z" } },
    idPaths: [["id"]],
    textPaths: ["name", "domain", "phone", "address", "city", "zip", "country", "industry"].map((key) => ["properties", key]),
    datePaths: [["properties", "hs_lastmodifieddate"]],
  }],
  ["hubspot/contacts", {
    base: { id: "2", properties: { firstname: "A", lastname: "B", email: "a@b.example", phone: "1", jobtitle: "CEO", associatedcompanyid: "1", lastmodifieddate: "2025-01-01T00:00:00Z" } },
    idPaths: [["id"]],
    textPaths: ["firstname", "lastname", "email", "phone", "jobtitle"].map((key) => ["properties", key]),
    datePaths: [["properties", "lastmodifieddate"]],
  }],
  ["hubspot/deals", {
    base: { id: "3", properties: { dealname: "D", amount: "10", dealstage: "closedwon", pipeline: "default", hs_lastmodifieddate: "2025-01-01T00:00:00Z" }, associations: { companies: ["1"], contacts: [] } },
    idPaths: [["id"]],
    textPaths: [["properties", "dealname"], ["properties", "dealstage"], ["properties", "pipeline"]],
    datePaths: [["properties", "hs_lastmodifieddate"]],
    numberPaths: [["properties", "amount"]],
  }],
  ["google_ads/campaigns", {
    base: { campaign: { resourceName: "customers/1/campaigns/5", id: "5", name: "C", status: "ENABLED" } },
    idPaths: [["campaign", "id"]],
    textPaths: [["campaign", "name"], ["campaign", "resourceName"]],
    datePaths: [],
  }],
  ["google_ads/campaign_spend", {
    base: { campaign: { id: "5" }, segments: { date: "2025-03-01" }, metrics: { costMicros: "1000", clicks: "1", impressions: "2" } },
    idPaths: [["campaign", "id"]],
    textPaths: [],
    datePaths: [["segments", "date"]],
    numberPaths: [["metrics", "costMicros"], ["metrics", "clicks"], ["metrics", "impressions"]],
  }],
  ["woocommerce/customers", {
    base: wooCustomer(26, "2025-01-01T00:00:00"),
    idPaths: [["id"]],
    textPaths: [["email"], ["first_name"], ["last_name"], ["username"], ["billing", "city"], ["billing", "address_1"], ["billing", "phone"], ["billing", "postcode"]],
    datePaths: [["date_modified_gmt"]],
  }],
  ["woocommerce/orders", {
    base: wooOrder(727, "2025-01-01T00:00:00"),
    idPaths: [["id"], ["customer_id"]],
    textPaths: [["status"], ["number"], ["line_items", 0, "name"], ["billing", "email"], ["billing", "first_name"], ["billing", "city"]],
    datePaths: [["date_created_gmt"]],
    numberPaths: [["line_items", 0, "price"], ["line_items", 0, "quantity"]],
  }],
];

const CSV_SPECS: [string, MalformedSpec][] = [
  ["csv/contacts", {
    base: { "Record ID": "2", "First Name": "A", "Last Name": "B", Email: "a@b.example", "Phone Number": "1", "Job Title": "CEO", "Associated Company IDs": "1", "Last Modified Date": "2025-01-01 10:00" },
    idPaths: [["Record ID"]],
    textPaths: [["First Name"], ["Last Name"], ["Email"], ["Job Title"]],
    datePaths: [["Last Modified Date"]],
  }],
  ["csv/campaigns", {
    base: { Campaign: "Brand", "Campaign ID": "20731845601", "Campaign status": "Enabled" },
    idPaths: [["Campaign ID"]],
    textPaths: [["Campaign"]],
    datePaths: [],
  }],
  ["csv/campaign_spend", {
    base: { Day: "2025-03-01", Campaign: "Brand", "Campaign ID": "20731845601", "Currency code": "EUR", Cost: "84.12", Clicks: "61", "Impr.": "1,204" },
    idPaths: [["Campaign ID"]],
    textPaths: [],
    datePaths: [["Day"]],
    numberPaths: [["Cost"], ["Clicks"], ["Impr."]],
  }],
  ["csv/customers", {
    base: { customer_id: "31", user_login: "ines", user_email: "i@m.example", first_name: "Inès", last_name: "Moreau", user_registered: "2024-11-02 18:22:10", billing_phone: "1", billing_address_1: "a", billing_city: "Paris", billing_postcode: "75011", billing_country: "FR" },
    idPaths: [["customer_id"]],
    textPaths: [["user_login"], ["user_email"], ["first_name"], ["last_name"], ["billing_city"], ["billing_address_1"]],
    // user_registered may be blank in an export: no date to break that must be there.
    datePaths: [],
  }],
  ["csv/companies", {
    base: { "Record ID": "1", "Company name": "N", "Company Domain Name": "n.example", "Phone Number": "1", "Street Address": "s", City: "c", "Postal Code": "1", "Country/Region": "BE", Industry: "i", "Last Modified Date": "2025-01-01 10:00" },
    idPaths: [["Record ID"]],
    textPaths: [["Company name"], ["City"], ["Street Address"], ["Industry"]],
    datePaths: [["Last Modified Date"]],
  }],
  ["csv/deals", {
    base: { "Record ID": "1", "Deal Name": "D", "Deal Stage": "Closed Won", Pipeline: "Sales Pipeline", Amount: "10", "Close Date": "2025-01-31", Currency: "EUR", "Associated Company IDs": "", "Associated Contact IDs": "", "Last Modified Date": "2025-01-01 10:00" },
    idPaths: [["Record ID"]],
    textPaths: [["Deal Name"], ["Deal Stage"], ["Pipeline"]],
    datePaths: [["Last Modified Date"]],
    numberPaths: [["Amount"]],
  }],
  ["csv/orders", {
    base: { order_id: "1041", order_number: "1041", order_date: "2025-03-01 10:14:22", status: "wc-completed", order_currency: "EUR", customer_id: "31", customer_email: "a@b.example", line_item_1: "name:Chair|sku:FURN_7777|quantity:2|total:140.00" },
    idPaths: [["order_id"]],
    textPaths: [["status"], ["customer_email"], ["order_number"]],
    datePaths: [["order_date"]],
  }],
];

function apiStreams(): Map<string, StreamDefinition> {
  const all = [
    ...hubspotStreams(unused, { pageSize: 100, lookbackMs: 0 }).map((s) => [`hubspot/${s.name}`, s] as const),
    ...googleAdsStreams(unused, { lookbackDays: 3, initialDays: 30, now: () => new Date() }).map((s) => [`google_ads/${s.name}`, s] as const),
    ...wooCommerceStreams(unused, { pageSize: 100, lookbackMs: 0, orderStates: DEFAULT_ORDER_STATES, now: () => new Date() }).map((s) => [`woocommerce/${s.name}`, s] as const),
    ...csvStreams({ directory: "/nonexistent", pageSize: 100, labels: { stages: {}, pipelines: {} }, orderStates: DEFAULT_ORDER_STATES }, undefined, true).map((s) => [`csv/${s.name}`, s] as const),
  ];
  return new Map(all);
}

describe("generated malformed payloads", () => {
  const streams = apiStreams();
  const cases: [string, Malformed][] = [...API_SPECS, ...CSV_SPECS].flatMap(([name, spec]) =>
    malformedPayloads(spec).map((malformed): [string, Malformed] => [name, malformed]),
  );

  it("generates well over 1,000 of them, and each stream's base record is valid", () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    expect(cases.length).toBeLessThan(2000);
    for (const [name, spec] of [...API_SPECS, ...CSV_SPECS]) {
      expect({ name, ok: prepareRecord(streams.get(name) as StreamDefinition, spec.base, "t").ok }).toEqual({ name, ok: true });
    }
  });

  it("rejects every one with its category and a readable message, without a crash or a bug", () => {
    const accepted: string[] = [];
    for (const [name, malformed] of cases) {
      const prepared = prepareRecord(streams.get(name) as StreamDefinition, malformed.payload, "trace");
      if (prepared.ok) {
        accepted.push(`${name}: ${malformed.label}`);
        continue;
      }
      expect(prepared.bug).toBe(false);
      expect(["validation", "mapping"]).toContain(prepared.failure.category);
      expect(prepared.failure.message.length).toBeGreaterThan(5);
      expect(prepared.failure.message.length).toBeLessThanOrEqual(2000);
      // What goes to Odoo's event log stays small and sendable.
      expect(JSON.stringify(toWirePayload(boundedPayload(prepared.failure.payload))).length).toBeLessThan(70_000);
    }
    expect(accepted).toEqual([]);
  });

  it("goes through a whole sync: every malformed record dead-lettered, the valid ones in, the cursor moved", async () => {
    const contacts: Malformed[] = malformedPayloads(API_SPECS[1]?.[1] as MalformedSpec);
    const payloads: unknown[] = [];
    while (payloads.length < 1000) payloads.push(...contacts.map((malformed) => malformed.payload));
    payloads.length = 1000;
    const valid = generateHubSpot({ companies: 1, contactsPerCompany: 20 }).contacts;
    const all = [...payloads, ...valid];
    server.use(http.post(`${BASE}/crm/v3/objects/contacts/search`, async ({ request }) => {
      const body = (await request.json()) as { after?: string; limit: number };
      const after = Number(body.after ?? 0);
      const next = after + body.limit < all.length ? { paging: { next: { after: String(after + body.limit) } } } : {};
      return HttpResponse.json({ total: all.length, results: all.slice(after, after + body.limit), ...next });
    }));
    const odoo = new FakeOdoo();
    const configPath = writeConfig({ sources: { hubspot: { baseUrl: BASE, pageSize: 200, requestsPerSecond: 0 } } });
    const { code, report } = await syncJson(["sync", "hubspot", "--stream", "contacts"], odoo, { configPath, env: ENV });
    expect(code).toBe(0);
    expect(report.total).toMatchObject({ read: 1020, created: 20, dead: 1000, bugs: 0 });
    // All 1,000 reported; Odoo keeps one open event per external id, so repeats of a payload share one.
    const reported = odoo.calls.filter((call) => call.method === "report_failures").reduce((sum, call) => sum + (call.size ?? 0), 0);
    expect(reported).toBe(1000);
    expect(odoo.events.length).toBeGreaterThan(100);
    expect(odoo.events.every((event) => event.category === "validation" && event.message.length > 5 && event.state === "dead")).toBe(true);
    expect(odoo.cursors.get("hubspot|contacts")).toBe(valid.at(-1)?.properties.lastmodifieddate);
  }, 60_000);
});
