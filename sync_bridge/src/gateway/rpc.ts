/**
 * What the gateway's parts (`orm_gateway.ts`, `sync_gateway.ts`) call through: a transport that
 * can call `model.method(**params)` (`json2.ts` or `legacy.ts`, the only code speaking HTTP to
 * Odoo), and the check every answer goes through.
 */
import { z } from "zod";
import type { TransportName } from "../config";
import { FatalOdooError } from "../errors";

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

/** What a transport must provide. Implementations reject with the classes of `../errors`. */
export interface RpcTransport {
  readonly name: TransportName;
  /** Override to check the database and credentials the transport's way; resolves to the uid. */
  authenticate(): Promise<number>;
  /** Override to call `model.method` with named arguments and resolve to the raw result. */
  call(model: string, method: string, params: RpcParams, options?: CallOptions): Promise<unknown>;
}

/** Validates an Odoo answer; a mismatch is fatal (the server and bridge disagree). */
export function expectAnswer<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new FatalOdooError(`unexpected answer from ${what}:\n${z.prettifyError(parsed.error)}`, {
      response: value,
    });
  }
  return parsed.data;
}
