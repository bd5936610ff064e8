"""The conformance vectors shared with the browser's interpreter: loading them and checking one (no Odoo import).

A file is `{"vectors": [...]}` with an optional file-level `rules_file`. A vector has a `name`, its rule set
(`rules` or `content`, or a `rules_file` relative to the vector file), `values`, `context`, and either `expect`
(a partial evaluation compared key by key; `errors`/`warnings` items compared on every key but `message`) or
`expect_invalid` (`[{"code", "path"}]`, compared with the first problems of `validate`).
"""

import json
from pathlib import Path

VECTORS = Path(__file__).parent / "vectors"


def load(folder=VECTORS):
    """Every vector of every `*.json` in `folder`, as (file name, vector with its rule set under "rules")."""
    loaded = []
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        shared = document.get("rules_file")
        for vector in document["vectors"]:
            vector = dict(vector)
            rules_file = vector.get("rules_file", shared)
            if "rules" not in vector and "content" in vector:
                vector["rules"] = vector["content"]
            if "rules" not in vector and rules_file:
                vector["rules"] = json.loads((path.parent / rules_file).read_text(encoding="utf-8"))
            loaded.append((path.name, vector))
    return loaded


def without_message(items):
    if type(items) is not list:
        return items
    return [{key: value for key, value in item.items() if key != "message"} if type(item) is dict else item for item in items]


def mismatches(vector, engine):
    """What differs between the vector's expectation and `engine` (the configurator package); [] when it passes."""
    if "expect_invalid" in vector:
        problems = [{"code": problem["code"], "path": problem["path"]} for problem in engine.validate(vector["rules"])]
        expected = [{"code": problem["code"], "path": problem["path"]} for problem in vector["expect_invalid"]]
        if problems[: len(expected)] != expected or not expected:
            return [f"problems {problems} do not start with {expected}"]
        return []
    problems = engine.validate(vector["rules"])
    if problems:
        return [f"the rule set is invalid: {problems}"]
    output = engine.evaluate(vector["rules"], vector.get("values", {}), vector.get("context"))
    differences = []
    for key, expected in vector["expect"].items():
        actual = output.get(key, "<absent>")
        if key in ("errors", "warnings"):
            actual, expected = without_message(actual), without_message(expected)
        if actual != expected:
            differences.append(f"{key}: got {json.dumps(actual)}, expected {json.dumps(expected)}")
    return differences
