// The configurator's rule engine (docs/configurator_rules.md): validate a rule set, compile it
// once, evaluate it for many inputs. Pure TypeScript on big.js; nothing in a rule set can run code.
import { run, visibility } from "./evaluate";
import type { Evaluation, EvaluationContext, Problem, RuleSet } from "./types";
import { compileRuleSet, type CompiledRuleSet } from "./validate";

export type {
  BreakdownLine,
  ConstraintError,
  Evaluation,
  EvaluationContext,
  FailedEvaluation,
  GuardrailBreach,
  InputError,
  PricedEvaluation,
  Problem,
  RuleSet,
  RuleSetOption,
  RuleSetOption as OptionSpec,
  RuntimeError,
  ValuesError,
} from "./types";

/** a rule set ready to evaluate: compile once, evaluate per input */
export interface Evaluator {
  evaluate(values: Record<string, unknown>, context?: EvaluationContext): Evaluation;
  /** option key → shown, for values that may not evaluate (input errors); never throws */
  visibleOptions(values: Record<string, unknown>): Record<string, boolean>;
}

/** the problems of a rule set at save (§7), in document order; [] when it is valid */
export function validate(content: unknown): Problem[] {
  const compilation = compileRuleSet(content);
  return compilation.ok ? [] : compilation.problems;
}

/** An invalid rule set cannot be evaluated. */
export class InvalidRuleSetError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`invalid rule set: ${problems.map((problem) => `${problem.path} ${problem.code}`).join("; ")}`);
  }
}

/** validates and compiles a rule set; throws InvalidRuleSetError listing its problems */
export function compile(content: unknown): Evaluator {
  const compilation = compileRuleSet(content);
  if (!compilation.ok) throw new InvalidRuleSetError(compilation.problems);
  const ruleSet: CompiledRuleSet = compilation.ruleSet;
  return {
    evaluate: (values, context) => run(ruleSet, values, context),
    visibleOptions: (values) => visibility(ruleSet, values),
  };
}

/** compiles and evaluates in one call (§6); prefer compile() when evaluating the same rule set again */
export function evaluate(content: RuleSet, values: Record<string, unknown>, context?: EvaluationContext): Evaluation {
  return compile(content).evaluate(values, context);
}

/** option key → shown for these values, computed as step 1 of an evaluation does; never throws ({} for an invalid rule set) */
export function visibleOptions(content: RuleSet, values: Record<string, unknown>): Record<string, boolean> {
  const compilation = compileRuleSet(content);
  return compilation.ok ? visibility(compilation.ruleSet, values) : {};
}
