// Operators over lists (§4): `sum`, and the iterations `map`, `filter`, `some`, `all`, whose
// second argument runs once per element with `it` bound to it. Every element an iteration runs
// counts one step against the evaluation's 100,000 (§5).
import { compileArgs, refused, type Compiler, type OperatorCompiler, type Scope } from "./compiler";
import { checked, needBool, needDecimal, needList, step, type Compiled, type Env } from "./runtime";
import { ZERO, type Decimal, type Value } from "./values";

/** the table whose rows a list expression yields, when that is known before running it */
export function staticTable(raw: unknown, c: Compiler): string | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const keys = Object.keys(raw);
  if (keys.length !== 1) return null;
  const argument = (raw as Record<string, unknown>)[keys[0]];
  if (keys[0] === "var") {
    const name = Array.isArray(argument) ? argument[0] : argument;
    if (typeof name === "string" && name.startsWith("tables.") && c.names.tables.has(name.slice(7))) return name.slice(7);
    return null;
  }
  if (keys[0] === "filter" && Array.isArray(argument) && argument.length === 2) return staticTable(argument[0], c);
  return null;
}

type Body = (env: Env, list: Value[], body: Compiled, path: string) => Value;

function iteration(run: Body): OperatorCompiler {
  return (c: Compiler, args, path, depth, scope: Scope) => {
    if (!c.arity(args, path, 2, 2)) return refused();
    const list = c.node(args[0].raw, args[0].path, depth + 1, scope);
    const inner: Scope = { ...scope, iterations: [...scope.iterations, staticTable(args[0].raw, c)] };
    const body = c.node(args[1].raw, args[1].path, depth + 1, inner);
    return (env) => run(env, needList(list(env), path), body, path);
  };
}

function each(env: Env, element: Value, body: Compiled, path: string): Value {
  step(env, path);
  env.its.push(element);
  try {
    return body(env);
  } finally {
    env.its.pop();
  }
}

const map = iteration((env, list, body, path) => list.map((element) => each(env, element, body, path)));
const filter = iteration((env, list, body, path) => list.filter((element) => needBool(each(env, element, body, path), path)));
const some = iteration((env, list, body, path) => list.some((element) => needBool(each(env, element, body, path), path)));
const all = iteration((env, list, body, path) => list.every((element) => needBool(each(env, element, body, path), path)));

const sum: OperatorCompiler = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 1, 1)) return refused();
  const [list] = compileArgs(c, args, depth, scope);
  return (env) => {
    const elements = needList(list(env), path);
    let total: Decimal = ZERO;
    for (const element of elements) total = total.plus(needDecimal(element, path));
    return checked(total, path);
  };
};

export const LIST_OPERATORS: Record<string, OperatorCompiler> = { sum, map, filter, some, all };
