/**
 * `OdooGateway` on top of a transport that can call `model.method(**params)`. Everything
 * transport-independent lives here: payload validation and the wire conversions of `wire.ts`.
 */
import { z } from "zod";
import type { BridgeConfig, TransportName } from "../config";
import { FatalOdooError } from "../errors";
import {
  selfCheckSchema,
  type OdooGateway,
  type SearchReadOptions,
  type SelfCheck,
  type ServerVersion,
} from "./gateway";
import { contentHash } from "./content_hash";
import { fetchServerVersion } from "./net";
import {
  SYNC_MODEL,
  attachAnswerSchema,
  cursorAnswerSchema,
  ingestAnswerSchema,
  replayQueueSchema,
  reportAnswerSchema,
  requeueAnswerSchema,
  statusSchema,
  unchangedAnswerSchema,
  type FailureReport,
  type IngestRecord,
  type IngestResult,
  type ReplayEvent,
  type SyncStatus,
} from "./sync_contract";
import {
  readRecord,
  toOdooDeep,
  toOdooDomain,
  toOdooValues,
  toWirePayload,
  type Domain,
  type FieldSpec,
  type RecordOf,
  type WriteValues,
} from "./wire";

/** Named arguments of a call: `ids` for record methods, `context`, then the method's kwargs. */
export interface RpcParams {
  ids?: readonly number[];
  context?: Readonly<Record<string, unknown>>;
  [kwarg: string]: unknown;
}

/** Per-call settings. */
export interface CallOptions {
  /** Overrides the configured timeout, e.g. for a batch that takes longer than one read. */
  timeoutMs?: number;
}

/**
 * The shortest wait for a batch RPC (`ingest`, `report_failures`): a batch of orders that Odoo
 * confirms one by one can take tens of seconds, and abandoning it only makes Odoo do it twice.
 */
export const BATCH_TIMEOUT_MS = 120_000;

/**
 * A record's values as they go over the wire, made once: `check_unchanged` hashes them, and the
 * records it does not answer go to `ingest` right after.
 */
const wireCache = new WeakMap<object, unknown>();
function wireValues(record: IngestRecord): unknown {
  let wire = wireCache.get(record.values);
  if (wire === undefined) {
    wire = toOdooDeep(record.values);
    wireCache.set(record.values, wire);
  }
  return wire;
}

/** What a transport must provide. Implementations reject with the classes of `../errors`. */
export interface RpcTransport {
  readonly name: TransportName;
  /** Override to check the database and credentials the transport's way; resolves to the uid. */
  authenticate(): Promise<number>;
  /** Override to call `model.method` with named arguments and resolve to the raw result. */
  call(model: string, method: string, params: RpcParams, options?: CallOptions): Promise<unknown>;
}

/** Validates an Odoo answer; a mismatch is fatal (the server and bridge disagree). */
function expect<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new FatalOdooError(`unexpected answer from ${what}:\n${z.prettifyError(parsed.error)}`, {
      response: value,
    });
  }
  return parsed.data;
}

const ids = z.array(z.number().int());

/** The gateway both transports share. */
export class RpcGateway implements OdooGateway {
  readonly transport: TransportName;

  constructor(
    private readonly rpc: RpcTransport,
    private readonly config: Pick<BridgeConfig, "url" | "timeoutMs">,
  ) {
    this.transport = rpc.name;
  }

  serverVersion(): Promise<ServerVersion> {
    return fetchServerVersion(this.config.url, this.config.timeoutMs);
  }

  async authenticate(): Promise<{ uid: number }> {
    return { uid: await this.rpc.authenticate() };
  }

  async selfCheck(): Promise<SelfCheck> {
    const raw = await this.rpc.call("res.users", "ops_bridge_self_check", {});
    return expect(selfCheckSchema, raw, "res.users.ops_bridge_self_check");
  }

  async searchCount(model: string, domain: Domain): Promise<number> {
    const raw = await this.rpc.call(model, "search_count", { domain: toOdooDomain(domain) });
    return expect(z.number().int().nonnegative(), raw, `${model}.search_count`);
  }

  async searchRead<S extends FieldSpec>(
    model: string,
    domain: Domain,
    fields: S,
    opts: SearchReadOptions = {},
  ): Promise<RecordOf<S>[]> {
    const params: RpcParams = { domain: toOdooDomain(domain), fields: Object.keys(fields) };
    for (const [key, value] of Object.entries(opts)) {
      if (value !== undefined) params[key] = value;
    }
    const rows = expect(z.array(z.unknown()), await this.rpc.call(model, "search_read", params), `${model}.search_read`);
    return rows.map((row) => readRecord(row, fields));
  }

  async create(model: string, values: readonly WriteValues[]): Promise<number[]> {
    if (values.length === 0) return [];
    const raw = await this.rpc.call(model, "create", { vals_list: values.map(toOdooValues) });
    return expect(ids, raw, `${model}.create`);
  }

  async write(model: string, recordIds: readonly number[], values: WriteValues): Promise<void> {
    if (recordIds.length === 0) return;
    const raw = await this.rpc.call(model, "write", { ids: recordIds, vals: toOdooValues(values) });
    expect(z.literal(true), raw, `${model}.write`);
  }

  /** Call options of the batch RPCs. */
  private batchOptions(): CallOptions {
    return { timeoutMs: Math.max(this.config.timeoutMs, BATCH_TIMEOUT_MS) };
  }

  async checkUnchanged(source: string, stream: string, records: readonly IngestRecord[], mappingVersion = 1): Promise<(number | null)[]> {
    if (records.length === 0) return [];
    const raw = await this.rpc.call(SYNC_MODEL, "check_unchanged", {
      source,
      stream,
      mapping_version: mappingVersion,
      records: records.map((record) => ({ external_id: record.externalId, hash: contentHash(wireValues(record)) })),
    }, this.batchOptions());
    const { res_ids: resIds } = expect(unchangedAnswerSchema, raw, `${SYNC_MODEL}.check_unchanged`);
    if (resIds.length !== records.length) {
      throw new FatalOdooError(`${SYNC_MODEL}.check_unchanged answered ${resIds.length} ids for ${records.length} records`, {
        response: raw,
      });
    }
    return resIds;
  }

  async ingest(source: string, stream: string, records: readonly IngestRecord[], mappingVersion = 1): Promise<IngestResult[]> {
    if (records.length === 0) return [];
    const raw = await this.rpc.call(SYNC_MODEL, "ingest", {
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
    }, this.batchOptions());
    const { results } = expect(ingestAnswerSchema, raw, `${SYNC_MODEL}.ingest`);
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
      const answer = await this.rpc.call(SYNC_MODEL, "attach_payloads", { source, stream, payloads }, this.batchOptions());
      expect(attachAnswerSchema, answer, `${SYNC_MODEL}.attach_payloads`);
    }
    return results;
  }

  async reportFailures(source: string, stream: string, failures: readonly FailureReport[]): Promise<number[]> {
    if (failures.length === 0) return [];
    const raw = await this.rpc.call(SYNC_MODEL, "report_failures", {
      source,
      stream,
      failures: failures.map((failure) => ({
        external_id: failure.externalId,
        trace_id: failure.traceId,
        category: failure.category,
        message: failure.message,
        payload: toWirePayload(failure.payload),
        ...(failure.eventId === undefined ? {} : { event_id: failure.eventId }),
      })),
    }, this.batchOptions());
    return expect(reportAnswerSchema, raw, `${SYNC_MODEL}.report_failures`).event_ids;
  }

  async getCursor(source: string, stream: string): Promise<string | null> {
    const raw = await this.rpc.call(SYNC_MODEL, "get_cursor", { source, stream });
    return expect(cursorAnswerSchema, raw, `${SYNC_MODEL}.get_cursor`).value;
  }

  async setCursor(source: string, stream: string, value: string): Promise<void> {
    const raw = await this.rpc.call(SYNC_MODEL, "set_cursor", { source, stream, value });
    expect(z.literal(true), raw, `${SYNC_MODEL}.set_cursor`);
  }

  async replayQueue(options: { source?: string; limit?: number } = {}): Promise<ReplayEvent[]> {
    const raw = await this.rpc.call(SYNC_MODEL, "replay_queue", {
      source: options.source ?? false,
      limit: options.limit ?? 100,
    });
    return expect(replayQueueSchema, raw, `${SYNC_MODEL}.replay_queue`).events;
  }

  async closeEvents(eventIds: readonly number[]): Promise<void> {
    if (eventIds.length === 0) return;
    // Not `ids`: JSON-2 takes that key for the recordset and refuses it on an @api.model method.
    await this.rpc.call(SYNC_MODEL, "close_events", { event_ids: eventIds });
  }

  async requeueEvents(options: { eventIds?: readonly number[]; dead?: boolean; source?: string }): Promise<{ requeued: number; reingested: number }> {
    const raw = await this.rpc.call(SYNC_MODEL, "requeue_events", {
      event_ids: options.eventIds ?? false,
      dead: options.dead ?? false,
      source: options.source ?? false,
    }, this.batchOptions());
    return expect(requeueAnswerSchema, raw, `${SYNC_MODEL}.requeue_events`);
  }

  async syncStatus(): Promise<SyncStatus> {
    const raw = await this.rpc.call(SYNC_MODEL, "status", {});
    return expect(statusSchema, raw, `${SYNC_MODEL}.status`);
  }
}
