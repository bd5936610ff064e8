"""The configurator rule language (docs/configurator_rules.md): the server's interpreter, the authority.

Pure standard library, no Odoo import, so that scripts and tests can import it outside Odoo:
`validate` checks a rule set at save, `compile` turns a valid one into an evaluator (cached by content hash),
`evaluate` is `compile(content).evaluate(values, context)`, `canonical_json`/`content_hash` give its hash.
"""

import hashlib
import threading
from collections import OrderedDict

from .canonical import canonical_json, content_hash, parse
from .evaluate import Evaluator
from .validate import validate

__all__ = ["InvalidRuleSet", "canonical_json", "compile", "content_hash", "evaluate", "parse", "validate"]

CACHE_SIZE = 32
_cache = OrderedDict()
_lock = threading.Lock()


class InvalidRuleSet(ValueError):
    """A rule set that fails validation; `problems` lists them as `validate` does."""

    def __init__(self, problems):
        super().__init__(f"The rule set is invalid: {problems[0]['code']} at {problems[0]['path']}.")
        self.problems = problems


def compile(content):  # noqa: A001 - the public name the contract gives
    """The evaluator of a rule set (parsed JSON or JSON text); validated once, then kept by hash (at most 32).

    JSON text is the fast way in: it is found again by the sha256 of its bytes, without parsing it; a parsed
    rule set is found by its content hash (canonical JSON). Raises InvalidRuleSet when the rule set has
    problems, ValueError when the text is not JSON.
    """
    text_key = None
    if isinstance(content, (str, bytes)):
        raw = content.encode("utf-8") if isinstance(content, str) else content
        text_key = "text:" + hashlib.sha256(raw).hexdigest()
        evaluator = _cached(text_key)
        if evaluator is not None:
            return evaluator
        content = parse(content)
    try:
        digest = content_hash(content)
    except RecursionError:
        raise InvalidRuleSet([{"code": "too_deep", "path": "$", "message": "The rule set is nested too deeply."}]) from None
    evaluator = _cached(digest)
    if evaluator is None:
        problems = validate(content)
        if problems:
            raise InvalidRuleSet(problems)
        evaluator = Evaluator(content)
    _store(digest, evaluator)
    if text_key is not None:
        _store(text_key, evaluator)
    return evaluator


def _cached(key):
    with _lock:
        evaluator = _cache.get(key)
        if evaluator is not None:
            _cache.move_to_end(key)
        return evaluator


def _store(key, evaluator):
    with _lock:
        _cache[key] = evaluator
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)


def evaluate(content, values, context=None):
    """The evaluation of one input against a rule set (§6 of the doc); raises InvalidRuleSet on an invalid rule set."""
    return compile(content).evaluate(values, context)


def cached_count():
    """How many entries the cache holds (a version compiled from text has two: its text and its content hash)."""
    return len(_cache)
