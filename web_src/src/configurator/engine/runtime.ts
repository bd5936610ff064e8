// What a compiled expression runs against, and the checks every operator shares (§4 "Types at
// run time"): null is missing_value, any other wrong type is type_mismatch, an integer part past
// 30 digits is too_large.
import { RuntimeFault } from "./types";
import { fitsInteger, isDecimal, Row, typeOf, type Decimal, type Value } from "./values";

export const MAX_STEPS = 100_000;
export const MAX_LIST = 1_000;

/** one evaluation's state: option and derived values by slot, the line's quantity, the running price */
export interface Env {
  slots: Value[];
  quantity: Decimal;
  price: Decimal | null;
  /** the current element of each enclosing iteration, innermost last */
  its: Value[];
  steps: number;
  divisionPlaces: number;
}

export type Compiled = (env: Env) => Value;

export function missing(path: string, what: string): RuntimeFault {
  return new RuntimeFault("missing_value", path, `${what} is null: check it with == null or give var a default`);
}

export function mismatch(path: string, expected: string, value: Value): RuntimeFault {
  return new RuntimeFault("type_mismatch", path, `expected ${expected}, got ${typeOf(value)}`);
}

export function needDecimal(value: Value, path: string): Decimal {
  if (value === null) throw missing(path, "a decimal argument");
  if (!isDecimal(value)) throw mismatch(path, "a decimal", value);
  return value;
}

export function needBool(value: Value, path: string): boolean {
  if (value === null) throw missing(path, "a bool argument");
  if (typeof value !== "boolean") throw mismatch(path, "a bool", value);
  return value;
}

export function needList(value: Value, path: string): Value[] {
  if (value === null) throw missing(path, "a list argument");
  if (!Array.isArray(value)) throw mismatch(path, "a list", value);
  return value;
}

export function checked(value: Decimal, path: string): Decimal {
  if (!fitsInteger(value)) {
    throw new RuntimeFault("too_large", path, "the result has more than 30 integer digits");
  }
  return value;
}

/** `==`: null equals only null; otherwise both sides have one type; decimals by value, lists and rows pairwise */
export function equals(left: Value, right: Value, path: string): boolean {
  if (left === null || right === null) {
    return left === right;
  }
  const type = typeOf(left);
  if (typeOf(right) !== type) {
    throw mismatch(path, `the same type on both sides (${type})`, right);
  }
  if (left instanceof Row) {
    // rows are equal when they have the same columns (in any order) holding equal cells
    const other = right as Row;
    if (left.columns.length !== other.columns.length || left.columns.some((column) => !other.columns.includes(column)))
      return false;
    return left.columns.every((column, index) => equals(left.cells[index], other.cell(column) as Value, path));
  }
  if (isDecimal(left)) {
    return left.eq(right as Decimal);
  }
  if (Array.isArray(left)) {
    const other = right as Value[];
    if (left.length !== other.length) return false;
    for (let index = 0; index < left.length; index++) {
      if (!equals(left[index], other[index], path)) return false;
    }
    return true;
  }
  return left === right;
}

/** counts one iteration step, refusing the one past the evaluation's limit */
export function step(env: Env, path: string): void {
  env.steps += 1;
  if (env.steps > MAX_STEPS) {
    throw new RuntimeFault("limit_exceeded", path, `more than ${MAX_STEPS} iteration steps in one evaluation`);
  }
}
