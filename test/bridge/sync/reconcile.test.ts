/**
 * Reconciliation (sync_bridge/src/sync/reconcile.ts) over an in-memory source and the in-memory
 * Odoo of support/fake_reconcile.ts: drift found by hash, repaired through `ingest`, deletions
 * from the vendor's feed and from a complete read, vendor failures, and the runs Odoo requested.
 */
import { FatalAPIError } from "../../../sync_bridge/src/errors";
import type { Source, SourcePage, StreamDefinition } from "../../../sync_bridge/src/sources";
import { reconcilePending, reconcileSource, type ReconcileDeps } from "../../../sync_bridge/src/sync/reconcile";
import { syncSource } from "../../../sync_bridge/src/sync/runner";
import { FakeReconcileOdoo } from "../support/fake_reconcile";
import { deps as syncDeps, memoryStream, rows, source, type Row } from "../support/memory_source";

/** Small batches, three in Odoo at once: the runs' batches overlap. */
function deps(odoo: FakeReconcileOdoo): ReconcileDeps {
  return { ...syncDeps(odoo), gateway: odoo, batchSize: 20, concurrency: 3 };
}

/** A stream that serves `current()` in pages of 50, so a test can change the vendor between runs. */
function liveStream(current: () => unknown[], extra: Partial<StreamDefinition> = {}): StreamDefinition {
  const base = memoryStream([]);
  return {
    ...base,
    async *read() {
      const all = current();
      for (let index = 0; index < all.length; index += 50) yield { records: all.slice(index, index + 50) } satisfies SourcePage;
    },
    ...extra,
  };
}

async function firstSync(odoo: FakeReconcileOdoo, src: Source): Promise<void> {
  const report = await syncSource(src, {}, syncDeps(odoo));
  expect(report.ok).toBe(true);
}

describe("reconcileSource", () => {
  it("finds nothing to do when Odoo holds what the vendor holds, and writes nothing", async () => {
    const odoo = new FakeReconcileOdoo();
    const vendor: Row[] = rows(1, 120);
    const src = source(liveStream(() => vendor));
    await firstSync(odoo, src);
    const ingestsBefore = odoo.countCalls("ingest");
    const [outcome] = await reconcileSource(src, undefined, deps(odoo));
    expect(outcome?.state).toBe("done");
    expect(outcome?.counts).toEqual({ read: 120, unchanged: 120, missing: 0, deleted: 0, changed: 0, failed: 0 });
    expect(odoo.countCalls("ingest")).toBe(ingestsBefore);
    expect(odoo.runs[0]?.lines).toEqual([]);
  });

  it("re-ingests missing records, re-syncs changed ones and archives those the vendor no longer has", async () => {
    const odoo = new FakeReconcileOdoo();
    let vendor: Row[] = rows(1, 100);
    const src = source(liveStream(() => vendor));
    await firstSync(odoo, src);
    vendor = vendor.filter((row) => row.id !== "7");
    vendor = vendor.map((row) => (row.id === "3" ? { ...row, name: "Renamed without a sync" } : row));
    vendor.push({ id: "500", name: "Added while the bridge slept" });
    const [outcome] = await reconcileSource(src, ["contacts"], deps(odoo));
    expect(outcome?.counts).toEqual({ read: 100, unchanged: 98, missing: 1, deleted: 1, changed: 1, failed: 0 });
    expect(outcome?.tally).toMatchObject({ created: 1, updated: 1 });
    expect(odoo.binding("hubspot", "contacts", "3")?.values).toEqual({ name: "Renamed without a sync" });
    expect(odoo.binding("hubspot", "contacts", "500")).toBeDefined();
    expect([...odoo.archived]).toEqual(["hubspot|contacts|7"]);
    expect(odoo.runs[0]?.lines.map((line) => [line.category, line.externalId, line.action]).sort()).toEqual([
      ["changed", "3", "resynced"],
      ["deleted", "7", "archived"],
      ["missing", "500", "reingested"],
    ]);
  });

  it("takes deletions from the stream's deletion feed once, and flags them when the stream says so", async () => {
    const odoo = new FakeReconcileOdoo();
    let vendor: Row[] = rows(1, 10);
    const deleted: string[] = [];
    const src = source(
      liveStream(() => vendor, {
        async *readDeleted() {
          yield deleted;
        },
      }),
    );
    await firstSync(odoo, src);
    vendor = vendor.filter((row) => row.id !== "2");
    deleted.push("2", "never-synced");
    odoo.policies.set("hubspot|contacts", "flag");
    const [outcome] = await reconcileSource(src, undefined, deps(odoo));
    expect(outcome?.counts.deleted).toBe(1);
    expect(odoo.runs[0]?.lines).toEqual([{ category: "deleted", externalId: "2", reason: null, action: "flagged" }]);
    expect(odoo.archived.size).toBe(0);
  });

  it("counts a record it cannot read as present at the vendor, and dead-letters it", async () => {
    const odoo = new FakeReconcileOdoo();
    let vendor: unknown[] = rows(1, 5);
    const src = source(liveStream(() => vendor));
    await firstSync(odoo, src);
    vendor = vendor.map((row) => ((row as Row).id === "4" ? { id: "4", name: 42 } : row));
    const [outcome] = await reconcileSource(src, undefined, deps(odoo));
    expect(outcome?.counts).toMatchObject({ read: 5, deleted: 0, unchanged: 4 });
    expect(outcome?.tally.dead).toBe(1);
    expect(odoo.events.map((event) => [event.externalId, event.category])).toEqual([["4", "validation"]]);
  });

  it("deletes nothing when the vendor fails part-way, and closes the run as failed with the reason", async () => {
    const odoo = new FakeReconcileOdoo();
    let fail = false;
    const vendor = rows(1, 100);
    const src = source(
      liveStream(() => vendor, {
        async *read() {
          yield { records: vendor.slice(0, 50) };
          if (fail) throw new FatalAPIError("HubSpot answered 400: bad request", { status: 400 });
          yield { records: vendor.slice(50) };
        },
      }),
    );
    await firstSync(odoo, src);
    fail = true;
    const [outcome] = await reconcileSource(src, undefined, deps(odoo));
    expect(outcome?.state).toBe("failed");
    expect(outcome?.error).toMatch(/HubSpot answered 400.*nothing was marked deleted/);
    expect(outcome?.counts.deleted).toBe(0);
    expect(odoo.archived.size).toBe(0);
  });
});

describe("records one stream adds to another", () => {
  /** Customers, and orders whose guest buyer becomes a customer record the customers' list never returns. */
  function shop(customers: () => Row[], orders: () => Row[]): Source {
    const customerStream = { ...liveStream(customers), name: "customers" as const };
    const orderStream: StreamDefinition = {
      ...liveStream(orders),
      name: "orders",
      map: ((row: Row) => ({
        externalId: row.id,
        values: { name: row.name },
        modifiedAt: null,
        requires: [
          { stream: "customers", record: { externalId: `guest:${row.guest}`, values: { name: row.guest }, modifiedAt: null } },
        ],
      })) as StreamDefinition["map"],
    };
    return { name: "woocommerce", streams: [customerStream, orderStream] };
  }

  it("keeps guest customers bound through orders, and deletes by absence only when every stream was read", async () => {
    const odoo = new FakeReconcileOdoo();
    const customers = rows(1, 3);
    const orders: Row[] = [{ id: "o1", name: "Order 1", guest: "ann@example.com" }];
    const src = shop(
      () => customers,
      () => orders,
    );
    await firstSync(odoo, src);
    expect(odoo.binding("woocommerce", "customers", "guest:ann@example.com")).toBeDefined();
    const whole = await reconcileSource(src, undefined, deps(odoo));
    expect(whole.map((outcome) => [outcome.stream, outcome.counts.deleted, outcome.error])).toEqual([
      ["customers", 0, null],
      ["orders", 0, null],
    ]);
    customers.pop();
    const partial = await reconcileSource(src, ["customers"], deps(odoo));
    expect(partial[0]?.counts.deleted).toBe(0);
    expect(partial[0]?.error).toMatch(/only some streams of woocommerce were read: run it without --stream/);
    const again = await reconcileSource(src, undefined, deps(odoo));
    expect(again[0]?.counts.deleted).toBe(1);
    expect([...odoo.archived]).toEqual(["woocommerce|customers|3"]);
  });
});

describe("reconcilePending", () => {
  it("claims the runs Odoo requested, and closes those of a source this bridge cannot read", async () => {
    const odoo = new FakeReconcileOdoo();
    const vendor = rows(1, 20);
    const src = source(liveStream(() => vendor));
    await firstSync(odoo, src);
    odoo.request("hubspot", "contacts");
    odoo.request("shopify", "customers");
    const outcomes = await reconcilePending(deps(odoo), (name) => {
      if (name !== "hubspot") throw new Error("SHOPIFY_ACCESS_TOKEN is not set");
      return src;
    });
    expect(outcomes.map((outcome) => [outcome.source, outcome.state])).toEqual([
      ["hubspot", "done"],
      ["shopify", "failed"],
    ]);
    expect(outcomes[1]?.error).toMatch(/cannot read shopify: SHOPIFY_ACCESS_TOKEN is not set/);
    expect(odoo.runs.map((run) => run.state)).toEqual(["done", "failed"]);
    expect(await reconcilePending(deps(odoo), () => src)).toEqual([]);
  });
});
