/**
 * Errors named for what the caller should do with them.
 *
 * - `ConfigValidationError`: stop and fix the configuration; never retried.
 * - `RetriableOdooError`: Odoo (or the way to it) had a transient problem; retrying may work.
 * - `FatalOdooError`: Odoo refused the request for a reason retrying will not change.
 *   `OdooAuthError` and `OdooNotFoundError` narrow it down to "fix the credentials" and
 *   "install the addon / point at the right database".
 *
 * The same three verdicts for the vendors' APIs (HubSpot, Google Ads, WooCommerce):
 * - `RetriableAPIError`: 429, 5xx or a timeout; retry after the delay it carries.
 * - `FatalAPIError`: any other 4xx; retrying will not help, dead-letter it straight away.
 *   `AuthAPIError` narrows it to "fix the credentials": the whole source stops.
 * - `MappingError`: one record cannot be turned into Odoo values; dead-letter that record only.
 *
 * A `TypeError` or any other class is a bug in the bridge and is never retried.
 */

/** Details an Odoo error keeps about the HTTP exchange that produced it. */
export interface OdooErrorDetails {
  /** HTTP status, when there was an HTTP answer. */
  status?: number;
  /** The answer's parsed body (or its text), kept for logs and `--json` reports. */
  response?: unknown;
  cause?: unknown;
}

/** The configuration (environment, env file) is missing or invalid. Fix it and run again. */
export class ConfigValidationError extends Error {
  override readonly name = "ConfigValidationError";

  /**
   * @param message what is wrong (e.g. the `z.prettifyError` output)
   * @param hint what to set, printed under the message
   */
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Base class of the errors the gateway raises for Odoo's answers (or the lack of one). */
export abstract class OdooError extends Error {
  readonly status: number | undefined;
  readonly response: unknown;

  constructor(message: string, details: OdooErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.response = details.response;
  }
}

/** A transient failure (timeout, 429, 502/503/504, lock conflict): retrying may succeed. */
export class RetriableOdooError extends OdooError {
  override readonly name: string = "RetriableOdooError";
}

/** Nothing answered at the configured URL (connection refused, DNS failure, timeout). */
export class OdooUnreachableError extends RetriableOdooError {
  override readonly name = "OdooUnreachableError";
}

/** Odoo refused the request; retrying the same request will fail the same way. */
export class FatalOdooError extends OdooError {
  override readonly name: string = "FatalOdooError";
}

/** The API key (or login) was refused: create a key with `npm run bridge:key`. */
export class OdooAuthError extends FatalOdooError {
  override readonly name = "OdooAuthError";
}

/** What Odoo could not find. `model`/`method` usually mean addon_ops_harmony is not installed. */
export type NotFoundKind = "database" | "model" | "method" | "record" | "route";

/** Odoo does not have what was asked for: the database, the model, the method or the records. */
export class OdooNotFoundError extends FatalOdooError {
  override readonly name = "OdooNotFoundError";

  constructor(
    readonly kind: NotFoundKind,
    message: string,
    details: OdooErrorDetails = {},
  ) {
    super(message, details);
  }
}

/** Statuses worth retrying: timeout, conflict (Odoo's LockError), too early/many, gateway trouble. */
export const RETRIABLE_STATUSES: ReadonlySet<number> = new Set([408, 409, 425, 429, 502, 503, 504]);

/** Returns the error's message, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === "string" ? error : JSON.stringify(error);
}

/**
 * Why a record or a request ended in the dead-letter queue; the categories of `ops.sync.event`
 * that the bridge reports itself (Odoo adds `odoo` and `conflict` on its side).
 */
export type FailureCategory = "validation" | "mapping" | "auth" | "rate_limit" | "remote_5xx" | "odoo";

/** Details a vendor API error keeps about the exchange that produced it. */
export interface APIErrorDetails {
  status?: number;
  /** The answer's parsed body (or its first 500 characters), for the event log. */
  response?: unknown;
  /** How long the vendor asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** Base class of the vendor API errors: each knows its dead-letter category. */
export abstract class APIError extends Error {
  abstract readonly category: FailureCategory;
  readonly status: number | undefined;
  readonly response: unknown;

  constructor(message: string, details: APIErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.response = details.response;
  }
}

/** 429, 5xx, a reset connection or a timeout: wait (at least `retryAfterMs`) and try again. */
export class RetriableAPIError extends APIError {
  override readonly name = "RetriableAPIError";
  readonly category: "rate_limit" | "remote_5xx";
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: APIErrorDetails = {}) {
    super(message, details);
    this.category = details.status === 429 ? "rate_limit" : "remote_5xx";
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** A 4xx other than 429: the vendor refused this request; never retried. */
export class FatalAPIError extends APIError {
  override readonly name: string = "FatalAPIError";
  readonly category: FailureCategory = "validation";
}

/** 401/403: the token or key was refused. Stop the source and fix its secret. */
export class AuthAPIError extends FatalAPIError {
  override readonly name = "AuthAPIError";
  override readonly category = "auth";
}

/** A vendor record that passed validation but has no Odoo meaning (unknown status, no SKU). */
export class MappingError extends Error {
  override readonly name = "MappingError";
}
