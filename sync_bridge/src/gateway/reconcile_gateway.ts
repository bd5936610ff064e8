/**
 * The reconciliation RPCs of `ops.sync.gateway` (addon_ops_harmony's `ops_sync_gateway_reconcile.py`):
 * start or claim a run, compare batches of hashes with the bindings, record what `ingest` did,
 * report the vendor's deletions and close the run. Answers are validated here.
 */
import { z } from "zod";
import type { BridgeConfig } from "../config";
import { FatalOdooError } from "../errors";
import { contentHash } from "./content_hash";
import { expectAnswer, type CallOptions, type RpcTransport } from "./rpc";
import { SYNC_MODEL, type IngestRecord, type IngestStatus } from "./sync_contract";
import { BATCH_TIMEOUT_MS, wireValues } from "./sync_gateway";

export const DRIFT_STATUSES = ["missing", "changed", "unchanged", "unreadable"] as const;
/** What Odoo holds of a record the vendor has: not bound, bound with other values, the same, or unreadable. */
export type DriftStatus = (typeof DRIFT_STATUSES)[number];

export type DeletionPolicy = "archive" | "flag";

/** A run the bridge works on. */
export interface ReconcileRun {
  runId: number;
  source: string;
  stream: string;
  deletionPolicy: DeletionPolicy;
}

/** What `ingest` did with a drifted record, for the run's drift report. */
export interface ReconcileLine {
  category: "missing" | "changed";
  externalId: string;
  status: IngestStatus;
  reason: string | null;
}

export interface ReconcileCounts {
  read: number;
  unchanged: number;
  missing: number;
  deleted: number;
  changed: number;
  failed: number;
}

/** The reconciliation calls; `createGateway` joins them to the others. */
export interface ReconcileGateway {
  reconcileStart(source: string, stream: string): Promise<ReconcileRun>;
  /** Claims runs the nightly cron requested (of `source`, when given). */
  reconcileClaim(options?: { source?: string; limit?: number }): Promise<ReconcileRun[]>;
  /** The drift of `records` (by their values' hashes) and of `unreadable` ids, in that order; notes them all as seen. */
  reconcileDiff(
    runId: number,
    records: readonly IngestRecord[],
    unreadable: readonly string[],
    mappingVersion?: number,
  ): Promise<DriftStatus[]>;
  reconcileLines(runId: number, lines: readonly ReconcileLine[]): Promise<void>;
  /** Notes these ids as present at the vendor without comparing them (records other streams add, e.g. guest customers). */
  reconcileKeep(runId: number, externalIds: readonly string[]): Promise<void>;
  /** Applies the run's deletion policy to these ids the vendor reports deleted; resolves to how many were bound. */
  reconcileDeleted(runId: number, externalIds: readonly string[]): Promise<number>;
  reconcileFinish(runId: number, complete: boolean, error: string | null): Promise<{ state: string; counts: ReconcileCounts }>;
}

const runSchema = z
  .object({
    run_id: z.number().int().positive(),
    source: z.string(),
    stream: z.string(),
    deletion_policy: z.enum(["archive", "flag"]),
  })
  .transform((run): ReconcileRun => ({
    runId: run.run_id,
    source: run.source,
    stream: run.stream,
    deletionPolicy: run.deletion_policy,
  }));

const count = z.number().int().nonnegative();
const finishSchema = z.object({
  state: z.enum(["done", "failed"]),
  counts: z.object({ read: count, unchanged: count, missing: count, deleted: count, changed: count, failed: count }),
});

function batchOptions(config: Pick<BridgeConfig, "timeoutMs">): CallOptions {
  return { timeoutMs: Math.max(config.timeoutMs, BATCH_TIMEOUT_MS) };
}

export class ReconcileRpc implements ReconcileGateway {
  constructor(
    private readonly rpc: RpcTransport,
    private readonly config: Pick<BridgeConfig, "timeoutMs">,
  ) {}

  async reconcileStart(source: string, stream: string): Promise<ReconcileRun> {
    const raw = await this.rpc.call(SYNC_MODEL, "reconcile_start", { source, stream });
    return expectAnswer(runSchema, { ...(raw as object), source, stream }, `${SYNC_MODEL}.reconcile_start`);
  }

  async reconcileClaim(options: { source?: string; limit?: number } = {}): Promise<ReconcileRun[]> {
    const raw = await this.rpc.call(SYNC_MODEL, "reconcile_claim", {
      source: options.source ?? false,
      limit: options.limit ?? 10,
    });
    return expectAnswer(z.object({ runs: z.array(runSchema) }), raw, `${SYNC_MODEL}.reconcile_claim`).runs;
  }

  async reconcileDiff(
    runId: number,
    records: readonly IngestRecord[],
    unreadable: readonly string[],
    mappingVersion = 1,
  ): Promise<DriftStatus[]> {
    const items = [
      ...records.map((record) => ({ external_id: record.externalId, hash: contentHash(wireValues(record)) })),
      ...unreadable.map((externalId) => ({ external_id: externalId, hash: false })),
    ];
    if (items.length === 0) return [];
    const raw = await this.rpc.call(
      SYNC_MODEL,
      "reconcile_diff",
      { run_id: runId, records: items, mapping_version: mappingVersion },
      batchOptions(this.config),
    );
    const { status } = expectAnswer(z.object({ status: z.array(z.enum(DRIFT_STATUSES)) }), raw, `${SYNC_MODEL}.reconcile_diff`);
    if (status.length !== items.length) {
      throw new FatalOdooError(`${SYNC_MODEL}.reconcile_diff answered ${status.length} statuses for ${items.length} records`, {
        response: raw,
      });
    }
    return status;
  }

  async reconcileLines(runId: number, lines: readonly ReconcileLine[]): Promise<void> {
    if (lines.length === 0) return;
    const raw = await this.rpc.call(
      SYNC_MODEL,
      "reconcile_lines",
      {
        run_id: runId,
        lines: lines.map((line) => ({
          category: line.category,
          external_id: line.externalId,
          status: line.status,
          reason: line.reason ?? false,
        })),
      },
      batchOptions(this.config),
    );
    expectAnswer(z.object({ stored: count }), raw, `${SYNC_MODEL}.reconcile_lines`);
  }

  async reconcileKeep(runId: number, externalIds: readonly string[]): Promise<void> {
    if (externalIds.length === 0) return;
    const raw = await this.rpc.call(
      SYNC_MODEL,
      "reconcile_keep",
      { run_id: runId, external_ids: externalIds },
      batchOptions(this.config),
    );
    expectAnswer(z.object({ kept: count }), raw, `${SYNC_MODEL}.reconcile_keep`);
  }

  async reconcileDeleted(runId: number, externalIds: readonly string[]): Promise<number> {
    if (externalIds.length === 0) return 0;
    const raw = await this.rpc.call(
      SYNC_MODEL,
      "reconcile_deleted",
      { run_id: runId, external_ids: externalIds },
      batchOptions(this.config),
    );
    return expectAnswer(z.object({ deleted: count }), raw, `${SYNC_MODEL}.reconcile_deleted`).deleted;
  }

  async reconcileFinish(
    runId: number,
    complete: boolean,
    error: string | null,
  ): Promise<{ state: string; counts: ReconcileCounts }> {
    const raw = await this.rpc.call(
      SYNC_MODEL,
      "reconcile_finish",
      { run_id: runId, complete, error: error ?? false },
      batchOptions(this.config),
    );
    return expectAnswer(finishSchema, raw, `${SYNC_MODEL}.reconcile_finish`);
  }
}
