/**
 * Amount candidates: 1,234.56 / 1.234,56 / 1 234,56 / 1'234.56 / 1234.56, with a currency symbol
 * or ISO code before or after. Decimal strings are made with big.js, never through floats.
 */
import Big from "big.js";
import { matchesOf, type Candidate } from "./candidate";

const SYMBOLS: Readonly<Record<string, string>> = { "€": "EUR", $: "USD", "£": "GBP", "¥": "JPY", "₹": "INR", Fr: "CHF" };
const ISO_CODES = ["EUR", "USD", "GBP", "CHF", "CAD", "AUD", "JPY", "SEK", "NOK", "DKK", "PLN", "CZK", "MXN", "INR"];
const CURRENCY = `(?:${ISO_CODES.join("|")}|[€$£¥₹])`;

/** An amount with its currency, when one is printed next to it. */
export interface AmountCandidate extends Candidate {
  currency: string | null;
}

/** Whether the thousands and the decimals of `raw` are split by the same mark ("1.110.42"): OCR's misreading of "1,110.42". */
export function sameMarkTwice(raw: string): boolean {
  const decimal = /[.,](\d{1,2})$/.exec(raw);
  return decimal !== null && raw.slice(0, decimal.index).includes(raw[decimal.index] as string);
}

/**
 * "1.234,56" → "1234.56"; null when the grouping is not one a person would print. With `ocr`, the
 * same mark for thousands and decimals ("1.110.42", a comma read as a dot) is read as 1110.42.
 */
export function normalizeAmount(raw: string, ocr = false): string | null {
  const number = raw.replace(/^[-−]/, "");
  const decimal = /[.,](\d{1,2})$/.exec(number);
  const integerPart = decimal ? number.slice(0, decimal.index) : number;
  const decimalSeparator = decimal ? number[decimal.index] : null;
  const groups = integerPart.split(/[ .,'\u00a0\u202f]/);
  if (groups.length > 1) {
    const separators = new Set(integerPart.replace(/\d/g, ""));
    if (separators.size > 1 || (decimalSeparator && separators.has(decimalSeparator) && !ocr)) return null;
    if (groups.slice(1).some((group) => group.length !== 3) || (groups[0] ?? "").length > 3) return null;
  }
  try {
    const value = new Big(`${groups.join("")}.${decimal ? decimal[1] : "0"}`);
    return (raw.startsWith("-") || raw.startsWith("−") ? value.neg() : value).toFixed(2);
  } catch {
    return null;
  }
}

export function currencyCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return ISO_CODES.includes(code) ? code : (SYMBOLS[raw.trim()] ?? null);
}

/**
 * Every amount in `text`: numbers with two decimals, or with a currency next to them. Bare whole
 * numbers (quantities, years, references) and percentages are left out.
 */
export function amountCandidates(text: string): AmountCandidate[] {
  const pattern = new RegExp(
    `(?:(${CURRENCY})[ \\u00a0]?)?([-−]?(?:\\d{1,3}(?:[ ,.'\\u00a0\\u202f]\\d{3})+|\\d+)(?:[.,]\\d{2})?)(?![\\d%]|[.,]\\d|\\s?%)(?:[ \\u00a0]?(${CURRENCY}))?`,
    "gu",
  );
  const found: AmountCandidate[] = [];
  for (const match of matchesOf(pattern, text)) {
    const start = match.index;
    if (start > 0 && /[\p{L}\d/.,-]/u.test(text[start - 1] ?? "")) continue;
    const number = match[2] ?? "";
    const currency = match[1] ?? match[3];
    const hasDecimals = /[.,]\d{2}$/.test(number);
    if (!hasDecimals && !currency) continue;
    const value = normalizeAmount(number, true);
    if (value === null) continue;
    // "1.110.42" is read, as a slip of OCR, but less surely than what a person would print.
    const slip = sameMarkTwice(number) ? 0.6 : 1;
    found.push({
      raw: match[0].trim(),
      value,
      start,
      end: start + match[0].trimEnd().length,
      generator: "amount",
      validity: (hasDecimals ? 1 : 0.8) * slip,
      currency: currency ? currencyCode(currency) : null,
    });
  }
  return found;
}

/** ISO currency codes printed as words anywhere in `text` (not next to an amount necessarily). */
export function currencyCodes(text: string): Candidate[] {
  const pattern = new RegExp(`(?<![\\p{L}\\d])(?:${ISO_CODES.join("|")})(?![\\p{L}\\d])`, "gu");
  return [...matchesOf(pattern, text)].map((match) => ({
    raw: match[0],
    value: match[0],
    start: match.index,
    end: match.index + match[0].length,
    generator: "currency_code",
    validity: 1,
  }));
}
