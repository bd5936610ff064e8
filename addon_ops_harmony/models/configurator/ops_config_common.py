"""What the configurator's models share: reading JSON people and callers send, the engine, the role.

The rule language and its two interpreters are specified in docs/configurator_rules.md; the Python
interpreter (`addon_ops_harmony/configurator`) is the authority and is imported here only when a rule
set is validated or evaluated.
"""

import json
from decimal import Decimal, InvalidOperation

from odoo.exceptions import ValidationError

# a rule set or an import file larger than this is refused before it is parsed
MAX_CONTENT_BYTES = 4 * 1024 * 1024
# what a caller may send as a configurator input (the values of one line)
MAX_INPUT_BYTES = 64 * 1024
# problems listed in one error message; the count of the others follows
MAX_PROBLEMS_SHOWN = 20
SALES_MANAGER_GROUP = "sales_team.group_sale_manager"


def engine():
    """Return the Python interpreter of the rule language (the authority)."""
    from odoo.addons.addon_ops_harmony import configurator

    return configurator


def parse_json(env, text, what, max_bytes=MAX_CONTENT_BYTES):
    """Return `text` parsed as JSON; junk, or text over `max_bytes`, is a ValidationError naming `what`."""
    if not isinstance(text, str):
        raise ValidationError(env._("%(what)s must be JSON text.", what=what))
    if len(text.encode()) > max_bytes:
        raise ValidationError(env._("%(what)s is larger than %(limit)s KB: it is refused.", what=what, limit=max_bytes // 1024))
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except ValueError as error:
        raise ValidationError(env._("%(what)s is not valid JSON: %(error)s", what=what, error=error)) from error


def _refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def dump_json(value):
    """Return `value` as readable JSON text (keys in their order, two-space indent)."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def problems_text(env, problems, heading):
    """Return the engine's problems (`{"code", "path", "message"}`) as one message under `heading`."""
    lines = [heading]
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        where = problem.get("path") or problem.get("option") or problem.get("rule") or "$"
        lines.append(f"- {where}: {problem.get('code')} — {problem.get('message', '')}")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(env._("… and %(count)s more problems.", count=len(problems) - MAX_PROBLEMS_SHOWN))
    return "\n".join(lines)


def role_of(user):
    """Return the configurator role of `user`: `manager` for Sales managers, else `salesperson`."""
    return "manager" if user.has_group(SALES_MANAGER_GROUP) else "salesperson"


def decimal_text(value):
    """Return a quantity (a float, int or decimal string) as a decimal string of the rule language."""
    try:
        number = Decimal(value if isinstance(value, str) else repr(float(value)))
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not number.is_finite():
        return None
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def comparable(value):
    """Return an evaluation without what may differ between the interpreters: the messages (§6)."""
    if isinstance(value, dict):
        return {key: comparable(item) for key, item in value.items() if key != "message"}
    if isinstance(value, list):
        return [comparable(item) for item in value]
    return value


def differences(expected, actual, prefix="$", said=("expected", "got")):
    """Return the paths where `actual` differs from `expected`, as "path: expected X, got Y" lines.

    `expected` is partial: only its keys are compared (as the conformance vectors do). `said` names
    the two sides in the lines, e.g. ("the browser said", "the server").
    """
    if isinstance(expected, dict) and isinstance(actual, dict):
        lines = []
        for key, value in expected.items():
            if key not in actual:
                lines.append(f"{prefix}.{key}: {said[0]} {_short(value)}, {said[1]} nothing")
            else:
                lines.extend(differences(value, actual[key], f"{prefix}.{key}", said))
        return lines
    if expected != actual:
        return [f"{prefix}: {said[0]} {_short(expected)}, {said[1]} {_short(actual)}"]
    return []


def _short(value):
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 200 else f"{text[:200]}…"
