/**
 * `ops-bridge sync csv` over the shipped samples (sync_bridge/src/sources/csv/streams.ts): order,
 * cursors, resuming.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OdooUnreachableError } from "../../../../sync_bridge/src/errors";
import { defaultCsvDirectory } from "../../../../sync_bridge/src/sources/csv/descriptor";
import { FakeOdoo, runCli, syncJson, writeConfig } from "../../support/run_cli";

/** A copy of the shipped samples, to edit freely. */
function samplesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "ops-bridge-csv-"));
  cpSync(defaultCsvDirectory(), dir, { recursive: true });
  return dir;
}

describe("ops-bridge sync csv (the shipped samples)", () => {
  it("syncs every sample file in dependency order with no credentials at all", async () => {
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "csv"], odoo, { configPath: writeConfig({}) });
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.created, s.tally.dead])).toEqual([
      ["companies", 8, 0],
      ["contacts", 12, 0],
      ["deals", 6, 0],
      ["campaigns", 3, 0],
      ["campaign_spend", 13, 0],
      ["customers", 5, 0],
      ["orders", 6, 0],
    ]);
    expect(odoo.binding("csv", "companies", "5107")?.values).toMatchObject({
      street: "200 Congress Ave, Suite 9",
      country_code: "US",
      website: "https://copperline.example",
    });
    expect(odoo.binding("csv", "deals", "9301")?.values).toMatchObject({
      stage_key: "default:contractsent",
      expected_revenue: 48000,
      date_deadline: "2025-04-15",
      company_external_id: "5101",
    });
    expect(odoo.binding("csv", "campaign_spend", "20731845602:2025-03-04")?.values).toMatchObject({
      amount: 1036.9,
      clicks: 391,
      impressions: 18744,
    });
    expect(odoo.binding("csv", "campaign_spend", "20731845603:2025-03-03")?.values).toMatchObject({ amount: 0, clicks: 0 });
    expect(odoo.binding("csv", "orders", "1043")?.values).toMatchObject({
      customer_external_id: "guest:lucas.petit@mail.example",
      state: "sale",
    });
    expect(odoo.binding("csv", "customers", "guest:lucas.petit@mail.example")).toBeDefined();
    expect(odoo.binding("csv", "orders", "1044")?.values).toMatchObject({
      state: "draft",
      lines: [
        { sku: "FURN_8220", name: "Four Person Desk", quantity: 1, price_unit: 2350 },
        { sku: "FURN_8888", name: "Office Lamp", quantity: 4, price_unit: 40 },
      ],
      attribution: {
        source_type: "referral",
        utm_source: "linkedin.com",
        utm_medium: "referral",
        referrer: "https://www.linkedin.com/",
        session_start: "2025-03-03 14:01:55",
      },
    });
  });

  it("skips files already read to the end, and reads them again with --full (all unchanged)", async () => {
    const odoo = new FakeOdoo();
    const configPath = writeConfig({});
    await syncJson(["sync", "csv"], odoo, { configPath });
    const again = await syncJson(["sync", "csv"], odoo, { configPath });
    expect(again.report.total.read).toBe(0);
    expect(again.report.streams[0]?.notes).toEqual(["companies.csv is unchanged since the last sync (--full reads it again)"]);
    const full = await syncJson(["sync", "csv", "--full"], odoo, { configPath });
    expect(full.report.total).toMatchObject({ read: 53, unchanged: 53, created: 0, updated: 0 });
  });

  it("resumes after the last page Odoo confirmed when a run dies half-way", async () => {
    const dir = samplesCopy();
    const rows = [
      "Record ID,First Name,Last Name,Email,Phone Number,Job Title,Associated Company IDs,Create Date,Last Modified Date",
    ];
    for (let i = 0; i < 95; i += 1)
      rows.push(`${8000 + i},First${i},Last${i},p${i}@x.example,,,,2025-01-01 00:00,2025-01-02 00:00`);
    writeFileSync(join(dir, "contacts.csv"), `${rows.join("\n")}\n`);
    const configPath = writeConfig({
      batchSize: 20,
      sources: { csv: { directory: dir, pageSize: 20 } },
      odooRetry: { maxAttempts: 1 },
    });
    const odoo = new FakeOdoo();
    let ingests = 0;
    odoo.beforeCall = (method) => {
      if (method === "ingest" && ++ingests === 3) throw new OdooUnreachableError("Odoo went away");
    };
    const crashed = await runCli(["sync", "csv", "--stream", "contacts"], odoo, { configPath });
    expect(crashed.code).toBe(1);
    expect(crashed.stderr).toContain("stopped: Odoo went away");
    expect(odoo.cursors.get("csv|contacts")).toMatch(/^sha256:[0-9a-f]{16}:40$/);
    odoo.beforeCall = undefined;
    const resumed = await syncJson(["sync", "csv", "--stream", "contacts"], odoo, { configPath });
    expect(resumed.report.streams[0]?.notes).toEqual(["contacts.csv: resuming after row 40 of 95"]);
    // The page after the failed one was in Odoo at the time (concurrency 2): it is in, and comes back unchanged.
    expect(resumed.report.total).toMatchObject({ read: 55, created: 35, unchanged: 20 });
    expect(odoo.records("csv", "contacts").size).toBe(95);
  });

  it("starts a changed export from its first row", async () => {
    const dir = samplesCopy();
    const configPath = writeConfig({ sources: { csv: { directory: dir } } });
    const odoo = new FakeOdoo();
    await syncJson(["sync", "csv", "--stream", "companies"], odoo, { configPath });
    const file = join(dir, "companies.csv");
    writeFileSync(file, readFileSync(file, "utf8").replace("Northwind Robotics", "Northwind Robotics NV"));
    const { report } = await syncJson(["sync", "csv", "--stream", "companies"], odoo, { configPath });
    expect(report.total).toMatchObject({ read: 8, updated: 1, unchanged: 7 });
  });

  it("dead-letters bad rows with the column and what is wrong, and ingests the others", async () => {
    const dir = samplesCopy();
    writeFileSync(
      join(dir, "deals.csv"),
      [
        "Record ID,Deal Name,Deal Stage,Pipeline,Amount,Close Date,Currency,Associated Company IDs,Associated Contact IDs,Last Modified Date",
        "1,Good,Closed Won,Sales Pipeline,100,2025-01-31,EUR,,,2025-01-01 10:00",
        "2,Bad amount,Closed Won,Sales Pipeline,lots,2025-01-31,EUR,,,2025-01-01 10:00",
        "3,Bad date,Closed Won,Sales Pipeline,100,2025-02-30,EUR,,,2025-01-01 10:00",
        "4,Shifted,Closed Won,Sales Pipeline,100,2025-01-31,EUR,,,2025-01-01 10:00,extra",
        ",No id,Closed Won,Sales Pipeline,100,2025-01-31,EUR,,,2025-01-01 10:00",
      ].join("\n"),
    );
    const odoo = new FakeOdoo();
    const { report } = await syncJson(["sync", "csv", "--stream", "deals"], odoo, {
      configPath: writeConfig({ sources: { csv: { directory: dir } } }),
    });
    expect(report.total).toMatchObject({ read: 5, created: 1, dead: 4, categories: { validation: 4 } });
    const messages = Object.fromEntries(odoo.events.map((event) => [event.externalId ?? "none", event.message]));
    expect(messages["2"]).toContain('is not an amount: "lots"');
    expect(messages["2"]).toContain("Amount");
    expect(messages["3"]).toContain('is not a valid date: "2025-02-30"');
    expect(messages["4"]).toContain("has more cells than the header");
    expect(messages.none).toMatch(/Record ID.*is empty/);
  });

  it("refuses a missing directory with what to set", async () => {
    const run = await runCli(["sync", "csv"], new FakeOdoo(), {
      configPath: writeConfig({ sources: { csv: { directory: "no/such/dir" } } }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("does not exist");
    expect(run.stderr).toContain("sources.csv.directory");
  });
});

describe("ops-bridge sync csv (the vendors' own export files)", () => {
  const FIXTURES = join(__dirname, "..", "..", "fixtures", "csv");

  /** A folder with each fixture under the name of the stream it feeds. */
  function exportsFolder(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "ops-bridge-csv-vendors-"));
    for (const [stream, fixture] of Object.entries(files)) cpSync(join(FIXTURES, fixture), join(dir, `${stream}.csv`));
    return dir;
  }

  it("syncs HubSpot's, Google Ads' and WooCommerce's downloads as they come", async () => {
    const dir = exportsFolder({
      companies: "hubspot/hubspot-crm-exports-all-companies-2025-03-05.csv",
      contacts: "hubspot/hubspot-crm-exports-all-contacts-2025-03-05.csv",
      deals: "hubspot/hubspot-crm-exports-all-deals-2025-03-05.csv",
      campaigns: "google_ads/Campaign report.csv",
      campaign_spend: "google_ads/Campaign report (Excel).csv",
      orders: "woocommerce/orders_2025-03-05_orderby-date_order-desc.csv",
    });
    const odoo = new FakeOdoo();
    const { report } = await syncJson(["sync", "csv"], odoo, {
      configPath: writeConfig({ sources: { csv: { directory: dir } } }),
    });
    expect(report.streams.map((s) => [s.stream, s.tally.created, s.tally.dead])).toEqual([
      ["companies", 3, 0],
      ["contacts", 4, 0],
      ["deals", 3, 0],
      ["campaigns", 3, 0],
      ["campaign_spend", 5, 0],
      ["orders", 4, 1],
    ]);
    expect(odoo.binding("csv", "contacts", "95100207201")?.values).toMatchObject({ company_external_id: "27310455101" });
    expect(odoo.binding("csv", "campaign_spend", "21458832012:2025-03-04")?.values).toMatchObject({
      amount: 1036.9,
      impressions: 18744,
    });
    expect(odoo.events.find((event) => event.externalId === "3044")?.message).toContain("lists 2 products");
  });

  it("fails a stream whose file none of the rows can be synced from, and goes on with the others", async () => {
    const dir = exportsFolder({ companies: "hubspot/hubspot-crm-exports-all-companies-2025-03-05.csv" });
    writeFileSync(
      join(dir, "deals.csv"),
      '"Record ID","Deal Name","Deal Stage","Amount"\n"1","A","Closed Won","lots"\n"2","B","Closed Won","many"\n',
    );
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "csv"], odoo, {
      configPath: writeConfig({ sources: { csv: { directory: dir } } }),
    });
    expect(code).not.toBe(0);
    const expected =
      'deals.csv: none of its 2 rows can be synced, so none was sent to Odoo; first reasons: row 1 (Record ID "1"): Amount is not an amount: "lots"; row 2 (Record ID "2"): Amount is not an amount: "many"';
    expect(report.streams.map((s) => [s.stream, s.completed, s.error])).toEqual([
      ["companies", true, null],
      ["deals", false, expected],
    ]);
    // the person reading Odoo's sync events sees it too
    expect(odoo.events.map((event) => event.message)).toEqual([expect.stringContaining(expected)]);
    expect(odoo.records("csv", "companies").size).toBe(3);
    expect(odoo.records("csv", "deals").size).toBe(0);
  });
});
