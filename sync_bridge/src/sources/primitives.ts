/**
 * zod building blocks for vendor payloads, and small pure helpers the mappers share. Every
 * limit here exists so that a hostile or broken payload is rejected with a readable message at
 * the boundary instead of failing later inside Odoo (PostgreSQL refuses NUL characters and
 * lone surrogates; Odoo's char fields are not meant for megabytes).
 */
import { z } from "zod";

/** Longest free text accepted in a name, street or similar field. */
export const MAX_TEXT = 1000;
/** Longest id accepted from a vendor. */
export const MAX_ID = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0 controls other than tab, line feed and carriage return, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// What nearly every string is: no surrogate at all and no control character, checked in one pass.
const PLAIN = /^[\t\n\r\u0020-\u007E\u0080-\uD7FF\uE000-\uFFFF]*$/;

/** A string of at most `max` characters, well-formed unicode, no control characters. */
export function text(max = MAX_TEXT) {
  return z
    .string()
    .max(max)
    .refine((value) => PLAIN.test(value) || !LONE_SURROGATE.test(value), "contains broken unicode (a lone surrogate)")
    .refine((value) => PLAIN.test(value) || !CONTROL.test(value), "contains control characters");
}

/** A vendor id: digits, letters, `-`, `_`, `.` or `:`, at most 64 characters. */
export const vendorId = z
  .string()
  .min(1, "is empty")
  .max(MAX_ID)
  .regex(/^[A-Za-z0-9._:-]+$/, "is not an id (letters, digits, . _ : - only)");

/**
 * `schema`, or `null` for a value that is missing, `null` or blank (exports write "" for "none").
 * A preprocess rather than a union, so that a bad value gets `schema`'s own message.
 */
export function blankOr<T extends z.ZodType>(schema: T) {
  return z
    .preprocess(
      (value) => (value === null || (typeof value === "string" && value.trim() === "") ? undefined : value),
      schema.optional(),
    )
    .transform((value) => (value === undefined ? null : value) as z.output<T> | null);
}

/** A vendor id sent as a number (WooCommerce, Google Ads) or a string (HubSpot). */
export const numericOrStringId = z.union([
  z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).transform(String),
  vendorId,
]);

/** Optional text: `null`, `undefined` and blank strings all mean "no value". */
export function optionalText(max = MAX_TEXT) {
  return text(max)
    .nullish()
    .transform((value) => (value === null || value === undefined || value.trim() === "" ? null : value.trim()));
}

const DATETIME_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when year, month and day name a real calendar day (Date rolls 2024-02-30 over). */
function realDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Parses an ISO-8601 datetime ("2024-03-05T14:22:10.123Z", "2024-03-05 14:22"); a time without
 * offset is read as UTC, which is what the `*_gmt` fields of WooCommerce and HubSpot exports are.
 * Returns `null` when it is not a real moment between the years 1900 and 2200.
 */
export function parseDateTime(value: string): Date | null {
  // a page's dates are read twice (its cursor, then each record's validation): parse each once
  let time = recentDates.get(value);
  if (time === undefined) {
    time = parseDateTimeUncached(value)?.getTime() ?? Number.NaN;
    if (recentDates.size >= RECENT_DATES_MAX) recentDates.clear();
    recentDates.set(value, time);
  }
  return Number.isNaN(time) ? null : new Date(time);
}

const RECENT_DATES_MAX = 4096;
const recentDates = new Map<string, number>();

function parseDateTimeUncached(value: string): Date | null {
  const match = DATETIME_RE.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s = "00", fraction = "", offset = "Z"] = match as unknown as string[];
  const year = Number(y);
  const [hours, minutes, seconds] = [Number(h), Number(mi), Number(s)];
  if (year < 1900 || year > 2200 || !realDay(year, Number(mo), Number(d))) return null;
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  const millis = fraction === "" ? 0 : Number(fraction.slice(1, 4).padEnd(3, "0"));
  // "+02:00" or "+0200": minutes east of UTC, taken off to get UTC
  const east = offset === "Z" ? 0 : (offset[0] === "-" ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(-2)));
  if (Math.abs(east) > 18 * 60 || Number(offset.slice(-2)) > 59) return null;
  return new Date(Date.UTC(year, Number(mo) - 1, Number(d), hours, minutes, seconds, millis) - east * 60_000);
}

/** A datetime string → `Date` (see `parseDateTime`). */
export const dateTime = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const date = parseDateTime(value);
    if (date === null) {
      ctx.addIssue({ code: "custom", message: `is not a valid date and time: ${JSON.stringify(value.slice(0, 40))}` });
      return z.NEVER;
    }
    return date;
  });

/** A "YYYY-MM-DD" day that exists on the calendar. */
export const day = z.string().refine((value) => {
  const match = DATE_RE.exec(value);
  return match !== null && realDay(Number(match[1]), Number(match[2]), Number(match[3]));
}, "is not a valid day (YYYY-MM-DD)");

/** A decimal amount sent as a string ("29.35") or a number; at most 1e12 in absolute value. */
export const decimal = z.union([z.number(), z.string().max(32)]).transform((value, ctx) => {
  const number = typeof value === "number" ? value : Number(value.trim().replace(/,/g, ""));
  if (!Number.isFinite(number) || (typeof value === "string" && value.trim() === "") || Math.abs(number) > 1e12) {
    ctx.addIssue({ code: "custom", message: `is not an amount: ${JSON.stringify(String(value).slice(0, 32))}` });
    return z.NEVER;
  }
  return number;
});

/** An int64 counter that JSON carries as a string ("1234"), as Google's APIs do. */
export const int64Counter = z
  .union([z.number().int().nonnegative().max(1e15), z.string().regex(/^\d{1,15}$/, "is not a count")])
  .transform(Number);

/** "YYYY-MM-DD" of a Date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const regionNames = new Intl.DisplayNames(["en"], { type: "region" });
let countryByName: Map<string, string> | undefined;

/** English country names → ISO 3166 alpha-2, built once from ICU's region names. */
function countryIndex(): Map<string, string> {
  if (countryByName) return countryByName;
  countryByName = new Map();
  for (let a = 65; a <= 90; a += 1) {
    for (let b = 65; b <= 90; b += 1) {
      const code = String.fromCharCode(a, b);
      const name = regionNames.of(code);
      // First wins: ICU also names reserved codes ("UK" → United Kingdom), which sort after the ISO one.
      if (name && name !== code && name !== "Unknown Region" && !countryByName.has(name.toLowerCase()))
        countryByName.set(name.toLowerCase(), code);
    }
  }
  for (const [alias, code] of [
    ["usa", "US"],
    ["uk", "GB"],
    ["great britain", "GB"],
    ["england", "GB"],
  ] as const) {
    countryByName.set(alias, code);
  }
  return countryByName;
}

/**
 * A country as ISO alpha-2 when it can be recognised ("fr", "France", "United States"), else
 * `null`: Odoo's `country_code` takes two letters and refuses the whole record otherwise. A
 * two-letter code Odoo does not know is still sent, and Odoo records it as a reason.
 */
export function countryCode(value: string | null): string | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return countryIndex().get(trimmed.toLowerCase()) ?? null;
}

/** Joins the non-empty parts with a space; `null` when nothing is left. */
export function joinText(...parts: (string | null | undefined)[]): string | null {
  const joined = parts
    .filter((part): part is string => typeof part === "string" && part.trim() !== "")
    .map((part) => part.trim())
    .join(" ");
  return joined === "" ? null : joined;
}

/** "example.com" → "https://example.com"; a value that already has a scheme is kept. */
export function websiteOf(domain: string | null): string | null {
  if (domain === null) return null;
  return /^https?:\/\//i.test(domain) ? domain : `https://${domain}`;
}
