"""The closed list of operators and how many arguments each takes (§4 of docs/configurator_rules.md)."""

from . import paths

UNLIMITED = None

# operator: (fewest arguments, most arguments or UNLIMITED)
ARITY = {
    "if": (3, UNLIMITED),
    "and": (1, UNLIMITED),
    "or": (1, UNLIMITED),
    "!": (1, 1),
    "==": (2, 2),
    "!=": (2, 2),
    "<": (2, 3),
    "<=": (2, 3),
    ">": (2, 3),
    ">=": (2, 3),
    "in": (2, 2),
    "+": (1, UNLIMITED),
    "-": (1, 2),
    "*": (2, UNLIMITED),
    "/": (2, 2),
    "min": (1, UNLIMITED),
    "max": (1, UNLIMITED),
    "round": (2, 2),
    "var": (1, 2),
    "missing": (1, UNLIMITED),
    "sum": (1, 1),
    "map": (2, 2),
    "filter": (2, 2),
    "some": (2, 2),
    "all": (2, 2),
    "table_lookup": (3, 4),
}
ITERATIONS = ("map", "filter", "some", "all")
MAX_DEPTH = 32
MAX_NODES = 2000
MAX_RULESET_NODES = 50000
MAX_LIST = 1000
MAX_ROWS = 5000
MAX_STEPS = 100000
MAX_ROUND_PLACES = 18


def arguments(node_value, path):
    """An operator's arguments with their paths; a non-array value is one argument (JSON Logic's shorthand)."""
    if type(node_value) is list:
        return [(item, paths.index(path, position)) for position, item in enumerate(node_value)]
    return [(node_value, path)]


def arity_ok(operator, count):
    fewest, most = ARITY[operator]
    if count < fewest or (most is not UNLIMITED and count > most):
        return False
    return operator != "if" or count % 2 == 1
