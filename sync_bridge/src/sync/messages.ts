/**
 * The words of the dead-letter queue, bridge side: which record, what happened to it, and what to
 * do next ("HubSpot contact 123 could not be read: properties.email is a number, not text. What to
 * do: …"), and each message's cause: the same problem without the record's own values, by which
 * Odoo's Needs attention list groups thousands of events into the few causes behind them. Odoo
 * writes the same kind of sentence for the records it refuses itself (`ops_sync_message.py`).
 */
import type { z } from "zod";
import type { APIError, FailureCategory } from "../errors";
import type { FailureReport } from "../gateway";
import { SOURCE_LABELS, isSourceName } from "../sources";

/** What one record of a stream is called; other streams drop their plural's "s". */
const RECORD_NOUNS: Readonly<Record<string, string>> = {
  companies: "company",
  contacts: "contact",
  customers: "customer",
  deals: "deal",
  orders: "order",
  campaigns: "campaign",
  campaign_spend: "spend row",
  products: "product",
  leads: "lead",
  accounts: "account",
  opportunities: "opportunity",
};

/** The longest cause Odoo keeps. */
const MAX_CAUSE = 200;

/** How people name `source` ("HubSpot" for hubspot). */
export function sourceLabel(source: string | undefined): string {
  if (source === undefined) return "";
  return isSourceName(source) ? SOURCE_LABELS[source] : source.replace(/_/g, " ");
}

/** What one record of `stream` is called ("contact" for contacts). */
export function recordNoun(stream: string): string {
  return RECORD_NOUNS[stream] ?? stream.replace(/_/g, " ").replace(/([^s])s$/, "$1");
}

/** The record as a person names it: "HubSpot contact 123", or "A HubSpot contact" without an id. */
export function recordLabel(source: string | undefined, stream: string, externalId: string | null): string {
  const label = [sourceLabel(source), recordNoun(stream)].filter(Boolean).join(" ");
  return externalId ? `${label} ${externalId}` : `A ${label}`;
}

/** What a person should do about a failure of `category` of `source`. */
export function advice(category: FailureCategory, source: string | undefined): string {
  const vendor = sourceLabel(source) || "the source";
  switch (category) {
    case "validation":
      return `check the record in ${vendor}; if it is right there, the bridge must learn to read it (tell its maintainers), then Replay it`;
    case "mapping":
      return "add the missing mapping (in Odoo or in the bridge's sync settings), then Replay it";
    case "odoo":
      return "fix in Odoo what the message names, then Replay it";
    case "auth":
      return `renew the bridge's ${vendor} credentials, then run the sync again`;
    case "rate_limit":
      return `nothing: the next run retries it; if it keeps happening, sync ${vendor} less often`;
    case "remote_5xx":
      return `nothing: the next run retries it; if it keeps happening, check ${vendor}'s status page`;
  }
}

/** "<record> <what happened>: <problem>. What to do: <advice>." */
export function failureMessage(
  source: string | undefined,
  stream: string,
  externalId: string | null,
  category: FailureCategory,
  outcome: string,
  problem: string,
  todo: string = advice(category, source),
): string {
  const what = problem.trim().replace(/[.\s]+$/, "");
  return `${recordLabel(source, stream, externalId)} ${outcome}: ${what}. What to do: ${todo}.`;
}

/** What to do about a bug of the bridge's own. */
export const REPORT_BUG = "report this bug to the bridge's maintainers with the event's trace id; Replay it once fixed";

/** `problem` without the record's own values (quoted values, list positions), to group events by. */
export function causeOf(problem: string): string {
  const parts = problem
    .split("; ")
    .map((part) =>
      part
        .trim()
        .replace(/[.\s]+$/, "")
        .replace(/'[^']*'|"[^"]*"/g, "'…'")
        .replace(/\[\d+\]/g, "[…]"),
    )
    .filter(Boolean);
  return [...new Set(parts)].join("; ").slice(0, MAX_CAUSE) || "no reason was given";
}

/** How a value reads in a message, in JSON's words ("a number", "null", "missing"). */
export function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "text";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  date: "a date",
  bigint: "a whole number",
};

/** A zod issue's path as people read it: `properties.email`, `line_items[0].sku`. */
function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, "");
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** One zod issue as a sentence about the record: "properties.email is a number, not text". */
export function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const where = pathOf(issue.path);
  const subject = where ? where : "it";
  if (issue.code === "invalid_type") {
    const actual = valueAt(raw, issue.path);
    const expected = EXPECTED[issue.expected] ?? issue.expected;
    return actual === undefined
      ? `${subject} is missing (${expected} expected)`
      : `${subject} is ${kindOf(actual)}, not ${expected}`;
  }
  const message = issue.message.replace(/^Invalid input: /, "");
  return `${subject}: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
}

/** The dead letter of a request to the vendor that failed for good (not a record): what and what to do. */
export function requestFailure(source: string, stream: string, error: APIError, traceId: string): FailureReport {
  const problem = error.message.trim().replace(/[.\s]+$/, "");
  return {
    externalId: null,
    traceId,
    category: error.category,
    message: `${sourceLabel(source)} ${stream}: a request failed, so the stream stopped: ${problem}. What to do: ${advice(error.category, source)}.`,
    cause: causeOf(`a request failed: ${problem}`),
    payload: error.response ?? null,
  };
}
