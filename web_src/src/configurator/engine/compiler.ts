// The expression compiler's shared pieces: the names a rule set declares, what an expression may
// see where it stands (its scope), and the Compiler interface the operator modules build on.
import type { Compiled } from "./runtime";
import type { CompiledTable } from "./tables";
import type { Problem, ValidationCode } from "./types";

/** the names of a rule set: options and derived values by slot, tables by name */
export interface Names {
  options: Map<string, number>;
  derived: Map<string, number>;
  tables: Map<string, CompiledTable>;
}

/** what an expression may read where it stands (§3) */
export interface Scope {
  /** options with an index below this are available (visible_if: the ones declared before) */
  optionsBefore: number;
  /** derived values with an index below this are available; -1: none (visible_if) */
  derivedBefore: number;
  /** `price` is readable (price_rules[].amount only) */
  price: boolean;
  /** the table of each enclosing iteration's elements when statically known, innermost last */
  iterations: (string | null)[];
}

/** an argument of an operator node, with its JSON path */
export interface Arg {
  raw: unknown;
  path: string;
}

export interface Compiler {
  readonly names: Names;
  /** compiles a node at `depth` (the expression's root is 1), counting it against the limits */
  node(raw: unknown, path: string, depth: number, scope: Scope): Compiled;
  /** records a problem; returns a stand-in that is never run (a rule set with problems does not compile) */
  problem(code: ValidationCode, path: string, message: string): Compiled;
  /** checks an operator's argument count, recording bad_arity at the node's path */
  arity(args: Arg[], path: string, min: number, max: number): boolean;
}

/** compiles one operator node from its arguments */
export type OperatorCompiler = (c: Compiler, args: Arg[], path: string, depth: number, scope: Scope) => Compiled;

export const NEVER_RUN: Compiled = () => null;

export function compileArgs(c: Compiler, args: Arg[], depth: number, scope: Scope): Compiled[] {
  return args.map((arg) => c.node(arg.raw, arg.path, depth + 1, scope));
}

/** a node refused for its shape (bad_arity): its arguments are not looked at */
export function refused(): Compiled {
  return NEVER_RUN;
}

export function recordProblem(problems: Problem[], code: ValidationCode, path: string, message: string): void {
  problems.push({ code, path, message });
}
