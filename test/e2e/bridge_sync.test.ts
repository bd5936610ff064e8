/**
 * `ops-bridge sync`, `replay` and `status` against a LIVE Odoo 19 with addon_ops_harmony (see
 * test/e2e/support/live_odoo.ts for the variables scripts/ci/test.sh sets), over JSON-2 and legacy
 * XML-RPC. One file, run in order: the tests share the database's cursors and bindings.
 * The last two describe blocks are the reliability proofs that need the stream's cursor to
 * themselves: the bridge killed with SIGKILL while an ingest call is in flight, and Odoo stopped
 * for real in the middle of a run. The vendor-fault and malformed-payload proofs, which read
 * everything with --full, are in bridge_vendor_faults.test.ts.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { main } from "../../sync_bridge/src/cli";
import type { TransportName } from "../../sync_bridge/src/config";
import { defaultCsvDirectory } from "../../sync_bridge/src/sources/csv/descriptor";
import { generateHubSpot, touch } from "../bridge/fixtures/hubspot/generate";
import { hubspotFake } from "../bridge/fixtures/hubspot/hubspot_fake";
import { vendorHandlers } from "../bridge/support/msw";
import { killAndRestart } from "./support/kill_restart";
import {
  adminGateway,
  bridgeEnv,
  bridgeGateway,
  buildBridge,
  copyStageMap,
  ensureProducts,
  runBridge,
  taggedEmails,
  writeSyncConfig,
  TRANSPORTS,
} from "./support/live_odoo";
import { stopOdooMidSync } from "./support/odoo_outage";
import { ownOdoo, type OwnOdoo } from "./support/odoo_server";

const HUBSPOT = "https://api.hubapi.test";
const server = setupServer();

interface Report {
  ok: boolean;
  streams: { stream: string; completed: boolean; tally: Record<string, number> }[];
  total: Record<string, number> & { categories: Record<string, number> };
}

/** Runs the built CLI with `--json` and parses its report. */
async function cliJson(args: string[]): Promise<{ code: number | null; report: Report; stderr: string }> {
  const run = await runBridge([...args, "--json"]);
  if (run.stdout.trim() === "")
    throw new Error(`ops-bridge ${args.join(" ")} printed no report (exit ${run.code}):\n${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

/** Runs the CLI in this process (so msw serves the vendor), with the live Odoo's settings. */
async function inProcess(args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, "--json"], {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { ...bridgeEnv(), HUBSPOT_ACCESS_TOKEN: "test-token" },
  });
  if (out.length === 0) throw new Error(`ops-bridge ${args.join(" ")} printed no report (exit ${code}):\n${err.join("\n")}`);
  return { code, report: JSON.parse(out.join("\n")) as Report, stderr: err.join("\n") };
}

const csvDir = mkdtempSync(join(tmpdir(), "ops-bridge-e2e-csv-"));
let csvConfig: string;

beforeAll(async () => {
  buildBridge();
  cpSync(defaultCsvDirectory(), csvDir, { recursive: true });
  csvConfig = writeSyncConfig({ sources: { csv: { directory: csvDir } } });
  const admin = adminGateway();
  await ensureProducts(admin);
  await copyStageMap(admin, "csv");
  server.listen({ onUnhandledRequest: "error" });
  // Odoo is real: only the vendor is mocked.
  server.use(http.all(`${bridgeEnv().ODOO_URL}/*`, () => passthrough()));
}, 120_000);

afterAll(() => server.close());

describe("CSV, the offline default, into the live Odoo", () => {
  it("syncs the shipped samples over JSON-2: every record created, nothing dead", async () => {
    const { code, report, stderr } = await cliJson(["sync", "csv", "--config", csvConfig]);
    expect({ code, stderr }).toMatchObject({ code: 0 });
    expect(report.total).toMatchObject({ read: 53, created: 53, rejected: 0, dead: 0, prerequisites: 1 });
    const odoo = bridgeGateway("json2");
    expect(
      await odoo.searchCount("res.partner", [
        ["name", "=", "Northwind Robotics"],
        ["is_company", "=", true],
      ]),
    ).toBe(1);
    const [amelie] = await odoo.searchRead("res.partner", [["email", "=", "amelie.dubois@northwind-robotics.example"]], {
      parent_id: "many2one",
    });
    expect(amelie?.parent_id?.name).toBe("Northwind Robotics");
    expect(await odoo.searchCount("crm.lead", [["name", "=", "Bluepeak – analytics platform renewal"]])).toBe(1);
    expect(await odoo.searchCount("utm.campaign", [["name", "=", "Brand – Search – EU"]])).toBe(1);
  });

  it.each(TRANSPORTS)("re-syncs everything with --full over %s: all unchanged, nothing written", async (transport) => {
    const { code, report } = await cliJson(["sync", "csv", "--full", "--transport", transport, "--config", csvConfig]);
    expect(code).toBe(0);
    expect(report.total).toMatchObject({ read: 53, unchanged: 53, created: 0, updated: 0, rejected: 0, dead: 0 });
  });

  it("brings a new export in over legacy XML-RPC: the changed row updated, the new one created", async () => {
    const companies = join(csvDir, "companies.csv");
    writeFileSync(companies, readFileSync(companies, "utf8").replace("Lumen Studio,", "Lumen Studio BV,"));
    writeFileSync(
      join(csvDir, "contacts.csv"),
      `${readFileSync(join(csvDir, "contacts.csv"), "utf8")}7213,Iris,Novak,iris.novak@lumenstudio.example,,Designer,5108,2025-03-07 09:00,2025-03-07 09:00\n`,
    );
    const { report } = await cliJson([
      "sync",
      "csv",
      "--transport",
      "legacy",
      "--stream",
      "companies",
      "--stream",
      "contacts",
      "--config",
      csvConfig,
    ]);
    expect(report.streams.map((s) => [s.stream, s.tally.updated, s.tally.created, s.tally.unchanged])).toEqual([
      ["companies", 1, 0, 7],
      ["contacts", 0, 1, 12],
    ]);
    expect(await bridgeGateway("legacy").searchCount("res.partner", [["name", "=", "Lumen Studio BV"]])).toBe(1);
  });
});

describe("HubSpot, served by msw in the vendor's documented shapes, into the live Odoo", () => {
  const data = generateHubSpot({
    companies: 40,
    contactsPerCompany: 5,
    deals: 12,
    idBase: 10_000,
    tag: "-e2e",
    start: new Date("2025-02-01T00:00:00Z"),
  });
  const config = () =>
    writeSyncConfig({ sources: { hubspot: { baseUrl: HUBSPOT, pageSize: 50, requestsPerSecond: 0, lookbackSeconds: 0 } } });

  beforeAll(() => server.use(...vendorHandlers(HUBSPOT, hubspotFake(data))));

  it("syncs companies, contacts linked to them and deals in mapped stages over JSON-2", async () => {
    const { code, report } = await inProcess(["sync", "hubspot", "--config", config()]);
    expect(code).toBe(0);
    expect(report.streams.map((s) => [s.stream, s.tally.created])).toEqual([
      ["companies", 40],
      ["contacts", 200],
      ["deals", 12],
    ]);
    const odoo = bridgeGateway("json2");
    const [person] = await odoo.searchRead("res.partner", [["email", "=", "person7@company1-e2e.example"]], {
      parent_id: "many2one",
      function: "char",
    });
    expect(person).toMatchObject({ parent_id: { name: "Company 1-e2e" }, function: "Buyer" });
    expect(
      await odoo.searchCount("crm.lead", [
        ["name", "=like", "Deal %-e2e"],
        ["type", "=", "opportunity"],
      ]),
    ).toBeGreaterThanOrEqual(10);
  });

  it("re-syncs from the cursor over legacy: the changed contacts updated, nothing else touched", async () => {
    touch(data, "contacts", "510003", { jobtitle: "COO" }, new Date("2025-02-20T00:00:00Z"));
    touch(data, "contacts", "510150", { phone: "+32 470 00 00 01" }, new Date("2025-02-20T00:00:01Z"));
    const { report } = await inProcess(["sync", "hubspot", "--transport", "legacy", "--config", config()]);
    const contacts = report.streams.find((s) => s.stream === "contacts");
    expect(contacts?.tally).toMatchObject({ updated: 2, created: 0 });
    const [coo] = await bridgeGateway("legacy").searchRead("res.partner", [["email", "=", "person3@company0-e2e.example"]], {
      function: "char",
    });
    expect(coo?.function).toBe("COO");
  });

  it.each(TRANSPORTS)("re-reads everything with --full over %s: all unchanged", async (transport) => {
    const { report } = await inProcess(["sync", "hubspot", "--full", "--transport", transport, "--config", config()]);
    expect(report.total).toMatchObject({ read: 252, unchanged: 252, created: 0, updated: 0 });
  });

  it("dead-letters a deal in an unmapped stage, and brings it in once the stage is mapped and replayed", async () => {
    const template = structuredClone(data.deals[0]);
    if (!template) throw new Error("the fixture has no deal");
    data.deals.push({ ...template, id: "999999" });
    touch(
      data,
      "deals",
      "999999",
      { dealstage: "negotiation", pipeline: "partners", dealname: "Partner deal-e2e" },
      new Date("2025-03-01T00:00:00Z"),
    );
    const { report } = await inProcess(["sync", "hubspot", "--stream", "deals", "--config", config()]);
    expect(report.total).toMatchObject({ rejected: 1, categories: { mapping: 1 } });
    const admin = adminGateway();
    // ingest decides without payloads; the rejected record's payload follows by its event id
    const [event] = await admin.searchRead(
      "ops.sync.event",
      [
        ["source", "=", "hubspot"],
        ["external_id", "=", "999999"],
      ],
      { payload: "text", state: "selection" },
    );
    expect(event?.state).toBe("dead");
    expect(JSON.parse(event?.payload ?? "null")).toMatchObject({ id: "999999", properties: { dealname: "Partner deal-e2e" } });
    const [won] = await admin.searchRead("crm.stage", [], { name: "char" }, { limit: 1 });
    await admin.create("ops.sync.stage.map", [
      { source: "hubspot", stage_key: "partners:negotiation", stage_id: won?.id ?? null },
    ]);
    const replay = await runBridge(["replay", "--dead", "--json"]);
    expect(replay.code).toBe(0);
    expect(await bridgeGateway("json2").searchCount("crm.lead", [["name", "=", "Partner deal-e2e"]])).toBe(1);
  });

  it.each(TRANSPORTS)("reports the cursors and events with status over %s", async (transport) => {
    const run = await runBridge(["status", "--transport", transport, "--json"]);
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout) as { cursors: { source: string; stream: string; value: string }[] };
    expect(status.cursors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: "hubspot", stream: "contacts", value: "2025-02-20T00:00:01.000Z" }),
      ]),
    );
  });
});

describe("killed with SIGKILL while an ingest call is in flight, 20 times, and restarted", () => {
  it.each(TRANSPORTS)(
    "over %s: 4,000 records end up in Odoo exactly once, the cursor at the last",
    async (transport) => {
      const outcome = await killAndRestart({
        transport,
        contacts: 4000,
        kills: 20,
        idBase: transport === "json2" ? 2_000_000 : 3_000_000,
        start: new Date(transport === "json2" ? "2025-06-01T00:00:00Z" : "2025-09-01T00:00:00Z"),
      });
      // The evidence, as the relay in front of Odoo saw each kill.
      console.log(`SIGKILL evidence over ${transport}:\n${outcome.evidence.map((kill) => JSON.stringify(kill)).join("\n")}`);
      if (process.env.OPS_DATA_DIR)
        writeFileSync(
          join(process.env.OPS_DATA_DIR, `kill-evidence-${transport}.json`),
          JSON.stringify(outcome.evidence, null, 2),
        );
      expect(outcome.kills).toBeGreaterThanOrEqual(20);
      // Every kill: the run died of the signal while the ingest call that triggered it was in
      // flight (sent by the bridge, never answered to it); both moments were hit.
      expect(
        outcome.evidence.filter(
          (kill) => kill.signal === "SIGKILL" && kill.triggerInFlight && kill.inFlightAtKill >= 1 && !kill.delivered,
        ),
      ).toHaveLength(outcome.kills);
      expect(outcome.evidence.filter((kill) => kill.records > 0)).toHaveLength(outcome.kills);
      expect(new Set(outcome.evidence.map((kill) => kill.moment))).toEqual(new Set(["sent", "answered"]));
      // Odoo committed the batches the bridge never heard of.
      expect(outcome.evidence.filter((kill) => kill.odooStatus === 200)).toHaveLength(outcome.kills);
      expect({ code: outcome.finalRun.code, stderr: outcome.finalRun.stderr.slice(-2000) }).toMatchObject({ code: 0 });
      const emails = await taggedEmails(bridgeGateway(transport), outcome.tag);
      expect(emails).toHaveLength(4000);
      expect(new Set(emails).size).toBe(4000);
      const status = await bridgeGateway(transport).syncStatus();
      expect(status.cursors.find((cursor) => cursor.source === "hubspot" && cursor.stream === "contacts")?.value).toBe(
        outcome.lastModified,
      );
    },
    900_000,
  );
});

describe("Odoo stopped for real in the middle of a run, and started again", () => {
  let odoo: OwnOdoo;
  beforeAll(async () => {
    odoo = await ownOdoo();
    await odoo.start();
  }, 300_000);
  afterAll(() => odoo?.stop());

  const cases: [TransportName, boolean, string][] = [
    ["json2", true, "the bridge waits, retries and finishes once Odoo is back"],
    ["legacy", false, "the bridge stops with a clear error; run again, it finishes"],
  ];
  it.each(cases)(
    "over %s (waits: %s): %s",
    async (transport, waitForOdoo) => {
      const outcome = await stopOdooMidSync(odoo, {
        transport,
        waitForOdoo,
        contacts: 3000,
        idBase: transport === "json2" ? 4_000_000 : 5_000_000,
        start: new Date(transport === "json2" ? "2025-10-01T00:00:00Z" : "2025-11-01T00:00:00Z"),
      });
      // Odoo was really gone, half-way through the run.
      expect(outcome).toMatchObject({ bridgeRunningAtStop: true, odooProcessAfterStop: false, portAfterStop: "ECONNREFUSED" });
      expect(outcome.inAtStop).toBeGreaterThan(0);
      expect(outcome.inAtStop).toBeLessThan(3000);
      const [first, second] = outcome.runs;
      const refused = /cannot connect to http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/;
      if (waitForOdoo) {
        expect({ code: first?.code, stderr: first?.stderr.slice(-2000) }).toMatchObject({ code: 0 });
        expect(first?.stderr).toMatch(new RegExp(`${refused.source}; retrying in`));
      } else {
        expect({ code: first?.code, signal: first?.signal }).toEqual({ code: 1, signal: null });
        expect(first?.stderr).toMatch(new RegExp(`stopped: ${refused.source}`));
        expect(first?.stderr).toMatch(/Odoo did not come back in time; start it .* and run the command again/);
        expect({ code: second?.code, stderr: second?.stderr.slice(-2000) }).toMatchObject({ code: 0 });
      }
      const emails = await taggedEmails(bridgeGateway(transport), outcome.tag);
      expect(emails).toHaveLength(3000);
      expect(new Set(emails).size).toBe(3000);
      const status = await bridgeGateway(transport).syncStatus();
      expect(status.cursors.find((cursor) => cursor.source === "hubspot" && cursor.stream === "contacts")?.value).toBe(
        outcome.lastModified,
      );
    },
    600_000,
  );
});
