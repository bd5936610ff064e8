"""What changed between two versions of a rule set, rule by rule, as data and as HTML for the form.

Options are matched by `key`, tables by name, derived values, constraints, rules and guardrails by
`id`; each is added, removed, changed (with its JSON before and after) or moved (same content, new
position, which matters where order does: derived values, constraints, rules). Precision and schema
are compared whole. A table's rows are compared as rows: added and removed ones are listed.
"""

import json

from markupsafe import Markup

LIST_SECTIONS = (
    ("options", "key"),
    ("derived", "id"),
    ("constraints", "id"),
    ("price_rules", "id"),
    ("cost_rules", "id"),
    ("guardrails", "id"),
)
MAX_ROWS_SHOWN = 20


def _canonical(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _by_key(items, key):
    if not isinstance(items, list):
        return {}
    return {item.get(key): (position, item) for position, item in enumerate(items) if isinstance(item, dict)}


def _table_change(before, after):
    """Return the changes of one table: columns, ranges, rows added and removed."""
    before, after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
    change = {}
    for part in ("columns", "ranges"):
        if _canonical(before.get(part)) != _canonical(after.get(part)):
            change[part] = {"before": before.get(part), "after": after.get(part)}
    old_rows = [_canonical(row) for row in before.get("rows") or []]
    new_rows = [_canonical(row) for row in after.get("rows") or []]
    removed, added = list(old_rows), []
    for row in new_rows:
        if row in removed:
            removed.remove(row)
        else:
            added.append(row)
    if added:
        change["rows_added"] = [json.loads(row) for row in added]
    if removed:
        change["rows_removed"] = [json.loads(row) for row in removed]
    return change


def diff_content(old, new):
    """Return the changes from rule set `old` to `new` (parsed JSON, either may be None) as a list.

    Each change: {"section", "name", "kind": added|removed|changed|moved, "before", "after"}.
    """
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    changes = []
    for section in ("schema", "precision"):
        if _canonical(old.get(section)) != _canonical(new.get(section)):
            changes.append(
                {"section": section, "name": section, "kind": "changed", "before": old.get(section), "after": new.get(section)}
            )
    for section, key in LIST_SECTIONS:
        before, after = _by_key(old.get(section), key), _by_key(new.get(section), key)
        common_before = [name for name in before if name in after]
        common_after = sorted(common_before, key=lambda name: after[name][0])
        for name, (position, item) in after.items():
            if name not in before:
                changes.append({"section": section, "name": name, "kind": "added", "before": None, "after": item})
            elif _canonical(before[name][1]) != _canonical(item):
                changes.append({"section": section, "name": name, "kind": "changed", "before": before[name][1], "after": item})
            elif common_before.index(name) != common_after.index(name):
                changes.append(
                    {"section": section, "name": name, "kind": "moved", "before": before[name][0] + 1, "after": position + 1}
                )
        for name, (_position, item) in before.items():
            if name not in after:
                changes.append({"section": section, "name": name, "kind": "removed", "before": item, "after": None})
    old_tables = old.get("tables") if isinstance(old.get("tables"), dict) else {}
    new_tables = new.get("tables") if isinstance(new.get("tables"), dict) else {}
    for name in list(new_tables) + [name for name in old_tables if name not in new_tables]:
        if name not in old_tables:
            changes.append({"section": "tables", "name": name, "kind": "added", "before": None, "after": new_tables[name]})
        elif name not in new_tables:
            changes.append({"section": "tables", "name": name, "kind": "removed", "before": old_tables[name], "after": None})
        else:
            change = _table_change(old_tables[name], new_tables[name])
            if change:
                changes.append({"section": "tables", "name": name, "kind": "changed", "before": None, "after": change})
    return changes


def _pretty(value):
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return Markup('<pre class="o_ops_harmony_config_json mb-0">%s</pre>') % text


def diff_html(env, old, new):
    """Return the changes from `old` to `new` as an HTML table a person reads in the form."""
    if new is None:
        return Markup("<p>%s</p>") % env._("The content is not valid JSON.")
    if old is None:
        return Markup("<p>%s</p>") % env._("First version: nothing to compare with.")
    changes = diff_content(old, new)
    if not changes:
        return Markup("<p>%s</p>") % env._("No change in the rules.")
    kinds = {
        "added": env._("Added"),
        "removed": env._("Removed"),
        "changed": env._("Changed"),
        "moved": env._("Moved"),
    }
    parts = [
        Markup(
            '<table class="table table-sm o_ops_harmony_config_diff"><thead><tr>'
            "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>"
        )
        % (env._("Section"), env._("Name"), env._("Change"), env._("Before"), env._("After"))
    ]
    for change in changes:
        kind = change["kind"]
        if kind == "moved":
            before = env._("position %(position)s", position=change["before"])
            after = env._("position %(position)s", position=change["after"])
        elif change["section"] == "tables" and kind == "changed":
            before, after = "", _table_markup(env, change["after"])
        else:
            before = _pretty(change["before"]) if change["before"] is not None else ""
            after = _pretty(change["after"]) if change["after"] is not None else ""
        parts.append(
            Markup(
                '<tr class="o_ops_harmony_config_diff_%s"><td>%s</td><td><code>%s</code></td>'
                "<td>%s</td><td>%s</td><td>%s</td></tr>"
            )
            % (kind, change["section"], change["name"], kinds[kind], before, after)
        )
    parts.append(Markup("</tbody></table>"))
    return Markup("").join(parts)


def _table_markup(env, change):
    parts = []
    for part in ("columns", "ranges"):
        if part in change:
            parts.append(Markup("<p><b>%s</b></p>") % part)
            parts.append(_pretty(change[part]))
    for part, label in (("rows_added", env._("Rows added")), ("rows_removed", env._("Rows removed"))):
        rows = change.get(part) or []
        if rows:
            parts.append(Markup("<p><b>%s (%s)</b></p>") % (label, len(rows)))
            parts.append(_pretty(rows[:MAX_ROWS_SHOWN]))
            if len(rows) > MAX_ROWS_SHOWN:
                parts.append(Markup("<p>%s</p>") % env._("… and %(count)s more.", count=len(rows) - MAX_ROWS_SHOWN))
    return Markup("").join(parts)
