/**
 * Network failures (nothing answered) as `OdooUnreachableError`, and the version probe that
 * both transports share: `GET /web/version`, served by Odoo without a database or credentials.
 */
import { z } from "zod";
import { FatalOdooError, OdooUnreachableError } from "../errors";
import type { ServerVersion } from "./gateway";

/** Socket-level error codes that mean "nothing answered at that address". */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_HEADERS_TIMEOUT",
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Returns an `OdooUnreachableError` when `error` says nothing answered at `url` (refused,
 * unknown host, timeout, fetch's blocked ports), or `undefined` when it is something else
 * (most likely a bug, which the caller rethrows).
 */
export function asUnreachable(error: unknown, url: string, timeoutMs: number): OdooUnreachableError | undefined {
  if (error instanceof OdooUnreachableError) return error;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return new OdooUnreachableError(`no answer from ${url} within ${timeoutMs} ms`, { cause: error });
  }
  const cause: unknown = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const code = codeOf(cause) ?? codeOf(error);
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new OdooUnreachableError(`cannot connect to ${url} (${code})`, { cause: error });
  }
  // fetch() refuses some ports outright (the "bad ports" of the Fetch standard, e.g. 1, 6000).
  if (error instanceof TypeError && cause instanceof Error && cause.message === "bad port") {
    return new OdooUnreachableError(`cannot connect to ${url} (fetch refuses that port)`, { cause: error });
  }
  if (error instanceof TypeError && error.message === "fetch failed") {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new OdooUnreachableError(`cannot connect to ${url} (${detail})`, { cause: error });
  }
  return undefined;
}

/** Rejects with `OdooUnreachableError` when `promise` has not settled within `timeoutMs`. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, url: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new OdooUnreachableError(`no answer from ${url} within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const versionSchema = z.object({
  version: z.string(),
  version_info: z.array(z.union([z.number(), z.string()])).min(1),
});

/** Parses the JSON of `GET /web/version`, e.g. `{"version_info": [19, 0, 0, "final", 0, ""], "version": "19.0"}`. */
export function parseServerVersion(body: unknown): ServerVersion {
  const parsed = versionSchema.safeParse(body);
  if (!parsed.success) {
    throw new FatalOdooError(`unexpected /web/version answer:\n${z.prettifyError(parsed.error)}`, {
      response: body,
    });
  }
  const first = parsed.data.version_info[0];
  // saas releases report e.g. "saas~19" as the first element.
  const major = typeof first === "number" ? first : Number(/\d+/.exec(String(first))?.[0] ?? Number.NaN);
  if (!Number.isInteger(major)) {
    throw new FatalOdooError(`unexpected version_info ${JSON.stringify(parsed.data.version_info)}`);
  }
  return { version: parsed.data.version, major };
}

/** `GET {url}/web/version`. Rejects with `OdooUnreachableError` or `FatalOdooError`. */
export async function fetchServerVersion(url: string, timeoutMs: number): Promise<ServerVersion> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${url}/web/version`, { signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    throw asUnreachable(error, url, timeoutMs) ?? error;
  }
  if (!response.ok) {
    throw new FatalOdooError(`${url}/web/version answered HTTP ${response.status}; is this an Odoo server?`, {
      status: response.status,
      response: text.slice(0, 500),
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new FatalOdooError(`${url}/web/version did not answer JSON; is this an Odoo server?`, {
      status: response.status,
      response: text.slice(0, 500),
    });
  }
  return parseServerVersion(body);
}
