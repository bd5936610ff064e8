/**
 * `ops-bridge sync woocommerce` against a LIVE Odoo 19 (see test/e2e/support/live_odoo.ts), the shop
 * served by msw with the WooCommerce REST API documentation's own products and orders, verbatim
 * (test/bridge/fixtures/woocommerce/README.md). Their lines mostly have `sku: ""`: no order is
 * dead-lettered for it. A line whose SKU Odoo knows is matched; the others come in on the
 * "Unmatched shop product", flagged, and their orders are listed under Sync > Orders to review.
 * The documentation's ids are fixed, so a later run of this file finds the same records again.
 */
import { http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { main } from "../../sync_bridge/src/cli";
import { DOC_ORDERS, DOC_PRODUCTS, wooCommerceFake, wooCustomer } from "../bridge/fixtures/woocommerce/woocommerce_fake";
import { vendorHandlers } from "../bridge/support/msw";
import { adminGateway, bridgeEnv, writeSyncConfig } from "./support/live_odoo";

const SHOP = "https://shop-doc-orders.test";
const server = setupServer();

interface SyncJson {
  streams: { stream: string; tally: { read: number; dead: number } }[];
}

async function sync(config: string): Promise<{ code: number; report: SyncJson }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(["sync", "woocommerce", "--full", "--config", config, "--json"], {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { ...bridgeEnv(), WOOCOMMERCE_CONSUMER_KEY: "ck_test", WOOCOMMERCE_CONSUMER_SECRET: "cs_test" },
  });
  if (out.length === 0) throw new Error(`ops-bridge sync printed no report (exit ${code}):\n${err.join("\n")}`);
  return { code, report: JSON.parse(out.join("\n")) as SyncJson };
}

async function orderOf(externalId: string) {
  const admin = adminGateway();
  const [binding] = await admin.searchRead(
    "ops.sync.binding",
    [
      ["source", "=", "woocommerce"],
      ["stream", "=", "orders"],
      ["external_id", "=", externalId],
    ],
    { res_id: "integer" },
  );
  if (!binding) throw new Error(`order ${externalId} is not bound in Odoo`);
  const [order] = await admin.searchRead("sale.order", [["id", "=", binding.res_id]], {
    state: "selection",
    amount_untaxed: "monetary",
    ops_sync_to_review: "boolean",
  });
  const lines = await admin.searchRead(
    "sale.order.line",
    [["order_id", "=", binding.res_id]],
    {
      product_id: "many2one",
      price_unit: "float",
      product_uom_qty: "float",
      ops_sync_unmatched: "boolean",
      ops_sync_product_ref: "char",
    },
    { order: "id" },
  );
  return { order, lines };
}

beforeAll(async () => {
  server.listen({ onUnhandledRequest: "error" });
  server.use(
    http.all(`${bridgeEnv().ODOO_URL}/*`, () => passthrough()),
    ...vendorHandlers(
      SHOP,
      wooCommerceFake({
        products: [...DOC_PRODUCTS],
        customers: [wooCustomer(26, "2017-03-21T19:09:28")],
        orders: [...DOC_ORDERS],
        now: new Date("2017-03-24T08:00:00Z"),
      }),
    ),
  );
  const admin = adminGateway();
  const known = await admin.searchRead("product.product", [["default_code", "=", "Bar3"]], { id: "integer" });
  if (known.length === 0)
    await admin.create("product.product", [{ name: "Ship Your Idea (Bar3)", default_code: "Bar3", type: "consu" }]);
}, 60_000);

afterAll(() => server.close());

describe("the WooCommerce documentation's orders against the live Odoo", () => {
  it("brings in every order, matching Bar3 by SKU and flagging the lines without SKU", async () => {
    const config = writeSyncConfig({ sources: { woocommerce: { baseUrl: SHOP, pageSize: 10, lookbackSeconds: 0 } } });
    const { code, report } = await sync(config);
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.read, s.tally.dead])).toEqual([
      ["products", 2, 0],
      ["customers", 1, 0],
      ["orders", 2, 0],
    ]);
    const guest = await orderOf("727");
    expect(guest.order).toMatchObject({ state: "sale", amount_untaxed: 18, ops_sync_to_review: true });
    expect(
      guest.lines.map((line) => [line.product_id?.name, line.price_unit, line.product_uom_qty, line.ops_sync_unmatched]),
    ).toEqual([
      ["Unmatched shop product", 3, 2, true],
      [expect.stringContaining("Bar3"), 12, 1, false],
    ]);
    expect(guest.lines.map((line) => line.ops_sync_product_ref)).toEqual(["product:93", "sku:Bar3 product:23"]);
    const registered = await orderOf("723");
    expect(registered.order).toMatchObject({ state: "sale", amount_untaxed: 29, ops_sync_to_review: true });
  }, 120_000);
});
