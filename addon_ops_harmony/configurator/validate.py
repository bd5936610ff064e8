"""Validation of a rule set at save (§7): every problem with its code and JSON path, in document order."""

from . import paths
from .check_expressions import ExpressionChecker
from .check_tables import TableChecker
from .inputs import OPTION_TYPES, OptionSpec
from .operators import MAX_LIST, MAX_RULESET_NODES
from .scope import AVAILABLE, FORWARD, Scope
from .values import looks_decimal, parse_decimal

ROOT_KEYS = ("schema", "precision", "options", "tables", "derived", "constraints", "price_rules", "cost_rules", "guardrails")
OPTION_KEYS = ("key", "label", "type", "values", "min", "max", "step", "min_count", "max_count", "default", "help", "visible_if")
TYPE_KEYS = {
    "decimal": ("min", "max", "step"),
    "enum": ("values",),
    "bool": (),
    "multi": ("values", "min_count", "max_count"),
}
RESERVED = ("quantity", "price", "it", "tables")
PHASES = ("list", "adjust", "discount", "surcharge", "final")
LEVELS = ("error", "warning")
GUARDRAIL_KINDS = ("min_margin", "max_discount")
PRECISION_RANGES = {"money": (0, 6), "division": (0, 18)}


class RuleSetChecker(TableChecker):
    """Collects the problems of one rule set; sections are checked in the order of §2."""

    def __init__(self):
        self.problems = []
        self.ids = set()
        self.total_nodes = 0
        self.expressions = ExpressionChecker(self.report)

    def report(self, code, path, message):
        self.problems.append({"code": code, "path": path, "message": message})

    def fields(self, value, path, known, required=()):
        """True when `value` is an object; reports its unknown keys (code-point order), then its missing required keys."""
        if type(value) is not dict:
            self.report("invalid_structure", path, "An object is expected here.")
            return False
        for name in sorted(set(value) - set(known)):
            self.report("invalid_structure", paths.key(path, name), f"Unknown key {name!r}.")
        for name in required:
            if name not in value:
                self.report("invalid_structure", paths.key(path, name), f"The key {name!r} is required.")
        return True

    def text(self, parent, name, path):
        if name in parent and type(parent[name]) is not str:
            self.report("invalid_structure", paths.key(path, name), f"{name!r} is a text.")

    def identifier(self, value, path):
        """An id or option key: an identifier, not reserved, unique across the rule set."""
        if not paths.is_identifier(value):
            self.report("bad_identifier", path, "An identifier is written [a-z][a-z0-9_]{0,63}.")
            return
        if value in RESERVED:
            self.report("reserved_name", path, f"{value!r} is a reserved name.")
        elif value in self.ids:
            self.report("duplicate_id", path, f"{value!r} is already used in this rule set.")
        self.ids.add(value)

    def item_id(self, item, path):
        if "id" in item:
            self.identifier(item["id"], paths.key(path, "id"))

    def decimal(self, value, path):
        """The decimal `value` holds, or None after reporting bad_number / invalid_structure."""
        number = parse_decimal(value)
        if number is None:
            numeric = type(value) in (int, float) or (type(value) is str and looks_decimal(value))
            self.report("bad_number" if numeric else "invalid_structure", path, "A decimal is expected here.")
        return number

    def items(self, content, name):
        """The list under `name` (absent: empty), reporting a value that is not a list."""
        value = content.get(name, [])
        if type(value) is not list:
            self.report("invalid_structure", paths.key(paths.ROOT, name), "A list is expected here.")
            return []
        return [(item, paths.index(paths.key(paths.ROOT, name), position)) for position, item in enumerate(value)]

    def expression(self, node, path, scope):
        self.total_nodes += self.expressions.check(node, path, scope)

    # -- the rule set -------------------------------------------------------------------------------------

    def ruleset(self, content):
        if not self.fields(content, paths.ROOT, ROOT_KEYS, ("schema", "options")):
            return
        if "schema" in content and not (type(content["schema"]) is int and content["schema"] == 1):
            self.report("invalid_structure", "$.schema", "`schema` is 1.")
        self.precision(content.get("precision"))
        options = self.items(content, "options")
        # Tables come after options in the document but options' visible_if may read them: check them first,
        # then put their problems back in document order.
        option_problems, self.problems = self.problems, []
        self.tables = self.check_tables(content.get("tables", {}))
        table_problems, self.problems = self.problems, option_problems
        derived_items = content.get("derived")
        option_keys = declared(options, "key")
        derived_ids = declared([(item, None) for item in derived_items] if type(derived_items) is list else [], "id")
        for position, (option, path) in enumerate(options):
            names = dict.fromkeys(derived_ids, FORWARD)
            names.update(dict.fromkeys(option_keys, FORWARD))
            names.update(dict.fromkeys(option_keys[:position], AVAILABLE))
            visible = {key: names[key] for key in option_keys}
            self.option(option, path, Scope(names, visible, self.tables))
        self.problems += table_problems
        opts = dict.fromkeys(option_keys, AVAILABLE)
        everything = {**dict.fromkeys(derived_ids, AVAILABLE), **opts}
        for position, (item, path) in enumerate(self.items(content, "derived")):
            names = dict.fromkeys(derived_ids, FORWARD)
            names.update(dict.fromkeys(derived_ids[:position], AVAILABLE))
            names.update(opts)
            self.derived(item, path, Scope(names, opts, self.tables))
        scope = Scope(everything, opts, self.tables)
        for item, path in self.items(content, "constraints"):
            self.constraint(item, path, scope)
        price_scope = Scope(everything, opts, self.tables, price=True)
        for item, path in self.items(content, "price_rules"):
            self.price_rule(item, path, scope, price_scope)
        for item, path in self.items(content, "cost_rules"):
            self.cost_rule(item, path, scope)
        for item, path in self.items(content, "guardrails"):
            self.guardrail(item, path)
        if self.total_nodes > MAX_RULESET_NODES:
            self.report("too_many_nodes", paths.ROOT, f"The rule set has {self.total_nodes} nodes; at most {MAX_RULESET_NODES}.")

    def precision(self, value):
        if value is None:
            return
        if not self.fields(value, "$.precision", tuple(PRECISION_RANGES)):
            return
        for name, (low, high) in PRECISION_RANGES.items():
            if name in value and not (type(value[name]) is int and low <= value[name] <= high):
                self.report("invalid_structure", paths.key("$.precision", name), f"{name!r} is an integer from {low} to {high}.")

    def option(self, option, path, scope):
        if not self.fields(option, path, OPTION_KEYS, ("key", "type")):
            return
        if "key" in option:
            self.identifier(option["key"], paths.key(path, "key"))
        self.text(option, "label", path)
        kind = option.get("type")
        valid = kind in OPTION_TYPES
        if "type" in option and not valid:
            self.report("invalid_structure", paths.key(path, "type"), f"`type` is one of {', '.join(OPTION_TYPES)}.")
        if valid:
            for name in OPTION_KEYS[3:9]:
                if name in option and name not in TYPE_KEYS[kind]:
                    self.report("invalid_structure", paths.key(path, name), f"{name!r} does not apply to a {kind} option.")
            if "values" in TYPE_KEYS[kind] and "values" not in option:
                self.report("invalid_structure", paths.key(path, "values"), "The key 'values' is required.")
                valid = False
        valid = self.option_bounds(option, path) and valid
        if "default" in option and valid and paths.is_identifier(option.get("key")):
            code, _value = OptionSpec(option).check(option["default"])
            if code is not None:
                self.report("bad_default", paths.key(path, "default"), f"The default is not a valid value ({code}).")
        self.text(option, "help", path)
        if "visible_if" in option:
            self.expression(option["visible_if"], paths.key(path, "visible_if"), scope)

    def option_bounds(self, option, path):
        """Checks values, min/max/step and counts; False when the option cannot be turned into a spec."""
        valid = True
        if "values" in option:
            valid = self.option_values(option["values"], paths.key(path, "values"))
        bounds = {}
        for name in ("min", "max", "step"):
            if name in option:
                bounds[name] = self.decimal(option[name], paths.key(path, name))
                valid = valid and bounds[name] is not None
        if bounds.get("min") is not None and bounds.get("max") is not None and bounds["min"] > bounds["max"]:
            self.report("invalid_structure", paths.key(path, "max"), "`max` is at least `min`.")
        if bounds.get("step") is not None and bounds["step"] <= 0:
            self.report("invalid_structure", paths.key(path, "step"), "`step` is greater than 0.")
            valid = False
        for name in ("min_count", "max_count"):
            if name in option and not (type(option[name]) is int and 0 <= option[name] <= MAX_LIST):
                self.report("invalid_structure", paths.key(path, name), f"{name!r} is an integer from 0 to {MAX_LIST}.")
                valid = False
        if valid and option.get("min_count", 0) > option.get("max_count", MAX_LIST):
            self.report("invalid_structure", paths.key(path, "max_count"), "`max_count` is at least `min_count`.")
        return valid

    def option_values(self, values, path):
        if type(values) is not list or not values or len(values) > MAX_LIST:
            self.report("invalid_structure", path, f"`values` is a list of 1 to {MAX_LIST} values.")
            return False
        seen = set()
        valid = True
        for position, item in enumerate(values):
            item_path = paths.index(path, position)
            if not self.fields(item, item_path, ("value", "label"), ("value",)):
                valid = False
                continue
            value = item.get("value")
            if type(value) is not str or looks_decimal(value) or value in seen:
                reason = "a text that does not look like a decimal, unique in the option"
                self.report("invalid_structure", paths.key(item_path, "value"), f"A value is {reason}.")
                valid = False
            if type(value) is str:
                seen.add(value)
            self.text(item, "label", item_path)
        return valid

    def derived(self, item, path, scope):
        if not self.fields(item, path, ("id", "value"), ("id", "value")):
            return
        self.item_id(item, path)
        if "value" in item:
            self.expression(item["value"], paths.key(path, "value"), scope)

    def constraint(self, item, path, scope):
        if not self.fields(item, path, ("id", "level", "when", "message"), ("id", "level", "when", "message")):
            return
        self.item_id(item, path)
        if "level" in item and item["level"] not in LEVELS:
            self.report("invalid_structure", paths.key(path, "level"), "`level` is error or warning.")
        if "when" in item:
            self.expression(item["when"], paths.key(path, "when"), scope)
        self.text(item, "message", path)

    def price_rule(self, item, path, scope, price_scope):
        if not self.fields(item, path, ("id", "phase", "label", "when", "amount"), ("id", "phase", "amount")):
            return
        self.item_id(item, path)
        if "phase" in item and item["phase"] not in PHASES:
            self.report("invalid_structure", paths.key(path, "phase"), f"`phase` is one of {', '.join(PHASES)}.")
        self.text(item, "label", path)
        if "when" in item:
            self.expression(item["when"], paths.key(path, "when"), scope)
        if "amount" in item:
            self.expression(item["amount"], paths.key(path, "amount"), price_scope)

    def cost_rule(self, item, path, scope):
        if not self.fields(item, path, ("id", "when", "amount"), ("id", "amount")):
            return
        self.item_id(item, path)
        if "when" in item:
            self.expression(item["when"], paths.key(path, "when"), scope)
        if "amount" in item:
            self.expression(item["amount"], paths.key(path, "amount"), scope)

    def guardrail(self, item, path):
        keys = ("id", "kind", "percent", "by_role", "default", "message")
        if not self.fields(item, path, keys, ("id", "kind", "message")):
            return
        self.item_id(item, path)
        kind = item.get("kind")
        if "kind" in item and kind not in GUARDRAIL_KINDS:
            self.report("invalid_structure", paths.key(path, "kind"), "`kind` is min_margin or max_discount.")
        if kind == "min_margin":
            for name in ("by_role", "default"):
                if name in item:
                    self.report("invalid_structure", paths.key(path, name), f"{name!r} does not apply to min_margin.")
            if "percent" not in item:
                self.report("invalid_structure", paths.key(path, "percent"), "The key 'percent' is required.")
        if kind == "max_discount" and "percent" in item:
            self.report("invalid_structure", paths.key(path, "percent"), "'percent' does not apply to max_discount.")
        if "percent" in item:
            self.decimal(item["percent"], paths.key(path, "percent"))
        if "by_role" in item:
            self.by_role(item["by_role"], paths.key(path, "by_role"))
        if "default" in item:
            self.decimal(item["default"], paths.key(path, "default"))
        self.text(item, "message", path)

    def by_role(self, value, path):
        if type(value) is not dict:
            self.report("invalid_structure", path, "`by_role` maps a role to a percent.")
            return
        for role, percent in value.items():
            role_path = paths.key(path, role)
            if not paths.is_identifier(role):
                self.report("bad_identifier", role_path, "A role is an identifier.")
            self.decimal(percent, role_path)


def declared(items, name):
    """Option keys or derived ids (identifiers) in declared order, gathered before checking expressions."""
    names = {}
    for item, _path in items:
        if type(item) is dict and paths.is_identifier(item.get(name)):
            names.setdefault(item[name], None)
    return list(names)


def validate(content):
    """The problems of a rule set (a parsed JSON value), in document order; an empty list when it is valid."""
    checker = RuleSetChecker()
    try:
        checker.ruleset(content)
    except RecursionError:
        # only JSON nested far deeper than any expression may be can get here
        checker.report("too_deep", paths.ROOT, "The rule set is nested too deeply.")
    return checker.problems
