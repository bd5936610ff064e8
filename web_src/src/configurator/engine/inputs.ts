// Step 1 of an evaluation (§6): the options' values from the configurator's input, in declared
// order (visible_if first, then the input, the default or `required`), and the line's quantity.
// Every input error is collected: options in declared order (one error each), then keys that are
// not options (code-point order), then the quantity.
import { checkOptionValue } from "./options";
import { byCodePoint, isObject } from "./structure";
import { needBool, type Env } from "./runtime";
import { RuntimeFault, type EvaluationContext, type InputError, type ValuesError } from "./types";
import type { CompiledRuleSet } from "./validate";
import { ONE, toDecimal, ZERO, type Decimal } from "./values";

/** the quantity of the context: a decimal above 0, "1" when absent; null when refused */
export function readQuantity(context: EvaluationContext): Decimal | null {
  const raw = context.quantity;
  if (raw === undefined || raw === null) return ONE;
  const quantity = toDecimal(raw);
  return quantity !== null && quantity.gt(ZERO) ? quantity : null;
}

/**
 * The options in declared order: visible_if, then the input, the default or `required`. An option
 * with an input error counts as null for the visible_if of later options. `shown` receives each
 * option's visibility.
 */
function readOptions(
  ruleSet: CompiledRuleSet,
  values: Record<string, unknown>,
  env: Env,
  shown: (key: string, visible: boolean) => void,
): InputError[] {
  const errors: InputError[] = [];
  ruleSet.options.forEach((option, index) => {
    env.slots[index] = null;
    const visible = option.visibleIf === null || needBool(option.visibleIf(env), option.visibleIfPath);
    shown(option.key, visible);
    if (!visible) return;
    const raw = Object.prototype.hasOwnProperty.call(values, option.key) ? values[option.key] : null;
    if (raw === null || raw === undefined) {
      if (option.fallback !== undefined) {
        env.slots[index] = option.fallback;
      } else {
        errors.push({ code: "required", option: option.key, message: "a value is required" });
      }
      return;
    }
    const checked = checkOptionValue(option, raw);
    if (checked.ok) {
      env.slots[index] = checked.value;
    } else {
      errors.push({ code: checked.code, option: option.key, message: checked.message });
    }
  });
  return errors;
}

/** fills env.slots with the options' values; returns the input errors (runtime errors are thrown) */
export function readInputs(
  ruleSet: CompiledRuleSet,
  values: unknown,
  context: EvaluationContext,
  env: Env,
): InputError[] | [ValuesError] {
  if (!isObject(values))
    return [{ code: "wrong_type", option: null, message: "the values must be an object: option key → value" }];
  const quantity = readQuantity(context);
  env.quantity = quantity ?? ONE;
  const errors = readOptions(ruleSet, values, env, () => undefined);
  const known = new Set(ruleSet.options.map((option) => option.key));
  for (const key of Object.keys(values).sort(byCodePoint)) {
    if (!known.has(key)) errors.push({ code: "unknown_option", option: key, message: `there is no option ${key}` });
  }
  if (quantity === null) {
    errors.push({ code: "bad_quantity", option: "quantity", message: "the quantity must be a decimal above 0" });
  }
  return errors;
}

/**
 * Which options are shown for these values, as step 1 computes it; an option whose visible_if
 * raises a runtime error is hidden, and so are the options after it. Never throws.
 */
export function readVisibility(ruleSet: CompiledRuleSet, values: unknown, env: Env): Record<string, boolean> {
  const visibility: Record<string, boolean> = {};
  for (const option of ruleSet.options) visibility[option.key] = false;
  try {
    readOptions(ruleSet, isObject(values) ? values : {}, env, (key, visible) => {
      visibility[key] = visible;
    });
  } catch (error) {
    if (!(error instanceof RuntimeFault)) throw error;
  }
  return visibility;
}
