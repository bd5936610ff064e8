/**
 * `ops-bridge sync shopify` against a faked GraphQL Admin API
 * (sync_bridge/src/sources/shopify/streams.ts, client.ts).
 */
import { createSource } from "../../../../sync_bridge/src/sources";
import { parseSyncSettings } from "../../../../sync_bridge/src/sync_config";
import {
  shopifyCustomer,
  shopifyFake,
  shopifyOrder,
  type ShopifyData,
  type ShopifyLog,
} from "../../fixtures/shopify/shopify_fake";
import { mswServer, vendorHandlers } from "../../support/msw";
import { FakeOdoo, runCli, syncJson, writeConfig } from "../../support/run_cli";

const server = mswServer();
const SHOP = "snowdevil.myshopify.com";
const ENV = { SHOPIFY_ACCESS_TOKEN: "shpat_test" };

/** A shop whose bucket never runs dry unless a test drains it. */
function shop(customers: number, orders: number): ShopifyData {
  return {
    customers: Array.from({ length: customers }, (_, i) => shopifyCustomer(544365967 + i, `2025-03-01T10:00:0${i % 10}Z`)),
    orders: Array.from({ length: orders }, (_, i) =>
      shopifyOrder(450789469 + i, `2025-03-01T12:00:0${i % 10}Z`, {
        customer: { id: `gid://shopify/Customer/${544365967 + (i % Math.max(1, customers))}` },
      }),
    ),
    events: [],
    bucket: { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100_000 },
  };
}

function serve(data: ShopifyData): ShopifyLog {
  const log: ShopifyLog = { calls: [], throttled: 0, versions: [] };
  server.use(...vendorHandlers(`https://${SHOP}`, shopifyFake(data, log)));
  return log;
}

function config(settings: Record<string, unknown> = {}) {
  return writeConfig({ sources: { shopify: { shop: SHOP, pageSize: 2, orderPageSize: 2, lookbackSeconds: 0, ...settings } } });
}

describe("ops-bridge sync shopify", () => {
  it("pages customers and orders by cursor, oldest change first, and stores the last updatedAt as cursor", async () => {
    const log = serve(shop(5, 3));
    const odoo = new FakeOdoo();
    const { code, report } = await syncJson(["sync", "shopify"], odoo, { configPath: config(), env: ENV });
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.created])).toEqual([
      ["customers", 5],
      ["orders", 3],
    ]);
    const customerCalls = log.calls.filter((c) => c.root === "customers");
    expect(customerCalls.map((c) => c.variables.after === null)).toEqual([true, false, false]);
    expect(customerCalls[0]?.variables).toMatchObject({ first: 2, query: null });
    expect(log.versions.every((version) => version === "2025-10")).toBe(true);
    expect(odoo.cursors.get("shopify|customers")).toBe("2025-03-01T10:00:04.000Z");
    expect(odoo.cursors.get("shopify|orders")).toBe("2025-03-01T12:00:02.000Z");
    expect(odoo.binding("shopify", "orders", "450789469")?.values).toMatchObject({
      customer_external_id: "544365967",
      attribution: expect.objectContaining({ utm_campaign: "winter", utm_source: "newsletter" }),
    });
  });

  it("asks only for what changed since the cursor, minus the look-back, with the documented search syntax", async () => {
    const data = shop(2, 2);
    const log = serve(data);
    const odoo = new FakeOdoo();
    await syncJson(["sync", "shopify"], odoo, { configPath: config(), env: ENV });
    (data.orders[0] as Record<string, unknown>).updatedAt = "2025-03-02T08:00:00Z";
    (data.orders[0] as Record<string, unknown>).displayFinancialStatus = "PENDING";
    log.calls.length = 0;
    const { report } = await syncJson(["sync", "shopify", "--stream", "orders"], odoo, {
      configPath: config({ lookbackSeconds: 60 }),
      env: ENV,
    });
    expect(log.calls[0]?.variables.query).toBe("updated_at:>='2025-03-01T11:59:01Z'");
    expect(report.streams[0]?.tally).toMatchObject({ read: 2, unchanged: 1, updated: 1 });
    expect(odoo.cursors.get("shopify|orders")).toBe("2025-03-02T08:00:00.000Z");
  });

  it("waits for the cost bucket and retries a THROTTLED answer instead of reading it as an empty page", async () => {
    const data = shop(4, 0);
    data.bucket = { maximumAvailable: 1000, currentlyAvailable: 0, restoreRate: 2_000 };
    data.requestedCost = 60;
    const log = serve(data);
    const odoo = new FakeOdoo();
    const run = await runCli(["sync", "shopify", "--stream", "customers"], odoo, { configPath: config(), env: ENV });
    expect(run.code).toBe(0);
    expect(log.throttled).toBeGreaterThanOrEqual(1);
    expect(run.stderr).toMatch(/Shopify refused the query: Throttled \(THROTTLED\); retrying in \d+ ms/);
    expect(odoo.records("shopify", "customers").size).toBe(4);
  });

  it("fails the stream on a GraphQL error inside HTTP 200 and stores no cursor", async () => {
    const data = shop(3, 0);
    data.failNext = [{ message: "Field 'numberOfOrderz' doesn't exist on type 'Customer'", code: "undefinedField" }];
    serve(data);
    const odoo = new FakeOdoo();
    const run = await runCli(["sync", "shopify", "--stream", "customers"], odoo, { configPath: config(), env: ENV });
    expect(run.code).toBe(1);
    expect(odoo.cursors.get("shopify|customers")).toBeUndefined();
    expect(odoo.events).toEqual([
      expect.objectContaining({
        category: "validation",
        message: expect.stringContaining(
          "Shopify refused the query: Field 'numberOfOrderz' doesn't exist on type 'Customer' (undefinedField)",
        ),
      }),
    ]);
  });

  it("dead-letters malformed records and unmapped statuses, and ingests the rest", async () => {
    const data = shop(1, 4);
    (data.orders[1] as Record<string, unknown>).displayFinancialStatus = "VOIDED";
    (data.orders[2] as Record<string, unknown>).createdAt = "yesterday";
    data.orders.push({ id: "gid://shopify/Order/x", updatedAt: "2025-03-01T12:00:09Z" });
    serve(data);
    const odoo = new FakeOdoo();
    const { report } = await syncJson(["sync", "shopify", "--stream", "orders"], odoo, { configPath: config(), env: ENV });
    expect(report.streams[0]?.tally).toMatchObject({ created: 2, dead: 3, categories: { mapping: 1, validation: 2 } });
    const dead = odoo.events.filter((event) => event.state === "dead");
    expect(dead.map((event) => event.externalId)).toEqual(["450789470", "450789471", null]);
    expect(dead[0]?.message).toContain('Shopify financial status "VOIDED" is not synced');
  });

  it("reports a refused token under auth and stops", async () => {
    serve(shop(1, 1));
    const odoo = new FakeOdoo();
    const run = await runCli(["sync", "shopify"], odoo, { configPath: config(), env: { SHOPIFY_ACCESS_TOKEN: "shpat_wrong" } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "Shopify answered HTTP 401: [API] Invalid API key or access token (unrecognized login or wrong password)",
    );
    expect(odoo.events).toEqual([expect.objectContaining({ category: "auth" })]);
  });

  it("reads deleted orders from the shop's destroy events, page by page", async () => {
    const data = shop(0, 0);
    data.events = [
      {
        id: "gid://shopify/BasicEvent/1",
        createdAt: "2025-03-01T09:00:00Z",
        action: "destroy",
        subjectType: "ORDER",
        subjectId: "gid://shopify/Order/148977776",
      },
      {
        id: "gid://shopify/BasicEvent/2",
        createdAt: "2025-03-02T09:00:00Z",
        action: "destroy",
        subjectType: "ORDER",
        subjectId: "gid://shopify/Order/450789469",
      },
      {
        id: "gid://shopify/BasicEvent/3",
        createdAt: "2025-03-02T10:00:00Z",
        action: "destroy",
        subjectType: "PRODUCT",
        subjectId: "gid://shopify/Product/1",
      },
      {
        id: "gid://shopify/BasicEvent/4",
        createdAt: "2025-03-03T09:00:00Z",
        action: "create",
        subjectType: "ORDER",
        subjectId: "gid://shopify/Order/9",
      },
      {
        id: "gid://shopify/BasicEvent/5",
        createdAt: "2025-03-04T09:00:00Z",
        action: "destroy",
        subjectType: "ORDER",
        subjectId: "gid://shopify/Order/5",
      },
    ];
    const log = serve(data);
    const settings = parseSyncSettings({ sources: { shopify: { shop: SHOP, pageSize: 1, lookbackSeconds: 0 } } }, "/");
    const orders = createSource("shopify", settings, { env: ENV }).streams.find((stream) => stream.name === "orders");
    const pages: (readonly string[])[] = [];
    for await (const ids of orders?.readDeleted?.({ since: "2025-03-02T00:00:00Z" }) ?? []) pages.push(ids);
    expect(pages).toEqual([["450789469"], ["5"]]);
    expect(log.calls[0]?.variables.query).toBe(
      "action:'destroy' AND subject_type:'ORDER' AND created_at:>='2025-03-02T00:00:00Z'",
    );
  });

  it("needs the shop's domain and the token", async () => {
    const noShop = await runCli(["sync", "shopify"], new FakeOdoo(), { configPath: writeConfig({}), env: ENV });
    expect(noShop.code).toBe(2);
    expect(noShop.stderr).toContain("sources.shopify.shop is not set");
    const noToken = await runCli(["sync", "shopify"], new FakeOdoo(), { configPath: config(), env: {} });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("SHOPIFY_ACCESS_TOKEN");
  });
});
