/**
 * Reliability proof: the bridge's side of the malformed-payload proof. More than 1,000 generated
 * malformed payloads, across every stream of every source, each go through `prepareRecord`
 * (`sync/prepare.ts`, what `sync` and `replay` do with every raw record) and are refused by the
 * bridge's validation with their category and a readable message, never a crash, with a payload
 * small and sendable enough for Odoo's event log (`sync/odoo_calls.ts`'s `boundedPayload`).
 * The proofs that run a whole sync (a vendor failing 30 % of its calls, malformed payloads
 * dead-lettered) do it against the live Odoo, with only the vendor faked:
 * test/e2e/bridge_vendor_faults.test.ts; the kill/restart and Odoo-stopped proofs are in
 * test/e2e/bridge_sync.test.ts.
 */
import { toWirePayload } from "../../../sync_bridge/src/gateway/wire";
import type { StreamDefinition } from "../../../sync_bridge/src/sources";
import { csvStreams } from "../../../sync_bridge/src/sources/csv/streams";
import { googleAdsStreams } from "../../../sync_bridge/src/sources/google_ads/streams";
import { hubspotStreams } from "../../../sync_bridge/src/sources/hubspot/streams";
import { DEFAULT_ORDER_STATES } from "../../../sync_bridge/src/sources/woocommerce/mapper";
import { wooCommerceStreams } from "../../../sync_bridge/src/sources/woocommerce/streams";
import { boundedPayload } from "../../../sync_bridge/src/sync/odoo_calls";
import { prepareRecord } from "../../../sync_bridge/src/sync/prepare";
import { HUBSPOT_COMPANY_SPEC, HUBSPOT_CONTACT_SPEC, HUBSPOT_DEAL_SPEC } from "../fixtures/hubspot/malformed_specs";
import { malformedPayloads, type Malformed, type MalformedSpec } from "../fixtures/malformed";
import { wooCustomer, wooOrder } from "../fixtures/woocommerce/woocommerce_fake";

const unused = {} as never;

/** A valid record of each stream, and where to break it. */
const API_SPECS: [string, MalformedSpec][] = [
  ["hubspot/companies", HUBSPOT_COMPANY_SPEC],
  ["hubspot/contacts", HUBSPOT_CONTACT_SPEC],
  ["hubspot/deals", HUBSPOT_DEAL_SPEC],
  [
    "google_ads/campaigns",
    {
      base: { campaign: { resourceName: "customers/1/campaigns/5", id: "5", name: "C", status: "ENABLED" } },
      idPaths: [["campaign", "id"]],
      textPaths: [
        ["campaign", "name"],
        ["campaign", "resourceName"],
      ],
      datePaths: [],
    },
  ],
  [
    "google_ads/campaign_spend",
    {
      base: {
        campaign: { id: "5" },
        segments: { date: "2025-03-01" },
        metrics: { costMicros: "1000", clicks: "1", impressions: "2" },
      },
      idPaths: [["campaign", "id"]],
      textPaths: [],
      datePaths: [["segments", "date"]],
      numberPaths: [
        ["metrics", "costMicros"],
        ["metrics", "clicks"],
        ["metrics", "impressions"],
      ],
    },
  ],
  [
    "woocommerce/customers",
    {
      base: wooCustomer(26, "2025-01-01T00:00:00"),
      idPaths: [["id"]],
      textPaths: [
        ["email"],
        ["first_name"],
        ["last_name"],
        ["username"],
        ["billing", "city"],
        ["billing", "address_1"],
        ["billing", "phone"],
        ["billing", "postcode"],
      ],
      datePaths: [["date_modified_gmt"]],
    },
  ],
  [
    "woocommerce/orders",
    {
      base: wooOrder(727, "2025-01-01T00:00:00"),
      idPaths: [["id"], ["customer_id"]],
      textPaths: [
        ["status"],
        ["number"],
        ["line_items", 0, "name"],
        ["billing", "email"],
        ["billing", "first_name"],
        ["billing", "city"],
      ],
      datePaths: [["date_created_gmt"]],
      numberPaths: [
        ["line_items", 0, "price"],
        ["line_items", 0, "quantity"],
      ],
    },
  ],
];

const CSV_SPECS: [string, MalformedSpec][] = [
  [
    "csv/contacts",
    {
      base: {
        "Record ID": "2",
        "First Name": "A",
        "Last Name": "B",
        Email: "a@b.example",
        "Phone Number": "1",
        "Job Title": "CEO",
        "Associated Company IDs": "1",
        "Last Modified Date": "2025-01-01 10:00",
      },
      idPaths: [["Record ID"]],
      textPaths: [["First Name"], ["Last Name"], ["Email"], ["Job Title"]],
      datePaths: [["Last Modified Date"]],
    },
  ],
  [
    "csv/campaigns",
    {
      base: { Campaign: "Brand", "Campaign ID": "20731845601", "Campaign status": "Enabled" },
      idPaths: [["Campaign ID"]],
      textPaths: [["Campaign"]],
      datePaths: [],
    },
  ],
  [
    "csv/campaign_spend",
    {
      base: {
        Day: "2025-03-01",
        Campaign: "Brand",
        "Campaign ID": "20731845601",
        "Currency code": "EUR",
        Cost: "84.12",
        Clicks: "61",
        "Impr.": "1,204",
      },
      idPaths: [["Campaign ID"]],
      textPaths: [],
      datePaths: [["Day"]],
      numberPaths: [["Cost"], ["Clicks"], ["Impr."]],
    },
  ],
  [
    "csv/customers",
    {
      base: {
        customer_id: "31",
        user_login: "ines",
        user_email: "i@m.example",
        first_name: "Inès",
        last_name: "Moreau",
        user_registered: "2024-11-02 18:22:10",
        billing_phone: "1",
        billing_address_1: "a",
        billing_city: "Paris",
        billing_postcode: "75011",
        billing_country: "FR",
      },
      idPaths: [["customer_id"]],
      textPaths: [["user_login"], ["user_email"], ["first_name"], ["last_name"], ["billing_city"], ["billing_address_1"]],
      // user_registered may be blank in an export: no date to break that must be there.
      datePaths: [],
    },
  ],
  [
    "csv/companies",
    {
      base: {
        "Record ID": "1",
        "Company name": "N",
        "Company Domain Name": "n.example",
        "Phone Number": "1",
        "Street Address": "s",
        City: "c",
        "Postal Code": "1",
        "Country/Region": "BE",
        Industry: "i",
        "Last Modified Date": "2025-01-01 10:00",
      },
      idPaths: [["Record ID"]],
      textPaths: [["Company name"], ["City"], ["Street Address"], ["Industry"]],
      datePaths: [["Last Modified Date"]],
    },
  ],
  [
    "csv/deals",
    {
      base: {
        "Record ID": "1",
        "Deal Name": "D",
        "Deal Stage": "Closed Won",
        Pipeline: "Sales Pipeline",
        Amount: "10",
        "Close Date": "2025-01-31",
        Currency: "EUR",
        "Associated Company IDs": "",
        "Associated Contact IDs": "",
        "Last Modified Date": "2025-01-01 10:00",
      },
      idPaths: [["Record ID"]],
      textPaths: [["Deal Name"], ["Deal Stage"], ["Pipeline"]],
      datePaths: [["Last Modified Date"]],
      numberPaths: [["Amount"]],
    },
  ],
  [
    "csv/orders",
    {
      base: {
        order_id: "1041",
        order_number: "1041",
        order_date: "2025-03-01 10:14:22",
        status: "wc-completed",
        order_currency: "EUR",
        customer_id: "31",
        customer_email: "a@b.example",
        line_item_1: "name:Chair|sku:FURN_7777|quantity:2|total:140.00",
      },
      idPaths: [["order_id"]],
      textPaths: [["status"], ["customer_email"], ["order_number"]],
      datePaths: [["order_date"]],
    },
  ],
];

function apiStreams(): Map<string, StreamDefinition> {
  const all = [
    ...hubspotStreams(unused, { pageSize: 100, lookbackMs: 0 }).map((s) => [`hubspot/${s.name}`, s] as const),
    ...googleAdsStreams(unused, { lookbackDays: 3, initialDays: 30, now: () => new Date() }).map(
      (s) => [`google_ads/${s.name}`, s] as const,
    ),
    ...wooCommerceStreams(unused, { pageSize: 100, lookbackMs: 0, orderStates: DEFAULT_ORDER_STATES, now: () => new Date() }).map(
      (s) => [`woocommerce/${s.name}`, s] as const,
    ),
    ...csvStreams(
      { directory: "/nonexistent", pageSize: 100, labels: { stages: {}, pipelines: {} }, orderStates: DEFAULT_ORDER_STATES },
      undefined,
      true,
    ).map((s) => [`csv/${s.name}`, s] as const),
  ];
  return new Map(all);
}

describe("generated malformed payloads", () => {
  const streams = apiStreams();
  const cases: [string, Malformed][] = [...API_SPECS, ...CSV_SPECS].flatMap(([name, spec]) =>
    malformedPayloads(spec)
      // HubSpot's default CSV exports carry no modification date: in a CSV row a blank one means none
      .filter((malformed) => !(name.startsWith("csv/") && malformed.label === "Last Modified Date: an empty date"))
      .map((malformed): [string, Malformed] => [name, malformed]),
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
});
