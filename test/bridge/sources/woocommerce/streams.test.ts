/**
 * `ops-bridge sync woocommerce` against a faked shop
 * (sync_bridge/src/sources/woocommerce/streams.ts).
 */
import {
  DOC_ORDERS,
  DOC_PRODUCTS,
  wooCommerceFake,
  wooCustomer,
  wooOrder,
  type WooData,
  type WooLog,
} from "../../fixtures/woocommerce/woocommerce_fake";
import { mswServer, vendorHandlers } from "../../support/msw";
import { FakeOdoo, runCli, syncJson, writeConfig } from "../../support/run_cli";

const server = mswServer();
const SHOP = "https://shop.test";
const ENV = { WOOCOMMERCE_CONSUMER_KEY: "ck_test", WOOCOMMERCE_CONSUMER_SECRET: "cs_test" };

function serve(data: WooData): WooLog {
  const log: WooLog = { requests: [] };
  server.use(...vendorHandlers(SHOP, wooCommerceFake(data, log)));
  return log;
}

function config(woo: Record<string, unknown> = {}) {
  return writeConfig({ sources: { woocommerce: { baseUrl: SHOP, pageSize: 10, lookbackSeconds: 0, ...woo } } });
}

function shop(customers: number, orders: number): WooData {
  return {
    customers: Array.from({ length: customers }, (_, i) => wooCustomer(100 + i, "2025-03-01T10:00:00")),
    orders: Array.from({ length: orders }, (_, i) =>
      wooOrder(700 + i, "2025-03-01T12:00:00", { customer_id: 100 + (i % Math.max(1, customers)) }),
    ),
    now: new Date("2025-03-02T08:00:00Z"),
  };
}

describe("ops-bridge sync woocommerce", () => {
  it("pages with X-WP-TotalPages and stores the shop's clock as cursor after the last page", async () => {
    const log = serve(shop(25, 12));
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "woocommerce"], odoo, { configPath: config(), env: ENV });
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.created])).toEqual([
      ["products", 0],
      ["customers", 25],
      ["orders", 12],
    ]);
    const customerPages = log.requests.filter((url) => url.pathname.endsWith("/customers"));
    expect(customerPages.map((url) => url.searchParams.get("page"))).toEqual(["1", "2", "3"]);
    expect(customerPages[0]?.searchParams.get("orderby")).toBe("id");
    expect(odoo.cursors.get("woocommerce|orders")).toBe("2025-03-02T08:00:00.000Z");
  });

  it("asks only for orders modified since the cursor (GMT) and skips unchanged customers", async () => {
    const data = shop(3, 3);
    const log = serve(data);
    const odoo = new FakeOdoo();
    await syncJson(["sync", "woocommerce"], odoo, { configPath: config(), env: ENV });
    (data.orders[1] as Record<string, unknown>).date_modified_gmt = "2025-03-02T09:30:00";
    (data.orders[1] as Record<string, unknown>).status = "completed";
    data.now = new Date("2025-03-02T10:00:00Z");
    log.requests.length = 0;
    const { report } = await syncJson(["sync", "woocommerce"], odoo, { configPath: config({ lookbackSeconds: 300 }), env: ENV });
    const orders = log.requests.find((url) => url.pathname.endsWith("/orders"));
    expect(orders?.searchParams.get("modified_after")).toBe("2025-03-02T07:55:00");
    expect(orders?.searchParams.get("dates_are_gmt")).toBe("true");
    expect(report.streams.map((s) => [s.stream, s.tally.read])).toEqual([
      ["products", 0],
      ["customers", 0],
      ["orders", 1],
    ]);
    expect(report.streams[2]?.tally.unchanged).toBe(1);
  });

  it("dead-letters unmapped statuses, and brings them in with replay once the config maps them", async () => {
    const data = shop(2, 6);
    (data.orders[2] as Record<string, unknown>).status = "refunded";
    (data.orders[4] as Record<string, unknown>).status = "refunded";
    serve(data);
    const odoo = new FakeOdoo();
    const { report } = await syncJson(["sync", "woocommerce"], odoo, { configPath: config(), env: ENV });
    expect(report.streams[2]?.tally).toMatchObject({ created: 4, dead: 2, categories: { mapping: 2 } });
    expect(odoo.events.filter((event) => event.state === "dead").map((event) => event.externalId)).toEqual(["702", "704"]);

    const fixed = config({ orderStates: { pending: "draft", processing: "sale", completed: "sale", refunded: "draft" } });
    const replay = await runCli(["replay", "--dead"], odoo, { configPath: fixed });
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain("ops-bridge replay: 2 events replayed, 2 closed");
    expect(odoo.binding("woocommerce", "orders", "702")?.values.state).toBe("draft");
    expect(odoo.events.every((event) => event.state === "done")).toBe(true);
  });

  it("brings in the documentation's orders whole, lines without SKU carrying the shop's product id", async () => {
    const log = serve({
      products: [...DOC_PRODUCTS],
      customers: [wooCustomer(26, "2017-03-21T19:09:28")],
      orders: [...DOC_ORDERS],
      now: new Date("2017-03-24T08:00:00Z"),
    });
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "woocommerce"], odoo, { configPath: config(), env: ENV });
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.created, s.tally.dead])).toEqual([
      ["products", 2, 0],
      ["customers", 1, 0],
      ["orders", 2, 0],
    ]);
    expect(odoo.events).toEqual([]);
    // the bindings hold what Odoo answers: `false` for no value
    expect(odoo.binding("woocommerce", "products", "799")?.values).toEqual({
      name: "Ship Your Idea",
      sku: false,
      list_price: false,
    });
    expect(odoo.binding("woocommerce", "products", "794")?.values).toEqual({
      name: "Premium Quality",
      sku: false,
      list_price: 21.99,
    });
    expect(odoo.binding("woocommerce", "orders", "727")?.values.lines).toEqual([
      { sku: false, product_external_id: "93", name: "Woo Single #1", quantity: 2, price_unit: 3 },
      {
        sku: "Bar3",
        product_external_id: "23",
        name: "Ship Your Idea &ndash; Color: Black, Size: M Test",
        quantity: 1,
        price_unit: 12,
      },
    ]);
    expect(odoo.binding("woocommerce", "customers", "guest:john.doe@example.com")).toBeDefined();
    expect(odoo.binding("woocommerce", "orders", "723")?.values).toMatchObject({ customer_external_id: "26", state: "sale" });

    log.requests.length = 0;
    await syncJson(["sync", "woocommerce"], odoo, { configPath: config(), env: ENV });
    const products = log.requests.find((url) => url.pathname.endsWith("/products"));
    expect(products?.searchParams.get("modified_after")).toBe("2017-03-24T08:00:00");
    expect(products?.searchParams.get("dates_are_gmt")).toBe("true");
  });

  it("reports refused API keys under auth and stops", async () => {
    serve(shop(1, 1));
    const odoo = new FakeOdoo();
    const run = await runCli(["sync", "woocommerce"], odoo, {
      configPath: config(),
      env: { ...ENV, WOOCOMMERCE_CONSUMER_SECRET: "wrong" },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "WooCommerce answered HTTP 401: Sorry, you cannot list resources. (woocommerce_rest_cannot_view)",
    );
    expect(odoo.events).toEqual([expect.objectContaining({ category: "auth" })]);
  });
});
