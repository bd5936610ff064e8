// Steps 2–7 of an evaluation (§6): derived values, constraints, price rules phase by phase, cost
// rules, totals and guardrails, on a compiled rule set. A runtime error at any step stops it:
// the output is then only `ok: false` and that error.
import { readInputs, readVisibility } from "./inputs";
import { checked, needBool, needDecimal, type Env } from "./runtime";
import {
  RuntimeFault,
  type BreakdownLine,
  type ConstraintError,
  type Evaluation,
  type EvaluationContext,
  type GuardrailBreach,
  type Phase,
  type PricedEvaluation,
} from "./types";
import { PHASES, type CompiledRuleSet } from "./validate";
import {
  decimalText,
  divide,
  HUNDRED,
  isZero,
  moneyText,
  outputValue,
  roundHalfUp,
  ZERO,
  type Decimal,
  type OutputValue,
} from "./values";

const TOTALS_PATH = "$";

/** which options the configurator shows for these values (step 1 of §6, never throwing) */
export function visibility(ruleSet: CompiledRuleSet, values: unknown): Record<string, boolean> {
  return readVisibility(ruleSet, values, newEnv(ruleSet));
}

function percentOf(numerator: Decimal, denominator: Decimal, places: number): Decimal {
  return checked(divide(numerator.times(HUNDRED), denominator, places), TOTALS_PATH);
}

function priced(ruleSet: CompiledRuleSet, env: Env, context: EvaluationContext): PricedEvaluation {
  const trace: string[] = [];
  const optionCount = ruleSet.options.length;
  const values: Record<string, OutputValue> = {};
  ruleSet.options.forEach((option, index) => {
    values[option.key] = outputValue(env.slots[index]);
  });

  const derived: Record<string, OutputValue> = {};
  ruleSet.derived.forEach((item, index) => {
    const value = item.value(env);
    env.slots[optionCount + index] = value;
    derived[item.id] = outputValue(value);
    trace.push(`derived:${item.id}`);
  });

  const errors: ConstraintError[] = [];
  const warnings: ConstraintError[] = [];
  for (const constraint of ruleSet.constraints) {
    if (!needBool(constraint.when(env), constraint.whenPath)) continue;
    (constraint.level === "error" ? errors : warnings).push({
      code: "constraint",
      rule: constraint.id,
      message: constraint.message,
    });
    trace.push(`constraint:${constraint.id}`);
  }

  const subtotals: Record<Phase, Decimal> = { list: ZERO, adjust: ZERO, discount: ZERO, surcharge: ZERO, final: ZERO };
  const breakdown: BreakdownLine[] = [];
  env.price = ZERO;
  for (const rule of ruleSet.priceRules) {
    if (rule.when !== null && !needBool(rule.when(env), rule.whenPath)) continue;
    const amount = needDecimal(rule.amount(env), rule.amountPath);
    env.price = checked(env.price.plus(amount), rule.amountPath);
    subtotals[rule.phase] = checked(subtotals[rule.phase].plus(amount), rule.amountPath);
    breakdown.push({ rule: rule.id, phase: rule.phase, label: rule.label, amount: decimalText(amount) });
    trace.push(`price:${rule.id}`);
  }
  const price = env.price;
  env.price = null;

  let cost = ZERO;
  for (const rule of ruleSet.costRules) {
    if (rule.when !== null && !needBool(rule.when(env), rule.whenPath)) continue;
    cost = checked(cost.plus(needDecimal(rule.amount(env), rule.amountPath)), rule.amountPath);
    trace.push(`cost:${rule.id}`);
  }

  const money = ruleSet.money;
  const unitPrice = roundHalfUp(price, money);
  const total = checked(roundHalfUp(unitPrice.times(env.quantity), money), TOTALS_PATH);
  const unitCost = roundHalfUp(cost, money);
  const totalCost = checked(roundHalfUp(unitCost.times(env.quantity), money), TOTALS_PATH);
  const base = subtotals.list.plus(subtotals.adjust);
  const discount = isZero(base) ? ZERO : percentOf(ZERO.minus(subtotals.discount), base, ruleSet.division);
  const margin = isZero(unitPrice) ? null : percentOf(unitPrice.minus(unitCost), unitPrice, ruleSet.division);

  // no role: only a guardrail's default applies
  const role = typeof context.role === "string" ? context.role : null;
  const guardrails: GuardrailBreach[] = [];
  for (const guardrail of ruleSet.guardrails) {
    if (guardrail.kind === "min_margin") {
      const limit = guardrail.percent ?? ZERO;
      if (margin !== null && margin.gte(limit)) continue;
      guardrails.push({ ...breach(guardrail), limit: decimalText(limit), actual: margin === null ? null : decimalText(margin) });
    } else {
      const limit = (role === null ? undefined : guardrail.byRole.get(role)) ?? guardrail.fallback;
      if (limit === null || discount.lte(limit)) continue;
      guardrails.push({ ...breach(guardrail), limit: decimalText(limit), actual: decimalText(discount) });
    }
    trace.push(`guardrail:${guardrail.id}`);
  }

  const phases = {} as Record<Phase, string>;
  for (const phase of PHASES) phases[phase] = decimalText(subtotals[phase]);
  return {
    ok: errors.length === 0,
    values,
    derived,
    phases,
    unit_price: moneyText(unitPrice, money),
    total: moneyText(total, money),
    unit_cost: moneyText(unitCost, money),
    total_cost: moneyText(totalCost, money),
    discount_percent: decimalText(discount),
    margin_percent: margin === null ? null : decimalText(margin),
    errors,
    warnings,
    guardrails,
    breakdown,
    trace,
  };
}

function breach(guardrail: CompiledRuleSet["guardrails"][number]): Pick<GuardrailBreach, "id" | "kind" | "message"> {
  return { id: guardrail.id, kind: guardrail.kind, message: guardrail.message };
}

function newEnv(ruleSet: CompiledRuleSet): Env {
  return {
    slots: new Array(ruleSet.options.length + ruleSet.derived.length).fill(null),
    quantity: ZERO,
    price: null,
    its: [],
    steps: 0,
    divisionPlaces: ruleSet.division,
  };
}

/** evaluates a compiled rule set for one input (§6) */
export function run(ruleSet: CompiledRuleSet, values: unknown, context: EvaluationContext = {}): Evaluation {
  const env = newEnv(ruleSet);
  try {
    const inputErrors = readInputs(ruleSet, values, context ?? {}, env);
    if (inputErrors.length > 0) return { ok: false, errors: inputErrors };
    return priced(ruleSet, env, context ?? {});
  } catch (error) {
    if (error instanceof RuntimeFault) {
      return { ok: false, errors: [{ code: error.code, path: error.path, message: error.message }] };
    }
    throw error;
  }
}
