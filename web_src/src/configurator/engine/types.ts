// The shapes at the engine's edges: the rule set as written (docs/configurator_rules.md §2), the
// problems validation finds (§7), the errors of an evaluation and its output (§6).
import type { OutputValue } from "./values";

export type ValidationCode =
  | "invalid_structure"
  | "bad_number"
  | "bad_identifier"
  | "duplicate_id"
  | "reserved_name"
  | "unknown_operator"
  | "bad_arity"
  | "bad_argument"
  | "unknown_variable"
  | "forward_reference"
  | "unknown_table"
  | "unknown_column"
  | "bad_table"
  | "bad_default"
  | "too_deep"
  | "too_many_nodes";

export type RuntimeCode = "type_mismatch" | "missing_value" | "division_by_zero" | "too_large" | "no_match" | "limit_exceeded";

export type InputCode =
  | "unknown_option"
  | "wrong_type"
  | "not_in_values"
  | "below_min"
  | "above_max"
  | "off_step"
  | "too_few"
  | "too_many"
  | "duplicate_value"
  | "required"
  | "bad_quantity";

/** a validation problem: where in the rule set (a JSON path such as `$.price_rules[2].amount["+"][1]`) and what */
export interface Problem {
  code: ValidationCode;
  path: string;
  message: string;
}

/** an expression as JSON Logic writes it */
export type Expression = unknown;

export type OptionType = "decimal" | "enum" | "bool" | "multi";

export interface RuleSetOption {
  key: string;
  label?: string;
  type: OptionType;
  help?: string;
  values?: { value: string; label?: string }[];
  min?: string | number;
  max?: string | number;
  step?: string | number;
  min_count?: number;
  max_count?: number;
  default?: unknown;
  visible_if?: Expression;
}

export interface RuleSetTable {
  columns: string[];
  rows: unknown[][];
  ranges?: Record<string, [string, string]>;
}

export type Phase = "list" | "adjust" | "discount" | "surcharge" | "final";

export interface RuleSet {
  schema: 1;
  precision?: { money?: number; division?: number };
  options: RuleSetOption[];
  tables?: Record<string, RuleSetTable>;
  derived?: { id: string; label?: string; value: Expression }[];
  constraints?: { id: string; level: "error" | "warning"; when: Expression; message: string }[];
  price_rules?: { id: string; phase: Phase; label?: string; when?: Expression; amount: Expression }[];
  cost_rules?: { id: string; label?: string; when?: Expression; amount: Expression }[];
  guardrails?: (
    | { id: string; kind: "min_margin"; percent: string | number; message: string }
    | { id: string; kind: "max_discount"; by_role?: Record<string, string | number>; default?: string | number; message: string }
  )[];
}

export interface EvaluationContext {
  quantity?: string | number | null;
  role?: string | null;
}

export interface ConstraintError {
  code: "constraint";
  rule: string;
  message: string;
}

export interface InputError {
  code: InputCode;
  /** the option's key; "quantity" for bad_quantity */
  option: string;
  message: string;
}

/** the values are not an object at all (option key → value) */
export interface ValuesError {
  code: "wrong_type";
  option: null;
  message: string;
}

export interface RuntimeError {
  code: RuntimeCode;
  path: string;
  message: string;
}

export interface GuardrailBreach {
  id: string;
  kind: "min_margin" | "max_discount";
  limit: string;
  actual: string | null;
  message: string;
}

export interface BreakdownLine {
  rule: string;
  phase: Phase;
  label: string;
  amount: string;
}

export interface PricedEvaluation {
  ok: boolean;
  values: Record<string, OutputValue>;
  derived: Record<string, OutputValue>;
  phases: Record<Phase, string>;
  unit_price: string;
  total: string;
  unit_cost: string;
  total_cost: string;
  discount_percent: string;
  margin_percent: string | null;
  errors: ConstraintError[];
  warnings: ConstraintError[];
  guardrails: GuardrailBreach[];
  breakdown: BreakdownLine[];
  trace: string[];
}

/** input errors stop before any price; a runtime error stops everything */
export interface FailedEvaluation {
  ok: false;
  errors: InputError[] | [ValuesError] | [RuntimeError];
}

export type Evaluation = PricedEvaluation | FailedEvaluation;

/** a runtime error raised while evaluating, caught by evaluate() and returned as the output */
export class RuntimeFault extends Error {
  constructor(
    readonly code: RuntimeCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
