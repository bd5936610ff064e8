"""Canonical JSON of a rule set and its hash (§8): what a version's `content_hash` is computed over."""

import hashlib
import json


def canonical_json(content):
    """Keys sorted by code point, no whitespace, strings escaped only as JSON requires."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(content):
    """The sha256 (hex) of the UTF-8 bytes of the canonical JSON."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def parse(text):
    """A rule set or input from JSON text; refuses NaN/Infinity, which are not JSON. Raises ValueError."""

    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    try:
        return json.loads(text, parse_constant=refuse)
    except RecursionError:
        raise ValueError("The JSON is nested too deeply.") from None
