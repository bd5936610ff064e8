"""Compiles a validated expression into a closure `f(env) -> value`, once per rule-set version (§4)."""

from decimal import Decimal

from . import paths
from .lookups import compile_lookup, iteration
from .operators import arguments
from .runtime import equal, need_bool, need_decimal, need_list, wrong
from .values import CONTEXT, ZERO, RuleError, checked, divide, literal, round_half_up


class Compiler:
    """Holds what closures need from the rule set: its tables (rows as runtime values) and the division places."""

    def __init__(self, tables, division):
        self.tables = tables
        self.division = division

    def compile(self, node, path):
        kind = type(node)
        if kind is dict:
            ((operator, value),) = node.items()
            args = arguments(value, paths.key(path, operator))
            return OPERATORS[operator](self, args, path)
        if kind is list:
            items = [self.compile(item, paths.index(path, at)) for at, item in enumerate(node)]
            return lambda env: [item(env) for item in items]
        constant = literal(node)
        return lambda env: constant

    def all_of(self, args):
        return [self.compile(arg, arg_path) for arg, arg_path in args]


def compile_var(compiler, args, path):
    name = args[0][0]
    read = reader(compiler, name)
    if len(args) == 1:
        return read
    default = compiler.compile(*args[1])

    def var_with_default(env):
        fallback = default(env)
        value = read(env)
        return fallback if value is None else value

    return var_with_default


def reader(compiler, name):
    if name == "price":
        return lambda env: env.price
    if name == "it":
        return lambda env: env.it
    head, _dot, rest = name.partition(".")
    if head == "it":
        return lambda env: env.it[rest]
    if head == "tables":
        rows = compiler.tables[rest]["records"]
        return lambda env: rows
    return lambda env: env.vars.get(name)


def compile_if(compiler, args, path):
    parts = compiler.all_of(args)
    branches = list(zip(parts[0:-1:2], parts[1:-1:2]))
    otherwise = parts[-1]

    def choose(env):
        for condition, result in branches:
            if need_bool(condition(env), path):
                return result(env)
        return otherwise(env)

    return choose


def compile_and(compiler, args, path):
    parts = compiler.all_of(args)

    def both(env):
        for part in parts:
            if not need_bool(part(env), path):
                return False
        return True

    return both


def compile_or(compiler, args, path):
    parts = compiler.all_of(args)

    def either(env):
        for part in parts:
            if need_bool(part(env), path):
                return True
        return False

    return either


def compile_not(compiler, args, path):
    (part,) = compiler.all_of(args)
    return lambda env: not need_bool(part(env), path)


def compile_equal(compiler, args, path):
    left, right = compiler.all_of(args)
    return lambda env: equal(left(env), right(env), path)


def compile_not_equal(compiler, args, path):
    left, right = compiler.all_of(args)
    return lambda env: not equal(left(env), right(env), path)


def comparison(test):
    def compile_comparison(compiler, args, path):
        parts = compiler.all_of(args)
        if len(parts) == 2:
            left, right = parts

            def compare(env):
                a = left(env)
                b = right(env)
                return test(need_decimal(a, path), need_decimal(b, path))

            return compare
        low, middle, high = parts

        def between(env):
            a, b, c = low(env), middle(env), high(env)
            a, b, c = need_decimal(a, path), need_decimal(b, path), need_decimal(c, path)
            return test(a, b) and test(b, c)

        return between

    return compile_comparison


def compile_in(compiler, args, path):
    needle, haystack = compiler.all_of(args)

    def member(env):
        value = needle(env)
        items = need_list(haystack(env), path)
        return any(equal(value, item, path) for item in items)

    return member


def arithmetic(step):
    """An n-ary exact operator folding its decimal arguments left to right with `step`, checking the limit."""

    def compile_arithmetic(compiler, args, path):
        parts = compiler.all_of(args)
        if len(parts) == 2:
            return binary(step, parts, path)

        def fold(env):
            values = [part(env) for part in parts]
            result = need_decimal(values[0], path)
            try:
                for value in values[1:]:
                    result = step(result, need_decimal(value, path))
            except ArithmeticError:
                raise RuleError("too_large", path, "The result has too many digits.") from None
            return checked(result, path)

        return fold

    return compile_arithmetic


def binary(step, parts, path):
    """The two-argument case of `arithmetic`, the most frequent by far, without the folding loop."""
    left, right = parts

    def apply(env):
        a = left(env)
        b = right(env)
        if type(a) is not Decimal:
            raise wrong(a, path, "decimal")
        if type(b) is not Decimal:
            raise wrong(b, path, "decimal")
        try:
            result = step(a, b)
        except ArithmeticError:
            raise RuleError("too_large", path, "The result has too many digits.") from None
        return checked(result, path)

    return apply


def compile_minus(compiler, args, path):
    if len(args) == 2:
        return arithmetic(CONTEXT.subtract)(compiler, args, path)
    (part,) = compiler.all_of(args)
    return lambda env: CONTEXT.minus(need_decimal(part(env), path))


def compile_divide(compiler, args, path):
    dividend, divisor = compiler.all_of(args)
    places = compiler.division

    def quotient(env):
        a = dividend(env)
        b = divisor(env)
        a, b = need_decimal(a, path), need_decimal(b, path)
        if not b:
            raise RuleError("division_by_zero", path, "Division by zero.")
        return checked(divide(a, b, places), path)

    return quotient


def extreme(pick):
    def compile_extreme(compiler, args, path):
        parts = compiler.all_of(args)

        def choose(env):
            values = [part(env) for part in parts]
            return pick(need_decimal(value, path) for value in values)

        return choose

    return compile_extreme


def compile_round(compiler, args, path):
    value = compiler.compile(*args[0])
    places = int(args[1][0])
    return lambda env: round_half_up(need_decimal(value(env), path), places)


def compile_missing(compiler, args, path):
    keys = [key for key, _path in args]
    return lambda env: [key for key in keys if env.vars.get(key) is None]


def compile_sum(compiler, args, path):
    (items,) = compiler.all_of(args)

    def total(env):
        result = ZERO
        for value in need_list(items(env), path):
            result = CONTEXT.add(result, need_decimal(value, path))
        return checked(result, path)

    return total


OPERATORS = {
    "var": compile_var,
    "if": compile_if,
    "and": compile_and,
    "or": compile_or,
    "!": compile_not,
    "==": compile_equal,
    "!=": compile_not_equal,
    "<": comparison(Decimal.__lt__),
    "<=": comparison(Decimal.__le__),
    ">": comparison(Decimal.__gt__),
    ">=": comparison(Decimal.__ge__),
    "in": compile_in,
    "+": arithmetic(CONTEXT.add),
    "-": compile_minus,
    "*": arithmetic(CONTEXT.multiply),
    "/": compile_divide,
    "min": extreme(min),
    "max": extreme(max),
    "round": compile_round,
    "missing": compile_missing,
    "sum": compile_sum,
    "map": iteration("map"),
    "filter": iteration("filter"),
    "some": iteration("some"),
    "all": iteration("all"),
    "table_lookup": compile_lookup,
}
