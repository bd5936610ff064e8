// The bench's alternative in the browser: the same rule set run by json-logic-js (the de-facto
// JSON Logic engine) on binary floats, as a team would without our interpreter. Expressions are
// translated once (decimal strings → numbers; `round`, `sum` and `table_lookup` added as the
// custom operations one would write), then derived values, constraints, price phases, costs,
// totals and guardrails run in the order of docs/configurator_rules.md §6. It checks no input:
// it does less work than our engine.
import jsonLogic, { type RulesLogic } from "json-logic-js";

const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
const PHASES = ["list", "adjust", "discount", "surcharge", "final"];

interface Table {
  columns: string[];
  rows: unknown[][];
  ranges?: Record<string, [string, string]>;
}
interface Rule {
  id: string;
  value?: unknown;
  when?: unknown;
  amount?: unknown;
  phase?: string;
  level?: string;
  kind?: string;
  percent?: string;
  by_role?: Record<string, string>;
  default?: string;
}
export interface BenchRuleSet {
  options: { key: string; default?: unknown }[];
  tables: Record<string, Table>;
  derived: Rule[];
  constraints: Rule[];
  price_rules: Rule[];
  cost_rules: Rule[];
  guardrails: Rule[];
}

const asNumber = (value: unknown): unknown => (typeof value === "string" && DECIMAL.test(value) ? Number(value) : value);

export function translate(expr: unknown): unknown {
  if (Array.isArray(expr)) return expr.map(translate);
  if (expr === null || typeof expr !== "object") return asNumber(expr);
  const [op, raw] = Object.entries(expr)[0];
  const args = Array.isArray(raw) ? raw : [raw];
  if (op === "var") {
    // json-logic-js gives an iteration's body the element as its whole data: `it` is "", `it.x` is "x"
    const raw = String(args[0]);
    const name = raw === "it" ? "" : raw.startsWith("it.") ? raw.slice(3) : raw;
    return { var: args.length > 1 ? [name, translate(args[1])] : name };
  }
  if (op === "table_lookup") {
    const [table, match, column] = args as [string, Record<string, unknown>, string];
    return { table_lookup: [table, column, ...Object.entries(match).flatMap(([k, e]) => [k, translate(e)])] };
  }
  return { [op]: args.map(translate) };
}

let currentTables: Record<string, Table> = {};
let operationsAdded = false;

function addOperations(): void {
  if (operationsAdded) return;
  operationsAdded = true;
  jsonLogic.add_operation("round", (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places);
  jsonLogic.add_operation("sum", (list: number[]) => list.reduce((a, b) => a + b, 0));
  jsonLogic.add_operation("table_lookup", (name: string, column: string, ...pairs: unknown[]) => {
    const table = currentTables[name];
    const index = (col: string) => table.columns.indexOf(col);
    const row = table.rows.find((r) => {
      for (let i = 0; i < pairs.length; i += 2) {
        const key = pairs[i] as string;
        const value = pairs[i + 1];
        const range = table.ranges?.[key];
        if (range) {
          const from = r[index(range[0])];
          const to = r[index(range[1])];
          if ((from !== null && (value as number) < Number(from)) || (to !== null && (value as number) >= Number(to)))
            return false;
        } else if (asNumber(r[index(key)]) !== value) return false;
      }
      return true;
    });
    if (!row) throw new Error(`no row of ${name}`);
    return asNumber(row[index(column)]);
  });
}

export interface FloatEvaluation {
  phases: Record<string, number>;
  unit_price: number;
  total: number;
  unit_cost: number;
  margin_percent: number | null;
  discount_percent: number;
  errors: string[];
  warnings: string[];
  guardrails: string[];
}

/** Translates a rule set once; the returned function evaluates one input with json-logic-js. */
export function compileForJsonLogic(
  content: BenchRuleSet,
): (values: Record<string, unknown>, quantity: string, role: string) => FloatEvaluation {
  addOperations();
  const t = (rules: Rule[], key: "value" | "when" | "amount") =>
    rules.map((r) => ({ ...r, [key]: r[key] === undefined ? undefined : (translate(r[key]) as RulesLogic) }));
  const derived = t(content.derived, "value");
  const constraints = t(content.constraints, "when");
  const priceRules = PHASES.flatMap((phase) => t(t(content.price_rules, "when"), "amount").filter((r) => r.phase === phase));
  const costRules = t(t(content.cost_rules, "when"), "amount");
  const tableRows: Record<string, Record<string, unknown>[]> = {};
  for (const [name, table] of Object.entries(content.tables)) {
    tableRows[name] = table.rows.map((row) => Object.fromEntries(table.columns.map((c, i) => [c, asNumber(row[i])])));
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return (values, quantity, role) => {
    currentTables = content.tables;
    const data: Record<string, unknown> = { tables: tableRows, quantity: Number(quantity) };
    for (const option of content.options) data[option.key] = asNumber(values[option.key] ?? option.default);
    for (const rule of derived) data[rule.id] = jsonLogic.apply(rule.value as RulesLogic, data);
    const errors: string[] = [];
    const warnings: string[] = [];
    for (const rule of constraints) {
      if (jsonLogic.apply(rule.when as RulesLogic, data) === true) (rule.level === "error" ? errors : warnings).push(rule.id);
    }
    const phase: Record<string, number> = { list: 0, adjust: 0, discount: 0, surcharge: 0, final: 0 };
    let price = 0;
    for (const rule of priceRules) {
      data.price = price;
      if (rule.when !== undefined && jsonLogic.apply(rule.when as RulesLogic, data) !== true) continue;
      const amount = jsonLogic.apply(rule.amount as RulesLogic, data) as number;
      price += amount;
      phase[rule.phase as string] += amount;
    }
    let cost = 0;
    for (const rule of costRules) {
      if (rule.when !== undefined && jsonLogic.apply(rule.when as RulesLogic, data) !== true) continue;
      cost += jsonLogic.apply(rule.amount as RulesLogic, data) as number;
    }
    const unitPrice = round2(price);
    const unitCost = round2(cost);
    const base = phase.list + phase.adjust;
    const discount = base === 0 ? 0 : (-phase.discount * 100) / base;
    const margin = unitPrice === 0 ? null : ((unitPrice - unitCost) * 100) / unitPrice;
    const guardrails = content.guardrails
      .filter((g) => {
        if (g.kind === "min_margin") return margin === null || margin < Number(g.percent);
        const limit = g.by_role?.[role] ?? g.default;
        return limit !== undefined && discount > Number(limit);
      })
      .map((g) => g.id);
    return {
      phases: phase,
      unit_price: unitPrice,
      total: round2(unitPrice * Number(quantity)),
      unit_cost: unitCost,
      margin_percent: margin,
      discount_percent: discount,
      errors,
      warnings,
      guardrails,
    };
  };
}
