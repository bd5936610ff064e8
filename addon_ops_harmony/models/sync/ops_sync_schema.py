"""Checks for the canonical values the bridge sends: types, lengths, dates and unicode.

Plain Python, no ORM: the gateway rejects a malformed record here, with a message that names the
key and what is wrong, before anything is written. Specs are small callables, so a stream declares
its schema as a dict (`{"name": Text(required=True), "amount": Number(minimum=0)}`).

Also here: the content hash that makes re-syncs of unchanged data free, and the text clean-up
that makes any input safe to store in PostgreSQL and to send back over JSON or XML-RPC.
"""

import hashlib
import json
import math
import re
from datetime import date, datetime, timezone

VALIDATION = "validation"
MAPPING = "mapping"

# PostgreSQL int4 columns (Integer fields)
INT_MAX = 2**31 - 1
# the longest external id a binding or an event holds
EXTERNAL_ID_MAX = 255
# amounts beyond this are garbage, not business data
AMOUNT_MAX = 10**13
YEAR_RANGE = (1900, 2999)
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# what XML 1.0 and PostgreSQL cannot carry: NUL, the other C0 controls but tab and newlines
UNSAFE_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

JSON_TYPE_NAMES = {
    str: "a string",
    bool: "a boolean",
    int: "a number",
    float: "a number",
    list: "an array",
    dict: "an object",
    type(None): "null",
}


class SyncRejected(Exception):
    """A record the gateway refuses, with the category and message the bridge and people see.

    `cause` is the message without the record's own values (a length, a year), when quoting them
    is not enough to leave them out; the events it explains are grouped by it.
    """

    def __init__(self, category, message, cause=None):
        super().__init__(message)
        self.category = category
        self.message = message
        self.cause = cause


def type_name(value):
    """Return how `value`'s type reads in a message, in JSON's words ("a string", "null")."""
    return JSON_TYPE_NAMES.get(type(value), f"a {type(value).__name__}")


def check_unicode(text, key):
    """Raise a validation error when `text` cannot be stored: NUL characters or lone surrogates."""
    if "\x00" in text:
        raise SyncRejected(VALIDATION, f'the field "{key}" contains a NUL character, which Odoo cannot store')
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SyncRejected(
            VALIDATION,
            f'the field "{key}" contains invalid unicode (a lone surrogate at position {exc.start})',
            cause=f'the field "{key}" contains invalid unicode',
        ) from None


def safe_text(text, max_length=None):
    """Return `text` made safe to store and send back: bad unicode and control characters replaced."""
    if not isinstance(text, str):
        text = repr(text)
    text = UNSAFE_CHARS_RE.sub("\ufffd", text.encode("utf-8", "replace").decode("utf-8"))
    if max_length and len(text) > max_length:
        text = text[:max_length] + f"… ({len(text) - max_length} more characters)"
    return text


def is_safe_text(text):
    """Return whether `safe_text` leaves the string `text` as it is, without building its copy."""
    if UNSAFE_CHARS_RE.search(text):
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def safe_json(value, max_length=None):
    """Return `value` as indented JSON text, safe to store whatever it holds, cut at `max_length`."""
    try:
        text = json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=repr)
    except (TypeError, ValueError):  # mixed key types, circular data: keep what can be shown
        text = repr(value)
    return safe_text(text, max_length)


def content_hash(values):
    """Return a stable hash of `values` and the size of their canonical JSON form.

    Key order and whitespace do not matter; anything JSON cannot hold is hashed by its repr. The
    bridge computes the same SHA-256 over the same form (`contentHash` in the bridge's
    `gateway/content_hash.ts`) to ask which records Odoo already has (`check_unchanged`); both
    check the vectors of `tests/sync/content_hash_vectors.json`.
    """
    canonical = json.dumps(values, sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest(), len(canonical)


def parse_datetime(value, key):
    """Return an ISO 8601 string as a naive UTC datetime, the way Odoo stores it."""
    if not isinstance(value, str):
        raise SyncRejected(VALIDATION, f'the field "{key}" must be an ISO 8601 date-time, but it is {type_name(value)}')
    check_unicode(value, key)
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise SyncRejected(VALIDATION, f'the field "{key}" is not an ISO 8601 date-time: {safe_text(value, 40)!r}') from None
    if moment.tzinfo:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    _check_year(moment.year, key)
    return moment


def parse_date(value, key):
    """Return a `YYYY-MM-DD` string as a date; a date-time string gives its (UTC) day."""
    if not isinstance(value, str):
        raise SyncRejected(VALIDATION, f'the field "{key}" must be a YYYY-MM-DD date, but it is {type_name(value)}')
    check_unicode(value, key)
    value = value.strip()
    try:
        if DATE_RE.match(value):
            day = date.fromisoformat(value)
        elif DATE_RE.match(value[:10]) and value[10:11] in ("T", " "):
            day = parse_datetime(value, key).date()
        else:
            raise ValueError(value)
    except (ValueError, SyncRejected):
        raise SyncRejected(VALIDATION, f'the field "{key}" is not a YYYY-MM-DD date: {safe_text(value, 40)!r}') from None
    _check_year(day.year, key)
    return day


def _check_year(year, key):
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise SyncRejected(
            VALIDATION, f'the field "{key}" is out of range (year {year})', cause=f'the field "{key}" is out of range'
        )


class Spec:
    """A value's check: call it with (value, key); it returns the clean value or raises SyncRejected."""

    def __init__(self, required=False):
        self.required = required

    def __call__(self, value, key):
        if value is None or value == "" or value is False and not isinstance(self, Boolean):
            if self.required:
                raise SyncRejected(VALIDATION, f'the field "{key}" is required but empty')
            return self.empty()
        return self.check(value, key)

    def empty(self):
        """Override to return what a missing optional value becomes."""
        return False

    def check(self, value, key):
        """Override to check a present value and return it clean."""
        raise NotImplementedError


class Text(Spec):
    """A string, stripped, at most `max_length` characters, valid unicode."""

    def __init__(self, required=False, max_length=256):
        super().__init__(required)
        self.max_length = max_length

    def check(self, value, key):
        if not isinstance(value, str):
            raise SyncRejected(VALIDATION, f'the field "{key}" must be text, but it is {type_name(value)}')
        check_unicode(value, key)
        value = value.strip()
        if len(value) > self.max_length:
            raise SyncRejected(
                VALIDATION,
                f'the field "{key}" is too long: {len(value)} characters, at most {self.max_length}',
                cause=f'the field "{key}" is longer than {self.max_length} characters',
            )
        if not value and self.required:
            raise SyncRejected(VALIDATION, f'the field "{key}" is required but empty')
        return value or False


class Code(Text):
    """A short upper-case code such as an ISO country (2 letters) or currency (3 letters)."""

    def __init__(self, length, required=False):
        super().__init__(required, max_length=64)
        self.length = length

    def check(self, value, key):
        code = super().check(value, key)
        if code and (len(code) != self.length or not code.isascii() or not code.isalpha()):
            raise SyncRejected(VALIDATION, f'the field "{key}" must be {self.length} letters, got {safe_text(code)!r}')
        return code and code.upper()


class Choice(Text):
    """One of a fixed set of strings (compared case-insensitively); `default` when missing."""

    def __init__(self, choices, required=False, default=False):
        super().__init__(required, max_length=64)
        self.choices = tuple(choices)
        self.default = default

    def empty(self):
        return self.default

    def check(self, value, key):
        choice = super().check(value, key)
        if choice and choice.lower() not in self.choices:
            raise SyncRejected(
                VALIDATION, f'the field "{key}" must be one of {", ".join(self.choices)}; got {safe_text(choice, 64)!r}'
            )
        return choice.lower() if choice else self.default


class Number(Spec):
    """A finite number between `minimum` and `maximum` (booleans are not numbers)."""

    def __init__(self, required=False, minimum=-AMOUNT_MAX, maximum=AMOUNT_MAX, exclusive_minimum=False):
        super().__init__(required)
        self.minimum = minimum
        self.maximum = maximum
        self.exclusive_minimum = exclusive_minimum

    def empty(self):
        return 0.0

    def check(self, value, key):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SyncRejected(VALIDATION, f'the field "{key}" must be a number, but it is {type_name(value)}')
        if isinstance(value, float) and not math.isfinite(value):
            raise SyncRejected(VALIDATION, f"the field \"{key}\" must be a finite number, got '{value}'")
        too_low = value <= self.minimum if self.exclusive_minimum else value < self.minimum
        if too_low or value > self.maximum:
            bound = "above" if self.exclusive_minimum else "at least"
            raise SyncRejected(
                VALIDATION, f"the field \"{key}\" must be {bound} {self.minimum} and at most {self.maximum}, got '{value}'"
            )
        return float(value)


class Integer(Number):
    """A whole number that fits an Odoo Integer field."""

    def __init__(self, required=False, minimum=-INT_MAX, maximum=INT_MAX):
        super().__init__(required, minimum, maximum)

    def empty(self):
        return 0

    def check(self, value, key):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise SyncRejected(VALIDATION, f'the field "{key}" must be a whole number, but it is {type_name(value)}')
        return int(super().check(value, key))


class Boolean(Spec):
    """true or false."""

    def check(self, value, key):
        if not isinstance(value, bool):
            raise SyncRejected(VALIDATION, f'the field "{key}" must be true or false, but it is {type_name(value)}')
        return value


class Date(Spec):
    """A `YYYY-MM-DD` string, returned as a date."""

    def check(self, value, key):
        return parse_date(value, key)


class Datetime(Spec):
    """An ISO 8601 date-time string, returned as a naive UTC datetime."""

    def check(self, value, key):
        return parse_datetime(value, key)


class Record(Spec):
    """A nested object checked against its own schema."""

    def __init__(self, schema, required=False):
        super().__init__(required)
        self.schema = schema

    def empty(self):
        return {}

    def check(self, value, key):
        return check_values(self.schema, value, f"{key}.")


class ListOf(Spec):
    """An array of at most `max_items` items, each checked by `item`."""

    def __init__(self, item, required=False, min_items=0, max_items=1000):
        super().__init__(required)
        self.item = item
        self.min_items = min_items
        self.max_items = max_items

    def empty(self):
        return []

    def check(self, value, key):
        if not isinstance(value, list):
            raise SyncRejected(VALIDATION, f'the field "{key}" must be a list, but it is {type_name(value)}')
        if not self.min_items <= len(value) <= self.max_items:
            raise SyncRejected(
                VALIDATION,
                f'the field "{key}" must hold {self.min_items} to {self.max_items} items, got {len(value)}',
                cause=f'the field "{key}" must hold {self.min_items} to {self.max_items} items',
            )
        return [self.item(item, f"{key}[{index}]") for index, item in enumerate(value)]


def check_values(schema, values, prefix=""):
    """Return `values` checked and cleaned against `schema`; keys the schema does not know are ignored."""
    if not isinstance(values, dict):
        where = f'the field "{prefix.rstrip(".")}"' if prefix else "the values"
        raise SyncRejected(VALIDATION, f"{where} must be an object (a set of fields), but it is {type_name(values)}")
    return {key: spec(values.get(key), f"{prefix}{key}") for key, spec in schema.items()}
