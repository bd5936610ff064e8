"""Run-time type checks and the equality of the rule language (§4 "Types at run time")."""

from decimal import Decimal

from .values import RuleError, type_name


class Env:
    """The state of one evaluation that compiled expressions read: names, running price, current element, steps."""

    __slots__ = ("vars", "price", "it", "steps")

    def __init__(self, names):
        self.vars = names
        self.price = None
        self.it = None
        self.steps = 0


def wrong(value, path, expected):
    """The runtime error for a value that is not of the `expected` type: missing_value for null, else type_mismatch."""
    if value is None:
        return RuleError("missing_value", path, f"A value is missing where a {expected} is needed.")
    return RuleError("type_mismatch", path, f"A {expected} is needed, not a {type_name(value)}.")


def need_decimal(value, path):
    if type(value) is Decimal:
        return value
    raise wrong(value, path, "decimal")


def need_bool(value, path):
    if type(value) is bool:
        return value
    raise wrong(value, path, "bool")


def need_list(value, path):
    if type(value) is list:
        return value
    raise wrong(value, path, "list")


def equal(left, right, path):
    """`==`: same type, or either side null; decimals by value; lists element by element."""
    if left is None or right is None:
        return left is right
    kind = type(left)
    if kind is not type(right):
        raise RuleError("type_mismatch", path, f"A {type_name(left)} cannot be compared with a {type_name(right)}.")
    if kind is list:
        return len(left) == len(right) and all(equal(a, b, path) for a, b in zip(left, right))
    if kind is dict:
        # table rows: the same columns and equal cells
        return left.keys() == right.keys() and all(equal(left[name], right[name], path) for name in left)
    return left == right
