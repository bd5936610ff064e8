// Reading the plain JSON parts of a rule set (§2, §7): objects with a closed set of keys, texts,
// integers and decimals, each problem recorded with its JSON path in document order.
import { keyPath } from "./paths";
import type { Problem, ValidationCode } from "./types";
import { looksDecimal, readDecimalText, readJsonNumber, type Decimal } from "./values";

export type Json = Record<string, unknown>;

export function isObject(raw: unknown): raw is Json {
  return typeof raw === "object" && raw !== null && !Array.isArray(raw);
}

/** sorts texts by code point, as Python's sorted() does (JS's default sort compares UTF-16 units) */
/** below U+10000, UTF-16 order is code point order */
const SURROGATE = /[\uD800-\uDFFF]/;

export function byCodePoint(a: string, b: string): number {
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const left = Array.from(a, (char) => char.codePointAt(0) ?? 0);
  const right = Array.from(b, (char) => char.codePointAt(0) ?? 0);
  for (let index = 0; index < Math.min(left.length, right.length); index++) {
    if (left[index] !== right[index]) return left[index] - right[index];
  }
  return left.length - right.length;
}

export class StructureReader {
  constructor(readonly problems: Problem[]) {}

  report(code: ValidationCode, path: string, message: string): void {
    this.problems.push({ code, path, message });
  }

  /**
   * An object with `required` keys and no key outside `allowed`: the object itself refused when it
   * is not one, then its unknown keys (code-point order), then its missing keys (in the doc's order).
   */
  object(raw: unknown, path: string, what: string, required: readonly string[], allowed: readonly string[]): Json | null {
    if (!isObject(raw)) {
      this.report("invalid_structure", path, `${what} must be an object`);
      return null;
    }
    for (const key of Object.keys(raw).sort(byCodePoint)) {
      if (!allowed.includes(key)) this.report("invalid_structure", keyPath(path, key), `${what} has no key ${key}`);
    }
    for (const key of required) {
      if (!(key in raw)) this.report("invalid_structure", keyPath(path, key), `${what} needs ${key}`);
    }
    return raw;
  }

  list(raw: unknown, path: string, what: string): unknown[] | null {
    if (Array.isArray(raw)) return raw;
    this.report("invalid_structure", path, `${what} must be a list`);
    return null;
  }

  text(raw: unknown, path: string, what: string): string | null {
    if (typeof raw === "string") return raw;
    this.report("invalid_structure", path, `${what} must be a text`);
    return null;
  }

  /** a JSON integer from `min` to `max` */
  integer(raw: unknown, path: string, what: string, min: number, max: number): number | null {
    if (typeof raw === "number" && Number.isInteger(raw) && raw >= min && raw <= max) return raw;
    this.report("invalid_structure", path, `${what} must be an integer from ${min} to ${max}`);
    return null;
  }

  /** a decimal written as a decimal string or a JSON integer of at most 15 digits */
  decimal(raw: unknown, path: string, what: string): Decimal | null {
    if (typeof raw === "number") {
      const reading = readJsonNumber(raw);
      if (reading.ok) return reading.value;
      this.report("bad_number", path, `${what}: write decimals as strings ("0.1"); JSON integers have at most 15 digits`);
      return null;
    }
    if (typeof raw === "string" && looksDecimal(raw)) {
      const reading = readDecimalText(raw);
      if (reading.ok) return reading.value;
      this.report("bad_number", path, `${what}: a decimal has at most 30 significant digits and 30 integer digits`);
      return null;
    }
    this.report("invalid_structure", path, `${what} must be a decimal`);
    return null;
  }
}
