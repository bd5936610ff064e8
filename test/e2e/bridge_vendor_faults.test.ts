/**
 * Two reliability proofs against the LIVE Odoo (see test/e2e/support/live_odoo.ts), with only
 * the vendor faked (msw, in the vendor's documented shapes): a HubSpot account failing 30 % of
 * its calls (429, 500, timeouts), and 1,000 malformed contacts among valid ones. Both read
 * everything with --full and date their records before every other data set of the suite, so
 * that the stream cursors, which only move forward, stay where the other files expect them.
 */
import { http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { main } from "../../sync_bridge/src/cli";
import { generateHubSpot } from "../bridge/fixtures/hubspot/generate";
import { hubspotFake, type HubSpotObject } from "../bridge/fixtures/hubspot/hubspot_fake";
import { HUBSPOT_CONTACT_SPEC } from "../bridge/fixtures/hubspot/malformed_specs";
import { malformedPayloads } from "../bridge/fixtures/malformed";
import { seededRandom, withFaults, type FaultPlan } from "../bridge/fixtures/vendor";
import { vendorHandlers } from "../bridge/support/msw";
import { adminGateway, bridgeEnv, bridgeGateway, taggedEmails, writeSyncConfig } from "./support/live_odoo";

const HUBSPOT = "https://api.hubapi.test";
const server = setupServer();
/** Vendor requests time out after 200 ms and are retried within milliseconds. */
const FAST_VENDOR = { httpTimeoutMs: 200, retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 4, maxElapsedMs: 60_000 } };
/** Sets this run's records apart from an earlier run's on a developer's database. */
const RUN = Date.now().toString(36);

interface Report {
  ok: boolean;
  runId: string;
  streams: { stream: string; completed: boolean; cursor: string | null; tally: Record<string, number> }[];
  total: Record<string, number> & { categories: Record<string, number> };
}

/** Runs the CLI in this process (so msw serves the vendor), with the live Odoo's settings. */
async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { ...bridgeEnv(), HUBSPOT_ACCESS_TOKEN: "test-token" },
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** The same with `--json` (stderr then stays quiet), and its report. */
async function inProcessJson(args: string[]): Promise<{ code: number; report: Report }> {
  const run = await inProcess([...args, "--json"]);
  if (run.stdout === "") throw new Error(`ops-bridge ${args.join(" ")} printed no report (exit ${run.code}):\n${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  // Odoo is real: only the vendor is mocked.
  server.use(http.all(`${bridgeEnv().ODOO_URL}/*`, () => passthrough()));
});
afterAll(() => server.close());

describe("a vendor that fails 30 % of its calls (429, 500, timeouts), into the live Odoo", () => {
  it("completes the sync; only the permanently bad records are dead, and replay brings them in once fixed", async () => {
    const tag = `-faults-${RUN}`;
    const data = generateHubSpot({
      companies: 60,
      contactsPerCompany: 10,
      deals: 40,
      idBase: 6_000_000,
      tag,
      start: new Date("2024-03-01T00:00:00Z"),
    });
    // Permanently bad: three contacts with an impossible date (no deal names them), and ten deals in a
    // pipeline Odoo does not map yet.
    const badContacts = [107, 300, 511].map((index) => data.contacts[index] as HubSpotObject);
    for (const contact of badContacts) contact.properties.lastmodifieddate = "2025-02-30T00:00:00Z";
    const pipeline = `faults${RUN}`;
    const unmapped = data.deals.filter((_deal, index) => index % 4 === 0);
    for (const deal of unmapped) Object.assign(deal.properties, { pipeline, dealstage: "contractsent" });
    const plan: FaultPlan = { rate: 0.3, random: seededRandom(20250301), hangMs: 400 };
    server.use(...vendorHandlers(HUBSPOT, withFaults(hubspotFake(data), plan)));
    // Small pages: enough vendor calls for every kind of fault to come up.
    const config = writeSyncConfig({
      ...FAST_VENDOR,
      sources: { hubspot: { baseUrl: HUBSPOT, pageSize: 20, requestsPerSecond: 0, lookbackSeconds: 0 } },
    });

    const { code, stdout, stderr } = await inProcess(["sync", "hubspot", "--full", "--config", config]);

    expect({ code, stdout, stderr: stderr.slice(-2000) }).toMatchObject({ code: 0 });
    expect(plan.injected?.rate_limit).toBeGreaterThan(0);
    expect(plan.injected?.server_error).toBeGreaterThan(0);
    expect(plan.injected?.timeout).toBeGreaterThan(0);
    expect(stderr).toMatch(/HubSpot answered HTTP 429: .*retrying in/);
    expect(stderr).toMatch(/HubSpot did not answer within 200 ms; retrying in/);
    // Every good record exactly once.
    const odoo = bridgeGateway("json2");
    const emails = await taggedEmails(odoo, tag);
    expect(emails).toHaveLength(60 * 10 - 3);
    expect(new Set(emails).size).toBe(60 * 10 - 3);
    expect(
      await odoo.searchCount("res.partner", [
        ["name", "=like", `Company %${tag}`],
        ["is_company", "=", true],
      ]),
    ).toBe(60);
    const admin = adminGateway();
    const deals = () =>
      admin.searchRead("crm.lead", [["name", "=like", `Deal %${tag}`]], { name: "char" }, { context: { active_test: false } });
    expect(await deals()).toHaveLength(30);
    // Odoo's event log holds the permanently bad ones, by category, with their external ids.
    const events = () =>
      admin.searchRead(
        "ops.sync.event",
        [
          ["source", "=", "hubspot"],
          ["external_id", "in", [...badContacts, ...unmapped].map((record) => record.id)],
        ],
        { external_id: "char", stream: "char", state: "selection", category: "selection", message: "text" },
      );
    const dead = (await events()).filter((event) => event.state === "dead");
    expect(dead.map((event) => `${event.stream}:${event.category}`).sort()).toEqual([
      ...Array(3).fill("contacts:validation"),
      ...Array(10).fill("deals:mapping"),
    ]);
    expect(dead.every((event) => (event.message ?? "").length > 5)).toBe(true);

    // The pipeline gets mapped in Odoo; replaying the dead events brings the deals in.
    const [stage] = await admin.searchRead("crm.stage", [], { name: "char" }, { limit: 1 });
    await admin.create("ops.sync.stage.map", [
      { source: "hubspot", stage_key: `${pipeline}:contractsent`, stage_id: stage?.id ?? null },
    ]);
    const replay = await main(["replay", "--dead"], { stdout: () => undefined, stderr: () => undefined, env: bridgeEnv() });
    expect(replay).toBe(0);
    expect(await deals()).toHaveLength(40);
    const after = await events();
    expect(after.filter((event) => event.state === "dead").map((event) => `${event.stream}:${event.category}`)).toEqual(
      Array(3).fill("contacts:validation"),
    );

    // Read again, through the same faults: Odoo has every good record already, as it is.
    const again = await inProcessJson(["sync", "hubspot", "--full", "--config", config]);
    expect(again.code).toBe(0);
    expect(
      again.report.streams.map((s) => [
        s.stream,
        s.tally.read,
        s.tally.unchanged,
        s.tally.created + s.tally.updated + s.tally.conflict + s.tally.rejected,
        s.tally.dead,
      ]),
    ).toEqual([
      ["companies", 60, 60, 0, 0],
      ["contacts", 600, 597, 0, 3],
      ["deals", 40, 40, 0, 0],
    ]);
  }, 300_000);
});

describe("1,000 malformed contacts among valid ones, into the live Odoo", () => {
  it("dead-letters every malformed record in Odoo with its category and message; the valid ones come in, the cursor moves", async () => {
    const tag = `-malformed-${RUN}`;
    const variants = malformedPayloads(HUBSPOT_CONTACT_SPEC);
    // 1,000 payloads: the variants over and over, each with an id of its own where the id is not what is broken.
    const payloads = Array.from({ length: 1000 }, (_, index) => {
      const payload = structuredClone((variants[index % variants.length] as { payload: unknown }).payload);
      if (typeof payload === "object" && payload !== null && (payload as { id?: unknown }).id === "2")
        (payload as { id: string }).id = String(7_000_000 + index);
      return payload;
    });
    const valid = generateHubSpot({
      companies: 1,
      contactsPerCompany: 20,
      idBase: 7_100_000,
      tag,
      start: new Date("2025-01-10T00:00:00Z"),
    }).contacts;
    const all = [...payloads, ...valid];
    server.use(
      http.post(`${HUBSPOT}/crm/v3/objects/contacts/search`, async ({ request }) => {
        const body = (await request.json()) as { after?: string; limit: number };
        const after = Number(body.after ?? 0);
        const next = after + body.limit < all.length ? { paging: { next: { after: String(after + body.limit) } } } : {};
        return Response.json({ total: all.length, results: all.slice(after, after + body.limit), ...next });
      }),
    );
    const config = writeSyncConfig({
      ...FAST_VENDOR,
      sources: { hubspot: { baseUrl: HUBSPOT, pageSize: 200, requestsPerSecond: 0, lookbackSeconds: 0 } },
    });

    const { code, report } = await inProcessJson(["sync", "hubspot", "--stream", "contacts", "--full", "--config", config]);

    expect(code).toBe(0);
    expect(report.total).toMatchObject({ read: 1020, created: 20, dead: 1000, bugs: 0 });
    expect(await taggedEmails(bridgeGateway("json2"), tag)).toHaveLength(20);
    // Each report went to Odoo: one open event per external id (and one per record without a usable id).
    const events = await adminGateway().searchRead("ops.sync.event", [["trace_id", "=like", `${report.runId}-contacts-%`]], {
      state: "selection",
      category: "selection",
      message: "text",
      payload: "text",
    });
    expect(events.length).toBeGreaterThan(variants.length);
    expect(
      events.filter((event) => event.state === "dead" && event.category === "validation" && (event.message ?? "").length > 5),
    ).toHaveLength(events.length);
    // The payload as received goes with each one, except for a record that was null.
    expect(events.filter((event) => !event.payload && !/it is null, not an object/.test(event.message ?? ""))).toEqual([]);
    // The cursor moved past the valid records (cursors only move forward: it may be further on).
    const cursor = report.streams[0]?.cursor;
    expect(Date.parse(cursor ?? "")).toBeGreaterThanOrEqual(Date.parse(valid.at(-1)?.properties.lastmodifieddate as string));
  }, 300_000);
});
