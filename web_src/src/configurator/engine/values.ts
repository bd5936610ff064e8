// The values of the configurator rule language (docs/configurator_rules.md §1): exact decimals on
// big.js, texts, bools, lists, table rows and null, how each is read from JSON and how each is
// written in an evaluation's output.
import Big from "big.js";

export type Decimal = Big;

/** a row of a rule set's table, as `it` sees it inside an iteration over `tables.<name>` */
export class Row {
  constructor(
    readonly columns: readonly string[],
    readonly cells: readonly Value[],
  ) {}

  /** the cell of a column, or undefined when the table has no such column */
  cell(column: string): Value | undefined {
    const index = this.columns.indexOf(column);
    return index < 0 ? undefined : this.cells[index];
  }
}

export type Value = Decimal | string | boolean | null | Value[] | Row;

/** the JSON form of a value in an evaluation's output */
export type OutputValue = string | boolean | null | OutputValue[] | { [column: string]: OutputValue };

// One constructor of our own, so that no setting leaks to or from other users of big.js. Every
// operation we use is exact except div/round, which get their places and mode explicitly.
const D = Big();
D.RM = 1; // half-up: ties away from zero
D.NE = -1e6;
D.PE = 1e6;

export const ZERO: Decimal = D("0");
export const ONE: Decimal = D("1");
export const HUNDRED: Decimal = D("100");
export const MAX_SIGNIFICANT_DIGITS = 30;
export const MAX_INTEGER_DIGITS = 30;
export const MAX_JSON_INTEGER_DIGITS = 15;

const DECIMAL_TEXT = /^-?[0-9]+(\.[0-9]+)?$/;

export function isDecimal(value: unknown): value is Decimal {
  return value instanceof Big;
}

/** a JSON string that the language reads as a decimal */
export function looksDecimal(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

/** a decimal written within §1's size limits (30 significant digits, 30 integer digits) */
export function withinSize(value: Decimal): boolean {
  return fitsInteger(value) && (isZero(value) || value.c.length <= MAX_SIGNIFICANT_DIGITS);
}

/** false when the integer part has more than 30 digits (the runtime error too_large) */
export function fitsInteger(value: Decimal): boolean {
  return value.e < MAX_INTEGER_DIGITS;
}

export function isZero(value: Decimal): boolean {
  return value.c[0] === 0;
}

export type NumberReading = { ok: true; value: Decimal } | { ok: false; reason: "float" | "too_long" | "too_large" };

/** A JSON number as a decimal: integers of at most 15 digits only (a float cannot hold a price). */
export function readJsonNumber(value: number): NumberReading {
  if (!Number.isInteger(value)) {
    return { ok: false, reason: "float" };
  }
  const digits = String(Math.abs(value));
  if (!/^[0-9]+$/.test(digits) || digits.length > MAX_JSON_INTEGER_DIGITS) {
    return { ok: false, reason: "too_long" };
  }
  return { ok: true, value: D(String(value)) };
}

/** A decimal text (already matching looksDecimal) as a decimal, refused past the size limits. */
export function readDecimalText(text: string): NumberReading {
  const value = D(text);
  return withinSize(value) ? { ok: true, value } : { ok: false, reason: "too_large" };
}

/** an input or literal as a decimal, or null when it is not one (wrong type or too big) */
export function toDecimal(raw: unknown): Decimal | null {
  if (typeof raw === "number") {
    const reading = readJsonNumber(raw);
    return reading.ok ? reading.value : null;
  }
  if (typeof raw === "string" && looksDecimal(raw)) {
    const reading = readDecimalText(raw);
    return reading.ok ? reading.value : null;
  }
  return null;
}

/** exact division rounded half-up to `places` places; the caller has excluded a zero divisor */
export function divide(dividend: Decimal, divisor: Decimal, places: number): Decimal {
  // div rounds to its constructor's DP with its RM: ours (D) is private, so setting it here
  // touches no other user of big.js
  const own = dividend.constructor === D ? dividend : D(dividend);
  D.DP = places;
  return own.div(divisor);
}

/** half-up to `places` places (ties away from zero) */
export function roundHalfUp(value: Decimal, places: number): Decimal {
  return value.round(places, 1);
}

/** §1 output form: no exponent, no trailing zeros, never "-0" */
export function decimalText(value: Decimal): string {
  return isZero(value) ? "0" : value.toFixed();
}

/** a money amount: exactly `places` decimals (the value is already rounded to them) */
export function moneyText(value: Decimal, places: number): string {
  return isZero(value) ? ZERO.toFixed(places) : value.toFixed(places);
}

export function outputValue(value: Value): OutputValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") {
    return value;
  }
  if (isDecimal(value)) {
    return decimalText(value);
  }
  if (value instanceof Row) {
    const row: Record<string, OutputValue> = {};
    value.columns.forEach((column, index) => {
      row[column] = outputValue(value.cells[index]);
    });
    return row;
  }
  return value.map(outputValue);
}

export type TypeName = "decimal" | "text" | "bool" | "list" | "row" | "null";

export function typeOf(value: Value): TypeName {
  if (value === null) return "null";
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "list";
  if (value instanceof Row) return "row";
  return "decimal";
}
