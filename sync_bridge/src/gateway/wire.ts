/**
 * Odoo's wire quirks, kept here so nothing outside the gateway sees them:
 * `false` for an empty value, `[id, name]` for a many2one, naive UTC strings for datetimes
 * ("2025-01-31 13:45:00") and dates ("2025-01-31").
 */
import { z } from "zod";
import { FatalOdooError } from "../errors";

/** A many2one as the bridge sees it. */
export interface Many2one {
  id: number;
  name: string;
}

/** Field types the gateway knows how to read. */
export type FieldKind =
  | "char"
  | "text"
  | "html"
  | "selection"
  | "integer"
  | "float"
  | "monetary"
  | "boolean"
  | "many2one"
  | "one2many"
  | "many2many"
  | "date"
  | "datetime";

type ValueOfKind<K extends FieldKind> = K extends "char" | "text" | "html" | "selection"
  ? string | null
  : K extends "integer" | "float" | "monetary"
    ? number
    : K extends "boolean"
      ? boolean
      : K extends "many2one"
        ? Many2one | null
        : K extends "one2many" | "many2many"
          ? number[]
          : K extends "date"
            ? string | null
            : Date | null;

/** Fields to read, each with its type, e.g. `{ name: "char", partner_id: "many2one" }`. */
export type FieldSpec = Readonly<Record<string, FieldKind>>;

/** The record `searchRead` returns for a `FieldSpec`: `id` plus each field, empty as `null`. */
export type RecordOf<S extends FieldSpec> = { id: number } & { -readonly [K in keyof S]: ValueOfKind<S[K]> };

/** A value the bridge may write: `null` clears the field, `Date` is sent as a UTC datetime. */
export type WriteValue = string | number | boolean | null | Date | readonly unknown[];
export type WriteValues = Readonly<Record<string, WriteValue>>;

/** One domain term: an operator or a `[field, operator, value]` leaf. */
export type DomainTerm = "&" | "|" | "!" | readonly [field: string, operator: string, value: unknown];
export type Domain = readonly DomainTerm[];

const DATETIME_RE = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** "2025-01-31 13:45:00" (UTC, as Odoo sends it) → Date. Throws on any other shape. */
export function parseOdooDatetime(value: string): Date {
  const match = DATETIME_RE.exec(value);
  const date = match ? new Date(`${match[1]}T${match[2]}Z`) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new FatalOdooError(`not an Odoo datetime: "${value}"`);
  return date;
}

/** Date → "2025-01-31 13:45:00" in UTC, the format Odoo expects for datetime fields. */
export function formatOdooDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** Odoo's `false` for "no value" → `null`; anything else unchanged. */
export function fromFalse<T>(value: T | false): T | null {
  return value === false ? null : value;
}

/** `[id, name]` or `false` → `{ id, name }` or `null`. */
export function parseMany2one(value: unknown): Many2one | null {
  if (value === false) return null;
  const parsed = z.tuple([z.number().int(), z.string()]).safeParse(value);
  if (!parsed.success) throw new FatalOdooError(`not a many2one value: ${JSON.stringify(value)}`);
  return { id: parsed.data[0], name: parsed.data[1] };
}

const stringOrFalse = z.union([z.string(), z.literal(false)]);

/** Converts one value read from Odoo to the bridge's type for `kind`; throws if it does not fit. */
export function readValue(kind: FieldKind, value: unknown): unknown {
  const fail = (): never => {
    throw new FatalOdooError(`expected a ${kind} value from Odoo, got ${JSON.stringify(value)}`);
  };
  switch (kind) {
    case "char":
    case "text":
    case "html":
    case "selection": {
      const parsed = stringOrFalse.safeParse(value);
      return parsed.success ? fromFalse(parsed.data) : fail();
    }
    case "integer":
    case "float":
    case "monetary":
      return typeof value === "number" ? value : fail();
    case "boolean":
      return typeof value === "boolean" ? value : fail();
    case "many2one":
      return parseMany2one(value);
    case "one2many":
    case "many2many":
      return z.array(z.number().int()).safeParse(value).data ?? fail();
    case "date":
      return value === false ? null : typeof value === "string" && DATE_RE.test(value) ? value : fail();
    case "datetime":
      return value === false ? null : typeof value === "string" ? parseOdooDatetime(value) : fail();
  }
}

/** Converts a raw `search_read` row to `RecordOf<S>`; a missing field is an error, not `null`. */
export function readRecord<S extends FieldSpec>(raw: unknown, spec: S): RecordOf<S> {
  const row = z.looseObject({ id: z.number().int() }).safeParse(raw);
  if (!row.success) throw new FatalOdooError(`expected a record with an id, got ${JSON.stringify(raw)}`);
  const record: Record<string, unknown> = { id: row.data.id };
  for (const [field, kind] of Object.entries(spec)) {
    if (!(field in row.data)) throw new FatalOdooError(`Odoo did not return the field "${field}"`);
    record[field] = readValue(kind, (row.data as Record<string, unknown>)[field]);
  }
  return record as RecordOf<S>;
}

/** One value on its way to Odoo: `null` → `false`, `Date` → UTC datetime string. */
export function toOdooValue(value: unknown): unknown {
  if (value === null || value === undefined) return false;
  if (value instanceof Date) return formatOdooDatetime(value);
  return value;
}

/** `toOdooValue` applied to each field of a values dict. */
export function toOdooValues(values: WriteValues): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, toOdooValue(value)]));
}

/** A domain on its way to Odoo: leaf values go through `toOdooValue`. */
export function toOdooDomain(domain: Domain): unknown[] {
  return domain.map((term) => (typeof term === "string" ? term : [term[0], term[1], toOdooValue(term[2])]));
}

// Characters neither PostgreSQL text (NUL) nor XML 1.0 (other C0 controls, U+FFFE/U+FFFF, lone
// surrogates) can carry. JSON-2 would pass most of them to Odoo, which then fails on insert.
const UNSENDABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Deeper payloads are cut: nothing legitimate nests this far, and recursion must end. */
const MAX_DEPTH = 32;

// What almost every string is: nothing to replace, checked without the lookarounds above.
const SENDABLE = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]*$/;

/** A string Odoo can store and XML-RPC can carry: unsendable characters become U+FFFD. */
export function sendableString(value: string): string {
  return SENDABLE.test(value) ? value : value.replace(UNSENDABLE, "\uFFFD");
}

function deepConvert(value: unknown, depth: number, empty: unknown, date: (d: Date) => string): unknown {
  if (value === null || value === undefined) return empty;
  if (typeof value === "string") return sendableString(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : empty;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? empty : date(value);
  if (depth >= MAX_DEPTH) return "[nested too deep]";
  if (Array.isArray(value)) return value.map((item) => deepConvert(item, depth + 1, empty, date));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const converted = deepConvert(item, depth + 1, empty, date);
      // A "__proto__" key from a vendor must stay a plain key, not set the prototype.
      if (key === "__proto__")
        Object.defineProperty(out, key, { value: converted, enumerable: true, writable: true, configurable: true });
      else out[sendableString(key)] = converted;
    }
    return out;
  }
  return String(value);
}

/**
 * Canonical values on their way to `ingest`, at any depth: `null` → `false`, `Date` → UTC
 * datetime string, strings made sendable.
 */
export function toOdooDeep(value: unknown): unknown {
  return deepConvert(value, 0, false, formatOdooDatetime);
}

/** A raw vendor payload on its way to the event log: `null` kept, strings made sendable. */
export function toWirePayload(value: unknown): unknown {
  return deepConvert(value, 0, null, (date) => date.toISOString());
}
