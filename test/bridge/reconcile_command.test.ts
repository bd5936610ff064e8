/**
 * `ops-bridge reconcile` end to end in-process: HubSpot faked with msw (test/bridge/fixtures/hubspot),
 * Odoo in memory (support/fake_reconcile.ts). The live Odoo's side: test/e2e/bridge_reconcile.test.ts.
 */
import { parseCliArgs } from "../../sync_bridge/src/args";
import { generateHubSpot, touch } from "./fixtures/hubspot/generate";
import { hubspotFake, type HubSpotData } from "./fixtures/hubspot/hubspot_fake";
import { FakeReconcileOdoo } from "./support/fake_reconcile";
import { mswServer, vendorHandlers } from "./support/msw";
import { runCli, writeConfig } from "./support/run_cli";

const server = mswServer();
const BASE = "https://api.hubapi.test";
const ENV = { HUBSPOT_ACCESS_TOKEN: "test-token" };

interface ReconcileJson {
  ok: boolean;
  runs: { source: string; stream: string; state: string; counts: Record<string, number>; error: string | null }[];
}

function serve(data: HubSpotData): void {
  server.use(...vendorHandlers(BASE, hubspotFake(data)));
}

const config = () =>
  writeConfig({ sources: { hubspot: { baseUrl: BASE, requestsPerSecond: 0, lookbackSeconds: 0, pageSize: 50 } } });

async function reconcile(argv: string[], odoo: FakeReconcileOdoo, configPath: string) {
  const run = await runCli(["reconcile", ...argv, "--json"], odoo, { configPath, env: ENV });
  if (run.stdout === "") throw new Error(`no JSON report (exit ${run.code}): ${run.stderr}`);
  return { code: run.code, report: JSON.parse(run.stdout) as ReconcileJson };
}

describe("ops-bridge reconcile", () => {
  it("compares every HubSpot stream with Odoo and repairs the drift", async () => {
    const data = generateHubSpot({ companies: 12, contactsPerCompany: 5, deals: 6 });
    serve(data);
    const odoo = new FakeReconcileOdoo();
    const configPath = config();
    expect((await runCli(["sync", "hubspot"], odoo, { configPath, env: ENV })).code).toBe(0);
    touch(data, "companies", "100001", { name: "Renamed in HubSpot" }, new Date("2020-01-01T00:00:00Z"));
    data.contacts.splice(3, 1);
    const { code, report } = await reconcile(["hubspot"], odoo, configPath);
    expect(code).toBe(0);
    expect(report.runs.map((run) => [run.stream, run.state, run.counts.changed, run.counts.deleted])).toEqual([
      ["companies", "done", 1, 0],
      ["contacts", "done", 0, 1],
      ["deals", "done", 0, 0],
    ]);
    expect(report.runs[1]?.counts).toMatchObject({ read: 59, unchanged: 59 });
    expect(odoo.binding("hubspot", "companies", "100001")?.values).toMatchObject({ name: "Renamed in HubSpot" });
    expect([...odoo.archived]).toEqual(["hubspot|contacts|500003"]);
    const again = await reconcile(["hubspot", "--stream", "contacts"], odoo, configPath);
    expect(again.report.runs.map((run) => [run.stream, run.counts.deleted, run.counts.unchanged])).toEqual([["contacts", 0, 59]]);
  });

  it("runs the reconciliations Odoo requested with --pending", async () => {
    serve(generateHubSpot({ companies: 3, contactsPerCompany: 1 }));
    const odoo = new FakeReconcileOdoo();
    odoo.request("hubspot", "companies");
    const { code, report } = await reconcile(["--pending"], odoo, config());
    expect(code).toBe(0);
    expect(report.runs.map((run) => [run.stream, run.counts.missing])).toEqual([["companies", 3]]);
    expect(odoo.records("hubspot", "companies").size).toBe(3);
  });

  it("refuses a reconcile without a source, and options of other commands", () => {
    expect(() => parseCliArgs(["reconcile"])).toThrow(/reconcile needs a source: .* or --pending/);
    expect(() => parseCliArgs(["reconcile", "--pending", "--stream", "contacts"])).toThrow(/takes no --stream/);
    expect(() => parseCliArgs(["reconcile", "hubspot", "--full"])).toThrow(/--full only applies to sync/);
    expect(() => parseCliArgs(["reconcile", "hubspot", "--stream", "orders"])).toThrow(/hubspot has no stream "orders"/);
    expect(parseCliArgs(["reconcile", "hubspot", "--stream", "contacts"])).toMatchObject({
      command: "reconcile",
      source: "hubspot",
      streams: ["contacts"],
      pending: false,
    });
    expect(parseCliArgs(["reconcile", "--pending"])).toMatchObject({ command: "reconcile", source: undefined, pending: true });
  });
});
