/**
 * The adapter every API source builds on: one JSON request to a vendor, with a timeout, the
 * retry policy of `../retry.ts`, an optional request pace, and the vendor's answer turned into
 * the error classes of `../errors.ts` (429/5xx/timeout retriable, 401/403 auth, other 4xx fatal).
 */
import { z } from "zod";
import { AuthAPIError, FatalAPIError, RetriableAPIError, type APIErrorDetails } from "../errors";
import { parseRetryAfter, withRetry, type RetryHooks, type RetryPolicy } from "../retry";

export type QueryValue = string | number | boolean | undefined;

/** One request, relative to the client's base URL unless `path` is absolute. */
export interface VendorRequest {
  method?: "GET" | "POST";
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  /** Sent as JSON, or as a form when `form` is set. */
  body?: unknown;
  form?: Readonly<Record<string, string>>;
  headers?: Readonly<Record<string, string>>;
}

/** A successful (2xx) answer with its body parsed as JSON. */
export interface VendorAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface VendorClientOptions {
  /** Name used in messages, e.g. "HubSpot". */
  vendor: string;
  /** e.g. https://api.hubapi.com (no trailing slash) */
  baseUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  retryHooks?: RetryHooks;
  /** Smallest gap between two requests, in ms (HubSpot's search allows about 4 a second). */
  minIntervalMs?: number;
}

/** Statuses retried besides 5xx: request timeout, too early, too many requests. */
const RETRIABLE_4XX = new Set([408, 425, 429]);

/** A JSON HTTP client for one vendor. Subclasses add authentication and error reading. */
export class VendorHttpClient {
  private nextSlot = 0;

  constructor(protected readonly options: VendorClientOptions) {}

  /** Override to return the headers that authenticate a request, e.g. `{ Authorization: "Bearer …" }`. */
  protected async authHeaders(): Promise<Record<string, string>> {
    return {};
  }

  /** Override to return a readable message from the vendor's error body; the default finds `message`. */
  protected describeError(status: number, body: unknown): string {
    if (typeof body === "object" && body !== null && typeof (body as { message?: unknown }).message === "string") {
      return (body as { message: string }).message;
    }
    return typeof body === "string" && body !== "" ? body.slice(0, 200) : `HTTP ${status}`;
  }

  /** Override to return a wait the vendor put in its error body instead of `Retry-After`, in ms. */
  protected retryAfterFromBody(_body: unknown): number | undefined {
    return undefined;
  }

  /** Sends `request`, retrying what may succeed later; rejects with the `APIError` classes. */
  request(request: VendorRequest): Promise<VendorAnswer> {
    return withRetry(() => this.send(request), this.options.retry, this.options.retryHooks);
  }

  /** The absolute URL of `request`, query included. */
  protected url(request: VendorRequest): string {
    const url = new URL(/^https?:\/\//.test(request.path) ? request.path : `${this.options.baseUrl}${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** Waits for this request's turn when a pace is set; cheap when it is not. */
  private async pace(): Promise<void> {
    const gap = this.options.minIntervalMs ?? 0;
    if (gap <= 0) return;
    const now = Date.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + gap;
    if (slot > now) await new Promise((done) => setTimeout(done, slot - now));
  }

  /** One attempt. */
  protected async send(request: VendorRequest): Promise<VendorAnswer> {
    const { vendor, timeoutMs } = this.options;
    await this.pace();
    const headers: Record<string, string> = { Accept: "application/json", ...(await this.authHeaders()), ...request.headers };
    let body: string | undefined;
    if (request.form !== undefined) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(request.form).toString();
    } else if (request.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(request.body);
    }
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.url(request), {
        method: request.method ?? "GET",
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // By name, not class: fetch's DOMException and TypeError may come from another realm.
      const { name, message } = (typeof error === "object" && error !== null ? error : {}) as {
        name?: unknown;
        message?: unknown;
      };
      if (name === "TimeoutError" || name === "AbortError") {
        throw new RetriableAPIError(`${vendor} did not answer within ${timeoutMs} ms`, { cause: error });
      }
      // fetch reports refused/reset connections and DNS failures as TypeError("fetch failed").
      if (name === "TypeError" && typeof message === "string" && /^(fetch failed|failed to fetch)$/i.test(message)) {
        const cause = (error as { cause?: unknown }).cause;
        const detail = cause instanceof Error ? cause.message : message;
        throw new RetriableAPIError(`cannot reach ${vendor} (${detail})`, { cause: error });
      }
      throw error;
    }
    const parsed = parseBody(text);
    if (response.ok) {
      if (parsed === undefined && text.trim() !== "") {
        // A proxy's maintenance page, typically: worth another try.
        throw new RetriableAPIError(`${vendor} answered HTTP ${response.status} with something that is not JSON`, {
          status: response.status,
          response: text.slice(0, 500),
        });
      }
      return { status: response.status, headers: response.headers, body: parsed ?? null };
    }
    throw this.errorFor(response, parsed ?? text.slice(0, 500));
  }

  /** The error for a non-2xx answer. */
  protected errorFor(response: Response, body: unknown): Error {
    const { status } = response;
    const details: APIErrorDetails = {
      status,
      response: body,
      retryAfterMs: parseRetryAfter(response.headers.get("retry-after")) ?? this.retryAfterFromBody(body),
    };
    const message = `${this.options.vendor} answered HTTP ${status}: ${this.describeError(status, body)}`;
    if (status >= 500 || RETRIABLE_4XX.has(status)) return new RetriableAPIError(message, details);
    if (status === 401 || status === 403) return new AuthAPIError(message, details);
    return new FatalAPIError(message, details);
  }
}

/** JSON.parse that returns `undefined` instead of throwing. */
function parseBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Validates an envelope the vendor sent; a mismatch means the API changed, which retrying won't fix. */
export function expectShape<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new FatalAPIError(`${what} answered an unexpected shape:\n${z.prettifyError(parsed.error)}`, { response: body });
  }
  return parsed.data;
}
