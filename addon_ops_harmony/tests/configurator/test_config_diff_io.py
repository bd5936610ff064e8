import base64
import copy
import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from ...models.configurator.ops_config_diff import diff_content
from ..common import SHELF_RULES, ConfigCase


def changed_rules():
    """The shelf rules with one change of each kind."""
    rules = copy.deepcopy(SHELF_RULES)
    rules["price_rules"][1]["amount"] = "55"  # changed
    rules["options"].append({"key": "color", "label": "Color", "type": "bool", "default": False})  # added
    rules["constraints"] = []  # removed
    rules["cost_rules"] = [{"id": "glue", "amount": "1"}, {"id": "wood", "amount": "100"}]  # added, wood moved
    rules["precision"] = {"money": 2, "division": 8}
    rules["tables"] = {"finish": {"columns": ["name", "price"], "rows": [["matt", "3"], ["gloss", "5"]]}}
    return rules


@tagged("post_install", "-at_install")
class TestConfigDiffAndFiles(ConfigCase):
    """Versions compare rule by rule; a rule set goes out and comes back as a JSON file, checked whole."""

    def test_01_diff_names_each_change_rule_by_rule(self):
        """Changed, added, removed and moved rules, precision and tables each appear once with before and after."""
        changes = {(change["section"], change["name"], change["kind"]) for change in diff_content(SHELF_RULES, changed_rules())}
        self.assertEqual(
            changes,
            {
                ("precision", "precision", "changed"),
                ("options", "color", "added"),
                ("constraints", "oak_narrow", "removed"),
                ("price_rules", "oak", "changed"),
                ("cost_rules", "glue", "added"),
                ("tables", "finish", "added"),
            },
        )
        moved = copy.deepcopy(SHELF_RULES)
        moved["price_rules"].reverse()
        kinds = {(change["name"], change["kind"]) for change in diff_content(SHELF_RULES, moved)}
        self.assertIn(("base", "moved"), kinds)
        rows = copy.deepcopy(changed_rules())
        rows["tables"]["finish"]["rows"][1] = ["gloss", "6"]
        [table] = [change for change in diff_content(changed_rules(), rows) if change["section"] == "tables"]
        self.assertEqual(table["after"], {"rows_added": [["gloss", "6"]], "rows_removed": [["gloss", "5"]]})

    def test_02_the_draft_form_and_the_wizard_show_the_changes(self):
        """The next draft's Changes tab and the Compare wizard show the changed rule with its JSON before and after."""
        draft = self.env["ops.config.ruleset.version"].browse(self.v1.with_user(self.manager).action_new_draft()["res_id"])
        draft.write({"content": json.dumps(changed_rules())})
        self.assertEqual(draft.previous_id, self.v1)
        self.assertIn("oak_narrow", draft.changes_html)
        self.assertIn("Removed", draft.changes_html)
        self.assertIn('"amount": "55"', draft.changes_html)
        action = draft.with_user(self.seller).action_open_diff()
        wizard = Form(self.env["ops.config.diff.wizard"].with_user(self.seller).with_context(action["context"])).save()
        self.assertEqual(wizard.old_version_id, self.v1)
        found = self.env["ops.config.ruleset.version"].with_user(self.seller).name_search("Shelf")
        self.assertEqual({name for _id, name in found}, {"Shelf v1 (Published)", "Shelf v2 (Draft)"})
        self.assertIn("color", wizard.diff_html)
        self.assertIn("First version", self.v1.changes_html)

    def test_03_export_then_import_gives_the_same_rules_and_vectors(self):
        """The export holds name, description, version, changelog, content, vectors; importing it makes a new rule set."""
        document = json.loads(base64.b64decode(self.v1.with_user(self.seller).export_file))
        self.assertEqual(set(document), {"name", "description", "version", "changelog", "content", "vectors"})
        self.assertEqual((document["name"], document["version"], document["content"]), ("Shelf", 1, SHELF_RULES))
        self.assertEqual(document["vectors"][0]["expect"]["unit_price"], "160.00")
        self.assertEqual(self.v1.action_export()["type"], "ir.actions.act_url")
        document["name"] = "Shelf copy"
        wizard = (
            self.env["ops.config.import.wizard"]
            .with_user(self.manager)
            .create({"file": base64.b64encode(json.dumps(document).encode())})
        )
        version = self.env["ops.config.ruleset.version"].browse(wizard.action_import()["res_id"])
        self.assertEqual((version.ruleset_id.name, version.version, version.state), ("Shelf copy", 1, "draft"))
        self.assertEqual(version.content_hash, self.v1.content_hash)
        self.assertEqual(len(version.vector_ids), 1)
        version.action_publish()
        self.assertEqual(version.ruleset_id.active_version_id, version)

    def test_04_import_into_a_rule_set_makes_its_next_draft(self):
        """Importing into the shelf rule set adds draft version 2; a second import while it is a draft is refused."""
        document = self.v1._ops_export()
        document["content"]["price_rules"][1]["amount"] = "45"
        data = base64.b64encode(json.dumps(document).encode())
        Wizard = self.env["ops.config.import.wizard"].with_user(self.manager)
        version = self.env["ops.config.ruleset.version"].browse(
            Wizard.create({"file": data, "ruleset_id": self.ruleset.id}).action_import()["res_id"]
        )
        self.assertEqual((version.ruleset_id, version.version), (self.ruleset, 2))
        with self.assertRaises(UserError):
            Wizard.create({"file": data, "ruleset_id": self.ruleset.id}).action_import()

    def test_05_a_malformed_file_is_refused_with_paths_and_creates_nothing(self):
        """Bad content, vectors, keys, non-JSON or non-UTF-8 files are refused with their paths; nothing is created."""
        count = self.env["ops.config.ruleset"].search_count([])
        document = self.v1._ops_export()
        document["content"]["options"][0]["min"] = 60.5
        document["vectors"].append({"name": "bad", "values": [], "role": "boss"})
        document["extra"] = 1
        Wizard = self.env["ops.config.import.wizard"].with_user(self.manager)
        with self.assertRaises(ValidationError) as caught:
            Wizard.create({"file": base64.b64encode(json.dumps(document).encode())}).action_import()
        message = str(caught.exception)
        for path in ("$.extra", "$.content.options[0].min", "$.vectors[1].values", "$.vectors[1].role"):
            self.assertIn(path, message)
        for junk in (b"{nope", b"\xff\xfe\x00", b"[1, 2]"):
            with self.assertRaises(ValidationError):
                Wizard.create({"file": base64.b64encode(junk)}).action_import()
        self.assertEqual(self.env["ops.config.ruleset"].search_count([]), count)

    def test_06_only_managers_import(self):
        """A salesperson cannot use the import wizard."""
        with self.assertRaises(AccessError):
            self.env["ops.config.import.wizard"].with_user(self.seller).create({"file": base64.b64encode(b"{}")})
