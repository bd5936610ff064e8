from odoo.tests import TransactionCase, tagged

from ... import configurator
from .conformance import VECTORS, load, mismatches


@tagged("post_install", "-at_install")
class TestConfigVectors(TransactionCase):
    """The server's interpreter passes every conformance vector the browser's interpreter passes in jest."""

    def test_01_every_vector_passes(self):
        """Each vector of every file in vectors/ (py_, ts_ and demo_ alike) gives its expected output or problems."""
        vectors = load()
        prefixes = {name.split("_", 1)[0] for name, _vector in vectors}
        self.assertTrue({"py", "ts"} <= prefixes, f"both interpreters' vectors are in {VECTORS}")
        self.assertGreaterEqual(sum(name.startswith("py_") for name, _vector in vectors), 60)
        for name, vector in vectors:
            with self.subTest(f"{name}: {vector['name']}"):
                self.assertEqual(mismatches(vector, configurator), [])

    def test_02_a_wrong_expectation_is_caught(self):
        """The runner reports a vector whose expectation differs, so a passing run means something."""
        name, vector = next((name, vector) for name, vector in load() if name.startswith("py_") and "expect" in vector)
        wrong = dict(vector, expect={**vector["expect"], "ok": not vector["expect"]["ok"]})
        self.assertEqual(mismatches(vector, configurator), [], name)
        self.assertTrue(mismatches(wrong, configurator))
        invalid = next(vector for name, vector in load() if "expect_invalid" in vector)
        shifted = dict(invalid, expect_invalid=[{"code": "bad_table", "path": "$.nowhere"}])
        self.assertTrue(mismatches(shifted, configurator))
