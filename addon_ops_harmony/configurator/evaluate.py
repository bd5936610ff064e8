"""One rule-set version compiled for evaluation (§6): inputs, derived values, constraints, prices, costs, guardrails."""

import copy

from . import paths
from .expressions import Compiler
from .inputs import MESSAGES, OptionSpec
from .runtime import Env, need_bool, need_decimal
from .validate import PHASES
from .values import (
    CONTEXT,
    HUNDRED,
    ONE,
    ZERO,
    RuleError,
    checked,
    divide,
    literal,
    money,
    output,
    parse_decimal,
    plain,
    round_half_up,
)

DEFAULT_PRECISION = {"money": 2, "division": 6}


class Evaluator:
    """A validated rule set turned into closures; `evaluate` is then cheap and may be called many times."""

    def __init__(self, content):
        precision = {**DEFAULT_PRECISION, **content.get("precision", {})}
        self.money = precision["money"]
        self.division = precision["division"]
        compiler = Compiler(runtime_tables(content.get("tables", {})), self.division)
        self.options = []
        for position, option in enumerate(content["options"]):
            spec = OptionSpec(option)
            if "visible_if" in option:
                path = f"$.options[{position}].visible_if"
                spec.visible_if = (compiler.compile(option["visible_if"], path), path)
            self.options.append(spec)
        self.derived = [
            (item["id"], compiler.compile(item["value"], f"$.derived[{at}].value"))
            for at, item in enumerate(content.get("derived", ()))
        ]
        self.constraints = [
            (item["id"], item["level"], condition(compiler, item, f"$.constraints[{at}]"), item["message"])
            for at, item in enumerate(content.get("constraints", ()))
        ]
        rules = [
            (PHASES.index(item["phase"]), at, item["id"], item["phase"], item.get("label", item["id"]))
            + (condition(compiler, item, f"$.price_rules[{at}]"), amount(compiler, item, f"$.price_rules[{at}]"))
            + (f"$.price_rules[{at}].amount",)
            for at, item in enumerate(content.get("price_rules", ()))
        ]
        self.price_rules = [rule[2:] for rule in sorted(rules, key=lambda rule: rule[:2])]
        self.cost_rules = [
            (item["id"], condition(compiler, item, f"$.cost_rules[{at}]"), amount(compiler, item, f"$.cost_rules[{at}]"))
            + (f"$.cost_rules[{at}].amount",)
            for at, item in enumerate(content.get("cost_rules", ()))
        ]
        # copied: the evaluator is cached by hash and must not follow later changes to the caller's dict
        self.guardrails = copy.deepcopy(content.get("guardrails", []))

    def evaluate(self, values, context=None):
        """The evaluation of one input: the output of §6, or {"ok": False, "errors": [...]} on bad input or a runtime error."""
        try:
            return self.run({} if values is None else values, context if isinstance(context, dict) else {})
        except RuleError as error:
            return {"ok": False, "errors": [error.as_dict()]}

    def run(self, values, context):
        env = Env({})
        raw = context.get("quantity")
        quantity = ONE if raw is None else parse_decimal(raw)
        good_quantity = quantity is not None and quantity > 0
        # a refused quantity reads as 1 for the visible_ifs, so that every input error is still collected
        env.vars["quantity"] = quantity if good_quantity else ONE
        errors = self.inputs(env, values)
        if not good_quantity:
            errors.append(input_error("bad_quantity", "quantity"))
        if errors:
            return {"ok": False, "errors": errors}
        result = {"ok": True, "values": {spec.key: output(env.vars[spec.key]) for spec in self.options}, "derived": {}}
        result["phases"] = {}
        trace = []
        for name, value in self.derived:
            env.vars[name] = value(env)
            result["derived"][name] = output(env.vars[name])
            trace.append(f"derived:{name}")
        errors, warnings = [], []
        for name, level, when, message in self.constraints:
            if when(env):
                (errors if level == "error" else warnings).append({"code": "constraint", "rule": name, "message": message})
                trace.append(f"constraint:{name}")
        subtotals, breakdown, price = self.prices(env, trace)
        cost = ZERO
        for name, when, value, path in self.cost_rules:
            if when is None or when(env):
                cost = checked(CONTEXT.add(cost, value(env)), path)
                trace.append(f"cost:{name}")
        totals, discount, margin = self.totals(subtotals, price, cost, env.vars["quantity"])
        result.update(totals)
        role = context.get("role") if type(context.get("role")) is str else None
        breached = self.breached(discount, margin, role, trace)
        result.update(errors=errors, warnings=warnings, guardrails=breached, breakdown=breakdown, trace=trace)
        result["ok"] = not errors
        result["phases"] = {phase: plain(subtotals[phase]) for phase in PHASES}
        return result

    def inputs(self, env, values):
        if not isinstance(values, dict):
            return [input_error("wrong_type", None)]
        errors = []
        for spec in self.options:
            env.vars[spec.key] = None
            if spec.visible_if is not None:
                visible, path = spec.visible_if
                if not need_bool(visible(env), path):
                    continue
            raw = values.get(spec.key)
            if raw is None:
                raw = spec.default
                if raw is None:
                    errors.append(input_error("required", spec.key))
                    continue
            code, value = spec.check(raw)
            if code is not None:
                errors.append(input_error(code, spec.key))
                continue
            env.vars[spec.key] = value
        known = {spec.key for spec in self.options}
        errors += [input_error("unknown_option", key) for key in sorted(set(values) - known)]
        return errors

    def prices(self, env, trace):
        subtotals = dict.fromkeys(PHASES, ZERO)
        breakdown = []
        env.price = ZERO
        for name, phase, label, when, value, path in self.price_rules:
            if when is not None and not when(env):
                continue
            change = value(env)
            subtotals[phase] = checked(CONTEXT.add(subtotals[phase], change), path)
            env.price = checked(CONTEXT.add(env.price, change), path)
            breakdown.append({"rule": name, "phase": phase, "label": label, "amount": plain(change)})
            trace.append(f"price:{name}")
        return subtotals, breakdown, env.price

    def totals(self, subtotals, price, cost, quantity):
        unit_price = round_half_up(price, self.money)
        unit_cost = round_half_up(cost, self.money)
        base = CONTEXT.add(subtotals["list"], subtotals["adjust"])
        discount = ZERO
        if base:
            discount = checked(divide(CONTEXT.multiply(CONTEXT.minus(subtotals["discount"]), HUNDRED), base, self.division), "$")
        margin = None
        if unit_price:
            margin = checked(
                divide(CONTEXT.multiply(CONTEXT.subtract(unit_price, unit_cost), HUNDRED), unit_price, self.division), "$"
            )
        totals = {
            "unit_price": money(unit_price, self.money),
            "total": money(checked(CONTEXT.multiply(unit_price, quantity), "$"), self.money),
            "unit_cost": money(unit_cost, self.money),
            "total_cost": money(checked(CONTEXT.multiply(unit_cost, quantity), "$"), self.money),
            "discount_percent": plain(discount),
            "margin_percent": None if margin is None else plain(margin),
        }
        return totals, discount, margin

    def breached(self, discount, margin, role, trace):
        breached = []
        for rail in self.guardrails:
            if rail["kind"] == "min_margin":
                limit = literal(rail["percent"])
                actual = margin
                hit = margin is None or margin < limit
            else:
                by_role = rail.get("by_role", {})
                raw = by_role[role] if role in by_role else rail.get("default")
                limit = None if raw is None else literal(raw)
                actual = discount
                hit = limit is not None and discount > limit
            if hit:
                breached.append(
                    {
                        "id": rail["id"],
                        "kind": rail["kind"],
                        "limit": plain(limit),
                        "actual": None if actual is None else plain(actual),
                        "message": rail["message"],
                    }
                )
                trace.append(f"guardrail:{rail['id']}")
        return breached


def input_error(code, option):
    return {"code": code, "option": option, "message": MESSAGES[code]}


def condition(compiler, item, path):
    """The compiled `when` of a rule (None when absent: always), checked to be a bool."""
    if "when" not in item:
        return None
    when_path = paths.key(path, "when")
    test = compiler.compile(item["when"], when_path)
    return lambda env: need_bool(test(env), when_path)


def amount(compiler, item, path):
    amount_path = paths.key(path, "amount")
    value = compiler.compile(item["amount"], amount_path)
    return lambda env: need_decimal(value(env), amount_path)


def runtime_tables(tables):
    """The tables as runtime values: rows as lists (for lookups) and as column → value records (for iterations)."""
    compiled = {}
    for name, table in tables.items():
        columns = table["columns"]
        rows = [[literal(cell) for cell in row] for row in table["rows"]]
        types = {}
        for column_at, column in enumerate(columns):
            kinds = {type(row[column_at]).__name__ for row in rows if row[column_at] is not None}
            types[column] = {"Decimal": "decimal", "str": "text", "bool": "bool"}.get(next(iter(kinds), None))
        ranges = {key: (columns.index(low), columns.index(high)) for key, (low, high) in table.get("ranges", {}).items()}
        records = [dict(zip(columns, row)) for row in rows]
        compiled[name] = {"columns": columns, "rows": rows, "types": types, "ranges": ranges, "records": records}
    return compiled
