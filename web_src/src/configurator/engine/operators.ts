// Logic, comparison, membership and arithmetic operators of §4. Each compiler checks the node's
// shape once; the function it returns evaluates every argument left to right before checking
// their types (except if/and/or, which evaluate only what they need).
import { compileArgs, refused, type OperatorCompiler } from "./compiler";
import { checked, equals, needBool, needDecimal, needList, type Compiled, type Env } from "./runtime";
import { RuntimeFault } from "./types";
import { divide, isZero, roundHalfUp, ZERO, type Decimal, type Value } from "./values";

const ANY = Number.POSITIVE_INFINITY;

function evaluateAll(parts: Compiled[], env: Env): Value[] {
  const values = new Array<Value>(parts.length);
  for (let index = 0; index < parts.length; index++) values[index] = parts[index](env);
  return values;
}

const ifThenElse: OperatorCompiler = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 3, ANY)) return refused();
  if (args.length % 2 === 0) {
    c.problem("bad_arity", path, "if takes condition/value pairs and an else value (an odd count)");
    return refused();
  }
  const parts = compileArgs(c, args, depth, scope);
  const last = parts.length - 1;
  return (env) => {
    for (let index = 0; index < last; index += 2) {
      if (needBool(parts[index](env), path)) return parts[index + 1](env);
    }
    return parts[last](env);
  };
};

function junction(stopOn: boolean): OperatorCompiler {
  return (c, args, path, depth, scope) => {
    if (!c.arity(args, path, 1, ANY)) return refused();
    const parts = compileArgs(c, args, depth, scope);
    return (env) => {
      for (const part of parts) {
        if (needBool(part(env), path) === stopOn) return stopOn;
      }
      return !stopOn;
    };
  };
}

const not: OperatorCompiler = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 1, 1)) return refused();
  const [operand] = compileArgs(c, args, depth, scope);
  return (env) => !needBool(operand(env), path);
};

function equality(negate: boolean): OperatorCompiler {
  return (c, args, path, depth, scope) => {
    if (!c.arity(args, path, 2, 2)) return refused();
    const [left, right] = compileArgs(c, args, depth, scope);
    return (env) => {
      const a = left(env);
      return equals(a, right(env), path) !== negate;
    };
  };
}

/** `<` etc.: 2 arguments, or 3 for a chained between (`a < b < c`) */
function ordering(holds: (comparison: number) => boolean): OperatorCompiler {
  return (c, args, path, depth, scope) => {
    if (!c.arity(args, path, 2, 3)) return refused();
    const parts = compileArgs(c, args, depth, scope);
    return (env) => {
      const values = evaluateAll(parts, env).map((value) => needDecimal(value, path));
      for (let index = 1; index < values.length; index++) {
        if (!holds(values[index - 1].cmp(values[index]))) return false;
      }
      return true;
    };
  };
}

const membership: OperatorCompiler = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 2, 2)) return refused();
  const [item, list] = compileArgs(c, args, depth, scope);
  return (env) => {
    const value = item(env);
    const elements = needList(list(env), path);
    for (const element of elements) {
      if (equals(value, element, path)) return true;
    }
    return false;
  };
};

function decimals(parts: Compiled[], env: Env, path: string): Decimal[] {
  return evaluateAll(parts, env).map((value) => needDecimal(value, path));
}

function fold(min: number, max: number, combine: (values: Decimal[]) => Decimal): OperatorCompiler {
  return (c, args, path, depth, scope) => {
    if (!c.arity(args, path, min, max)) return refused();
    const parts = compileArgs(c, args, depth, scope);
    return (env) => checked(combine(decimals(parts, env, path)), path);
  };
}

const plus = fold(1, ANY, (values) => values.reduce((sum, value) => sum.plus(value)));
const minus = fold(1, 2, (values) => (values.length === 1 ? ZERO.minus(values[0]) : values[0].minus(values[1])));
const times = fold(2, ANY, (values) => values.reduce((product, value) => product.times(value)));
const minimum = fold(1, ANY, (values) => values.reduce((best, value) => (value.lt(best) ? value : best)));
const maximum = fold(1, ANY, (values) => values.reduce((best, value) => (value.gt(best) ? value : best)));

const division: OperatorCompiler = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 2, 2)) return refused();
  const parts = compileArgs(c, args, depth, scope);
  return (env) => {
    const [dividend, divisor] = decimals(parts, env, path);
    if (isZero(divisor)) throw new RuntimeFault("division_by_zero", path, "division by zero");
    return checked(divide(dividend, divisor, env.divisionPlaces), path);
  };
};

/** `round`'s places: a literal whole number 0–18, as a JSON integer or a string of digits */
function literalPlaces(raw: unknown): number | null {
  if (typeof raw === "number" && Number.isInteger(raw) && raw >= 0 && raw <= 18) return raw;
  if (typeof raw === "string" && /^[0-9]{1,2}$/.test(raw) && Number(raw) <= 18) return Number(raw);
  return null;
}

const rounding: OperatorCompiler = (c, args, path, depth, scope) => {
  if (!c.arity(args, path, 2, 2)) return refused();
  const value = c.node(args[0].raw, args[0].path, depth + 1, scope);
  const places = literalPlaces(args[1].raw);
  if (places === null) {
    return c.problem("bad_argument", args[1].path, "round's places must be a literal whole number from 0 to 18");
  }
  return (env) => checked(roundHalfUp(needDecimal(value(env), path), places), path);
};

export const BASIC_OPERATORS: Record<string, OperatorCompiler> = {
  if: ifThenElse,
  and: junction(false),
  or: junction(true),
  "!": not,
  "==": equality(false),
  "!=": equality(true),
  "<": ordering((comparison) => comparison < 0),
  "<=": ordering((comparison) => comparison <= 0),
  ">": ordering((comparison) => comparison > 0),
  ">=": ordering((comparison) => comparison >= 0),
  in: membership,
  "+": plus,
  "-": minus,
  "*": times,
  "/": division,
  min: minimum,
  max: maximum,
  round: rounding,
};
