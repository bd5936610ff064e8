// Compiles one expression (JSON Logic syntax, §4) into a function, checking it on the way:
// operators from the closed list, argument counts, names (§3), literals, and the limits of §5.
// Problems are recorded in document order (depth first); a rule set with any problem never runs.
import { NEVER_RUN, recordProblem, type Arg, type Compiler, type Names, type OperatorCompiler, type Scope } from "./compiler";
import { LIST_OPERATORS } from "./iterations";
import { BASIC_OPERATORS } from "./operators";
import { indexPath, keyPath } from "./paths";
import { MAX_LIST, mismatch, type Compiled } from "./runtime";
import { isObject } from "./structure";
import { tableLookup, tableRows } from "./tables";
import type { Problem, ValidationCode } from "./types";
import { looksDecimal, readDecimalText, readJsonNumber, Row, type Value } from "./values";

export const MAX_DEPTH = 32;
export const MAX_NODES_PER_EXPRESSION = 2_000;
export const MAX_NODES_PER_RULE_SET = 50_000;

const OPERATORS: Record<string, OperatorCompiler> = {
  ...BASIC_OPERATORS,
  ...LIST_OPERATORS,
  table_lookup: tableLookup,
  var: (c, args, path, depth, scope) => (c as ExpressionCompiler).variable(args, path, depth, scope),
  missing: (c, args, path, _depth, scope) => (c as ExpressionCompiler).missingKeys(args, path, scope),
};

/** the literal arguments that belong to their operator's node (all of them for missing) */
const OWN_LITERALS: Record<string, number[] | null> = { var: [0], round: [1], missing: null, table_lookup: [0, 2] };

/**
 * The nodes of an expression as §5 counts them: every literal, list literal and operator node, except
 * the literal arguments that belong to their operator; table_lookup's match object is not a node, its
 * values are.
 */
export function countNodes(raw: unknown): number {
  // an explicit stack: a hostile document may nest far deeper than the call stack allows
  const pending: unknown[] = [raw];
  let count = 0;
  while (pending.length > 0) {
    const node = pending.pop();
    count += 1;
    if (Array.isArray(node)) {
      for (const element of node) pending.push(element);
      continue;
    }
    if (!isObject(node)) continue;
    const keys = Object.keys(node);
    if (keys.length !== 1) continue;
    const operator = keys[0];
    const argument = node[operator];
    const own = Object.prototype.hasOwnProperty.call(OWN_LITERALS, operator) ? OWN_LITERALS[operator] : [];
    if (own === null) continue;
    (Array.isArray(argument) ? argument : [argument]).forEach((arg, position) => {
      if (own.includes(position)) return;
      if (operator === "table_lookup" && position === 1 && isObject(arg)) {
        for (const value of Object.values(arg)) pending.push(value);
      } else {
        pending.push(arg);
      }
    });
  }
  return count;
}

function constant(value: Value): Compiled {
  return () => value;
}

export class ExpressionCompiler implements Compiler {
  /** nodes seen across the rule set */
  nodes = 0;

  constructor(
    readonly names: Names,
    readonly problems: Problem[],
  ) {}

  problem(code: ValidationCode, path: string, message: string): Compiled {
    recordProblem(this.problems, code, path, message);
    return NEVER_RUN;
  }

  arity(args: Arg[], path: string, min: number, max: number): boolean {
    if (args.length >= min && args.length <= max) return true;
    const wanted = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
    this.problem("bad_arity", path, `takes ${wanted} argument(s), got ${args.length}`);
    return false;
  }

  /** an expression at the root of a rule (`when`, `amount`, `value`, `visible_if`) */
  expression(raw: unknown, path: string, scope: Scope): Compiled {
    const count = countNodes(raw);
    this.nodes += count;
    if (count > MAX_NODES_PER_EXPRESSION) {
      this.problem("too_many_nodes", path, `an expression has at most ${MAX_NODES_PER_EXPRESSION} nodes, this one ${count}`);
    }
    return this.node(raw, path, 1, scope);
  }

  /** a node at `depth` (the root is 1) */
  node(raw: unknown, path: string, depth: number, scope: Scope): Compiled {
    if (depth > MAX_DEPTH) return this.problem("too_deep", path, `an expression nests at most ${MAX_DEPTH} levels`);
    if (raw === null || typeof raw === "boolean") return constant(raw);
    if (typeof raw === "number") {
      const reading = readJsonNumber(raw);
      if (reading.ok) return constant(reading.value);
      return this.problem("bad_number", path, 'write decimals as strings ("0.1"); JSON integers have at most 15 digits');
    }
    if (typeof raw === "string") {
      if (!looksDecimal(raw)) return constant(raw);
      const reading = readDecimalText(raw);
      if (reading.ok) return constant(reading.value);
      return this.problem("bad_number", path, "a decimal has at most 30 significant digits and 30 integer digits");
    }
    if (Array.isArray(raw)) return this.listLiteral(raw, path, depth, scope);
    if (!isObject(raw)) return this.problem("invalid_structure", path, "not an expression");
    const keys = Object.keys(raw);
    if (keys.length !== 1) return this.problem("invalid_structure", path, "an operator node has exactly one key");
    const operator = keys[0];
    const compile = Object.prototype.hasOwnProperty.call(OPERATORS, operator) ? OPERATORS[operator] : undefined;
    if (compile === undefined) return this.problem("unknown_operator", path, `unknown operator ${JSON.stringify(operator)}`);
    const argument = raw[operator];
    const argsPath = keyPath(path, operator);
    const args: Arg[] = Array.isArray(argument)
      ? argument.map((element, index) => ({ raw: element, path: indexPath(argsPath, index) }))
      : [{ raw: argument, path: argsPath }];
    return compile(this, args, path, depth, scope);
  }

  private listLiteral(raw: unknown[], path: string, depth: number, scope: Scope): Compiled {
    if (raw.length > MAX_LIST) return this.problem("bad_argument", path, `a list has at most ${MAX_LIST} elements`);
    const elements = raw.map((element, index) => this.node(element, indexPath(path, index), depth + 1, scope));
    return (env) => elements.map((element) => element(env));
  }

  /** `var` (§3): a literal name, with an optional default expression */
  variable(args: Arg[], path: string, depth: number, scope: Scope): Compiled {
    if (!this.arity(args, path, 1, 2)) return NEVER_RUN;
    const [{ raw: name }, defaultArg] = args;
    const read =
      typeof name === "string" && name !== ""
        ? this.resolve(name, path, scope)
        : this.problem("bad_argument", path, "var takes a literal name");
    const fallback = defaultArg ? this.node(defaultArg.raw, defaultArg.path, depth + 1, scope) : null;
    if (fallback === null) return read;
    return (env) => {
      const value = read(env);
      const otherwise = fallback(env);
      return value === null ? otherwise : value;
    };
  }

  private resolve(name: string, path: string, scope: Scope): Compiled {
    if (name === "quantity") return (env) => env.quantity;
    if (name === "price") {
      if (!scope.price) return this.problem("unknown_variable", path, "price is readable only in a price rule's amount");
      return (env) => env.price;
    }
    if (name === "it" || name.startsWith("it.")) return this.element(name, path, scope);
    if (name.startsWith("tables.")) {
      const table = this.names.tables.get(name.slice(7));
      if (!table) return this.problem("unknown_table", path, `no table ${name.slice(7)}`);
      return tableRows(table);
    }
    const option = this.names.options.get(name);
    if (option !== undefined) {
      if (option >= scope.optionsBefore) {
        return this.problem("forward_reference", path, `option ${name} is declared later`);
      }
      return (env) => env.slots[option];
    }
    const derived = this.names.derived.get(name);
    if (derived !== undefined) {
      if (derived >= scope.derivedBefore) {
        return this.problem("forward_reference", path, `derived value ${name} is not available here yet`);
      }
      const slot = this.names.options.size + derived;
      return (env) => env.slots[slot];
    }
    return this.problem("unknown_variable", path, `unknown name ${name}`);
  }

  /** `it` / `it.column`: the innermost iteration's element */
  private element(name: string, path: string, scope: Scope): Compiled {
    if (scope.iterations.length === 0) return this.problem("unknown_variable", path, "it is readable only inside an iteration");
    if (name === "it") return (env) => env.its[env.its.length - 1];
    const tableName = scope.iterations[scope.iterations.length - 1];
    const table = tableName === null ? undefined : this.names.tables.get(tableName);
    if (!table) return this.problem("unknown_variable", path, `${name}: the iterated list is not a table's rows`);
    const column = name.slice(3);
    const index = table.columns.indexOf(column);
    if (index < 0) return this.problem("unknown_column", path, `table ${tableName} has no column ${column}`);
    return (env) => {
      const row = env.its[env.its.length - 1];
      if (!(row instanceof Row)) throw mismatch(path, "a table row", row);
      return row.cells[index];
    };
  }

  /** `missing`: the literal option keys whose value is null, in argument order */
  missingKeys(args: Arg[], path: string, scope: Scope): Compiled {
    if (!this.arity(args, path, 1, Number.POSITIVE_INFINITY)) return NEVER_RUN;
    const slots: [string, number][] = [];
    for (const arg of args) {
      if (typeof arg.raw !== "string") {
        this.problem("bad_argument", arg.path, "missing takes literal option keys");
        continue;
      }
      const option = this.names.options.get(arg.raw);
      if (option === undefined) {
        this.problem("unknown_variable", arg.path, `no option ${arg.raw}`);
      } else if (option >= scope.optionsBefore) {
        this.problem("forward_reference", arg.path, `option ${arg.raw} is declared later`);
      } else {
        slots.push([arg.raw, option]);
      }
    }
    return (env) => slots.filter(([, slot]) => env.slots[slot] === null).map(([key]) => key);
  }
}
