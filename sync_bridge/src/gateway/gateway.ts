/**
 * The interfaces through which the bridge talks to Odoo, one per part: `OrmGateway` (generic ORM
 * calls, `orm_gateway.ts`) and `SyncGateway` (the sync RPCs, `sync_gateway.ts`), joined into
 * `OdooGateway` by `createGateway`. Callers never see the transport (JSON-2 or legacy XML-RPC),
 * `execute_kw`, or Odoo's wire quirks.
 */
import { z } from "zod";
import type { TransportName } from "../config";
import type { LeaseAnswer, LeaseRequest, PlannedWindow } from "./lease_gateway";
import type {
  DeliveryClaim,
  FailureReport,
  IngestRecord,
  IngestResult,
  ReplayEvent,
  RunReport,
  SyncStatus,
} from "./sync_contract";
import { parseOdooDatetime, type Domain, type FieldSpec, type RecordOf, type WriteValues } from "./wire";

export type {
  DeliveryClaim,
  FailureReport,
  IngestRecord,
  IngestResult,
  IngestStatus,
  OdooRecordCategory,
  ReplayEvent,
  RunReport,
  SyncStatus,
} from "./sync_contract";

export type { LeaseAnswer, LeaseRequest, PlannedWindow } from "./lease_gateway";
export type { Domain, DomainTerm, FieldKind, FieldSpec, Many2one, RecordOf, WriteValue, WriteValues } from "./wire";

/** The Odoo server's version, from `GET /web/version`. */
export interface ServerVersion {
  /** e.g. "19.0" or "saas~19.1" */
  version: string;
  /** e.g. 19 */
  major: number;
}

const operationRights = z.object({
  read: z.boolean(),
  create: z.boolean(),
  write: z.boolean(),
  unlink: z.boolean(),
});
export const OPERATIONS = ["read", "create", "write", "unlink"] as const;
export type Operation = (typeof OPERATIONS)[number];

/**
 * The API key the bridge authenticated with, as the self-check reports it. Over JSON-2 it is the
 * request's own key (`identified_by: "request"`); XML-RPC hides the key from the server code, so
 * there it is the user's key, the first to expire of its `keys` (`identified_by: "user"`).
 */
export const apiKeySchema = z.object({
  name: z.string(),
  /** e.g. "rpc"; `null` for a key that works for any use of the account. */
  scope: z.union([z.string(), z.literal(false)]).transform((v) => (v === false ? null : v)),
  /** UTC; `null` for a key that never expires. */
  expiration_date: z
    .union([
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
        .transform(parseOdooDatetime),
      z.literal(false),
    ])
    .transform((v) => (v === false ? null : v)),
  identified_by: z.enum(["request", "user"]),
  keys: z.number().int().nonnegative(),
});
export type ApiKeyInfo = z.output<typeof apiKeySchema>;

/** Payload of `res.users.ops_bridge_self_check()`, implemented by addon_ops_harmony. */
export const selfCheckSchema = z.object({
  user: z.object({ id: z.number().int(), login: z.string(), name: z.string() }),
  /** `false` when Odoo has no version on record for the module. */
  addon_version: z.union([z.string(), z.literal(false)]).transform((v) => (v === false ? null : v)),
  is_integration_user: z.boolean(),
  is_admin: z.boolean(),
  access: z.record(z.string(), operationRights),
  required: z.record(z.string(), z.array(z.enum(OPERATIONS))),
  /** `false` when the caller used no API key (a password); absent from addons older than the report. */
  api_key: z
    .union([apiKeySchema, z.literal(false)])
    .optional()
    .transform((v) => (v === false ? null : v)),
});
export type SelfCheck = z.output<typeof selfCheckSchema>;

/** Options of `searchRead`. */
export interface SearchReadOptions {
  offset?: number;
  limit?: number;
  /** e.g. "create_date desc, id" */
  order?: string;
  /** Odoo context, e.g. `{ active_test: false }`. */
  context?: Readonly<Record<string, unknown>>;
}

/**
 * The sync RPCs of `ops.sync.gateway` (addon_ops_harmony), one typed method each. Everything the
 * synchronizer needs from Odoo, and nothing else: it can be faked in memory for unit tests.
 */
export interface SyncGateway {
  /**
   * Upserts a batch of one stream kind in one RPC; resolves to one result per record, in order.
   * Idempotent: a record Odoo already has with the same values comes back `unchanged`.
   */
  ingest(source: string, stream: string, records: readonly IngestRecord[], mappingVersion?: number): Promise<IngestResult[]>;

  /**
   * Asks which records `ingest` would answer `unchanged`, from the hashes of their values alone;
   * resolves to the Odoo id of each such record, `null` for the others, in order. Reads only.
   */
  checkUnchanged(
    source: string,
    stream: string,
    records: readonly IngestRecord[],
    mappingVersion?: number,
  ): Promise<(number | null)[]>;

  /** Dead-letters records or requests the bridge could not bring in; resolves to the event ids. */
  reportFailures(source: string, stream: string, failures: readonly FailureReport[]): Promise<number[]>;

  /**
   * Takes on webhook deliveries (`ops-bridge serve`); resolves, in order, to whether each is the
   * caller's to process: new, or claimed before under the same trace id. Another copy of a
   * delivery (another trace id, maybe another bridge) is `false`. Optional: only `serve` needs it.
   */
  claimDeliveries?(source: string, deliveries: readonly DeliveryClaim[]): Promise<boolean[]>;

  /**
   * Takes the lease of a stream for `request.holder` unless another bridge holds it (see
   * `sync/leases.ts`). Optional: a gateway without it (an in-memory fake) runs without leases.
   */
  acquireLease?(source: string, stream: string, request: LeaseRequest): Promise<LeaseAnswer>;

  /** Plans the windows of a windowed read (each once, whoever plans it); resolves to how many were new. */
  planWindows?(source: string, stream: string, windows: readonly PlannedWindow[]): Promise<number>;

  /** Extends the caller's lease; `false` when it expired or another bridge took it. */
  renewLease?(source: string, stream: string, holder: string, ttlSeconds: number, window?: string): Promise<boolean>;

  /**
   * Gives the caller's lease back. A window read to its end (`done`, the default) records the
   * cursor it reached; Odoo moves the stream's cursor once no window before it is left unread.
   */
  releaseLease?(
    source: string,
    stream: string,
    holder: string,
    release?: { window?: string; done?: boolean; cursor?: string | null },
  ): Promise<{ released: boolean; cursor: string | null }>;

  /**
   * Records what one run of a stream did, when the stream ends; resolves to the run's Odoo id.
   * Optional: an Odoo without `report_run` (or a fake) keeps no run log.
   */
  reportRun?(source: string, stream: string, run: RunReport): Promise<number>;

  /** The stored cursor of a stream, or `null` before its first sync. */
  getCursor(source: string, stream: string): Promise<string | null>;

  /** Stores a stream's cursor; call it only once everything up to it is in Odoo. */
  setCursor(source: string, stream: string, value: string): Promise<void>;

  /** Events queued for the bridge by Odoo's Replay buttons (state `received`), oldest first. */
  replayQueue(options?: { source?: string; limit?: number }): Promise<ReplayEvent[]>;

  /** Marks replayed events `done`. */
  closeEvents(eventIds: readonly number[]): Promise<void>;

  /**
   * Queues events for replay as the Replay button does: those with stored values are re-ingested
   * in Odoo at once (`reingested`), the others wait in the replay queue (`requeued`).
   */
  requeueEvents(options: {
    eventIds?: readonly number[];
    dead?: boolean;
    source?: string;
  }): Promise<{ requeued: number; reingested: number }>;

  /** Cursors, event counts by state and the latest dead events. */
  syncStatus(): Promise<SyncStatus>;
}

/**
 * Typed generic access to Odoo: the server, the credentials, the addon's self-check, and records
 * of any model. Every method rejects with the classes of `../errors`:
 * `OdooUnreachableError`/`RetriableOdooError` (retry later), `OdooAuthError` (fix the key),
 * `OdooNotFoundError` (wrong database, addon missing, records gone), `FatalOdooError` (others).
 */
export interface OrmGateway {
  /** Which transport this gateway uses; for reports only. */
  readonly transport: TransportName;

  /** Returns the server's version. Needs no database and no credentials. */
  serverVersion(): Promise<ServerVersion>;

  /**
   * Checks the database and the credentials, and returns the authenticated user's id.
   * Rejects with `OdooAuthError` for a refused key, `OdooNotFoundError("database")` for an
   * unknown database.
   */
  authenticate(): Promise<{ uid: number }>;

  /**
   * Calls `res.users.ops_bridge_self_check()`. Rejects with `OdooNotFoundError("method")`
   * (or `"model"`) when addon_ops_harmony is not installed.
   */
  selfCheck(): Promise<SelfCheck>;

  /** Counts the records of `model` matching `domain`. */
  searchCount(model: string, domain: Domain): Promise<number>;

  /**
   * Reads the records of `model` matching `domain`. `fields` names each field with its type;
   * the result has `id` plus those fields, empty values as `null`, datetimes as `Date`,
   * many2one as `{ id, name }`.
   */
  searchRead<S extends FieldSpec>(model: string, domain: Domain, fields: S, opts?: SearchReadOptions): Promise<RecordOf<S>[]>;

  /** Creates one record per values dict and returns their ids, in order. */
  create(model: string, values: readonly WriteValues[]): Promise<number[]>;

  /** Writes the same values on every record of `ids`. */
  write(model: string, ids: readonly number[], values: WriteValues): Promise<void>;
}

/** Everything the bridge calls in Odoo, through one transport: what `createGateway` returns. */
export interface OdooGateway extends OrmGateway, SyncGateway {}
