"""Compiled iterations (`map`, `filter`, `some`, `all`) and `table_lookup` over the price book."""

from . import paths
from .operators import MAX_STEPS
from .runtime import need_bool, need_decimal, need_list, wrong
from .values import RuleError, type_name


def step(env, path):
    env.steps += 1
    if env.steps > MAX_STEPS:
        raise RuleError("limit_exceeded", path, f"The evaluation took more than {MAX_STEPS} iteration steps.")


def iteration(kind):
    def compile_iteration(compiler, args, path):
        source = compiler.compile(*args[0])
        body = compiler.compile(*args[1])

        def run(env):
            items = need_list(source(env), path)
            outer = env.it
            try:
                return RUNNERS[kind](env, items, body, path)
            finally:
                env.it = outer

        return run

    return compile_iteration


def run_map(env, items, body, path):
    result = []
    for item in items:
        step(env, path)
        env.it = item
        result.append(body(env))
    return result


def run_filter(env, items, body, path):
    result = []
    for item in items:
        step(env, path)
        env.it = item
        if need_bool(body(env), path):
            result.append(item)
    return result


def run_some(env, items, body, path):
    for item in items:
        step(env, path)
        env.it = item
        if need_bool(body(env), path):
            return True
    return False


def run_all(env, items, body, path):
    for item in items:
        step(env, path)
        env.it = item
        if not need_bool(body(env), path):
            return False
    return True


RUNNERS = {"map": run_map, "filter": run_filter, "some": run_some, "all": run_all}


def compile_lookup(compiler, args, path):
    """First row (in row order) matching every key; equality keys go through an index built once per version."""
    table = compiler.tables[args[0][0]]
    match = args[1][0]
    match_path = args[1][1]
    column = table["columns"].index(args[2][0])
    default = compiler.compile(*args[3]) if len(args) == 4 else None
    keys = list(match)
    parts = [compiler.compile(match[key], paths.key(match_path, key)) for key in keys]
    equal_keys = [(position, table["columns"].index(key)) for position, key in enumerate(keys) if key not in table["ranges"]]
    range_keys = [(position, table["ranges"][key]) for position, key in enumerate(keys) if key in table["ranges"]]
    expected = [table["types"][key] if key in table["types"] else "decimal" for key in keys]
    index = _index(table["rows"], [column_at for _position, column_at in equal_keys])
    rows = table["rows"]

    def lookup(env):
        values = [part(env) for part in parts]
        fallback = default(env) if default is not None else None
        for value, kind in zip(values, expected):
            if value is None:
                raise wrong(value, path, kind or "value")
            if kind is not None and type_name(value) != kind:
                raise RuleError("type_mismatch", path, f"The table holds {kind} cells here, not {type_name(value)}.")
        candidates = index.get(tuple(values[position] for position, _column in equal_keys), ())
        for row_at in candidates:
            row = rows[row_at]
            if all(_in_range(need_decimal(values[position], path), row[low], row[high]) for position, (low, high) in range_keys):
                return row[column]
        if default is not None:
            return fallback
        raise RuleError("no_match", path, "No row of the table matches.")

    return lookup


def _in_range(value, low, high):
    return (low is None or low <= value) and (high is None or value < high)


def _index(rows, columns):
    """Row positions by the tuple of their cells in `columns`, in row order; rows with an empty cell there never match."""
    index = {}
    for row_at, row in enumerate(rows):
        key = tuple(row[column] for column in columns)
        if None in key:
            continue
        index.setdefault(key, []).append(row_at)
    return index
