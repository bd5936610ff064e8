/**
 * Google's error bodies, as the Google Ads API sends them: a `google.rpc.Status` under `error`
 * (`{code, message, status, details: [{"@type": "...GoogleAdsFailure", errors: [{errorCode,
 * message, details}], requestId}]}`), either as the whole body of a non-2xx answer, or as an
 * element of a searchStream answer that Google already started with HTTP 200: a stream failing
 * after some batches ends with `[{results…}, …, {error: {…}}]`. Such an answer is a failure,
 * never an empty batch.
 */
import { z } from "zod";
import { AuthAPIError, FatalAPIError, RetriableAPIError, type APIError } from "../../errors";

/** "30s" or "1.5s" (protobuf Duration in JSON) → ms. */
export function parseDuration(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^(\d+(?:\.\d+)?)s$/.exec(value);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
}

/** One `GoogleAdsError` of a `GoogleAdsFailure` detail. */
const adsErrorSchema = z.looseObject({
  errorCode: z.record(z.string(), z.unknown()).optional(),
  message: z.string().optional(),
  details: z.looseObject({ quotaErrorDetails: z.looseObject({ retryDelay: z.string().optional() }).optional() }).optional(),
});

/** Google's error envelope. `details` holds Ads failures and other types (`DebugInfo`, `ErrorInfo`…). */
export const errorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(z.looseObject({ errors: z.array(adsErrorSchema).optional(), requestId: z.string().optional() })).optional(),
  }),
});
type ErrorBody = z.output<typeof errorBodySchema>;

/** The first error object of Google's body, which searchStream may wrap in an array. */
export function errorEnvelope(body: unknown): unknown {
  return Array.isArray(body) ? body.find((item) => typeof item === "object" && item !== null && "error" in item) : body;
}

/** "message (STATUS)" of Google's error body, or `undefined` when the body is not one. */
export function describeGoogleError(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(errorEnvelope(body));
  if (!parsed.success) return undefined;
  const { message, status } = parsed.data.error;
  const text = message ?? "no message";
  return status ? `${text} (${status})` : text;
}

/** The wait a quota error asks for (`quotaErrorDetails.retryDelay`), in ms. */
export function retryDelayOf(body: unknown): number | undefined {
  const parsed = errorBodySchema.safeParse(errorEnvelope(body));
  if (!parsed.success) return undefined;
  for (const detail of parsed.data.error.details ?? []) {
    for (const error of detail.errors ?? []) {
      const delay = parseDuration(error.details?.quotaErrorDetails?.retryDelay);
      if (delay !== undefined) return delay;
    }
  }
  return undefined;
}

/** gRPC statuses worth retrying, with the HTTP status Google maps each to. */
const RETRIABLE_STATUSES: Readonly<Record<string, number>> = {
  RESOURCE_EXHAUSTED: 429,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
  INTERNAL: 500,
};

/** Statuses retrying will not change, with their HTTP status and what the user should do. */
const FATAL_STATUSES: Readonly<Record<string, { http: number; hint: string }>> = {
  INVALID_ARGUMENT: {
    http: 400,
    hint: "Google refused the query; check the bridge version against the API version (apiVersion)",
  },
  PERMISSION_DENIED: {
    http: 403,
    hint: "check that the credentials may read this account (customerId, loginCustomerId, developer token access level)",
  },
  UNAUTHENTICATED: { http: 401, hint: "renew the OAuth credentials (GOOGLE_ADS_* secrets)" },
  NOT_FOUND: { http: 404, hint: "check customerId and apiVersion in the config" },
};

/** "authorizationError.USER_PERMISSION_DENIED: User doesn't have permission…", per Ads error. */
function adsErrorLines(error: ErrorBody["error"]): { lines: string[]; requestId: string | undefined } {
  const lines: string[] = [];
  let requestId: string | undefined;
  for (const detail of error.details ?? []) {
    requestId ??= detail.requestId;
    for (const adsError of detail.errors ?? []) {
      const code = Object.entries(adsError.errorCode ?? {})
        .map(([kind, value]) => `${kind}.${String(value)}`)
        .join(", ");
      const text = [code, adsError.message].filter((part) => part !== undefined && part !== "").join(": ");
      if (text !== "") lines.push(text);
    }
  }
  return { lines, requestId };
}

/**
 * The error of a searchStream answer (HTTP 200) that carries an `error` element, or `undefined`
 * when every element is a batch. Retriable (`RESOURCE_EXHAUSTED`, `UNAVAILABLE`,
 * `DEADLINE_EXCEEDED`, `INTERNAL`) or not by the element's status; without a known status, by its
 * code as for an HTTP answer.
 */
export function searchStreamFailure(body: unknown): APIError | undefined {
  if (!Array.isArray(body)) return undefined;
  const index = body.findIndex((item) => typeof item === "object" && item !== null && "error" in item);
  if (index < 0) return undefined;
  const element: unknown = body[index];
  const parsed = errorBodySchema.safeParse(element);
  const where = `Google Ads stopped the searchStream answer after ${index} batch${index === 1 ? "" : "es"} (HTTP 200)`;
  if (!parsed.success) {
    return new FatalAPIError(`${where} with an error it did not describe; the stream is not complete`, { response: element });
  }
  const { error } = parsed.data;
  const status = error.status;
  const { lines, requestId } = adsErrorLines(error);
  const summary = [
    `${where}: ${error.message ?? "no message"}${status ? ` (${status})` : ""}`,
    ...lines.map((line) => `  ${line}`),
    ...(requestId ? [`  request id ${requestId}`] : []),
  ];
  const retriableHttp = status === undefined ? undefined : RETRIABLE_STATUSES[status];
  const fatal = status === undefined ? undefined : FATAL_STATUSES[status];
  const code = error.code;
  const byCode = retriableHttp === undefined && fatal === undefined;
  if (retriableHttp !== undefined || (byCode && code !== undefined && (code >= 500 || code === 429))) {
    const http = retriableHttp ?? (code as number);
    return new RetriableAPIError(summary.join("\n"), { status: http, response: element, retryAfterMs: retryDelayOf(element) });
  }
  const http = fatal?.http ?? code;
  const message = [...summary, `  → ${fatal?.hint ?? "retrying will not help; fix the cause above, then sync again"}`].join("\n");
  if (http === 401 || http === 403) return new AuthAPIError(message, { status: http, response: element });
  return new FatalAPIError(message, { status: http, response: element });
}
