/**
 * `ops-bridge serve` as its own process against the LIVE Odoo: HubSpot's documented thin delivery,
 * signed as HubSpot signs it, brings its contacts into Odoo (fetched from a fake HubSpot over real
 * HTTP); the same delivery sent again is acknowledged and claimed once in Odoo; a bad signature
 * writes nothing.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { HubSpotObject } from "../bridge/fixtures/hubspot/hubspot_fake";
import { hubspotFake } from "../bridge/fixtures/hubspot/hubspot_fake";
import { startFixtureServer, type FixtureServer } from "../bridge/support/fixture_server";
import { hubspotHeaders, post } from "../bridge/support/webhooks";
import { adminGateway, buildBridge, spawnBridge, writeSyncConfig } from "./support/live_odoo";

const RUN = Date.now().toString(36);
const TAG = `serve-${RUN}`;
const SECRET = "e2e-client-secret";
const PUBLIC = "https://bridge.e2e.example";
const EVENTS = readFileSync(resolve(__dirname, "..", "bridge", "fixtures", "webhooks", "hubspot_events.json"), "utf8");

function contact(id: string, first: string): HubSpotObject {
  const at = new Date().toISOString();
  return {
    id,
    properties: {
      firstname: first,
      lastname: TAG,
      email: `${first.toLowerCase()}@${TAG}.example`,
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

let vendor: FixtureServer;
let bridge: ReturnType<typeof spawnBridge>;
let url = "";

function health(): Promise<Record<string, number>> {
  return new Promise((done, fail) => {
    request(`${url}/healthz`, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => done(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, number>));
    })
      .on("error", fail)
      .end();
  });
}

/** Waits until the bridge has nothing pending and has handled `handled` events (processed or copies). */
async function settled(handled: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const state = await health();
    if (state.pending === 0 && (state.processed ?? 0) + (state.duplicates ?? 0) >= handled) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`the bridge did not settle: ${JSON.stringify(await health())}\n${bridge.stderr()}`);
}

const send = (body: string, secret = SECRET) =>
  post(`${url}/webhooks/hubspot`, body, hubspotHeaders(secret, `${PUBLIC}/webhooks/hubspot`, body, Date.now()));

beforeAll(async () => {
  buildBridge();
  const contacts = [contact("1246965", "Ada"), contact("1246978", "Bea"), contact("1246999", "Eve")];
  vendor = await startFixtureServer(
    hubspotFake({ companies: [], contacts, deals: [], dealCompanies: new Map(), dealContacts: new Map() }),
  );
  const config = writeSyncConfig({ sources: { hubspot: { baseUrl: vendor.url, requestsPerSecond: 0 } } });
  bridge = spawnBridge(["serve", "--port", "0", "--config", config], {
    HUBSPOT_CLIENT_SECRET: SECRET,
    HUBSPOT_ACCESS_TOKEN: "test-token",
    OPS_BRIDGE_PUBLIC_URL: PUBLIC,
    OPS_BRIDGE_DATA_DIR: mkdtempSync(join(tmpdir(), "ops-bridge-serve-e2e-")),
  });
  for (let attempt = 0; attempt < 300 && url === ""; attempt += 1) {
    url = /listening on (http:\/\/[^ ]+) /.exec(bridge.stderr())?.[1] ?? "";
    if (url === "") await new Promise((done) => setTimeout(done, 100));
  }
  if (url === "") throw new Error(`ops-bridge serve did not start:\n${bridge.stderr()}`);
}, 120_000);

afterAll(async () => {
  bridge?.child.kill("SIGTERM");
  const run = await bridge?.done;
  await vendor?.close();
  expect(run?.code).toBe(0);
});

describe("ops-bridge serve against the live Odoo", () => {
  it("brings in the objects of a signed HubSpot delivery, and claims a repeated delivery once", async () => {
    const admin = adminGateway();
    // A developer's database may hold an earlier run's claims of the documented event ids.
    const before = await admin.searchCount("ops.sync.delivery", [
      ["source", "=", "hubspot"],
      ["delivery_id", "in", ["3816279340", "3816279480"]],
    ]);
    const first = await send(EVENTS);
    expect(first.status).toBe(200);
    await settled(2);
    const partners = await admin.searchRead("res.partner", [["email", "=like", `%@${TAG}.example`]], { email: "char" });
    const expectedNew = before === 0 ? ["ada", "bea"] : [];
    expect(partners.map((partner) => String(partner.email).split("@")[0]).sort()).toEqual(expectedNew);
    const again = await send(EVENTS);
    expect(again.status).toBe(200);
    await settled(4);
    const claims = await admin.searchRead(
      "ops.sync.delivery",
      [
        ["source", "=", "hubspot"],
        ["delivery_id", "in", ["3816279340", "3816279480"]],
      ],
      { trace_id: "char" },
    );
    expect(claims).toHaveLength(2);
    // the second copy's trace ids never claimed anything
    const claimed = new Set(claims.map((claim) => claim.trace_id));
    for (const traceId of again.body.traceIds as string[]) expect(claimed.has(traceId)).toBe(false);
    if (before === 0) for (const traceId of first.body.traceIds as string[]) expect(claimed.has(traceId)).toBe(true);
    expect((await health()).duplicates).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("refuses a bad signature with 401 and writes nothing", async () => {
    const body = JSON.stringify([
      { objectId: 1246999, eventId: Number(Date.now()), subscriptionType: "contact.creation", occurredAt: Date.now() },
    ]);
    const reply = await send(body, "not-the-secret");
    expect(reply.status).toBe(401);
    await settled(0);
    const admin = adminGateway();
    expect(await admin.searchCount("res.partner", [["email", "=", `eve@${TAG}.example`]])).toBe(0);
    expect(await admin.searchCount("ops.sync.delivery", [["delivery_id", "=", String(JSON.parse(body)[0].eventId)]])).toBe(0);
  }, 60_000);
});
