#!/usr/bin/env python3
"""Evaluates configurator inputs in bulk with the server's interpreter, without Odoo (plain python3).

Protocol (JSON lines): every line on stdin is one object and gets exactly one line on stdout, in order.
  {"content_file": "path/to/ruleset.json", "values": {...}, "context": {"quantity": "2", "role": "manager"}}
  {"content": {...rule set...}, "values": {...}, "context": {...}}
  {"values": {...}, "context": {...}}            -- uses the rule set of the previous line that named one
A line that names a rule set but has no "values" only loads it and answers {"ok": true, "hash": <sha256>}.
An input line answers its evaluation (docs/configurator_rules.md §6). A line that cannot be evaluated answers
{"ok": false, "batch_error": <what to fix>, "problems": [...]} (invalid rule set) and the batch goes on.
Blank lines are skipped. Used by the cross-language property test (test/repo/configurator/).
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "addon_ops_harmony"))

import configurator  # noqa: E402 - the package is found through the path above


class Batch:
    """The current rule set and the ones already loaded from files (a file is read and compiled once)."""

    def __init__(self):
        self.by_file = {}
        self.current = None

    def load(self, item):
        if "content_file" in item:
            path = item["content_file"]
            if path not in self.by_file:
                self.by_file[path] = configurator.compile(Path(path).read_text(encoding="utf-8"))
            self.current = self.by_file[path]
        elif "content" in item:
            self.current = configurator.compile(item["content"])

    def answer(self, line):
        try:
            item = configurator.parse(line)
        except ValueError as error:
            return {"ok": False, "batch_error": f"this line is not JSON ({error}): send one JSON object per line"}
        if not isinstance(item, dict):
            return {"ok": False, "batch_error": "send one JSON object per line"}
        try:
            self.load(item)
        except configurator.InvalidRuleSet as error:
            self.current = None
            return {"ok": False, "batch_error": "the rule set is invalid: fix these problems", "problems": error.problems}
        except (OSError, ValueError) as error:
            self.current = None
            return {"ok": False, "batch_error": f"the rule set could not be read: {error}"}
        if self.current is None:
            return {"ok": False, "batch_error": 'no rule set yet: give "content" or "content_file" on this or an earlier line'}
        if "values" not in item:
            return {"ok": True, "hash": configurator.content_hash(item["content"]) if "content" in item else None}
        return self.current.evaluate(item["values"], item.get("context"))


def main():
    batch = Batch()
    out = sys.stdout
    for line in sys.stdin:
        if line.strip():
            out.write(json.dumps(batch.answer(line), ensure_ascii=False, separators=(",", ":")) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
