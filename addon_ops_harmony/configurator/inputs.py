"""Options (§2) as checked specs, and the check of one input value against its option (§6 step 1)."""

import copy

from .values import CONTEXT, parse_decimal

OPTION_TYPES = ("decimal", "enum", "bool", "multi")
MESSAGES = {
    "wrong_type": "The value has the wrong type for this option.",
    "not_in_values": "The value is not one of the option's values.",
    "below_min": "The value is below the option's minimum.",
    "above_max": "The value is above the option's maximum.",
    "off_step": "The value is not on the option's step.",
    "too_few": "Too few values are chosen.",
    "too_many": "Too many values are chosen.",
    "duplicate_value": "A value is chosen twice.",
    "required": "A value is required.",
    "unknown_option": "There is no such option.",
    "bad_quantity": "The quantity must be a decimal greater than 0.",
}


class OptionSpec:
    """One option with its bounds parsed; `check` answers (error code or None, runtime value)."""

    __slots__ = ("key", "type", "values", "min", "max", "step", "min_count", "max_count", "default", "visible_if")

    def __init__(self, option):
        """Reads what it can: at save the option may be invalid elsewhere and its default is still checked."""
        self.key = option.get("key")
        self.type = option.get("type") if option.get("type") in OPTION_TYPES else "decimal"
        values = option.get("values")
        items = values if type(values) is list else ()
        self.values = [item["value"] for item in items if type(item) is dict and type(item.get("value")) is str]
        self.min = parse_decimal(option.get("min"))
        self.max = parse_decimal(option.get("max"))
        step = parse_decimal(option.get("step"))
        self.step = step if step is not None and step > 0 else None
        self.min_count = count(option.get("min_count"))
        self.max_count = count(option.get("max_count"))
        self.default = copy.deepcopy(option.get("default"))
        self.visible_if = None

    def check(self, value):
        return CHECKS[self.type](self, value)

    def check_decimal(self, value):
        number = parse_decimal(value)
        if number is None:
            return "wrong_type", None
        if self.min is not None and number < self.min:
            return "below_min", None
        if self.max is not None and number > self.max:
            return "above_max", None
        if self.step is not None:
            base = self.min if self.min is not None else 0
            if CONTEXT.remainder(CONTEXT.subtract(number, base), self.step) != 0:
                return "off_step", None
        return None, number

    def check_enum(self, value):
        if type(value) is not str:
            return "wrong_type", None
        if value not in self.values:
            return "not_in_values", None
        return None, value

    def check_bool(self, value):
        if type(value) is not bool:
            return "wrong_type", None
        return None, value

    def check_multi(self, value):
        if type(value) is not list or any(type(item) is not str for item in value):
            return "wrong_type", None
        if any(item not in self.values for item in value):
            return "not_in_values", None
        if self.min_count is not None and len(value) < self.min_count:
            return "too_few", None
        if self.max_count is not None and len(value) > self.max_count:
            return "too_many", None
        if len(set(value)) != len(value):
            return "duplicate_value", None
        chosen = set(value)
        return None, [item for item in self.values if item in chosen]


def count(value):
    return value if type(value) is int and 0 <= value <= 1000 else None


CHECKS = {
    "decimal": OptionSpec.check_decimal,
    "enum": OptionSpec.check_enum,
    "bool": OptionSpec.check_bool,
    "multi": OptionSpec.check_multi,
}
