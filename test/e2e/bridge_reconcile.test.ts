/**
 * `ops-bridge reconcile` against a LIVE Odoo 19 (see test/e2e/support/live_odoo.ts), the vendor
 * (WooCommerce's customers, shaped like its documentation's example) served by msw. The shop's
 * customers are synced, then changed, deleted and added at the shop behind the bridge's back; a
 * reconciliation finds exactly that drift, repairs it through `ingest`, archives the customer the
 * shop deleted, and stores the run with its counts and named lines in Odoo.
 * The first reconciliation archives whatever earlier runs of this file left bound in the database.
 */
import { http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { main } from "../../sync_bridge/src/cli";
import { wooCommerceFake, wooCustomer, type WooData } from "../bridge/fixtures/woocommerce/woocommerce_fake";
import { vendorHandlers } from "../bridge/support/msw";
import { adminGateway, bridgeEnv, bridgeGateway, writeSyncConfig } from "./support/live_odoo";

const SHOP = "https://shop-reconcile.test";
const server = setupServer();

interface ReconcileJson {
  ok: boolean;
  runs: { runId: number; stream: string; state: string; counts: Record<string, number>; error: string | null }[];
}

/** Runs the CLI in this process (so msw serves the shop), with the live Odoo's settings. */
async function cli(args: string[]): Promise<{ code: number; json: unknown; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, "--json"], {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { ...bridgeEnv(), WOOCOMMERCE_CONSUMER_KEY: "ck_test", WOOCOMMERCE_CONSUMER_SECRET: "cs_test" },
  });
  if (out.length === 0) throw new Error(`ops-bridge ${args.join(" ")} printed no report (exit ${code}):\n${err.join("\n")}`);
  return { code, json: JSON.parse(out.join("\n")), stderr: err.join("\n") };
}

// ids of their own each run: the database keeps what earlier runs bound
const BASE = 1_000_000 + (Date.now() % 1_000_000) * 10;
const ids = Array.from({ length: 30 }, (_, index) => BASE + index);
const shop: WooData = {
  customers: ids.map((id) => wooCustomer(id, "2025-03-01T10:00:00")),
  orders: [],
  now: new Date("2025-03-02T08:00:00Z"),
};
let config: string;

beforeAll(() => {
  config = writeSyncConfig({ sources: { woocommerce: { baseUrl: SHOP, pageSize: 10, lookbackSeconds: 0 } } });
  server.listen({ onUnhandledRequest: "error" });
  server.use(
    http.all(`${bridgeEnv().ODOO_URL}/*`, () => passthrough()),
    ...vendorHandlers(SHOP, wooCommerceFake(shop)),
  );
}, 60_000);

afterAll(() => server.close());

async function partner(id: number): Promise<{ id: number; name: string | null; active: boolean } | undefined> {
  const [found] = await adminGateway().searchRead(
    "res.partner",
    [["email", "=", `customer${id}@example.com`]],
    { name: "char", active: "boolean" },
    { context: { active_test: false } },
  );
  return found;
}

describe("reconcile woocommerce customers against the live Odoo", () => {
  it("syncs the shop, then finds no drift in what it synced (over JSON-2)", async () => {
    // the first reconciliation of a run archives what earlier runs of this file left bound
    const sync = await cli(["sync", "woocommerce", "--stream", "customers", "--full", "--config", config]);
    expect(sync.code).toBe(0);
    const { code, json } = await cli(["reconcile", "woocommerce", "--config", config]);
    const report = json as ReconcileJson;
    expect(code).toBe(0);
    expect(report.runs.map((run) => [run.stream, run.state, run.error])).toEqual([
      ["products", "done", null],
      ["customers", "done", null],
      ["orders", "done", null],
    ]);
    expect(report.runs[1]?.counts).toMatchObject({ read: 30, unchanged: 30, missing: 0, changed: 0, failed: 0 });
  });

  it("repairs a change, a deletion and an addition made at the shop, and stores the drift report (over legacy)", async () => {
    const renamed = ids[3] as number;
    const removed = ids[7] as number;
    const added = BASE + 100;
    shop.customers = shop.customers.filter((customer) => customer.id !== removed);
    shop.customers = shop.customers.map((customer) =>
      customer.id === renamed
        ? { ...customer, first_name: "Maria", billing: { ...(customer.billing as object), first_name: "Maria" } }
        : customer,
    );
    shop.customers.push(wooCustomer(added, "2025-03-01T11:00:00"));
    const { code, json } = await cli(["reconcile", "woocommerce", "--transport", "legacy", "--config", config]);
    const report = json as ReconcileJson;
    expect(code).toBe(0);
    const run = report.runs.find((candidate) => candidate.stream === "customers");
    expect(run?.counts).toEqual({ read: 30, unchanged: 28, missing: 1, deleted: 1, changed: 1, failed: 0 });

    expect((await partner(renamed))?.name).toMatch(/^Maria /);
    expect(await partner(added)).toMatchObject({ active: true });
    expect(await partner(removed)).toMatchObject({ active: false });

    const admin = adminGateway();
    const [stored] = await admin.searchRead("ops.sync.reconcile", [["id", "=", run?.runId ?? 0]], {
      state: "char",
      source: "char",
      read_count: "integer",
      missing_count: "integer",
      deleted_count: "integer",
      changed_count: "integer",
    });
    expect(stored).toMatchObject({
      state: "done",
      source: "woocommerce",
      read_count: 30,
      missing_count: 1,
      deleted_count: 1,
      changed_count: 1,
    });
    const lines = await admin.searchRead(
      "ops.sync.reconcile.line",
      [["reconcile_id", "=", run?.runId ?? 0]],
      { category: "char", external_id: "char", action: "char", record_name: "char" },
      { order: "category" },
    );
    expect(lines.map((line) => [line.category, line.external_id, line.action])).toEqual([
      ["changed", String(renamed), "resynced"],
      ["deleted", String(removed), "archived"],
      ["missing", String(added), "reingested"],
    ]);
    expect(lines.every((line) => (line.record_name ?? "").length > 0)).toBe(true);
  });

  it("refuses a plain run write from the bridge's own user: runs change only through the gateway", async () => {
    const runs = await bridgeGateway("json2").searchRead(
      "ops.sync.reconcile",
      [["source", "=", "woocommerce"]],
      { source: "char" },
      { limit: 1 },
    );
    expect(runs).toHaveLength(1);
    await expect(bridgeGateway("json2").write("ops.sync.reconcile", [runs[0]?.id ?? 0], { deleted_count: 0 })).rejects.toThrow();
  });
});
