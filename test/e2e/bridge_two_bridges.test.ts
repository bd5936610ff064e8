/**
 * Two bridges, as two processes, syncing the same HubSpot account at once into the LIVE Odoo
 * (two workers: each bridge's calls land in either). Leases held in Odoo share the work: whole
 * streams in turn, or, with `windowHours`, the windows of one stream side by side. Whatever the
 * interleaving, every record is created exactly once, every contact is linked to its company, the
 * history names one creation per record, the cursor ends past the last record, and no lease is
 * left behind. In the windowed run, `ops-bridge serve` receives signed HubSpot webhooks about the
 * same contacts meanwhile: each delivery is claimed once, and still nothing is doubled. The data sets are dated 2023, before every other file's, so that the cursors they
 * move never hide another file's records.
 */
import { generateHubSpot } from "../bridge/fixtures/hubspot/generate";
import { hubspotFake } from "../bridge/fixtures/hubspot/hubspot_fake";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFixtureServer, type FixtureServer } from "../bridge/support/fixture_server";
import { hubspotHeaders, post } from "../bridge/support/webhooks";
import { adminGateway, buildBridge, runBridge, spawnBridge, taggedEmails, writeSyncConfig } from "./support/live_odoo";

const COMPANIES = 60;
const CONTACTS_PER_COMPANY = 5;
const DEALS = 20;
// one data set per run and test, so that the file can run again on the same database
const RUN = Date.now() % 1000;

interface Report {
  ok: boolean;
  streams: { stream: string; completed: boolean; tally: Record<string, number>; notes: string[] }[];
}

const servers: FixtureServer[] = [];
const SECRET = "two-bridges-secret";
const PUBLIC = "https://bridge.two.example";

/** `ops-bridge serve` on a free port, for `config`; resolves to its URL and a way to stop it. */
async function startServe(config: string) {
  const serve = spawnBridge(["serve", "--port", "0", "--config", config], {
    HUBSPOT_CLIENT_SECRET: SECRET,
    HUBSPOT_ACCESS_TOKEN: "test-token",
    OPS_BRIDGE_PUBLIC_URL: PUBLIC,
    OPS_BRIDGE_DATA_DIR: mkdtempSync(join(tmpdir(), "ops-bridge-two-serve-")),
  });
  let url = "";
  for (let attempt = 0; attempt < 300 && url === ""; attempt += 1) {
    url = /listening on (http:\/\/[^ ]+) /.exec(serve.stderr())?.[1] ?? "";
    if (url === "") await new Promise((done) => setTimeout(done, 100));
  }
  if (url === "") throw new Error(`ops-bridge serve did not start:\n${serve.stderr()}`);
  const health = async () => (await post(`${url}/healthz`, "", {}, "GET")).body as Record<string, number>;
  return {
    send: (body: string) =>
      post(`${url}/webhooks/hubspot`, body, hubspotHeaders(SECRET, `${PUBLIC}/webhooks/hubspot`, body, Date.now())),
    /** Waits until nothing is pending and `handled` deliveries were processed or found to be copies. */
    settled: async (handled: number) => {
      for (let attempt = 0; attempt < 1200; attempt += 1) {
        const state = await health();
        if (state.pending === 0 && (state.processed ?? 0) + (state.duplicates ?? 0) >= handled) return state;
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error(`serve did not settle: ${JSON.stringify(await health())}\n${serve.stderr()}`);
    },
    stop: async () => {
      serve.child.kill("SIGTERM");
      return serve.done;
    },
  };
}

beforeAll(() => buildBridge(), 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** Runs two bridges at once on a fresh data set; checks everything came in once. Returns their reports. */
async function twoBridges(
  tag: string,
  idBase: number,
  start: string,
  settings: Record<string, unknown>,
  args: string[],
  webhooks = 0,
) {
  const data = generateHubSpot({
    companies: COMPANIES,
    contactsPerCompany: CONTACTS_PER_COMPANY,
    deals: DEALS,
    idBase,
    tag,
    start: new Date(start),
    stepMs: 15 * 60_000, // a record every quarter of an hour: the 300 contacts span three days
  });
  const fixture = await startFixtureServer(hubspotFake(data));
  servers.push(fixture);
  const config = writeSyncConfig({
    batchSize: 25,
    leaseTtlSeconds: 30,
    ...settings,
    sources: { hubspot: { baseUrl: fixture.url, pageSize: 25, requestsPerSecond: 0, lookbackSeconds: 0 } },
  });
  const command = ["sync", "hubspot", ...args, "--config", config, "--json"];
  const env = { HUBSPOT_ACCESS_TOKEN: "test-token" };
  const serve = webhooks > 0 ? await startServe(config) : null;
  const bridges = Promise.all([runBridge(command, env), runBridge([...command, "--transport", "legacy"], env)]);
  // meanwhile, HubSpot tells about contacts the bridges are reading: one delivery each, sent twice
  const deliveries = data.contacts.slice(0, webhooks).map((contact, index) =>
    JSON.stringify([
      {
        objectId: Number(contact.id),
        eventId: idBase + index,
        subscriptionType: "contact.propertyChange",
        propertyName: "lastname",
        occurredAt: Date.now(),
        attemptNumber: 0,
      },
    ]),
  );
  for (const body of [...deliveries, ...deliveries]) {
    expect((await serve?.send(body))?.status).toBe(200);
    await new Promise((done) => setTimeout(done, 20));
  }
  const runs = await bridges;
  if (serve) {
    const state = await serve.settled(2 * webhooks);
    expect(state.duplicates).toBeGreaterThanOrEqual(webhooks);
    expect((await serve.stop()).code).toBe(0);
    const claims = await adminGateway().searchCount("ops.sync.delivery", [
      ["source", "=", "hubspot"],
      ["delivery_id", "in", deliveries.map((_body, index) => String(idBase + index))],
    ]);
    expect(claims).toBe(webhooks);
  }
  const reports = runs.map((run) => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) as string });
    return JSON.parse(run.stdout) as Report;
  });
  expect(reports.map((report) => report.ok)).toEqual([true, true]);
  const created = (stream: string) =>
    reports.reduce((sum, report) => sum + (report.streams.find((s) => s.stream === stream)?.tally.created ?? 0), 0);
  // the contacts webhooks brought in first are found unchanged by the bridges
  expect([created("companies"), created("deals")]).toEqual([COMPANIES, DEALS]);
  expect(created("contacts")).toBeGreaterThanOrEqual(COMPANIES * CONTACTS_PER_COMPANY - webhooks);
  expect(created("contacts")).toBeLessThanOrEqual(COMPANIES * CONTACTS_PER_COMPANY);

  const admin = adminGateway();
  expect(await admin.searchCount("res.partner", [["name", "=like", `Company %${tag}`]])).toBe(COMPANIES);
  const emails = await taggedEmails(admin, tag);
  expect(emails).toHaveLength(COMPANIES * CONTACTS_PER_COMPANY);
  expect(new Set(emails).size).toBe(emails.length);
  const orphans = await admin.searchCount("res.partner", [
    ["email", "=like", `%${tag}.example`],
    ["parent_id", "=", false],
  ]);
  expect(orphans).toBe(0); // no contact went in before its company
  const deals = [["name", "=like", `Deal %${tag}`] as const, ["active", "in", [true, false]] as const];
  expect(await admin.searchCount("crm.lead", deals)).toBe(DEALS); // lost deals are archived, not gone
  const creations = await admin.searchCount("ops.sync.trace", [
    ["source", "=", "hubspot"],
    ["status", "=", "created"],
    ["record_name", "=like", `%${tag}%`],
  ]);
  // one creation per record, whoever brought it in: a bridge or a webhook
  expect(creations).toBe(COMPANIES + COMPANIES * CONTACTS_PER_COMPANY + DEALS);
  expect(await admin.searchCount("ops.sync.lease", [["source", "=", "hubspot"]])).toBe(0);
  const [contacts] = await admin.searchRead(
    "ops.sync.cursor",
    [
      ["source", "=", "hubspot"],
      ["stream", "=", "contacts"],
    ],
    { value: "char" },
  );
  const lastContact = data.contacts.at(-1)?.updatedAt as string;
  expect(String(contacts?.value) >= lastContact).toBe(true);
  return reports;
}

describe("two bridges syncing one source at once", () => {
  it("take turns on whole streams: every record once, every contact linked, no lease left", async () => {
    // --full: the data set is read whole, wherever other files left the hubspot cursors
    await twoBridges(`-pair${RUN}`, 8_000_000 + RUN * 1000, "2023-03-01T00:00:00Z", {}, ["--full"]);
  }, 300_000);

  it("read the windows of one stream side by side while webhooks arrive: every record once, the cursor past the last", async () => {
    const reports = await twoBridges(
      `-win${RUN}`,
      9_000_000 + RUN * 1000,
      "2023-05-01T00:00:00Z",
      { windowHours: 6 },
      ["--since", "2023-05-01T00:00:00Z"],
      40,
    );
    const notes = reports.flatMap((report) => report.streams.flatMap((stream) => stream.notes));
    const read = notes.map((note) => /window\(s\) of hubspot\/contacts: (\d+) read/.exec(note)?.[1]).filter(Boolean);
    expect(read).toHaveLength(2); // each bridge read contacts window by window
    console.log(`contacts windows read by each bridge: ${read.join(" and ")}`);
  }, 300_000);
});
