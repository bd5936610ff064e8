/**
 * `ops-bridge sync linkedin_ads` and `sync shopify` against a LIVE Odoo 19 (see
 * test/e2e/support/live_odoo.ts), the vendors served by msw in the shapes of their documentation
 * (test/bridge/fixtures/linkedin_ads/README.md, test/bridge/fixtures/shopify/README.md). LinkedIn's
 * daily spend lands in ops.campaign.spend and a re-read day replaces its line; a Shopify order
 * whose journey carries the LinkedIn campaign's id as `utm_id` becomes a touchpoint of that
 * campaign, so spend and revenue meet. Ids are fixed: a later run finds the same records again.
 */
import { http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { main } from "../../sync_bridge/src/cli";
import { linkedInFake, type LinkedInData } from "../bridge/fixtures/linkedin_ads/linkedin_fake";
import { shopifyCustomer, shopifyFake, shopifyOrder, shopifyVisit } from "../bridge/fixtures/shopify/shopify_fake";
import { vendorHandlers } from "../bridge/support/msw";
import { adminGateway, bridgeEnv, writeSyncConfig } from "./support/live_odoo";

const LINKEDIN = "https://linkedin-e2e.test";
const SHOP = "e2e-snowdevil.myshopify.com";
const CAMPAIGN = 141049524;
const server = setupServer();
const today = new Date().toISOString().slice(0, 10);
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const ads: LinkedInData = {
  accounts: [{ id: 507404993, name: "Dunder Mifflin Account" }],
  campaigns: [{ id: CAMPAIGN, account: 507404993, name: "Campaign Sponsored update B (e2e)", status: "ACTIVE" }],
  days: [
    { campaignId: CAMPAIGN, date: yesterday, cost: "19.91833", clicks: 11, impressions: 165 },
    { campaignId: CAMPAIGN, date: today, cost: "0.0", clicks: 0, impressions: 6 },
  ],
};

async function sync(source: string, config: string, secrets: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["sync", source, "--full", "--config", config, "--json"], {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { ...bridgeEnv(), ...secrets },
  });
  if (out.length === 0) throw new Error(`ops-bridge sync printed no report (exit ${code}):\n${err.join("\n")}`);
  return { code, report: JSON.parse(out.join("\n")) as { streams: { stream: string; tally: Record<string, number> }[] } };
}

async function boundId(source: string, stream: string, externalId: string): Promise<number> {
  const [binding] = await adminGateway().searchRead(
    "ops.sync.binding",
    [
      ["source", "=", source],
      ["stream", "=", stream],
      ["external_id", "=", externalId],
    ],
    { res_id: "integer" },
  );
  if (!binding) throw new Error(`${source} ${stream} ${externalId} is not bound in Odoo`);
  return binding.res_id as number;
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  server.use(
    http.all(`${bridgeEnv().ODOO_URL}/*`, () => passthrough()),
    ...vendorHandlers(LINKEDIN, linkedInFake(ads)),
    ...vendorHandlers(
      `https://${SHOP}`,
      shopifyFake({
        customers: [shopifyCustomer(544365967, "2024-01-01T00:00:00Z")],
        orders: [
          shopifyOrder(820982911, "2024-01-02T10:00:00Z", {
            currencyCode: "USD", // the company's currency: the documented order's CAD has no pricelist here
            customerJourneySummary: {
              ready: true,
              firstVisit: null,
              lastVisit: shopifyVisit(
                7,
                "2023-12-31T23:40:00Z",
                `https://e2e-snowdevil.myshopify.com/products/draft?utm_source=linkedin&utm_medium=paid_social&utm_campaign=spring_sale&utm_id=${CAMPAIGN}&gclid=EAIaIQobChMI-e2e`,
                { campaign: "spring_sale", content: "carousel", medium: "paid_social", source: "linkedin", term: null },
              ),
            },
          }),
        ],
        events: [],
        bucket: { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100_000 },
      }),
    ),
  );
  const admin = adminGateway();
  const known = await admin.searchRead("product.product", [["default_code", "=", "draft-151"]], { id: "integer" });
  if (known.length === 0)
    await admin.create("product.product", [{ name: "Draft - 151cm", default_code: "draft-151", type: "consu" }]);
}, 60_000);

afterAll(() => server.close());

describe("LinkedIn Ads and Shopify against the live Odoo", () => {
  it("brings LinkedIn's daily spend into ops.campaign.spend and replaces a re-read day", async () => {
    const config = writeSyncConfig({ sources: { linkedin_ads: { baseUrl: LINKEDIN, initialDays: 2 } } });
    const first = await sync("linkedin_ads", config, { LINKEDIN_ACCESS_TOKEN: "li-token" });
    expect(first.code).toBe(0);
    const spendId = await boundId("linkedin_ads", "campaign_spend", `${CAMPAIGN}:${yesterday}`);
    const campaignId = await boundId("linkedin_ads", "campaigns", String(CAMPAIGN));
    const read = () =>
      adminGateway().searchRead("ops.campaign.spend", [["campaign_id", "=", campaignId]], {
        id: "integer",
        amount: "monetary",
        clicks: "integer",
        channel: "selection",
      });
    expect((await read()).find((line) => line.id === spendId)).toMatchObject({
      amount: 19.92,
      clicks: 11,
      channel: "linkedin_ads",
    });

    (ads.days[0] as { cost: string }).cost = "42.5";
    const again = await sync("linkedin_ads", config, { LINKEDIN_ACCESS_TOKEN: "li-token" });
    expect(again.code).toBe(0);
    const lines = await read();
    expect(lines).toHaveLength(2);
    expect(lines.find((line) => line.id === spendId)).toMatchObject({ amount: 42.5 });
  }, 120_000);

  it("brings a Shopify order whose journey names the LinkedIn campaign as a touchpoint of that campaign", async () => {
    const config = writeSyncConfig({ sources: { shopify: { shop: SHOP, lookbackSeconds: 0 } } });
    const { code, report } = await sync("shopify", config, { SHOPIFY_ACCESS_TOKEN: "shpat_test" });
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.read, s.tally.dead])).toEqual([
      ["customers", 1, 0],
      ["orders", 1, 0],
    ]);
    const orderId = await boundId("shopify", "orders", "820982911");
    const [order] = await adminGateway().searchRead("sale.order", [["id", "=", orderId]], {
      state: "selection",
      amount_untaxed: "monetary",
    });
    expect(order).toMatchObject({ state: "sale", amount_untaxed: 2000 });
    const [touchpoint] = await adminGateway().searchRead("ops.touchpoint", [["external_id", "=", "shopify:order:820982911"]], {
      utm_id: "char",
      gclid: "char",
      utm_content: "char",
      campaign_id: "many2one",
    });
    expect(touchpoint).toMatchObject({ utm_id: String(CAMPAIGN), gclid: "EAIaIQobChMI-e2e", utm_content: "carousel" });
    expect(touchpoint?.campaign_id?.id).toBe(await boundId("linkedin_ads", "campaigns", String(CAMPAIGN)));
  }, 120_000);
});
