/**
 * The check that makes an external provider's answer usable: its evidence quote must be in the
 * document (whitespace and case normalized, otherwise exact), and its value must be what the quote
 * says, read back with the local validators and normalizers. What passes gets the quote's place in
 * the document as evidence; what fails says why. The model's own confidence is never read.
 */
import type { CountryCode } from "libphonenumber-js";
import { amountCandidates, currencyCode, normalizeAmount } from "../candidates/amounts";
import { emailCandidates, phoneCandidates } from "../candidates/contacts";
import { dateCandidates, type DayOrder } from "../candidates/dates";
import { ibanCandidates } from "../candidates/iban";
import { validVat, vatCandidates } from "../candidates/vat";
import type { FieldKind } from "./field_specs";

/** Text folded for matching, with the offset in the original text of each folded character. */
export interface Folded {
  text: string;
  origin: number[];
}

/** NFKC, lower case, runs of whitespace as one space, trimmed; each character keeps its original offset. */
export function fold(text: string): Folded {
  let folded = "";
  const origin: number[] = [];
  let offset = 0;
  for (const char of text) {
    const piece = /\s/u.test(char) ? " " : char.normalize("NFKC").toLowerCase();
    for (const unit of piece) {
      if (unit === " " && (folded === "" || folded.endsWith(" "))) continue;
      folded += unit;
      for (let i = 0; i < unit.length; i++) origin.push(offset);
    }
    offset += char.length;
  }
  if (folded.endsWith(" ")) {
    folded = folded.slice(0, -1);
    origin.pop();
  }
  return { text: folded, origin };
}

/** Where `quote` sits in the document, as `[start, end)` of the original text; null when it is not there. */
export function locateQuote(document: Folded, original: string, quote: string): [number, number] | null {
  const needle = fold(quote).text;
  if (needle.length < 2) return null;
  const at = document.text.indexOf(needle);
  if (at < 0) return null;
  const start = document.origin[at] as number;
  const last = document.origin[at + needle.length - 1] as number;
  const char = original.codePointAt(last) ?? 0;
  return [start, last + (char > 0xffff ? 2 : 1)];
}

export interface ReadOptions {
  dayOrder?: DayOrder;
  defaultCountry?: CountryCode;
}

/**
 * The value the quote supports, normalized as the local extractors normalize it, when it is the
 * value the provider gave; null when the quote does not say that value.
 */
export function valueFromQuote(kind: FieldKind, value: string, quote: string, options: ReadOptions = {}): string | null {
  const among = (values: readonly (string | null)[], wanted: string | null) =>
    wanted !== null && values.includes(wanted) ? wanted : null;
  const trimmed = value.trim();
  switch (kind) {
    case "amount":
    case "decimal": {
      const wanted = normalizeAmount(trimmed.replace(/^[^\d\-−]+|[^\d]+$/gu, ""));
      // a bill's amounts are printed with decimals or a currency; a budget may be a bare number, never a percentage
      const bare =
        kind === "decimal"
          ? [...quote.matchAll(/[-−]?\d[\d ,.'\u00a0\u202f]*(?!\d|\s?%)/gu)].map((match) => normalizeAmount(match[0].trim()))
          : [];
      return among([...amountCandidates(quote).map((found) => found.value), ...bare], wanted);
    }
    case "integer": {
      const wanted = /^\d+$/.test(trimmed) ? String(Number(trimmed)) : null;
      return among(
        [...quote.matchAll(/\d+/g)].map((match) => String(Number(match[0]))),
        wanted,
      );
    }
    case "date":
      return among(
        dateCandidates(quote, options.dayOrder).map((found) => found.value),
        /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? trimmed : null,
      );
    case "currency": {
      const wanted = currencyCode(trimmed);
      const printed = [...quote.matchAll(/[A-Za-z]{3}|[€$£¥₹]|Fr/gu)].map((match) => currencyCode(match[0]));
      return among([...printed, ...amountCandidates(quote).map((found) => found.currency)], wanted);
    }
    case "iban":
      return among(
        ibanCandidates(quote).map((found) => found.value),
        trimmed.replace(/\s/g, "").toUpperCase(),
      );
    case "vat":
      return among(
        vatCandidates(quote).map((found) => found.value),
        validVat(trimmed),
      );
    case "email":
      return among(
        emailCandidates(quote).map((found) => found.value),
        trimmed.toLowerCase(),
      );
    case "phone": {
      const wanted = phoneCandidates(trimmed, options.defaultCountry)[0]?.value ?? null;
      return among(
        phoneCandidates(quote, options.defaultCountry).map((found) => found.value),
        wanted,
      );
    }
    case "text": {
      const needle = fold(trimmed).text;
      return needle !== "" && fold(quote).text.includes(needle) ? trimmed : null;
    }
  }
}

/** The outcome of checking one field's answer. */
export type QuoteCheck =
  { ok: true; value: string; raw: string; start: number; end: number } | { ok: false; value: string; why: string };

/** Checks a provider's `value` and `quote` for a field of `kind` against the document text it was sent. */
export function checkQuote(
  kind: FieldKind,
  value: string,
  quote: string | null,
  document: { original: string; folded: Folded },
  options: ReadOptions = {},
): QuoteCheck {
  if (quote === null || quote.trim() === "") return { ok: false, value, why: "no evidence quote" };
  const where = locateQuote(document.folded, document.original, quote);
  if (!where) return { ok: false, value, why: "the quote is not in the document" };
  const raw = document.original.slice(where[0], where[1]);
  const read = valueFromQuote(kind, value, raw, options);
  if (read === null) return { ok: false, value, why: `the quote does not say ${JSON.stringify(value.slice(0, 80))}` };
  return { ok: true, value: read, raw, start: where[0], end: where[1] };
}
