// Options (§2 "Options"): their validation at save, and the check of one value against an option,
// shared by the option's `default` (bad_default) and the configurator's inputs (§6 step 1).
import type { Compiled } from "./runtime";
import type { StructureReader } from "./structure";
import { indexPath, keyPath } from "./paths";
import type { InputCode, OptionType } from "./types";
import { isZero, looksDecimal, toDecimal, ZERO, type Decimal, type Value } from "./values";

export const OPTION_TYPES: readonly OptionType[] = ["decimal", "enum", "bool", "multi"];
export const OPTION_KEYS = [
  "key",
  "label",
  "type",
  "help",
  "values",
  "min",
  "max",
  "step",
  "min_count",
  "max_count",
  "default",
  "visible_if",
] as const;
const COMMON_KEYS = ["key", "label", "type", "help", "default", "visible_if"];
const KEYS_BY_TYPE: Record<OptionType, readonly string[]> = {
  decimal: [...COMMON_KEYS, "min", "max", "step"],
  enum: [...COMMON_KEYS, "values"],
  bool: COMMON_KEYS,
  multi: [...COMMON_KEYS, "values", "min_count", "max_count"],
};
const MAX_VALUES = 1_000;

export interface CompiledOption {
  key: string;
  type: OptionType;
  /** enum/multi: the allowed texts, in declared order */
  values: string[];
  min: Decimal | null;
  max: Decimal | null;
  step: Decimal | null;
  minCount: number | null;
  maxCount: number | null;
  /** the default, already checked (undefined: none) */
  fallback: Value | undefined;
  visibleIf: Compiled | null;
  visibleIfPath: string;
}

export type Checked = { ok: true; value: Value } | { ok: false; code: InputCode; message: string };

function refuse(code: InputCode, message: string): Checked {
  return { ok: false, code, message };
}

function checkDecimal(option: CompiledOption, raw: unknown): Checked {
  const value = toDecimal(raw);
  if (value === null) return refuse("wrong_type", 'expected a decimal (a string such as "12.5")');
  if (option.min !== null && value.lt(option.min)) return refuse("below_min", `at least ${option.min.toFixed()}`);
  if (option.max !== null && value.gt(option.max)) return refuse("above_max", `at most ${option.max.toFixed()}`);
  if (option.step !== null && !isZero(value.minus(option.min ?? ZERO).mod(option.step))) {
    return refuse("off_step", `in steps of ${option.step.toFixed()} from ${(option.min ?? ZERO).toFixed()}`);
  }
  return { ok: true, value };
}

function checkMulti(option: CompiledOption, raw: unknown): Checked {
  if (!Array.isArray(raw) || raw.some((item) => typeof item !== "string")) {
    return refuse("wrong_type", "expected a list of texts");
  }
  const chosen = raw as string[];
  if (chosen.some((item) => !option.values.includes(item))) return refuse("not_in_values", "a value is not one of the choices");
  if (option.minCount !== null && chosen.length < option.minCount) return refuse("too_few", `choose at least ${option.minCount}`);
  if (option.maxCount !== null && chosen.length > option.maxCount) return refuse("too_many", `choose at most ${option.maxCount}`);
  if (new Set(chosen).size !== chosen.length) return refuse("duplicate_value", "a value is chosen twice");
  return { ok: true, value: option.values.filter((value) => chosen.includes(value)) };
}

/** one value (not null) checked against an option: the first failing check of §6 step 1 */
export function checkOptionValue(option: CompiledOption, raw: unknown): Checked {
  switch (option.type) {
    case "decimal":
      return checkDecimal(option, raw);
    case "bool":
      return typeof raw === "boolean" ? { ok: true, value: raw } : refuse("wrong_type", "expected true or false");
    case "enum":
      if (typeof raw !== "string") return refuse("wrong_type", "expected one of the choices (a text)");
      return option.values.includes(raw) ? { ok: true, value: raw } : refuse("not_in_values", "not one of the choices");
    case "multi":
      return checkMulti(option, raw);
  }
}

/** the option's values; false when they cannot be used (the default is then not checked) */
function readValues(r: StructureReader, raw: unknown, path: string, option: CompiledOption): boolean {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_VALUES) {
    r.report("invalid_structure", path, `values is a list of 1 to ${MAX_VALUES} values`);
    return false;
  }
  let valid = true;
  raw.forEach((entry, index) => {
    const entryPath = indexPath(path, index);
    const item = r.object(entry, entryPath, "a value", ["value"], ["value", "label"]);
    if (item === null) {
      valid = false;
      return;
    }
    const value = item.value;
    if (typeof value !== "string" || looksDecimal(value) || option.values.includes(value)) {
      r.report(
        "invalid_structure",
        keyPath(entryPath, "value"),
        "a value is a text that does not look like a decimal, unique in the option",
      );
      valid = false;
    }
    if (typeof value === "string") option.values.push(value);
    if ("label" in item) r.text(item.label, keyPath(entryPath, "label"), "label");
  });
  return valid;
}

/** values, min/max/step and the counts, in that order; false when the default cannot be checked */
export function readOptionBounds(
  r: StructureReader,
  raw: Record<string, unknown>,
  path: string,
  option: CompiledOption,
): boolean {
  let valid = "values" in raw ? readValues(r, raw.values, keyPath(path, "values"), option) : true;
  for (const bound of ["min", "max", "step"] as const) {
    if (!(bound in raw)) continue;
    option[bound] = r.decimal(raw[bound], keyPath(path, bound), bound);
    valid = valid && option[bound] !== null;
  }
  if (option.min !== null && option.max !== null && option.min.gt(option.max)) {
    r.report("invalid_structure", keyPath(path, "max"), "max must not be below min");
  }
  if (option.step !== null && option.step.lte(ZERO)) {
    r.report("invalid_structure", keyPath(path, "step"), "step must be above 0");
    option.step = null;
    valid = false;
  }
  for (const count of ["min_count", "max_count"] as const) {
    if (!(count in raw)) continue;
    const value = r.integer(raw[count], keyPath(path, count), count, 0, MAX_VALUES);
    if (value === null) valid = false;
    option[count === "min_count" ? "minCount" : "maxCount"] = value;
  }
  if (valid && (option.minCount ?? 0) > (option.maxCount ?? MAX_VALUES)) {
    r.report("invalid_structure", keyPath(path, "max_count"), "max_count must not be below min_count");
  }
  return valid;
}

/** the option's default checked like an input (bad_default) */
export function readOptionDefault(r: StructureReader, raw: unknown, path: string, option: CompiledOption): void {
  const checked = raw === null ? refuse("required", "null") : checkOptionValue(option, raw);
  if (checked.ok) {
    option.fallback = checked.value;
  } else {
    r.report("bad_default", path, `the default is not a valid value: ${checked.message}`);
  }
}

/** the keys (values, min … max_count) that do not apply to an option of this type */
export function inapplicableKeys(type: OptionType): readonly string[] {
  return ["values", "min", "max", "step", "min_count", "max_count"].filter((key) => !KEYS_BY_TYPE[type].includes(key));
}
