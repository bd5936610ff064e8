import ast
import json
import subprocess
import sys
from pathlib import Path

from odoo.tests import TransactionCase, tagged

from ... import configurator

PACKAGE = Path(configurator.__file__).parent
BATCH_SCRIPT = PACKAGE.parents[1] / "scripts" / "configurator" / "evaluate_batch.py"


def ruleset(**parts):
    return {"schema": 1, "options": [], **parts}


def derived(expression, **parts):
    return ruleset(derived=[{"id": "x", "value": expression}], **parts)


@tagged("post_install", "-at_install")
class TestConfigEngine(TransactionCase):
    """The engine's hash, compile cache, limits and purity, and the batch script of the property test."""

    def test_01_canonical_json_and_hash(self):
        """The hash is the sha256 of the canonical JSON: keys sorted by code point, no spaces, UTF-8 unescaped."""
        content = {"schema": 1, "options": [], "b": "é", "a": [1, "x"]}
        self.assertEqual(configurator.canonical_json(content), '{"a":[1,"x"],"b":"é","options":[],"schema":1}')
        # sha256 of those exact bytes, computed outside Python (printf ... | sha256sum)
        self.assertEqual(configurator.content_hash(content), "81225aff561994b59e10759913a3c5db4cb91d2d99f722df467b518fcdf2d0a2")
        reordered = json.loads('{"a": [1, "x"], "schema": 1, "b": "é", "options": []}')
        self.assertEqual(configurator.content_hash(reordered), configurator.content_hash(content))
        self.assertNotEqual(configurator.content_hash({**content, "b": "e"}), configurator.content_hash(content))

    def test_02_compile_is_cached_by_hash_and_bounded(self):
        """Compiling the same content twice (even from JSON text) reuses one evaluator; the cache keeps at most 32."""
        content = derived({"+": ["1", "2"]})
        first = configurator.compile(content)
        self.assertIs(configurator.compile(json.loads(json.dumps(content))), first)
        self.assertIs(configurator.compile(configurator.canonical_json(content)), first)
        for index in range(configurator.CACHE_SIZE + 5):
            configurator.compile(derived({"+": ["1", str(index)]}))
        self.assertLessEqual(configurator.cached_count(), configurator.CACHE_SIZE)
        self.assertIsNot(configurator.compile(content), first, "the oldest version was evicted")
        self.assertEqual(configurator.evaluate(content, {})["derived"], {"x": "3"})

    def test_03_invalid_content_is_refused_with_its_problems(self):
        """compile/evaluate refuse an invalid rule set with the problems validate lists, and text that is not JSON."""
        content = derived({"cat": ["a", "b"]})
        with self.assertRaises(configurator.InvalidRuleSet) as caught:
            configurator.evaluate(content, {})
        self.assertEqual(caught.exception.problems, configurator.validate(content))
        self.assertEqual(caught.exception.problems[0]["code"], "unknown_operator")
        for text in ('{"schema": NaN}', "{", "[" * 100000):
            with self.assertRaises(ValueError):
                configurator.compile(text)
        self.assertEqual(
            configurator.validate([])[0], {"code": "invalid_structure", "path": "$", "message": "An object is expected here."}
        )

    def test_04_limits(self):
        """Node, list, row and step limits answer their codes instead of running away."""
        many = ruleset(derived=[{"id": f"d{index}", "value": {"+": ["1"] * 1999}} for index in range(26)])
        self.assertEqual([p["code"] for p in configurator.validate(many)], ["too_many_nodes"])
        self.assertEqual(configurator.validate(many)[0]["path"], "$")
        self.assertEqual(configurator.validate(derived({"sum": [["1"] * 1001]}))[0]["code"], "bad_argument")
        rows = [["1"] for _index in range(5001)]
        self.assertEqual(
            configurator.validate(derived("1", tables={"t": {"columns": ["n"], "rows": rows}}))[0]["code"], "bad_table"
        )
        big = {"columns": ["n"], "rows": [[str(index)] for index in range(1000)]}
        steps = derived(
            {"sum": {"map": [{"var": "tables.t"}, {"sum": {"map": [{"var": "tables.t"}, {"var": "it.n"}]}}]}}, tables={"t": big}
        )
        self.assertEqual(configurator.evaluate(steps, {})["errors"][0]["code"], "limit_exceeded")
        self.assertEqual(
            configurator.evaluate(derived({"*": ["1" + "0" * 20, "1" + "0" * 10]}), {})["errors"][0]["code"], "too_large"
        )

    def test_05_junk_input_never_raises(self):
        """Whatever the browser sends as values or context, evaluate answers ok false with input errors."""
        content = ruleset(
            options=[
                {"key": "w", "label": "W", "type": "decimal", "min": "1"},
                {"key": "m", "type": "multi", "values": [{"value": "a"}]},
            ]
        )
        junk = [
            ([], None),
            ({"w": {"$ne": 1}, "m": [[], {}]}, {"quantity": []}),
            ({"w": "1e3", "m": ["a"] * 10000}, {"quantity": 1.5, "role": ["manager"]}),
            ({"w": "9" * 40, "__proto__": 1}, "not a context"),
        ]
        for values, context in junk:
            with self.subTest(values=str(values)[:40]):
                output = configurator.evaluate(content, values, context)
                self.assertFalse(output["ok"])
                self.assertTrue(output["errors"])
                self.assertTrue(all({"code", "option", "message"} <= set(error) for error in output["errors"]))

    def test_06_the_package_stays_pure(self):
        """The engine imports only the standard library and itself, and never calls eval/exec/compile builtins."""
        for path in PACKAGE.glob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    self.assertTrue(
                        node.level == 1 or node.module.split(".")[0] in sys.stdlib_module_names, f"{path.name}: {node.module}"
                    )
                if isinstance(node, ast.Import):
                    self.assertTrue(all(alias.name.split(".")[0] in sys.stdlib_module_names for alias in node.names), path.name)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    self.assertNotIn(node.func.id, ("eval", "exec", "safe_eval", "__import__"), path.name)

    def test_07_batch_script_without_odoo(self):
        """evaluate_batch.py runs on plain python3 outside Odoo and answers one line per line, in order."""
        if not BATCH_SCRIPT.exists():
            self.skipTest("the scripts/ folder is not deployed with the addon")
        content = derived({"*": [{"var": "quantity"}, "2"]})
        lines = [
            json.dumps({"content": content, "values": {}, "context": {"quantity": "3"}}),
            json.dumps({"values": {}, "context": {"quantity": "0"}}),
            "not json",
            json.dumps({"content": derived({"cat": []})}),
        ]
        run = subprocess.run(
            [sys.executable, "-I", str(BATCH_SCRIPT)],
            input="\n".join(lines) + "\n",
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        answers = [json.loads(line) for line in run.stdout.splitlines()]
        self.assertEqual(len(answers), 4)
        self.assertEqual(answers[0]["derived"], {"x": "6"})
        self.assertEqual(answers[1]["errors"][0]["code"], "bad_quantity")
        self.assertIn("not JSON", answers[2]["batch_error"])
        self.assertEqual(answers[3]["problems"][0]["code"], "unknown_operator")
