/**
 * Retries for everything the bridge calls over the network: vendor APIs and Odoo.
 *
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * the n-th wait is a random value in [0, min(maxDelay, base * 2^n)], so that many bridges hit by
 * the same outage do not come back in lockstep. A server's `Retry-After` is a floor: we never
 * call back earlier than asked. Only errors that say so are retried (`isRetriable`); a
 * `TypeError` is a bug and goes straight up.
 */
import { RetriableAPIError, RetriableOdooError } from "./errors";

/** How hard to try. */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 means "never retry". */
  maxAttempts: number;
  /** Ceiling of the first backoff, in ms; it doubles each attempt. */
  baseDelayMs: number;
  /** Ceiling of any one backoff, in ms. */
  maxDelayMs: number;
  /** Longest `Retry-After` honoured, in ms; a vendor asking for more fails the call instead. */
  maxRetryAfterMs: number;
  /** Stop retrying once this much time has passed since the first attempt, in ms. */
  maxElapsedMs: number;
}

/** Vendor APIs: a handful of quick retries, enough to ride out a 429 burst or a 502. */
export const API_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  maxElapsedMs: 300_000,
};

/** Odoo: patient, so that a restart or upgrade of the server (minutes) does not fail the run. */
export const ODOO_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 60,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 60_000,
  maxElapsedMs: 600_000,
};

/** What `withRetry` needs from the outside world; tests pass a fake clock. */
export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  /** Returns a number in [0, 1). */
  random?: () => number;
  now?: () => number;
  /** Told before each wait, e.g. to print "Odoo unreachable, retrying in 4 s". */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Errors worth another attempt: the retriable classes, nothing else (bugs never are). */
export function isRetriable(error: unknown): boolean {
  return error instanceof RetriableAPIError || error instanceof RetriableOdooError;
}

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 * Returns milliseconds from `now`, or `undefined` when absent or unreadable.
 */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The full-jitter backoff before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** The wait before the next attempt: the jittered backoff, raised to the server's Retry-After. */
export function retryDelay(error: unknown, attempt: number, policy: RetryPolicy, random?: () => number): number {
  const backoff = backoffDelay(attempt, policy, random);
  const asked = error instanceof RetriableAPIError ? error.retryAfterMs : undefined;
  return asked === undefined ? backoff : Math.max(backoff, asked);
}

const realSleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/**
 * Runs `operation` until it succeeds, fails with an error that is not retriable, or the policy
 * gives up; then rethrows the last error unchanged (its class still says what to do).
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? realSleep;
  const now = hooks.now ?? Date.now;
  const started = now();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isRetriable(error) || attempt >= policy.maxAttempts) throw error;
      const delay = retryDelay(error, attempt, policy, hooks.random);
      if (error instanceof RetriableAPIError && (error.retryAfterMs ?? 0) > policy.maxRetryAfterMs) throw error;
      if (now() - started + delay > policy.maxElapsedMs) throw error;
      hooks.onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
