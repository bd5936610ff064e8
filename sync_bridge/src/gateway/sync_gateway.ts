/**
 * The sync RPCs of `ops.sync.gateway` (addon_ops_harmony) on top of a transport: `ingest` and
 * `check_unchanged` by batches, dead-lettering, cursors, the replay queue and the status, each
 * answer validated against `sync_contract.ts`.
 */
import { z } from "zod";
import type { BridgeConfig } from "../config";
import { FatalOdooError } from "../errors";
import { contentHash } from "./content_hash";
import type { SyncGateway } from "./gateway";
import { expectAnswer, type CallOptions, type RpcTransport } from "./rpc";
import {
  SYNC_MODEL,
  attachAnswerSchema,
  claimAnswerSchema,
  cursorAnswerSchema,
  ingestAnswerSchema,
  replayQueueSchema,
  reportAnswerSchema,
  requeueAnswerSchema,
  runAnswerSchema,
  statusSchema,
  unchangedAnswerSchema,
  type DeliveryClaim,
  type FailureReport,
  type IngestRecord,
  type IngestResult,
  type ReplayEvent,
  type RunReport,
  type SyncStatus,
} from "./sync_contract";
import { toOdooDeep, toWirePayload } from "./wire";

/**
 * The shortest wait for a batch RPC (`ingest`, `report_failures`): a batch of orders that Odoo
 * confirms one by one can take tens of seconds, and abandoning it only makes Odoo do it twice.
 */
export const BATCH_TIMEOUT_MS = 120_000;

/** Call options of the batch RPCs. */
function batchOptions(config: Pick<BridgeConfig, "timeoutMs">): CallOptions {
  return { timeoutMs: Math.max(config.timeoutMs, BATCH_TIMEOUT_MS) };
}

/**
 * A record's values as they go over the wire, made once: `check_unchanged` hashes them, and the
 * records it does not answer go to `ingest` right after.
 */
const wireCache = new WeakMap<object, unknown>();
export function wireValues(record: IngestRecord): unknown {
  let wire = wireCache.get(record.values);
  if (wire === undefined) {
    wire = toOdooDeep(record.values);
    wireCache.set(record.values, wire);
  }
  return wire;
}

/** The sync part of the gateway both transports share. */
export class SyncRpc implements SyncGateway {
  constructor(
    private readonly rpc: RpcTransport,
    private readonly config: Pick<BridgeConfig, "timeoutMs">,
  ) {}

  async checkUnchanged(
    source: string,
    stream: string,
    records: readonly IngestRecord[],
    mappingVersion = 1,
  ): Promise<(number | null)[]> {
    if (records.length === 0) return [];
    const raw = await this.rpc.call(
      SYNC_MODEL,
      "check_unchanged",
      {
        source,
        stream,
        mapping_version: mappingVersion,
        records: records.map((record) => ({ external_id: record.externalId, hash: contentHash(wireValues(record)) })),
      },
      batchOptions(this.config),
    );
    const { res_ids: resIds } = expectAnswer(unchangedAnswerSchema, raw, `${SYNC_MODEL}.check_unchanged`);
    if (resIds.length !== records.length) {
      throw new FatalOdooError(`${SYNC_MODEL}.check_unchanged answered ${resIds.length} ids for ${records.length} records`, {
        response: raw,
      });
    }
    return resIds;
  }

  async ingest(source: string, stream: string, records: readonly IngestRecord[], mappingVersion = 1): Promise<IngestResult[]> {
    if (records.length === 0) return [];
    const raw = await this.rpc.call(
      SYNC_MODEL,
      "ingest",
      {
        source,
        stream,
        mapping_version: mappingVersion,
        // Odoo decides on the values; the payloads go only with the records that fail, below.
        records: records.map((record) => ({
          external_id: record.externalId,
          values: wireValues(record),
          trace_id: record.traceId,
          modified_at: record.modifiedAt ? record.modifiedAt.toISOString() : null,
        })),
      },
      batchOptions(this.config),
    );
    const { results } = expectAnswer(ingestAnswerSchema, raw, `${SYNC_MODEL}.ingest`);
    if (results.length !== records.length) {
      throw new FatalOdooError(`${SYNC_MODEL}.ingest answered ${results.length} results for ${records.length} records`, {
        response: raw,
      });
    }
    const payloads = results.flatMap((result, index) => {
      const payload = records[index]?.payload;
      const failed = result.status === "rejected" || result.status === "conflict";
      return failed && result.eventId !== null && payload !== null && payload !== undefined
        ? [{ event_id: result.eventId, payload: toWirePayload(payload) }]
        : [];
    });
    if (payloads.length > 0) {
      // If this call fails, the whole ingest is retried: Odoo answers the same events again.
      const answer = await this.rpc.call(SYNC_MODEL, "attach_payloads", { source, stream, payloads }, batchOptions(this.config));
      expectAnswer(attachAnswerSchema, answer, `${SYNC_MODEL}.attach_payloads`);
    }
    return results;
  }

  async reportFailures(source: string, stream: string, failures: readonly FailureReport[]): Promise<number[]> {
    if (failures.length === 0) return [];
    const raw = await this.rpc.call(
      SYNC_MODEL,
      "report_failures",
      {
        source,
        stream,
        failures: failures.map((failure) => ({
          external_id: failure.externalId,
          trace_id: failure.traceId,
          category: failure.category,
          message: failure.message,
          payload: toWirePayload(failure.payload),
          ...(failure.eventId === undefined ? {} : { event_id: failure.eventId }),
          ...(failure.cause === undefined ? {} : { cause: failure.cause }),
        })),
      },
      batchOptions(this.config),
    );
    return expectAnswer(reportAnswerSchema, raw, `${SYNC_MODEL}.report_failures`).event_ids;
  }

  async claimDeliveries(source: string, deliveries: readonly DeliveryClaim[]): Promise<boolean[]> {
    if (deliveries.length === 0) return [];
    const raw = await this.rpc.call(SYNC_MODEL, "claim_deliveries", {
      source,
      deliveries: deliveries.map((delivery) => ({
        delivery_id: delivery.deliveryId,
        trace_id: delivery.traceId,
        topic: delivery.topic ?? false,
      })),
    });
    const { claimed } = expectAnswer(claimAnswerSchema, raw, `${SYNC_MODEL}.claim_deliveries`);
    if (claimed.length !== deliveries.length) {
      throw new FatalOdooError(`${SYNC_MODEL}.claim_deliveries answered ${claimed.length} claims for ${deliveries.length}`, {
        response: raw,
      });
    }
    return claimed;
  }

  async reportRun(source: string, stream: string, run: RunReport): Promise<number> {
    const { runId, startedAt, finishedAt, ...counts } = run;
    const raw = await this.rpc.call(SYNC_MODEL, "report_run", {
      source,
      stream,
      run: {
        ...counts,
        run_id: runId,
        started_at: startedAt.toISOString(),
        finished_at: finishedAt.toISOString(),
        error: run.error ?? false,
        cursor: run.cursor ?? false,
      },
    });
    return expectAnswer(runAnswerSchema, raw, `${SYNC_MODEL}.report_run`).run_id;
  }

  async getCursor(source: string, stream: string): Promise<string | null> {
    const raw = await this.rpc.call(SYNC_MODEL, "get_cursor", { source, stream });
    return expectAnswer(cursorAnswerSchema, raw, `${SYNC_MODEL}.get_cursor`).value;
  }

  async setCursor(source: string, stream: string, value: string): Promise<void> {
    const raw = await this.rpc.call(SYNC_MODEL, "set_cursor", { source, stream, value });
    expectAnswer(z.literal(true), raw, `${SYNC_MODEL}.set_cursor`);
  }

  async replayQueue(options: { source?: string; limit?: number } = {}): Promise<ReplayEvent[]> {
    const raw = await this.rpc.call(SYNC_MODEL, "replay_queue", {
      source: options.source ?? false,
      limit: options.limit ?? 100,
    });
    return expectAnswer(replayQueueSchema, raw, `${SYNC_MODEL}.replay_queue`).events;
  }

  async closeEvents(eventIds: readonly number[]): Promise<void> {
    if (eventIds.length === 0) return;
    // Not `ids`: JSON-2 takes that key for the recordset and refuses it on an @api.model method.
    await this.rpc.call(SYNC_MODEL, "close_events", { event_ids: eventIds });
  }

  async requeueEvents(options: {
    eventIds?: readonly number[];
    dead?: boolean;
    source?: string;
  }): Promise<{ requeued: number; reingested: number }> {
    const raw = await this.rpc.call(
      SYNC_MODEL,
      "requeue_events",
      {
        event_ids: options.eventIds ?? false,
        dead: options.dead ?? false,
        source: options.source ?? false,
      },
      batchOptions(this.config),
    );
    return expectAnswer(requeueAnswerSchema, raw, `${SYNC_MODEL}.requeue_events`);
  }

  async syncStatus(): Promise<SyncStatus> {
    const raw = await this.rpc.call(SYNC_MODEL, "status", {});
    return expectAnswer(statusSchema, raw, `${SYNC_MODEL}.status`);
  }
}
