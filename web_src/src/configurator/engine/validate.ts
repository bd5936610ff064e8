// Validation at save (§7) and compilation in one pass: every part of the rule set is read in
// document order (the keys in the order of §2, arrays in order, expressions depth first), its
// problems recorded with their JSON paths, and its expressions compiled into functions. A rule
// set compiles only when there is no problem.
import type { Scope } from "./compiler";
import { ExpressionCompiler, MAX_NODES_PER_RULE_SET } from "./expressions";
import { inapplicableKeys, OPTION_KEYS, OPTION_TYPES, readOptionBounds, readOptionDefault, type CompiledOption } from "./options";
import { indexPath, keyPath } from "./paths";
import type { Compiled } from "./runtime";
import { StructureReader, isObject, type Json } from "./structure";
import { compileTable, IDENTIFIER, type CompiledTable } from "./tables";
import type { OptionType, Phase, Problem } from "./types";
import type { Decimal } from "./values";

export const PHASES: readonly Phase[] = ["list", "adjust", "discount", "surcharge", "final"];
const ROOT_KEYS = [
  "schema",
  "precision",
  "options",
  "tables",
  "derived",
  "constraints",
  "price_rules",
  "cost_rules",
  "guardrails",
];
const RESERVED = ["quantity", "price", "it", "tables"];
const GUARDRAIL_KEYS = ["id", "kind", "percent", "by_role", "default", "message"];

export interface CompiledRule {
  id: string;
  label: string;
  phase: Phase;
  when: Compiled | null;
  whenPath: string;
  amount: Compiled;
  amountPath: string;
}

export interface CompiledGuardrail {
  id: string;
  kind: "min_margin" | "max_discount";
  message: string;
  /** min_margin: the percent */
  percent: Decimal | null;
  byRole: Map<string, Decimal>;
  fallback: Decimal | null;
}

export interface CompiledRuleSet {
  money: number;
  division: number;
  options: CompiledOption[];
  derived: { id: string; value: Compiled }[];
  constraints: { id: string; level: "error" | "warning"; when: Compiled; whenPath: string; message: string }[];
  /** in evaluation order: by phase, then as declared */
  priceRules: CompiledRule[];
  costRules: CompiledRule[];
  guardrails: CompiledGuardrail[];
}

export type Compilation = { ok: true; ruleSet: CompiledRuleSet } | { ok: false; problems: Problem[] };

const EVERYWHERE: Scope = { optionsBefore: Infinity, derivedBefore: Infinity, price: false, iterations: [] };

class RuleSetReader extends StructureReader {
  readonly ids = new Set<string>();
  readonly compiler: ExpressionCompiler;
  readonly ruleSet: CompiledRuleSet = {
    money: 2,
    division: 6,
    options: [],
    derived: [],
    constraints: [],
    priceRules: [],
    costRules: [],
    guardrails: [],
  };

  constructor(
    problems: Problem[],
    tables: Map<string, CompiledTable>,
    options: Map<string, number>,
    derived: Map<string, number>,
  ) {
    super(problems);
    this.compiler = new ExpressionCompiler({ options, derived, tables }, problems);
  }

  /** an id or option key: an identifier, not reserved, unique across the rule set */
  id(raw: unknown, path: string): string {
    if (typeof raw !== "string" || !IDENTIFIER.test(raw)) {
      this.report("bad_identifier", path, `${JSON.stringify(raw)} is not an identifier ([a-z][a-z0-9_]{0,63})`);
      return typeof raw === "string" ? raw : "";
    }
    if (RESERVED.includes(raw)) {
      this.report("reserved_name", path, `${raw} is a reserved name`);
    } else if (this.ids.has(raw)) {
      this.report("duplicate_id", path, `${raw} is already used`);
    }
    this.ids.add(raw);
    return raw;
  }

  entries(raw: Json, key: string, read: (item: unknown, path: string, index: number) => void): void {
    if (!(key in raw)) return;
    const list = this.list(raw[key], keyPath("$", key), key);
    list?.forEach((item, index) => read(item, indexPath(keyPath("$", key), index), index));
  }

  precision(raw: unknown): void {
    const precision = this.object(raw, "$.precision", "precision", [], ["money", "division"]);
    if (precision === null) return;
    if ("money" in precision) this.ruleSet.money = this.integer(precision.money, "$.precision.money", "money", 0, 6) ?? 2;
    if ("division" in precision) {
      this.ruleSet.division = this.integer(precision.division, "$.precision.division", "division", 0, 18) ?? 6;
    }
  }

  option(raw: unknown, path: string, index: number): void {
    const item = this.object(raw, path, "an option", ["key", "type"], OPTION_KEYS);
    if (item === null) return;
    const option: CompiledOption = {
      key: "key" in item ? this.id(item.key, keyPath(path, "key")) : "",
      type: "decimal",
      values: [],
      min: null,
      max: null,
      step: null,
      minCount: null,
      maxCount: null,
      fallback: undefined,
      visibleIf: null,
      visibleIfPath: keyPath(path, "visible_if"),
    };
    if ("label" in item) this.text(item.label, keyPath(path, "label"), "label");
    let valid = OPTION_TYPES.includes(item.type as OptionType);
    if ("type" in item && !valid) {
      this.report("invalid_structure", keyPath(path, "type"), `type is one of ${OPTION_TYPES.join(", ")}`);
    }
    if (valid) {
      option.type = item.type as OptionType;
      for (const key of inapplicableKeys(option.type)) {
        if (key in item) this.report("invalid_structure", keyPath(path, key), `${key} does not apply to a ${option.type} option`);
      }
      if ((option.type === "enum" || option.type === "multi") && !("values" in item)) {
        this.report("invalid_structure", keyPath(path, "values"), `a ${option.type} option needs values`);
        valid = false;
      }
    }
    valid = readOptionBounds(this, item, path, option) && valid;
    if ("default" in item && valid && IDENTIFIER.test(option.key))
      readOptionDefault(this, item.default, keyPath(path, "default"), option);
    if ("help" in item) this.text(item.help, keyPath(path, "help"), "help");
    if ("visible_if" in item) {
      const scope: Scope = { optionsBefore: index, derivedBefore: -1, price: false, iterations: [] };
      option.visibleIf = this.compiler.expression(item.visible_if, option.visibleIfPath, scope);
    }
    this.ruleSet.options.push(option);
  }

  derived(raw: unknown, path: string, index: number): void {
    const item = this.object(raw, path, "a derived value", ["id", "value"], ["id", "value"]);
    if (item === null) return;
    const id = "id" in item ? this.id(item.id, keyPath(path, "id")) : "";
    const scope: Scope = { ...EVERYWHERE, derivedBefore: index };
    const value = "value" in item ? this.compiler.expression(item.value, keyPath(path, "value"), scope) : null;
    if (value) this.ruleSet.derived.push({ id, value });
  }

  constraint(raw: unknown, path: string): void {
    const keys = ["id", "level", "when", "message"];
    const item = this.object(raw, path, "a constraint", keys, keys);
    if (item === null) return;
    const id = "id" in item ? this.id(item.id, keyPath(path, "id")) : "";
    if ("level" in item && item.level !== "error" && item.level !== "warning") {
      this.report("invalid_structure", keyPath(path, "level"), "level is error or warning");
    }
    const whenPath = keyPath(path, "when");
    const when = "when" in item ? this.compiler.expression(item.when, whenPath, EVERYWHERE) : null;
    const message = "message" in item ? this.text(item.message, keyPath(path, "message"), "message") : null;
    if (when)
      this.ruleSet.constraints.push({
        id,
        level: item.level === "error" ? "error" : "warning",
        when,
        whenPath,
        message: message ?? "",
      });
  }

  rule(raw: unknown, path: string, priced: boolean): void {
    const required = priced ? ["id", "phase", "amount"] : ["id", "amount"];
    const allowed = priced ? ["id", "phase", "label", "when", "amount"] : ["id", "when", "amount"];
    const item = this.object(raw, path, priced ? "a price rule" : "a cost rule", required, allowed);
    if (item === null) return;
    const id = "id" in item ? this.id(item.id, keyPath(path, "id")) : "";
    if ("phase" in item && !PHASES.includes(item.phase as Phase)) {
      this.report("invalid_structure", keyPath(path, "phase"), `phase is one of ${PHASES.join(", ")}`);
    }
    const label = "label" in item ? this.text(item.label, keyPath(path, "label"), "label") : null;
    const whenPath = keyPath(path, "when");
    const when = "when" in item ? this.compiler.expression(item.when, whenPath, EVERYWHERE) : null;
    const amountPath = keyPath(path, "amount");
    const scope: Scope = { ...EVERYWHERE, price: priced };
    const amount = "amount" in item ? this.compiler.expression(item.amount, amountPath, scope) : null;
    if (amount === null) return;
    const rule: CompiledRule = {
      id,
      label: label ?? id,
      phase: (item.phase as Phase) ?? "list",
      when,
      whenPath,
      amount,
      amountPath,
    };
    (priced ? this.ruleSet.priceRules : this.ruleSet.costRules).push(rule);
  }

  guardrail(raw: unknown, path: string): void {
    const item = this.object(raw, path, "a guardrail", ["id", "kind", "message"], GUARDRAIL_KEYS);
    if (item === null) return;
    const id = "id" in item ? this.id(item.id, keyPath(path, "id")) : "";
    const kind = item.kind;
    if ("kind" in item && kind !== "min_margin" && kind !== "max_discount") {
      this.report("invalid_structure", keyPath(path, "kind"), "kind is min_margin or max_discount");
    }
    const inapplicable = kind === "min_margin" ? ["by_role", "default"] : kind === "max_discount" ? ["percent"] : [];
    for (const key of inapplicable) {
      if (key in item) this.report("invalid_structure", keyPath(path, key), `${key} does not apply to ${kind}`);
    }
    if (kind === "min_margin" && !("percent" in item))
      this.report("invalid_structure", keyPath(path, "percent"), "min_margin needs percent");
    const percent = "percent" in item ? this.decimal(item.percent, keyPath(path, "percent"), "percent") : null;
    const byRole = new Map<string, Decimal>();
    if ("by_role" in item) {
      const rolesPath = keyPath(path, "by_role");
      const roles = isObject(item.by_role) ? item.by_role : null;
      if (roles === null) this.report("invalid_structure", rolesPath, "by_role maps a role to a percent");
      for (const [role, limit] of Object.entries(roles ?? {})) {
        const rolePath = keyPath(rolesPath, role);
        if (!IDENTIFIER.test(role)) this.report("bad_identifier", rolePath, "a role is an identifier");
        const value = this.decimal(limit, rolePath, "a role's limit");
        if (value !== null) byRole.set(role, value);
      }
    }
    const fallback = "default" in item ? this.decimal(item.default, keyPath(path, "default"), "default") : null;
    const message = "message" in item ? (this.text(item.message, keyPath(path, "message"), "message") ?? "") : "";
    if (kind === "min_margin" || kind === "max_discount")
      this.ruleSet.guardrails.push({ id, kind, message, percent, byRole, fallback });
  }
}

/** option keys and derived ids by position, gathered first so that a later name reads as forward_reference */
function declaredNames(raw: Json, key: string, idKey: string): Map<string, number> {
  const names = new Map<string, number>();
  const list = raw[key];
  if (!Array.isArray(list)) return names;
  list.forEach((item, index) => {
    const name = isObject(item) ? item[idKey] : undefined;
    if (typeof name === "string" && !names.has(name)) names.set(name, index);
  });
  return names;
}

function readTables(raw: Json, problems: Problem[]): Map<string, CompiledTable> {
  const tables = new Map<string, CompiledTable>();
  if (!("tables" in raw)) return tables;
  const reader = new StructureReader(problems);
  if (!isObject(raw.tables)) {
    reader.report("invalid_structure", "$.tables", "tables maps a name to a table");
    return tables;
  }
  for (const [name, table] of Object.entries(raw.tables)) {
    const path = keyPath("$.tables", name);
    if (!IDENTIFIER.test(name)) reader.report("bad_identifier", path, "a table name is an identifier ([a-z][a-z0-9_]{0,63})");
    const compiled = compileTable(table, path, problems);
    if (compiled) tables.set(name, compiled);
  }
  return tables;
}

/** checks a rule set (§7) and, when it has no problem, compiles it for evaluation */
export function compileRuleSet(content: unknown): Compilation {
  const problems: Problem[] = [];
  const root = new StructureReader(problems).object(content, "$", "a rule set", ["schema", "options"], ROOT_KEYS);
  if (root === null) return { ok: false, problems };
  const tableProblems: Problem[] = [];
  const tables = readTables(root, tableProblems);
  const r = new RuleSetReader(problems, tables, declaredNames(root, "options", "key"), declaredNames(root, "derived", "id"));
  if ("schema" in root && root.schema !== 1) r.report("invalid_structure", "$.schema", "schema must be 1");
  if ("precision" in root) r.precision(root.precision);
  r.entries(root, "options", (item, path, index) => r.option(item, path, index));
  problems.push(...tableProblems);
  r.entries(root, "derived", (item, path, index) => r.derived(item, path, index));
  r.entries(root, "constraints", (item, path) => r.constraint(item, path));
  r.entries(root, "price_rules", (item, path) => r.rule(item, path, true));
  r.entries(root, "cost_rules", (item, path) => r.rule(item, path, false));
  r.entries(root, "guardrails", (item, path) => r.guardrail(item, path));
  if (r.compiler.nodes > MAX_NODES_PER_RULE_SET) {
    r.report(
      "too_many_nodes",
      "$",
      `a rule set has at most ${MAX_NODES_PER_RULE_SET} expression nodes, this one ${r.compiler.nodes}`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  const ruleSet = r.ruleSet;
  ruleSet.priceRules = PHASES.flatMap((phase) => ruleSet.priceRules.filter((rule) => rule.phase === phase));
  return { ok: true, ruleSet };
}
