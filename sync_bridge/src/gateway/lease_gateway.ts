/**
 * The lease RPCs of `ops.sync.gateway` (addon_ops_harmony): several bridges agree, through Odoo,
 * on which of them reads which stream (see `sync/leases.ts`). Each answer is validated here.
 */
import { z } from "zod";
import { expectAnswer, type RpcTransport } from "./rpc";
import { SYNC_MODEL } from "./sync_contract";
import { parseOdooDatetime } from "./wire";

/** A stream's (or window's) lease as Odoo answers a request for it. */
export interface LeaseAnswer {
  /** Whether the caller holds it now. */
  granted: boolean;
  /** Who holds it now: the caller, or the bridge that had it first; `null` when nobody does. */
  holder: string | null;
  /** When it expires unless its holder renews it (UTC). */
  expiresAt: Date | null;
  /** A window read already, or behind the stream's cursor: nothing left to do there. */
  done: boolean;
}

/** What a bridge asks for: who it is, how long the lease lasts, and which window (none: the whole stream). */
export interface LeaseRequest {
  holder: string;
  ttlSeconds: number;
  /** A planned window's start (see `planWindows`); the whole stream when undefined. */
  window?: string;
  /** The holder to take it from at once: one whose process this bridge saw is gone. */
  takeover?: string;
}

/** One window of modification times a windowed read covers; the last one is open (`end` null). */
export interface PlannedWindow {
  start: string;
  end: string | null;
}

const utcDatetime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
  .transform(parseOdooDatetime);
const orNull = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.literal(false)]).transform((value) => (value === false ? null : value));
const acquireAnswerSchema = z.object({
  granted: z.boolean(),
  holder: orNull(z.string().min(1)),
  expires_at: orNull(utcDatetime),
  done: z.boolean(),
});
const planAnswerSchema = z.object({ planned: z.number().int().nonnegative() });
const renewAnswerSchema = z.object({ renewed: z.boolean() });
const releaseAnswerSchema = z.object({ released: z.boolean(), cursor: orNull(z.string()) });

/** The lease calls; a gateway part (see `join_parts.ts`). */
export class LeaseRpc {
  constructor(private readonly rpc: RpcTransport) {}

  async acquireLease(source: string, stream: string, request: LeaseRequest): Promise<LeaseAnswer> {
    const raw = await this.rpc.call(SYNC_MODEL, "acquire_lease", {
      source,
      stream,
      holder: request.holder,
      ttl: request.ttlSeconds,
      window: request.window ?? false,
      takeover: request.takeover ?? false,
    });
    const answer = expectAnswer(acquireAnswerSchema, raw, `${SYNC_MODEL}.acquire_lease`);
    return { granted: answer.granted, holder: answer.holder, expiresAt: answer.expires_at, done: answer.done };
  }

  async planWindows(source: string, stream: string, windows: readonly PlannedWindow[]): Promise<number> {
    const raw = await this.rpc.call(SYNC_MODEL, "plan_windows", {
      source,
      stream,
      windows: windows.map((window) => ({ start: window.start, end: window.end ?? false })),
    });
    return expectAnswer(planAnswerSchema, raw, `${SYNC_MODEL}.plan_windows`).planned;
  }

  async renewLease(source: string, stream: string, holder: string, ttlSeconds: number, window?: string): Promise<boolean> {
    const raw = await this.rpc.call(SYNC_MODEL, "renew_lease", {
      source,
      stream,
      holder,
      ttl: ttlSeconds,
      window: window ?? false,
    });
    return expectAnswer(renewAnswerSchema, raw, `${SYNC_MODEL}.renew_lease`).renewed;
  }

  async releaseLease(
    source: string,
    stream: string,
    holder: string,
    release: { window?: string; done?: boolean; cursor?: string | null } = {},
  ): Promise<{ released: boolean; cursor: string | null }> {
    const raw = await this.rpc.call(SYNC_MODEL, "release_lease", {
      source,
      stream,
      holder,
      window: release.window ?? false,
      done: release.done ?? true,
      cursor: release.cursor ?? false,
    });
    return expectAnswer(releaseAnswerSchema, raw, `${SYNC_MODEL}.release_lease`);
  }
}
