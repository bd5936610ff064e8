"""Validation of one expression (§4, §5, §7): operators, arities, literal arguments, names, depth and node count."""

import re

from . import paths
from .operators import ARITY, ITERATIONS, MAX_DEPTH, MAX_LIST, MAX_NODES, MAX_ROUND_PLACES, arguments, arity_ok
from .scope import AVAILABLE
from .values import MAX_DIGITS, MAX_JSON_INTEGER, looks_decimal, within_size

PLACES_TEXT = re.compile(r"[0-9]{1,2}\Z")


class ExpressionChecker:
    """Walks one expression depth first and appends its problems; `nodes` counts what the limits count."""

    def __init__(self, report):
        self.report = report

    def check(self, node, path, scope):
        """Checks an expression at the root of a rule; returns its node count (for the rule-set limit)."""
        nodes = count_nodes(node)
        if nodes > MAX_NODES:
            self.report("too_many_nodes", path, f"The expression has {nodes} nodes; at most {MAX_NODES} are allowed.")
        self.expression(node, path, scope, 1)
        return nodes

    def expression(self, node, path, scope, depth):
        """Checks a node; returns the table whose rows it statically yields (for `it.column`), else None."""
        if depth > MAX_DEPTH:
            self.report("too_deep", path, f"The expression is nested deeper than {MAX_DEPTH} levels.")
            return None
        kind = type(node)
        if kind is dict:
            return self.operation(node, path, scope, depth)
        if kind is list:
            if len(node) > MAX_LIST:
                self.report("bad_argument", path, f"A list holds at most {MAX_LIST} elements.")
                return None
            for position, item in enumerate(node):
                self.expression(item, paths.index(path, position), scope, depth + 1)
            return None
        self.scalar(node, path)
        return None

    def scalar(self, value, path):
        if type(value) is float:
            self.report(
                "bad_number", path, 'A JSON number with a fraction or an exponent is refused: write it as a string ("0.1").'
            )
        elif type(value) is int and not type(value) is bool and abs(value) >= MAX_JSON_INTEGER:
            self.report("bad_number", path, "A JSON integer has at most 15 digits: write a longer number as a string.")
        elif type(value) is str and looks_decimal(value) and not within_size(value):
            self.report("bad_number", path, f"A decimal has at most {MAX_DIGITS} significant digits.")

    def operation(self, node, path, scope, depth):
        if len(node) != 1:
            self.report("invalid_structure", path, "An expression object has exactly one key: its operator.")
            return None
        ((operator, value),) = node.items()
        if operator not in ARITY:
            self.report("unknown_operator", path, f"The operator {operator!r} is not part of the rule language.")
            return None
        args = arguments(value, paths.key(path, operator))
        if not arity_ok(operator, len(args)):
            self.report("bad_arity", path, f"The operator {operator!r} does not take {len(args)} argument(s).")
            return None
        special = SPECIAL.get(operator)
        if special is not None:
            return special(self, operator, args, path, scope, depth)
        for arg, arg_path in args:
            self.expression(arg, arg_path, scope, depth + 1)
        return None

    def var(self, operator, args, path, scope, depth):
        name = args[0][0]
        table = None
        if type(name) is not str or not name:
            self.report("bad_argument", path, "The name of a variable is a literal, non-empty text.")
        else:
            table = self.name(name, path, scope)
        if len(args) == 2:
            self.expression(args[1][0], args[1][1], scope, depth + 1)
        return table

    def name(self, name, path, scope):
        """Resolves a variable name (§3); returns the table for `tables.<name>`."""
        if name == "quantity":
            return None
        if name == "price":
            if not scope.price:
                self.report("unknown_variable", path, "`price` is only known inside the amount of a price rule.")
            return None
        head, dot, column = name.partition(".")
        if head == "it":
            self.it(column if dot else None, path, scope)
            return None
        if head == "tables" and dot:
            if column not in scope.tables:
                self.report("unknown_table", path, f"There is no table {column!r}.")
                return None
            return column
        state = scope.names.get(name)
        if state is None:
            self.report("unknown_variable", path, f"{name!r} is not an option, a derived value or a context name.")
        elif state is not AVAILABLE:
            self.report("forward_reference", path, f"{name!r} is declared later: it cannot be used here.")
        return None

    def it(self, column, path, scope):
        if not scope.iterations:
            self.report("unknown_variable", path, "`it` is only known inside the second argument of map, filter, some, all.")
            return
        if column is None:
            return
        table = scope.iterations[-1]
        if table is None:
            self.report("unknown_variable", path, "`it.<column>` needs an iteration over the rows of a table.")
        elif column not in scope.tables[table]["columns"]:
            self.report("unknown_column", path, f"The table {table!r} has no column {column!r}.")

    def missing(self, operator, args, path, scope, depth):
        for name, arg_path in args:
            if type(name) is not str:
                self.report("bad_argument", arg_path, "`missing` takes literal option keys.")
                continue
            state = scope.options.get(name)
            if state is None:
                self.report("unknown_variable", arg_path, f"{name!r} is not an option.")
            elif state is not AVAILABLE:
                self.report("forward_reference", arg_path, f"{name!r} is declared later: it cannot be used here.")
        return None

    def round(self, operator, args, path, scope, depth):
        self.expression(args[0][0], args[0][1], scope, depth + 1)
        places, places_path = args[1]
        if not is_places(places):
            self.report("bad_argument", places_path, f"The places of `round` are a literal integer from 0 to {MAX_ROUND_PLACES}.")
        return None

    def iteration(self, operator, args, path, scope, depth):
        (source, source_path), (body, body_path) = args
        table = self.expression(source, source_path, scope, depth + 1)
        self.expression(body, body_path, scope.inside(table), depth + 1)
        # filter keeps the rows of its list, so `it.column` stays known one level further
        return table if operator == "filter" else None

    def table_lookup(self, operator, args, path, scope, depth):
        (table, table_path), (match, match_path), (column, column_path) = args[:3]
        info = None
        if type(table) is not str:
            self.report("bad_argument", table_path, "The table of `table_lookup` is a literal table name.")
        elif table not in scope.tables:
            self.report("unknown_table", table_path, f"There is no table {table!r}.")
        else:
            info = scope.tables[table]
        if type(match) is not dict:
            self.report("bad_argument", match_path, "The match of `table_lookup` is a literal object: column → expression.")
        else:
            for key, value in match.items():
                key_path = paths.key(match_path, key)
                if info is not None and key not in info["columns"] and key not in info["ranges"]:
                    self.report("unknown_column", key_path, f"The table {table!r} has no column or range {key!r}.")
                self.expression(value, key_path, scope, depth + 1)
        if type(column) is not str:
            self.report("bad_argument", column_path, "The column of `table_lookup` is a literal column name.")
        elif info is not None and column not in info["columns"]:
            self.report("unknown_column", column_path, f"The table {table!r} has no column {column!r}.")
        if len(args) == 4:
            self.expression(args[3][0], args[3][1], scope, depth + 1)
        return None


# Literal arguments that are part of their operator's node, not nodes of their own: operator → positions
# (None: every position).
OWN_LITERALS = {"var": (0,), "round": (1,), "missing": None, "table_lookup": (0, 2)}


def count_nodes(node, depth=1):
    """Nodes as the limits count them: every literal, list literal and operator node down to MAX_DEPTH, except
    the literal arguments in OWN_LITERALS; a table_lookup's match object is not a node, its values are."""
    if depth > MAX_DEPTH:
        return 0
    kind = type(node)
    if kind is list:
        return 1 + sum(count_nodes(item, depth + 1) for item in node)
    if kind is not dict or len(node) != 1:
        return 1
    ((operator, value),) = node.items()
    args = value if type(value) is list else [value]
    own = OWN_LITERALS.get(operator, ())
    total = 1
    for position, arg in enumerate(args):
        if own is None or position in own:
            continue
        if operator == "table_lookup" and position == 1 and type(arg) is dict:
            total += sum(count_nodes(item, depth + 1) for item in arg.values())
        else:
            total += count_nodes(arg, depth + 1)
    return total


def is_places(value):
    if type(value) is int:
        return 0 <= value <= MAX_ROUND_PLACES
    return type(value) is str and PLACES_TEXT.match(value) is not None and int(value) <= MAX_ROUND_PLACES


SPECIAL = {
    "var": ExpressionChecker.var,
    "missing": ExpressionChecker.missing,
    "round": ExpressionChecker.round,
    "table_lookup": ExpressionChecker.table_lookup,
    **{operator: ExpressionChecker.iteration for operator in ITERATIONS},
}
