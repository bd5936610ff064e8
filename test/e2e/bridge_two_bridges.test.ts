/**
 * Two bridges, as two processes, syncing the same HubSpot account at once into the LIVE Odoo
 * (two workers: each bridge's calls land in either). Leases held in Odoo share the work: whole
 * streams in turn, or, with `windowHours`, the windows of one stream side by side. Whatever the
 * interleaving, every record is created exactly once, every contact is linked to its company, the
 * history names one creation per record, the cursor ends past the last record, and no lease is
 * left behind. The data sets are dated 2023, before every other file's, so that the cursors they
 * move never hide another file's records.
 */
import { generateHubSpot } from "../bridge/fixtures/hubspot/generate";
import { hubspotFake } from "../bridge/fixtures/hubspot/hubspot_fake";
import { startFixtureServer, type FixtureServer } from "../bridge/support/fixture_server";
import { adminGateway, buildBridge, runBridge, taggedEmails, writeSyncConfig } from "./support/live_odoo";

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

beforeAll(() => buildBridge(), 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

/** Runs two bridges at once on a fresh data set; checks everything came in once. Returns their reports. */
async function twoBridges(tag: string, idBase: number, start: string, settings: Record<string, unknown>, args: string[]) {
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
  const runs = await Promise.all([runBridge(command, env), runBridge([...command, "--transport", "legacy"], env)]);
  const reports = runs.map((run) => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.any(String) as string });
    return JSON.parse(run.stdout) as Report;
  });
  expect(reports.map((report) => report.ok)).toEqual([true, true]);
  const created = (stream: string) =>
    reports.reduce((sum, report) => sum + (report.streams.find((s) => s.stream === stream)?.tally.created ?? 0), 0);
  expect([created("companies"), created("contacts"), created("deals")]).toEqual([
    COMPANIES,
    COMPANIES * CONTACTS_PER_COMPANY,
    DEALS,
  ]);

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
  expect(creations).toBeGreaterThanOrEqual(COMPANIES + DEALS); // contacts are named after the person
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

  it("read the windows of one stream side by side: every record once, the cursor past the last", async () => {
    const reports = await twoBridges(`-win${RUN}`, 9_000_000 + RUN * 1000, "2023-05-01T00:00:00Z", { windowHours: 6 }, [
      "--since",
      "2023-05-01T00:00:00Z",
    ]);
    const notes = reports.flatMap((report) => report.streams.flatMap((stream) => stream.notes));
    const read = notes.map((note) => /window\(s\) of hubspot\/contacts: (\d+) read/.exec(note)?.[1]).filter(Boolean);
    expect(read).toHaveLength(2); // each bridge read contacts window by window
    console.log(`contacts windows read by each bridge: ${read.join(" and ")}`);
  }, 300_000);
});
