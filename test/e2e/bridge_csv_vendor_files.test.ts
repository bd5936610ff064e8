/**
 * `ops-bridge sync csv` against a LIVE Odoo 19 (see test/e2e/support/live_odoo.ts) with the files
 * the vendors' own buttons write (test/bridge/fixtures/csv/README.md): HubSpot's default exports,
 * which carry no modification date, Google Ads' "Excel .csv" (UTF-16LE, tabs) and WooCommerce's
 * Analytics → Orders download, whose products have no SKU. The fixtures' ids are their own, so a
 * later run of this file finds the same records again (created or unchanged).
 */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../sync_bridge/src/cli";
import { adminGateway, bridgeEnv, copyStageMap, writeSyncConfig } from "./support/live_odoo";

const FIXTURES = join(__dirname, "..", "bridge", "fixtures", "csv");
const FILES: Record<string, string> = {
  companies: "hubspot/hubspot-crm-exports-all-companies-2025-03-05.csv",
  contacts: "hubspot/hubspot-crm-exports-all-contacts-2025-03-05.csv",
  deals: "hubspot/hubspot-crm-exports-all-deals-2025-03-05.csv",
  campaigns: "google_ads/Campaign report.csv",
  campaign_spend: "google_ads/Campaign report (Excel).csv",
  orders: "woocommerce/orders_2025-03-05_orderby-date_order-desc.csv",
};

interface SyncJson {
  streams: {
    stream: string;
    completed: boolean;
    tally: { read: number; created: number; updated: number; unchanged: number; dead: number };
  }[];
}

let config: string;

async function sync(args: string[]): Promise<{ code: number; report: SyncJson }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["sync", "csv", ...args, "--config", config, "--json"], {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: bridgeEnv(),
  });
  if (out.length === 0) throw new Error(`ops-bridge sync csv printed no report (exit ${code}):\n${err.join("\n")}`);
  return { code, report: JSON.parse(out.join("\n")) as SyncJson };
}

async function bound(stream: string, externalId: string): Promise<{ res_id: number; source_modified_at: Date | null }> {
  const [binding] = await adminGateway().searchRead(
    "ops.sync.binding",
    [
      ["source", "=", "csv"],
      ["stream", "=", stream],
      ["external_id", "=", externalId],
    ],
    { res_id: "integer", source_modified_at: "datetime" },
  );
  if (!binding) throw new Error(`${stream} ${externalId} is not bound in Odoo`);
  return binding;
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "ops-bridge-e2e-vendor-csv-"));
  for (const [stream, file] of Object.entries(FILES)) cpSync(join(FIXTURES, file), join(dir, `${stream}.csv`));
  config = writeSyncConfig({ sources: { csv: { directory: dir } } });
  await copyStageMap(adminGateway(), "csv");
}, 60_000);

describe("the vendors' own CSV exports into the live Odoo", () => {
  it("syncs every file; only the order whose net total cannot be split over two products waits", async () => {
    const { report } = await sync(["--full"]);
    expect(
      report.streams.map((s) => [
        s.stream,
        s.completed,
        s.tally.read,
        s.tally.created + s.tally.updated + s.tally.unchanged,
        s.tally.dead,
      ]),
    ).toEqual([
      ["companies", true, 3, 3, 0],
      ["contacts", true, 4, 4, 0],
      ["deals", true, 3, 3, 0],
      ["campaigns", true, 3, 3, 0],
      ["campaign_spend", true, 5, 5, 0],
      ["orders", true, 5, 4, 1],
    ]);
    const admin = adminGateway();
    // HubSpot's default export has no "Last Modified Date": Odoo keeps none
    const amelie = await bound("contacts", "95100207201");
    expect(amelie.source_modified_at).toBeNull();
    const [partner] = await admin.searchRead("res.partner", [["id", "=", amelie.res_id]], {
      parent_id: "many2one",
      phone: "char",
    });
    expect(partner?.parent_id?.name).toBe("Kestrel Marine Systems");
    const spend = await bound("campaign_spend", "21458832012:2025-03-04");
    const [line] = await admin.searchRead("ops.campaign.spend", [["id", "=", spend.res_id]], {
      amount: "monetary",
      impressions: "integer",
    });
    expect(line).toMatchObject({ amount: 1036.9, impressions: 18744 });
    const order = await bound("orders", "3041");
    const [sale] = await admin.searchRead("sale.order", [["id", "=", order.res_id]], { amount_untaxed: "monetary" });
    expect(sale?.amount_untaxed).toBe(140);
    const [event] = await admin.searchRead(
      "ops.sync.event",
      [
        ["source", "=", "csv"],
        ["external_id", "=", "3044"],
      ],
      { message: "text" },
    );
    expect(event?.message).toContain("lists 2 products");
  });

  it("reads them all again with --full: every record unchanged, though none has a modification date", async () => {
    const { report } = await sync(["--full"]);
    expect(report.streams.map((s) => [s.stream, s.tally.unchanged])).toEqual([
      ["companies", 3],
      ["contacts", 4],
      ["deals", 3],
      ["campaigns", 3],
      ["campaign_spend", 5],
      ["orders", 4],
    ]);
  });
});
