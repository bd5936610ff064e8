import json

from odoo.fields import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

from odoo.addons.addon_ops_harmony.configurator import content_hash

VECTORS = "addon_ops_harmony/tests/configurator/vectors/"
RULESETS = "addon_ops_harmony/data/configurator/rulesets/"


@tagged("post_install", "-at_install")
class TestConfigDemo(TransactionCase):
    """The demo rule sets' loader: the rule set files published with their vector files, once."""

    def _load(self, name, vectors_file, rules_file):
        template = self.env["product.template"].create({"name": f"Demo {name}", "type": "consu"})
        ruleset = self.env["ops.config.ruleset"].create({"name": name, "product_tmpl_ids": [Command.set(template.ids)]})
        version = self.env["ops.config.ruleset"]._ops_demo_publish(ruleset.id, vectors_file, "First version.")
        with file_open(RULESETS + rules_file) as handle:
            content = json.load(handle)
        with file_open(VECTORS + vectors_file) as handle:
            vectors = json.load(handle)["vectors"]
        return ruleset, version, content, vectors

    def _assert_published(self, ruleset, version, content, vectors):
        self.assertEqual(ruleset.active_version_id, version)
        self.assertEqual(version.state, "published")
        self.assertEqual(json.loads(version.content), content)
        self.assertEqual(version.content_hash, content_hash(content))
        self.assertEqual(version.vector_ids.mapped("name"), [vector["name"] for vector in vectors])
        self.assertEqual([json.loads(vector.expect) for vector in version.vector_ids], [vector["expect"] for vector in vectors])
        self.assertEqual(set(version.vector_ids.mapped("result")), {"Passes."})

    def test_01_door_is_published_from_its_files(self):
        """The door's version holds door.json and every vector of demo_door.json, all passing on the server."""
        ruleset, version, content, vectors = self._load("Door", "demo_door.json", "door.json")
        self.assertGreaterEqual(len(vectors), 15)
        self._assert_published(ruleset, version, content, vectors)

    def test_02_saas_plan_is_published_from_its_files(self):
        """The SaaS plan's version holds saas_plan.json and every vector of demo_saas_plan.json, all passing."""
        ruleset, version, content, vectors = self._load("Plan", "demo_saas_plan.json", "saas_plan.json")
        self.assertGreaterEqual(len(vectors), 15)
        self._assert_published(ruleset, version, content, vectors)

    def test_03_loading_again_changes_nothing(self):
        """A second load of a rule set that has versions returns its active version and adds none."""
        ruleset, version, _content, _vectors = self._load("Door", "demo_door.json", "door.json")
        again = self.env["ops.config.ruleset"]._ops_demo_publish(ruleset.id, "demo_door.json", "Again.")
        self.assertEqual(again, version)
        self.assertEqual(len(ruleset.version_ids), 1)
