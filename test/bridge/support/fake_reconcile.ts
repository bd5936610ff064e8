/**
 * The in-memory Odoo of `fake_gateway.ts` with the reconciliation calls, as the addon's
 * `ops_sync_gateway_reconcile.py` answers them: drift by content hash, seen ids per run, the
 * deletion policy (archive or flag), and the bound records a complete read did not see.
 * The live Odoo's side is proved in test/e2e/bridge_reconcile.test.ts and the addon's tests.
 */
import { contentHash } from "../../../sync_bridge/src/gateway/content_hash";
import type {
  DeletionPolicy,
  DriftStatus,
  ReconcileCounts,
  ReconcileGateway,
  ReconcileLine,
  ReconcileRun,
} from "../../../sync_bridge/src/gateway/reconcile_gateway";
import type { IngestRecord } from "../../../sync_bridge/src/gateway";
import { toOdooDeep } from "../../../sync_bridge/src/gateway/wire";
import { FakeOdoo } from "./fake_gateway";

export interface FakeRun extends ReconcileRun {
  state: "requested" | "running" | "done" | "failed";
  seen: Set<string>;
  read: number;
  unchanged: number;
  lines: (Omit<ReconcileLine, "status" | "category"> & { category: ReconcileLine["category"] | "deleted"; action: string })[];
  error: string | null;
}

export class FakeReconcileOdoo extends FakeOdoo implements ReconcileGateway {
  readonly runs: FakeRun[] = [];
  /** Binding keys ("source|stream|id") whose Odoo record was archived. */
  readonly archived = new Set<string>();
  /** Deletion policy per "source|stream" (archive when absent). */
  readonly policies = new Map<string, DeletionPolicy>();

  private running(runId: number): FakeRun {
    const run = this.runs.find((candidate) => candidate.runId === runId);
    if (!run || run.state !== "running") throw new Error(`run ${runId} is not running`);
    return run;
  }

  private open(source: string, stream: string, state: FakeRun["state"]): FakeRun {
    const run: FakeRun = {
      runId: this.runs.length + 1,
      source,
      stream,
      deletionPolicy: this.policies.get(`${source}|${stream}`) ?? "archive",
      state,
      seen: new Set(),
      read: 0,
      unchanged: 0,
      lines: [],
      error: null,
    };
    this.runs.push(run);
    return run;
  }

  /** As the nightly cron: one requested run per stream with bindings. */
  request(source: string, stream: string): FakeRun {
    return this.open(source, stream, "requested");
  }

  async reconcileStart(source: string, stream: string): Promise<ReconcileRun> {
    return this.open(source, stream, "running");
  }

  async reconcileClaim(options: { source?: string; limit?: number } = {}): Promise<ReconcileRun[]> {
    const claimed = this.runs
      .filter((run) => run.state === "requested" && (!options.source || run.source === options.source))
      .slice(0, options.limit ?? 10);
    for (const run of claimed) run.state = "running";
    return claimed.map(({ runId, source, stream, deletionPolicy }) => ({ runId, source, stream, deletionPolicy }));
  }

  async reconcileDiff(
    runId: number,
    records: readonly IngestRecord[],
    unreadable: readonly string[],
    mappingVersion = 1,
  ): Promise<DriftStatus[]> {
    const run = this.running(runId);
    const statuses = records.map((record): DriftStatus => {
      const binding = this.binding(run.source, run.stream, record.externalId);
      if (!binding) return "missing";
      const same = binding.hash === contentHash(toOdooDeep(record.values)) && binding.mappingVersion === mappingVersion;
      return same ? "unchanged" : "changed";
    });
    for (const id of [...records.map((record) => record.externalId), ...unreadable]) run.seen.add(id);
    run.read += records.length + unreadable.length;
    run.unchanged += statuses.filter((status) => status === "unchanged").length;
    return [...statuses, ...unreadable.map((): DriftStatus => "unreadable")];
  }

  async reconcileLines(runId: number, lines: readonly ReconcileLine[]): Promise<void> {
    const run = this.running(runId);
    for (const line of lines) {
      const action = { created: "reingested", updated: "resynced", unchanged: "kept", conflict: "conflict", rejected: "failed" }[
        line.status
      ];
      run.lines.push({ category: line.category, externalId: line.externalId, reason: line.reason, action });
    }
  }

  private remove(run: FakeRun, externalId: string): boolean {
    const key = `${run.source}|${run.stream}|${externalId}`;
    if (!this.bindings.has(key) || this.archived.has(key)) return false;
    if (run.deletionPolicy === "archive") this.archived.add(key);
    run.lines.push({
      category: "deleted",
      externalId,
      reason: null,
      action: run.deletionPolicy === "archive" ? "archived" : "flagged",
    });
    return true;
  }

  async reconcileKeep(runId: number, externalIds: readonly string[]): Promise<void> {
    const run = this.running(runId);
    for (const id of externalIds) run.seen.add(id);
  }

  async reconcileDeleted(runId: number, externalIds: readonly string[]): Promise<number> {
    const run = this.running(runId);
    let deleted = 0;
    for (const id of externalIds) {
      if (!run.seen.has(id) && this.remove(run, id)) deleted += 1;
      run.seen.add(id);
    }
    return deleted;
  }

  async reconcileFinish(
    runId: number,
    complete: boolean,
    error: string | null,
  ): Promise<{ state: string; counts: ReconcileCounts }> {
    const run = this.running(runId);
    if (complete && !error) {
      for (const id of this.records(run.source, run.stream).keys()) if (!run.seen.has(id)) this.remove(run, id);
    }
    run.state = error ? "failed" : "done";
    run.error = error;
    const count = (category: string) => run.lines.filter((line) => line.category === category).length;
    return {
      state: run.state,
      counts: {
        read: run.read,
        unchanged: run.unchanged,
        missing: count("missing"),
        deleted: count("deleted"),
        changed: count("changed"),
        failed: run.lines.filter((line) => line.action === "failed").length,
      },
    };
  }
}
