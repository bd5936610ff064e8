/**
 * `ops-bridge serve` over real HTTP: each vendor's signature (good, bad, stale), deliveries seen
 * before, the journal that keeps events while Odoo is down, and junk. HubSpot's API is msw; Odoo is
 * the in-memory gateway of the sync tests (the live Odoo is test/e2e/bridge_serve.test.ts).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { http, passthrough } from "msw";
import { OdooUnreachableError } from "../../../sync_bridge/src/errors";
import { serve, type Serving } from "../../../sync_bridge/src/serve";
import { parseSyncSettings } from "../../../sync_bridge/src/sync_config";
import { hubspotFake, type HubSpotData, type HubSpotObject } from "../fixtures/hubspot/hubspot_fake";
import { mswServer, vendorHandlers } from "../support/msw";
import { ClaimingOdoo, base64Hmac, hubspotHeaders, post } from "../support/webhooks";

const FIXTURES = resolve(__dirname, "..", "fixtures");
const HUBSPOT_EVENTS = readFileSync(join(FIXTURES, "webhooks", "hubspot_events.json"), "utf8");
const SHOPIFY_ORDER = readFileSync(join(FIXTURES, "webhooks", "shopify_orders_create.json"), "utf8");
const WOO_ORDER = JSON.stringify(
  (JSON.parse(readFileSync(join(FIXTURES, "woocommerce", "docs", "orders_list.json"), "utf8")) as unknown[])[0],
);
const SECRETS = {
  HUBSPOT_CLIENT_SECRET: "hs-secret",
  SHOPIFY_WEBHOOK_SECRET: "shop-secret",
  WOOCOMMERCE_WEBHOOK_SECRET: "wc-secret",
};
const PUBLIC = "https://bridge.example.com";
const NOW = Date.parse("2025-06-01T12:00:00Z");

const msw = mswServer();

function contact(id: string, name: string): HubSpotObject {
  const at = "2025-05-31T10:00:00.000Z";
  return {
    id,
    properties: {
      firstname: name,
      lastname: "Doc",
      email: `${name.toLowerCase()}@example.com`,
      phone: null,
      jobtitle: null,
      associatedcompanyid: null,
      lastmodifieddate: at,
    },
    createdAt: at,
    updatedAt: at,
    archived: false,
  };
}

let odoo: ClaimingOdoo;
let serving: Serving | undefined;
let dataDir: string;

async function start(env: Record<string, string> = SECRETS): Promise<Serving> {
  const settings = parseSyncSettings(
    { odooRetry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 1000 } },
    process.cwd(),
  );
  serving = await serve({
    env: { ...env, HUBSPOT_ACCESS_TOKEN: "test-token", OPS_BRIDGE_PUBLIC_URL: PUBLIC },
    settings,
    gateway: odoo,
    port: 0,
    host: "127.0.0.1",
    dataDir,
    pausePolicy: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 0, maxElapsedMs: 0 },
    now: () => NOW,
  });
  msw.use(http.all(`${serving.url}/*`, () => passthrough()));
  return serving;
}

function hubspot(body = HUBSPOT_EVENTS, timestamp = NOW, secret = SECRETS.HUBSPOT_CLIENT_SECRET) {
  const url = `${(serving as Serving).url}/webhooks/hubspot`;
  return post(url, body, hubspotHeaders(secret, `${PUBLIC}/webhooks/hubspot`, body, timestamp));
}

function woo(body: string, delivery: string, topic = "order.created", secret = SECRETS.WOOCOMMERCE_WEBHOOK_SECRET) {
  return post(`${(serving as Serving).url}/webhooks/woocommerce`, body, {
    "Content-Type": "application/json",
    "X-WC-Webhook-Signature": base64Hmac(secret, body),
    "X-WC-Webhook-Delivery-ID": delivery,
    "X-WC-Webhook-Topic": topic,
  });
}

function shopify(body: string, webhookId: string, topic = "orders/create", secret = SECRETS.SHOPIFY_WEBHOOK_SECRET) {
  return post(`${(serving as Serving).url}/webhooks/shopify`, body, {
    "Content-Type": "application/json",
    "X-Shopify-Hmac-Sha256": base64Hmac(secret, body),
    "X-Shopify-Webhook-Id": webhookId,
    "X-Shopify-Topic": topic,
  });
}

beforeEach(() => {
  odoo = new ClaimingOdoo();
  dataDir = mkdtempSync(join(tmpdir(), "ops-bridge-serve-"));
  const data: HubSpotData = {
    companies: [],
    contacts: [contact("1246965", "Ada"), contact("1246978", "Bea")],
    deals: [],
    dealCompanies: new Map(),
    dealContacts: new Map(),
  };
  msw.use(...vendorHandlers("https://api.hubapi.com", hubspotFake(data)));
});

afterEach(async () => {
  await serving?.close();
  serving = undefined;
});

describe("HubSpot", () => {
  it("fetches the objects of a signed thin delivery and ingests them under the events' trace ids", async () => {
    await start();
    const reply = await hubspot();
    expect(reply.status).toBe(200);
    const traceIds = reply.body.traceIds as string[];
    expect(traceIds).toHaveLength(2);
    await serving?.drainer.idle();
    expect([...odoo.records("hubspot", "contacts").keys()].sort()).toEqual(["1246965", "1246978"]);
    expect(
      odoo.ingested
        .filter((record) => record.stream === "contacts")
        .map((record) => record.traceId)
        .sort(),
    ).toEqual([...traceIds].sort());
  });

  it("refuses a bad signature with 401 and writes nothing", async () => {
    await start();
    const reply = await hubspot(HUBSPOT_EVENTS, NOW, "not-the-secret");
    expect(reply.status).toBe(401);
    expect(serving?.journal.size).toBe(0);
    expect(readFileSync(join(dataDir, "webhooks.journal"), "utf8")).toBe("");
    expect(odoo.calls).toEqual([]);
  });

  it("refuses a request signed more than five minutes ago", async () => {
    await start();
    const reply = await hubspot(HUBSPOT_EVENTS, NOW - 5 * 60_000 - 1000);
    expect(reply.status).toBe(401);
    expect(serving?.journal.size).toBe(0);
  });

  it("acknowledges a delivery seen before and does not process it twice", async () => {
    await start();
    expect((await hubspot()).status).toBe(200);
    await serving?.drainer.idle();
    expect((await hubspot()).status).toBe(200);
    await serving?.drainer.idle();
    expect(serving?.drainer.stats.duplicates).toBe(2);
    expect(serving?.drainer.stats.processed).toBe(2);
    expect(odoo.ingested.filter((record) => record.stream === "contacts")).toHaveLength(2);
  });

  it("dead-letters a deletion with what to do, keeping the event", async () => {
    await start();
    const body = JSON.stringify([{ objectId: 1246965, eventId: 77, subscriptionType: "contact.deletion", occurredAt: 1 }]);
    expect((await hubspot(body)).status).toBe(200);
    await serving?.drainer.idle();
    const [event] = odoo.events;
    expect(event?.message).toMatch(/reconcile hubspot/);
    expect(event?.payload).toEqual({ objectId: 1246965, eventId: 77, subscriptionType: "contact.deletion", occurredAt: 1 });
    expect(odoo.records("hubspot", "contacts").size).toBe(0);
  });
});

describe("WooCommerce", () => {
  it("answers the unsigned ping sent when a webhook is saved, and journals nothing", async () => {
    await start();
    const reply = await post(`${(serving as Serving).url}/webhooks/woocommerce`, "webhook_id=42", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(reply.status).toBe(200);
    expect(serving?.journal.size).toBe(0);
    expect(odoo.calls).toEqual([]);
  });

  it("ingests a signed order delivery once, however often it comes", async () => {
    await start();
    const first = await woo(WOO_ORDER, "d-1");
    expect(first.status).toBe(200);
    expect((await woo(WOO_ORDER, "d-1")).status).toBe(200);
    await serving?.drainer.idle();
    expect([...odoo.records("woocommerce", "orders").keys()]).toEqual(["727"]);
    expect(odoo.ingested.filter((record) => record.stream === "orders")).toEqual([
      { source: "woocommerce", stream: "orders", externalId: "727", traceId: (first.body.traceIds as string[])[0] },
    ]);
    expect(serving?.drainer.stats.duplicates).toBe(1);
  });

  it("refuses a bad signature with 401 and writes nothing", async () => {
    await start();
    expect((await woo(WOO_ORDER, "d-2", "order.created", "wrong")).status).toBe(401);
    expect(serving?.journal.size).toBe(0);
    expect(odoo.calls).toEqual([]);
  });

  it("dead-letters a signed body that is not JSON instead of dropping it", async () => {
    await start();
    expect((await woo("{not json", "d-3")).status).toBe(200);
    await serving?.drainer.idle();
    expect(odoo.events.map((event) => [event.category, event.message])).toEqual([
      ["validation", "WooCommerce sent a body that is not JSON: {not json"],
    ]);
  });
});

describe("Shopify", () => {
  it("journals a signed orders/create once and dead-letters the documented (cancelled) example with why", async () => {
    await start();
    expect((await shopify(SHOPIFY_ORDER, "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")).status).toBe(200);
    expect((await shopify(SHOPIFY_ORDER, "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")).status).toBe(200);
    await serving?.drainer.idle();
    expect(serving?.drainer.stats).toMatchObject({ processed: 1, duplicates: 1 });
    const [event] = odoo.events;
    // the 64-bit id comes from admin_graphql_api_id, not from the rounded number
    expect(event).toMatchObject({ source: "shopify", stream: "orders", externalId: "820982911946154508", category: "mapping" });
    expect(event?.message).toMatch(/cancelled/);
  });

  it("refuses a body changed after signing", async () => {
    await start();
    const signature = base64Hmac(SECRETS.SHOPIFY_WEBHOOK_SECRET, SHOPIFY_ORDER);
    const reply = await post(`${(serving as Serving).url}/webhooks/shopify`, SHOPIFY_ORDER.replace("#9999", "#9998"), {
      "X-Shopify-Hmac-Sha256": signature,
      "X-Shopify-Webhook-Id": "x",
      "X-Shopify-Topic": "orders/create",
    });
    expect(reply.status).toBe(401);
    expect(serving?.journal.size).toBe(0);
  });
});

describe("when Odoo is down", () => {
  it("acknowledges, keeps the events in the journal across a restart, and drains them when Odoo is back", async () => {
    odoo.beforeCall = () => {
      throw new OdooUnreachableError("cannot connect to http://127.0.0.1:8069 (ECONNREFUSED)");
    };
    await start();
    const reply = await woo(WOO_ORDER, "d-down");
    expect(reply.status).toBe(200);
    await new Promise((done) => setTimeout(done, 100));
    expect(serving?.journal.size).toBe(1);
    expect(serving?.drainer.stats.retries).toBeGreaterThan(0);
    await serving?.close();
    serving = undefined;
    odoo.beforeCall = undefined;
    const restarted = await start();
    expect(restarted.journal.size).toBe(1);
    await restarted.drainer.idle();
    expect(odoo.ingested.filter((record) => record.stream === "orders").map((record) => record.traceId)).toEqual(
      reply.body.traceIds,
    );
  });
});

describe("junk", () => {
  it("answers 404, 405 and 413 without writing", async () => {
    await start({ WOOCOMMERCE_WEBHOOK_SECRET: "wc-secret" });
    const url = (serving as Serving).url;
    expect((await post(`${url}/webhooks/hubspot`, "[]")).status).toBe(404);
    expect((await post(`${url}/webhooks/woocommerce`, "", {}, "GET")).status).toBe(405);
    expect((await post(`${url}/webhooks/woocommerce`, Buffer.alloc(3 * 1024 * 1024, 97))).status).toBe(413);
    expect((await post(`${url}/webhooks/woocommerce`, "[1,2]", { "X-WC-Webhook-Signature": "" })).status).toBe(401);
    expect(serving?.journal.size).toBe(0);
    expect(odoo.calls).toEqual([]);
  });

  it("refuses to start without any signing secret", async () => {
    await expect(start({})).rejects.toThrow(/no webhook secret is set/);
  });
});
