// Random configurator inputs from a seed, for the cross-language property test and the
// configurator bench: for any rule set, option values that are mostly valid (decimals on their
// step, enum and multi values, bools) with a share of invalid ones (off the step, out of range,
// wrong type, unknown values or options), random quantities (some invalid) and roles.
import Big from "big.js";
import { seededRandom } from "../bridge/fixtures/vendor";

export { seededRandom };

interface OptionValue {
  value: string;
}

/** The parts of an option the generator reads (docs/configurator_rules.md §2). */
export interface GeneratedOption {
  key: string;
  type: "decimal" | "enum" | "bool" | "multi";
  min?: string;
  max?: string;
  step?: string;
  values?: OptionValue[];
  min_count?: number;
  max_count?: number;
}

export interface RandomCase {
  values: Record<string, unknown>;
  context: { quantity: string | number; role: string };
}

export interface InputMix {
  /** Chance that one option gets an invalid value (default 0.03). */
  invalidOption: number;
  /** Chance that an option is left out, so its default applies (default 0.15). */
  omitOption: number;
  /** Chance of an invalid quantity (default 0.03) and of an unknown option key (default 0.02). */
  invalidQuantity: number;
  unknownOption: number;
}

const DEFAULT_MIX: InputMix = { invalidOption: 0.03, omitOption: 0.15, invalidQuantity: 0.03, unknownOption: 0.02 };
const ROLES = ["salesperson", "salesperson", "manager", "manager", "intern"];
const BAD_QUANTITIES: (string | number)[] = ["0", "-3", "abc", "1e3", 0, "", "1.2.3"];

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
const int = (rnd: () => number, below: number): number => Math.floor(rnd() * below);

/** A decimal on the option's grid: min + k × step, sometimes written with a trailing zero or as a JSON integer. */
function validDecimal(option: GeneratedOption, rnd: () => number): string | number {
  const min = new Big(option.min ?? "0");
  const step = new Big(option.step ?? "1");
  const max = option.max === undefined ? min.plus(step.times(100)) : new Big(option.max);
  const steps = Number(max.minus(min).div(step).round(0, Big.roundDown).toString());
  // half of the values near the minimum, where the narrow tiers of a price book are
  const roll = rnd();
  const value = min.plus(step.times(int(rnd, roll < 0.5 ? Math.min(steps + 1, 60) : steps + 1)));
  if (roll < 0.05 && value.eq(value.round(0)) && value.abs().lt(1e9)) return Number(value.toString());
  const text = value.toFixed();
  if (roll < 0.1) return text.includes(".") ? `${text}0` : `${text}.0`;
  return text;
}

function invalidDecimal(option: GeneratedOption, rnd: () => number): unknown {
  const min = new Big(option.min ?? "0");
  const step = new Big(option.step ?? "1");
  const choices: unknown[] = [true, "wide", 2.5, [min.toString()]];
  if (option.step !== undefined) choices.push(min.plus(step.div(2)).toString());
  if (option.min !== undefined) choices.push(min.minus(step).toString());
  if (option.max !== undefined) choices.push(new Big(option.max).plus(step).toString());
  return pick(rnd, choices);
}

function shuffled<T>(rnd: () => number, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = int(rnd, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function validValue(option: GeneratedOption, rnd: () => number): unknown {
  const texts = (option.values ?? []).map((v) => v.value);
  switch (option.type) {
    case "decimal":
      return validDecimal(option, rnd);
    case "enum":
      return pick(rnd, texts);
    case "bool":
      return rnd() < 0.5;
    case "multi": {
      const low = option.min_count ?? 0;
      const high = Math.min(option.max_count ?? texts.length, texts.length);
      return shuffled(rnd, texts).slice(0, low + int(rnd, high - low + 1));
    }
  }
}

function invalidValue(option: GeneratedOption, rnd: () => number): unknown {
  const texts = (option.values ?? []).map((v) => v.value);
  switch (option.type) {
    case "decimal":
      return invalidDecimal(option, rnd);
    case "enum":
      return pick(rnd, ["no_such_value", 3, true, null]);
    case "bool":
      return pick(rnd, ["yes", 1, [true]]);
    case "multi":
      return pick(rnd, [[texts[0], texts[0]], ["no_such_value"], texts[0], [...texts, ...texts].slice(0, 9)]);
  }
}

function quantity(rnd: () => number, mix: InputMix): string | number {
  if (rnd() < mix.invalidQuantity) return pick(rnd, BAD_QUANTITIES);
  const roll = rnd();
  if (roll < 0.1) return pick(rnd, ["0.5", "2.5", "1.25", "12.75"]);
  if (roll < 0.2) return 1 + int(rnd, 40);
  return String(1 + int(rnd, roll < 0.9 ? 12 : 60));
}

/** One random case for the options of a rule set. */
export function randomCase(options: readonly GeneratedOption[], rnd: () => number, mix: Partial<InputMix> = {}): RandomCase {
  const m = { ...DEFAULT_MIX, ...mix };
  const values: Record<string, unknown> = {};
  for (const option of options) {
    if (rnd() < m.omitOption) continue;
    values[option.key] = rnd() < m.invalidOption ? invalidValue(option, rnd) : validValue(option, rnd);
  }
  if (rnd() < m.unknownOption) values.no_such_option = "x";
  return { values, context: { quantity: quantity(rnd, m), role: pick(rnd, ROLES) } };
}

/** `count` cases from `seed`, cycling over the rule sets given. */
export function randomCases(
  ruleSets: readonly { options: readonly GeneratedOption[] }[],
  count: number,
  seed: number,
  mix: Partial<InputMix> = {},
): { ruleSet: number; case: RandomCase }[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({
    ruleSet: i % ruleSets.length,
    case: randomCase(ruleSets[i % ruleSets.length].options, rnd, mix),
  }));
}
