/**
 * The exports vendors' own buttons write (test/bridge/fixtures/csv/, see its README), read by the
 * CSV streams: which layout each file is, what each row maps to, and the file-level failures
 * that say which report or columns to download instead.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FatalAPIError } from "../../../../sync_bridge/src/errors";
import type { MappedRecord, StreamDefinition, StreamKind } from "../../../../sync_bridge/src/sources/source";
import { csvStreams } from "../../../../sync_bridge/src/sources/csv/streams";
import { DEFAULT_ORDER_STATES } from "../../../../sync_bridge/src/sources/woocommerce/mapper";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "csv");

/** The stream `name` over a folder holding `fixture` as `<name>.csv`. */
function streamOver(name: StreamKind, fixture: string | Buffer): StreamDefinition {
  const directory = mkdtempSync(join(tmpdir(), "ops-bridge-vendor-csv-"));
  const target = join(directory, `${name}.csv`);
  if (typeof fixture === "string") copyFileSync(join(FIXTURES, fixture), target);
  else writeFileSync(target, fixture);
  const settings = { directory, pageSize: 50, labels: { stages: {}, pipelines: {} }, orderStates: DEFAULT_ORDER_STATES };
  return csvStreams(settings).find((stream) => stream.name === name) as StreamDefinition;
}

interface Outcome {
  notes: string[];
  mapped: Map<string, MappedRecord>;
  failed: Map<string, string>;
}

/** Reads every page and validates and maps each record, as the runner would. */
async function readAll(name: StreamKind, fixture: string | Buffer): Promise<Outcome> {
  const stream = streamOver(name, fixture);
  const outcome: Outcome = { notes: [], mapped: new Map(), failed: new Map() };
  for await (const page of stream.read({ since: null })) {
    if (page.note) outcome.notes.push(page.note);
    for (const raw of page.records) {
      const id = stream.externalIdOf(raw) ?? "?";
      const parsed = stream.schema.safeParse(raw);
      if (!parsed.success)
        outcome.failed.set(id, parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
      else {
        const record = stream.map(parsed.data);
        outcome.mapped.set(record.externalId, record);
      }
    }
  }
  return outcome;
}

/** The `FatalAPIError` a read of the file stops with. */
async function readError(name: StreamKind, fixture: string | Buffer): Promise<FatalAPIError> {
  try {
    await readAll(name, fixture);
  } catch (error) {
    if (error instanceof FatalAPIError) return error;
    throw error;
  }
  throw new Error(`reading ${name}.csv did not fail`);
}

describe("HubSpot CRM exports (default views)", () => {
  it("reads the contacts export: quoted cells, the primary company id, no modification date", async () => {
    const { mapped, failed, notes } = await readAll("contacts", "hubspot/hubspot-crm-exports-all-contacts-2025-03-05.csv");
    expect(failed.size).toBe(0);
    expect(notes).toEqual([]);
    expect([...mapped.keys()]).toEqual(["95100207201", "95100207202", "95100207203", "95100207207"]);
    expect(mapped.get("95100207201")).toEqual({
      externalId: "95100207201",
      values: {
        name: "Maëlle Dubois",
        email: "maelle.dubois@kestrel-marine.example",
        phone: "+32 470 55 01 11",
        function: null,
        company_external_id: "27310455101",
      },
      modifiedAt: null,
    });
    expect(mapped.get("95100207207")?.values).toMatchObject({ name: "events@conference.example", company_external_id: null });
  });

  it("reads the companies export, with HubSpot's industry labels and countries by name", async () => {
    const { mapped, failed } = await readAll("companies", "hubspot/hubspot-crm-exports-all-companies-2025-03-05.csv");
    expect(failed.size).toBe(0);
    expect(mapped.size).toBe(3);
    expect(mapped.get("27310455101")).toMatchObject({
      values: {
        name: "Kestrel Marine Systems",
        phone: "+32 2 555 01 10",
        city: "Antwerp",
        country_code: "BE",
        industry: "Machinery",
      },
      modifiedAt: null,
    });
    expect(mapped.get("27310455102")?.values).toMatchObject({ country_code: "GB", industry: "Computer Software" });
  });

  it("reads the deals export: stage labels of the default pipeline, close dates with a time, blank amounts", async () => {
    const { mapped, failed } = await readAll("deals", "hubspot/hubspot-crm-exports-all-deals-2025-03-05.csv");
    expect(failed.size).toBe(0);
    expect(mapped.get("31200009301")).toMatchObject({
      values: {
        stage_key: "default:contractsent",
        expected_revenue: 48000,
        date_deadline: "2025-04-15",
        company_external_id: null,
      },
      modifiedAt: null,
    });
    expect(mapped.get("31200009302")?.values).toMatchObject({ stage_key: "default:closedwon", expected_revenue: 22500.5 });
    expect(mapped.get("31200009303")?.values).toMatchObject({
      stage_key: "default:qualifiedtobuy",
      expected_revenue: null,
      date_deadline: null,
    });
  });

  it("notes that contacts without a company id column are synced without their company", async () => {
    const file = Buffer.from(
      '"Record ID","First Name","Last Name","Email","Associated Company"\n"1","Ada","Lovelace","ada@example.com","Analytical Engines"\n',
    );
    const { mapped, notes } = await readAll("contacts", file);
    expect(mapped.get("1")?.values).toMatchObject({ name: "Ada Lovelace", company_external_id: null });
    expect(notes).toEqual([
      expect.stringContaining(
        'contacts.csv has no company id column ("Primary Associated Company ID" or "Associated Company IDs")',
      ),
    ]);
  });
});

describe("Google Ads report downloads", () => {
  const SPEND = {
    "21458832011:2025-03-03": { amount: 91.4, clicks: 66, impressions: 1318 },
    "21458832011:2025-03-04": { amount: 88.02, clicks: 63, impressions: 1277 },
    "21458832012:2025-03-03": { amount: 1012.75, clicks: 377, impressions: 17902 },
    "21458832012:2025-03-04": { amount: 1036.9, clicks: 391, impressions: 18744 },
    "21458832013:2025-03-03": { amount: 0, clicks: 0, impressions: 0 },
  };

  it.each(["Campaign report.csv", "Campaign report (Excel).csv"])(
    "reads %s into daily spend, its title, date range and Total lines left out",
    async (file) => {
      const { mapped, failed } = await readAll("campaign_spend", `google_ads/${file}`);
      expect(failed.size).toBe(0);
      const spend = Object.fromEntries(
        [...mapped.values()].map((record) => {
          const { amount, clicks, impressions } = record.values as Record<string, number>;
          return [record.externalId, { amount, clicks, impressions }];
        }),
      );
      expect(spend).toEqual(SPEND);
    },
  );

  it.each(["Campaign report.csv", "Campaign report (Excel).csv", "Campaign report (no Day).csv"])(
    "reads the campaigns of %s once each, with their status",
    async (file) => {
      const { mapped, failed } = await readAll("campaigns", `google_ads/${file}`);
      expect(failed.size).toBe(0);
      expect([...mapped.values()].map((record) => [record.externalId, record.values])).toEqual([
        ["21458832011", { name: "Brand – Search – DE", status: "enabled" }],
        ["21458832012", { name: "Fleet Suite – Search – UK", status: "enabled" }],
        ["21458832013", { name: "Spring Sale 2024", status: "paused" }],
      ]);
    },
  );

  it("fails daily spend from a report without the Day segment, saying how to download one with it", async () => {
    const error = await readError("campaign_spend", "google_ads/Campaign report (no Day).csv");
    expect(error.message).toBe(
      'campaign_spend.csv is a Google Ads campaign report without the column "Day", which campaign_spend needs: segment the report by day (Segment → Time → Day) and download it again: a report without Day sums its whole date range, which gives no daily spend',
    );
  });

  it.each(["campaigns", "campaign_spend"] as const)(
    "fails %s from a report without Campaign ID, which could join by name only",
    async (stream) => {
      const error = await readError(stream, "google_ads/Campaign report (no Campaign ID).csv");
      expect(error.message).toContain(`${stream}.csv is a Google Ads campaign report without the column "Campaign ID"`);
      expect(error.message).toContain("Columns → Modify columns → Attributes");
      expect(error.message).toContain("joined to campaigns by name only");
    },
  );
});

describe("WooCommerce Analytics → Orders downloads", () => {
  it("reads the browser's download: one product per order priced from the net total, the origin as attribution", async () => {
    const { mapped, failed, notes } = await readAll("orders", "woocommerce/orders_2025-03-05_orderby-date_order-desc.csv");
    expect(notes).toEqual([expect.stringContaining("Analytics → Orders download")]);
    expect([...mapped.keys()]).toEqual(["3041", "3042", "3043", "3045"]);
    const order = mapped.get("3041") as MappedRecord;
    expect(order.values).toMatchObject({
      customer_external_id: "guest-order:3041",
      state: "sale",
      currency_code: null,
      lines: [{ sku: null, name: "Office Chair", quantity: 2, price_unit: 70 }],
      attribution: { source_type: "utm", utm_source: "Google" },
    });
    expect(order.values.date_order).toEqual(new Date("2025-03-01T10:14:22Z"));
    expect(order.requires?.[0]?.record.values).toMatchObject({ name: "Chloé Garnier", email: null });
    expect(mapped.get("3042")?.values).toMatchObject({ attribution: { source_type: "organic", utm_source: "Google" } });
    expect(mapped.get("3045")?.values).toMatchObject({
      lines: [{ price_unit: 450.5 }],
      attribution: { source_type: "typein", utm_source: null },
    });
    // two products and one net total: no honest price per line, so the order waits in the dead-letter queue
    expect(failed.get("3044")).toContain("Product(s): lists 2 products, but this export gives one net total per order");
  });

  it('reads the e-mailed export (BOM, "Net Sales", formatted revenue)', async () => {
    const { mapped, failed } = await readAll("orders", "woocommerce/wc-orders-report-export-17411234567890.csv");
    expect(failed.size).toBe(0);
    expect([...mapped.keys()]).toEqual(["3041", "3043", "3045", "3046"]);
    expect(mapped.get("3046")?.values).toMatchObject({
      state: "sale",
      lines: [{ name: "Conference Chair", quantity: 1, price_unit: 1250 }],
      attribution: null,
    });
  });

  it("says which column to show when the report table hid one the orders need", async () => {
    const file = Buffer.from('Date,"Order #","Net sales"\n"2025-03-01 10:14:22",3041,140\n');
    const error = await readError("orders", file);
    expect(error.message).toBe(
      'orders.csv is a WooCommerce Analytics → Orders download without the columns "Status", "Product(s)", which orders need: show the Status column (the report table\'s column menu, ⋮) in Analytics → Orders and download again; show the Product(s) column (the report table\'s column menu, ⋮) in Analytics → Orders and download again',
    );
  });
});

describe("files that are not the stream's export", () => {
  it("names what a misplaced file is and which file name it needs", async () => {
    const error = await readError("contacts", "google_ads/Campaign report.csv");
    expect(error.message).toBe(
      "contacts.csv is a Google Ads campaign report, which feeds campaigns.csv or campaign_spend.csv, not contacts: rename the file, or put a HubSpot contact export here",
    );
  });

  it("lists the exports it looked for when the header is no known one", async () => {
    const error = await readError("companies", Buffer.from("x,y\n1,2\n"));
    expect(error.message).toBe(
      "companies.csv: no header of a HubSpot company export (Record ID, Company name) in its first 20 rows (first row: x, y)",
    );
  });

  it("fails a file none of whose rows can be synced, with the first reasons", async () => {
    const rows = [
      '"Record ID","Deal Name","Deal Stage","Amount"',
      '"1","A","Closed Won","lots"',
      '"2","B","","10"',
      '"x y","C","Closed Won","5"',
    ];
    const error = await readError("deals", Buffer.from(rows.join("\n")));
    expect(error.message).toBe(
      'deals.csv: none of its 3 rows can be synced, so none was sent to Odoo; first reasons: row 1 (Record ID "1"): Amount is not an amount: "lots"; row 2 (Record ID "2"): the deal has no stage (dealstage is empty); row 3 (Record ID "x y"): Record ID is not an id (letters, digits, . _ : - only)',
    );
  });
});
