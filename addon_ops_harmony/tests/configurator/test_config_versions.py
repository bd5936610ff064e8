import copy
import hashlib
import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from ..common import SHELF_RULES, SHELF_VECTOR, ConfigCase


@tagged("post_install", "-at_install")
class TestConfigVersions(ConfigCase):
    """Rule set versions: validated at save, immutable once published, published only when their vectors pass."""

    def _draft(self, rules=None, vectors=None):
        return (
            self.env["ops.config.ruleset.version"]
            .with_user(self.manager)
            .create(
                {
                    "ruleset_id": self.ruleset.id,
                    "content": json.dumps(rules or SHELF_RULES),
                    "vector_ids": [Command.create(vector) for vector in (vectors or [dict(SHELF_VECTOR)])],
                }
            )
        )

    def test_01_malformed_rule_set_is_refused_with_its_paths(self):
        """A float amount and an unknown operator are refused at save, naming their JSON paths and codes."""
        rules = copy.deepcopy(SHELF_RULES)
        rules["price_rules"][1]["amount"] = 0.1
        rules["price_rules"][0]["amount"] = {"cat": ["a", "b"]}
        with self.assertRaises(ValidationError) as caught:
            self._draft(rules)
        message = str(caught.exception)
        self.assertIn("$.price_rules[0].amount", message)
        self.assertIn("unknown_operator", message)
        self.assertIn("$.price_rules[1].amount", message)
        self.assertIn("bad_number", message)
        draft = self._draft()
        with self.assertRaises(ValidationError) as caught:
            draft.write({"content": '{"schema": 1, "options": [], "bogus": true}'})
        self.assertIn("$.bogus", str(caught.exception))

    def test_02_junk_content_is_refused(self):
        """Text that is not JSON, NaN, and content over the size limit are refused readably."""
        draft = self._draft()
        for junk, expected in (
            ("{not json", "not valid JSON"),
            ('{"schema": NaN}', "not valid JSON"),
            ("x" * (5 * 1024 * 1024), "larger than"),
        ):
            with self.assertRaises(ValidationError) as caught:
                draft.write({"content": junk})
            self.assertIn(expected, str(caught.exception))
        self.assertEqual(json.loads(draft.content), SHELF_RULES)

    def test_03_hash_is_the_sha256_of_the_canonical_json(self):
        """content_hash is the sha256 of the sorted, compact JSON, whatever the whitespace typed."""
        canonical = json.dumps(SHELF_RULES, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        self.assertEqual(self.v1.content_hash, hashlib.sha256(canonical.encode()).hexdigest())
        draft = self._draft()
        draft.write({"content": json.dumps(SHELF_RULES, indent=4)})
        self.assertEqual(draft.content_hash, self.v1.content_hash)

    def test_04_published_version_never_changes(self):
        """Writing a published version's content or vectors, or deleting it, is refused; it stays as it was."""
        version = self.v1.with_user(self.manager)
        for vals in ({"content": '{"schema": 1, "options": []}'}, {"changelog": "sneaky"}):
            with self.assertRaises(UserError):
                version.write(vals)
        with self.assertRaises(UserError):
            version.vector_ids.write({"expect": "{}"})
        with self.assertRaises(UserError):
            version.write({"vector_ids": [Command.create(dict(SHELF_VECTOR, name="more"))]})
        with self.assertRaises(UserError):
            version.unlink()
        self.assertEqual(json.loads(self.v1.content), SHELF_RULES)
        self.assertEqual(len(self.v1.vector_ids), 1)

    def test_05_bookkeeping_fields_are_set_by_actions_only(self):
        """state, version, published_at, author and the active version refuse a write or create, even with a forged context."""
        draft = self._draft()
        for vals in (
            {"state": "published"},
            {"version": 7},
            {"published_at": "2026-01-01 00:00:00"},
            {"author_id": self.seller.id},
        ):
            for context in ({}, {"ops_config_internal": True}):
                with self.assertRaises(UserError):
                    draft.with_context(**context).write(vals)
        with self.assertRaises(UserError):
            self.env["ops.config.ruleset.version"].with_user(self.manager).with_context(ops_config_internal=True).create(
                {"ruleset_id": self.ruleset.id, "content": json.dumps(SHELF_RULES), "state": "published"}
            )
        with self.assertRaises(UserError):
            self.ruleset.with_user(self.manager).write({"active_version_id": draft.id})
        self.assertEqual((draft.state, self.ruleset.active_version_id), ("draft", self.v1))

    def test_06_publish_refuses_naming_each_failing_vector(self):
        """Publishing runs every vector: the failing ones are named with what differed, and nothing is published."""
        draft = self._draft(
            vectors=[
                dict(SHELF_VECTOR),
                dict(SHELF_VECTOR, name="wrong price", expect='{"unit_price": "999.00"}'),
                dict(SHELF_VECTOR, name="wrong error", values='{"width": "500"}', expect='{"ok": true}'),
            ]
        )
        with self.assertRaises(UserError) as caught:
            draft.action_publish()
        message = str(caught.exception)
        self.assertIn('wrong price: $.unit_price: expected "999.00", got "160.00"', message)
        self.assertIn("wrong error: $.ok: expected true, got false", message)
        self.assertNotIn("default shelf", message)
        self.assertEqual(draft.state, "draft")
        self.assertEqual(self.ruleset.active_version_id, self.v1)
        empty = self._draft(vectors=[dict(SHELF_VECTOR)])
        empty.vector_ids.unlink()
        with self.assertRaises(UserError):
            empty.action_publish()

    def test_07_publish_makes_the_active_version_and_retires_the_previous(self):
        """A passing draft becomes the active version; v1 is retired; the audit log and chatter say so."""
        draft = self._draft()
        draft.action_publish()
        self.assertEqual((draft.state, self.v1.state), ("published", "retired"))
        self.assertEqual(self.ruleset.active_version_id, draft)
        self.assertTrue(draft.published_at)
        self.assertEqual(draft.author_id, self.manager)
        entry = self.env["ops.audit.log"].sudo().search([("event", "=", "config_publish"), ("res_id", "=", draft.id)])
        self.assertEqual(entry.res_model, "ops.config.ruleset.version")
        self.assertIn(draft.content_hash, entry.rationale)

    def test_08_edit_creates_the_next_draft_once(self):
        """Edit on a published version copies its content and vectors into version 2; a second Edit opens that draft."""
        action = self.v1.with_user(self.manager).action_new_draft()
        draft = self.env["ops.config.ruleset.version"].browse(action["res_id"])
        self.assertEqual((draft.version, draft.state), (2, "draft"))
        self.assertEqual(draft.content_hash, self.v1.content_hash)
        self.assertEqual(draft.vector_ids.mapped("name"), self.v1.vector_ids.mapped("name"))
        self.assertEqual(self.v1.with_user(self.manager).action_new_draft()["res_id"], draft.id)

    def test_09_salespeople_read_rule_sets_but_never_change_them(self):
        """A salesperson reads the rule set and its versions; creating, writing or publishing is an AccessError."""
        self.assertEqual(self.ruleset.with_user(self.seller).active_version_id, self.v1)
        with self.assertRaises(AccessError):
            self.env["ops.config.ruleset"].with_user(self.seller).create({"name": "Mine"})
        with self.assertRaises(AccessError):
            self.v1.with_user(self.seller).write({"changelog": "x"})
        draft = self._draft()
        with self.assertRaises(AccessError):
            draft.with_user(self.seller).action_publish()
        with self.assertRaises(AccessError):
            draft.with_user(self.seller).action_new_draft()

    def test_10_rule_sets_stay_in_their_company(self):
        """A rule set of another company is invisible to a user who is not in it."""
        other = self.env["res.company"].create({"name": "Other shelf company"})
        foreign = self.env["ops.config.ruleset"].create({"name": "Foreign", "company_id": other.id})
        self.assertFalse(self.env["ops.config.ruleset"].with_user(self.seller).search([("id", "=", foreign.id)]))
        self.assertEqual(
            self.env["ops.config.ruleset"].with_user(self.seller).search([("id", "=", self.ruleset.id)]), self.ruleset
        )

    def test_11_a_product_finds_its_rule_set_by_template_then_category(self):
        """A listed template wins; otherwise the nearest category up the tree; a product has one rule set only."""
        parent = self.env["product.category"].create({"name": "Furniture"})
        child = self.env["product.category"].create({"name": "Cabinets", "parent_id": parent.id})
        cabinet = self.env["product.product"].create({"name": "Cabinet", "categ_id": child.id})
        by_category = self.env["ops.config.ruleset"].create({"name": "Furniture rules", "categ_id": parent.id})
        Ruleset = self.env["ops.config.ruleset"]
        self.assertEqual(Ruleset._ops_for_product(cabinet.product_tmpl_id), by_category)
        self.assertEqual(Ruleset._ops_for_product(self.product.product_tmpl_id), self.ruleset)
        with self.assertRaises(ValidationError):
            Ruleset.create({"name": "Second shelf rules", "product_tmpl_ids": [Command.set(self.product.product_tmpl_id.ids)]})

    def test_12_a_new_rule_set_gets_its_first_draft_and_published_ones_stay(self):
        """Edit rules on an empty rule set opens draft version 1; a rule set with a published version cannot be deleted."""
        fresh = self.env["ops.config.ruleset"].with_user(self.manager).create({"name": "Fresh"})
        draft = self.env["ops.config.ruleset.version"].browse(fresh.action_new_draft()["res_id"])
        self.assertEqual((draft.ruleset_id, draft.version, draft.state), (fresh, 1, "draft"))
        self.assertEqual(fresh.action_new_draft()["res_id"], draft.id)
        self.assertEqual(
            self.ruleset.with_user(self.manager).action_new_draft()["res_id"],
            draft.search([("ruleset_id", "=", self.ruleset.id), ("state", "=", "draft")]).id,
        )
        with self.assertRaises(UserError):
            self.ruleset.with_user(self.manager).unlink()
        fresh.unlink()
        self.assertFalse(draft.exists())
