"""Values of the rule language: decimals held as `Decimal`, exact arithmetic and the two output forms."""

import re
from decimal import ROUND_HALF_UP, Context, Decimal, Inexact, InvalidOperation, Overflow

DECIMAL_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")
MAX_DIGITS = 30
MAX_JSON_INTEGER = 10**15
LIMIT = Decimal(f"1e{MAX_DIGITS}")
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

# Exact + - * within the limits: a result never needs more digits than this, and Inexact traps if it did.
CONTEXT = Context(prec=2000, Emax=10**6, Emin=-(10**6), traps=[InvalidOperation, Inexact, Overflow])
# Rounding is the one place where dropping digits is the point.
ROUNDING = Context(prec=2000, Emax=10**6, Emin=-(10**6), rounding=ROUND_HALF_UP, traps=[InvalidOperation, Overflow])


class RuleError(Exception):
    """A runtime error of an evaluation: a code of the doc and the JSON path of the node that raised it."""

    def __init__(self, code, path, message):
        super().__init__(message)
        self.code = code
        self.path = path
        self.message = message

    def as_dict(self):
        return {"code": self.code, "path": self.path, "message": self.message}


def within_size(text):
    """A decimal text has at most 30 significant digits (first to last non-zero) and 30 integer digits."""
    integer, _dot, fraction = text.lstrip("-").partition(".")
    integer = integer.lstrip("0")
    significant = (integer + fraction).strip("0")
    return len(integer) <= MAX_DIGITS and len(significant) <= MAX_DIGITS


def looks_decimal(value):
    """True for a JSON string written as a decimal (it is then a decimal, never a text)."""
    return DECIMAL_TEXT.match(value) is not None


def parse_decimal(value):
    """The Decimal a JSON value stands for, or None when it is not a valid decimal (text, float, too many digits)."""
    if type(value) is str:
        if DECIMAL_TEXT.match(value) is None or not within_size(value):
            return None
        return Decimal(value)
    if type(value) is int and -MAX_JSON_INTEGER < value < MAX_JSON_INTEGER:
        return Decimal(value)
    return None


def literal(value):
    """A scalar JSON literal as a runtime value: a decimal string becomes a Decimal; text, bool and null stay."""
    if type(value) is str:
        return Decimal(value) if looks_decimal(value) else value
    if type(value) is int:
        return Decimal(value)
    return value


def type_name(value):
    if value is None:
        return "null"
    if type(value) is bool:
        return "bool"
    if isinstance(value, Decimal):
        return "decimal"
    if type(value) is str:
        return "text"
    if type(value) is list:
        return "list"
    return "row"


def checked(result, path):
    """The result of an arithmetic step, or the runtime error too_large."""
    if result.copy_abs() >= LIMIT:
        raise RuleError("too_large", path, "The result has more than 30 digits before the decimal point.")
    return result


def add(a, b):
    return CONTEXT.add(a, b)


def subtract(a, b):
    return CONTEXT.subtract(a, b)


def multiply(a, b):
    return CONTEXT.multiply(a, b)


def divide(dividend, divisor, places):
    """dividend / divisor rounded half-up (ties away from zero) to `places`, computed once, exactly, on integers."""
    sign_a, digits_a, exp_a = dividend.as_tuple()
    sign_b, digits_b, exp_b = divisor.as_tuple()
    int_a = int("".join(map(str, digits_a)) or "0")
    int_b = int("".join(map(str, digits_b)) or "0")
    # dividend / divisor * 10^places == int_a * 10^(exp_a - exp_b + places) / int_b
    shift = exp_a - exp_b + places
    numerator = int_a * 10**shift if shift >= 0 else int_a
    denominator = int_b if shift >= 0 else int_b * 10**-shift
    quotient, remainder = divmod(numerator, denominator)
    if 2 * remainder >= denominator:
        quotient += 1
    if quotient and sign_a != sign_b:
        quotient = -quotient
    return Decimal(quotient).scaleb(-places, CONTEXT)


def round_half_up(value, places):
    return value.quantize(Decimal(1).scaleb(-places), context=ROUNDING)


def plain(value):
    """The output form of a decimal: no exponent, no trailing zeros, never "-0"."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def money(value, places):
    """A money amount: rounded half-up and written with exactly `places` decimals."""
    text = format(round_half_up(value, places), "f")
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def output(value):
    """A runtime value as JSON for the output: decimals in output form, lists and rows converted inside."""
    if isinstance(value, Decimal):
        return plain(value)
    if type(value) is list:
        return [output(item) for item in value]
    if type(value) is dict:
        return {key: output(item) for key, item in value.items()}
    return value
