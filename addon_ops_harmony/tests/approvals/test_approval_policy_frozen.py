from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..json2 import json2_post

MANAGER = "addon_ops_harmony.addon_ops_harmony_group_manager"


@tagged("post_install", "-at_install")
class TestApprovalPolicyFrozen(HttpCase):
    """A published policy changes only through New version and Publish, even for an Ops Manager over JSON-2."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_frz_manager", groups=MANAGER, name="Mia Manager")
        cls.approver = new_test_user(cls.env, "t_frz_approver", groups=MANAGER, name="Abe Approver")
        cls.key = cls.env["res.users.apikeys"].with_user(cls.manager).sudo()._generate(None, "frozen test", None)
        cls.policy = cls.env["ops.approval.policy"].create(
            {
                "name": "Frozen",
                "model_id": cls.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "domain": "[('client_order_ref', '=', 'FROZEN')]",
                "tier_rule_ids": [Command.create({"name": "Big", "domain": "[('amount_total', '>', 100)]", "risk_tier": "high"})],
                "step_ids": [
                    Command.create(
                        {"name": "Abe", "tier": "medium", "approver_type": "user", "user_ids": [Command.set(cls.approver.ids)]}
                    )
                ],
            }
        )
        cls.policy.action_publish()

    def _call(self, model, method, **params):
        response = json2_post(self, model, method, self.key, **params)
        self.env.invalidate_all()
        return response

    def _snapshot(self):
        family = self.env["ops.approval.policy"].with_context(active_test=False).search([("family_id", "=", self.policy.id)])
        return {
            "versions": family.mapped(lambda p: (p.version, p.state, p.domain, p.name, p.active)),
            "steps": self.policy.step_ids.mapped(lambda s: (s.name, s.user_ids.ids, s.min_approvals)),
            "tiers": self.policy.tier_rule_ids.mapped(lambda t: (t.domain, t.risk_tier)),
            "audit": self.env["ops.audit.log"].sudo().search_count([]),
        }

    def test_01_in_place_rewrite_of_a_published_version_is_refused(self):
        """The issue's write (state draft, a new domain, version 7) is a 422 and changes nothing, even with a forged context."""
        before = self._snapshot()
        forged = {"state": "draft", "domain": "[('id', '=', 0)]", "version": 7}
        for vals in (forged, {"state": "draft"}, {"version": 7}, {"family_id": False}, {"previous_version_id": False}):
            for context in ({}, {"ops_policy_internal": True}):
                response = self._call("ops.approval.policy", "write", ids=self.policy.ids, vals=vals, context=context)
                self.assertEqual(response.status_code, 422, response.text)
                self.assertIn("Publish, New version and Stop enforcing", response.json()["message"])
        self.assertEqual(self._snapshot(), before)
        self.assertEqual((self.policy.state, self.policy.version), ("published", 1))

    def test_02_other_fields_of_a_frozen_version_are_refused(self):
        """Archiving by hand or unlinking a published version is refused; its lines refuse edits even with install_mode."""
        before = self._snapshot()
        for vals in ({"active": False}, {"company_id": False, "active": False}):
            response = self._call("ops.approval.policy", "write", ids=self.policy.ids, vals=vals)
            self.assertEqual(response.status_code, 422, response.text)
            self.assertIn("Click New version", response.json()["message"])
        response = self._call("ops.approval.policy", "action_archive", ids=self.policy.ids)
        self.assertEqual(response.status_code, 422, response.text)
        response = self._call("ops.approval.policy", "unlink", ids=self.policy.ids)
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("cannot be deleted", response.json()["message"])
        step = self.policy.step_ids
        for context in ({}, {"install_mode": True}, {"ops_policy_internal": True}):
            for model, method, params in (
                ("ops.approval.policy.step", "write", {"ids": step.ids, "vals": {"min_approvals": 1, "name": "X"}}),
                ("ops.approval.policy.step", "unlink", {"ids": step.ids}),
                ("ops.approval.policy.tier", "write", {"ids": self.policy.tier_rule_ids.ids, "vals": {"domain": "[]"}}),
                (
                    "ops.approval.policy.tier",
                    "create",
                    {"vals_list": [{"policy_id": self.policy.id, "name": "Sneaky", "domain": "[]", "risk_tier": "low"}]},
                ),
            ):
                response = self._call(model, method, context=context, **params)
                self.assertEqual(response.status_code, 422, response.text)
                self.assertIn("frozen", response.json()["message"])
        self.assertEqual(self._snapshot(), before)

    def test_03_a_line_cannot_be_moved_into_a_published_version(self):
        """A draft's step moved into the published version is refused."""
        draft = (
            self.env["ops.approval.policy"]
            .with_user(self.manager)
            .create(
                {
                    "name": "Draft",
                    "model_id": self.env["ir.model"]._get_id("sale.order"),
                    "method_name": "action_confirm",
                    "step_ids": [
                        Command.create(
                            {
                                "name": "Mover",
                                "tier": "medium",
                                "approver_type": "user",
                                "user_ids": [Command.set(self.approver.ids)],
                            }
                        )
                    ],
                }
            )
        )
        self.env.flush_all()
        response = self._call("ops.approval.policy.step", "write", ids=draft.step_ids.ids, vals={"policy_id": self.policy.id})
        self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual(draft.step_ids.policy_id, draft)

    def test_04_creating_a_policy_as_published_is_refused(self):
        """A policy cannot be born published or with a chosen version: it is a draft until Publish."""
        for extra in ({"state": "published"}, {"version": 3}):
            response = self._call(
                "ops.approval.policy",
                "create",
                vals_list=[
                    {
                        "name": "Born published",
                        "model_id": self.env["ir.model"]._get_id("sale.order"),
                        "method_name": "action_confirm",
                        **extra,
                    }
                ],
            )
            self.assertEqual(response.status_code, 422, response.text)
        self.assertFalse(self.env["ops.approval.policy"].search([("name", "=", "Born published")]))

    def test_05_the_new_version_flow_still_changes_the_policy_with_an_audit_entry(self):
        """New version, edit the draft, Publish: version 2 is enforced, version 1 archived, and the publish is logged."""
        audit = self.env["ops.audit.log"].sudo().search_count([("event", "=", "publish")])
        response = self._call("ops.approval.policy", "action_new_version", ids=self.policy.ids)
        self.assertEqual(response.status_code, 200, response.text)
        draft = self.env["ops.approval.policy"].browse(response.json()["res_id"])
        self.assertRecordValues(draft, [{"state": "draft", "version": 2, "previous_version_id": self.policy.id}])
        response = self._call("ops.approval.policy", "write", ids=draft.ids, vals={"domain": "[('id', '=', 0)]"})
        self.assertEqual(response.status_code, 200, response.text)
        response = self._call("ops.approval.policy", "action_publish", ids=draft.ids)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual((self.policy.state, draft.state, draft.domain), ("archived", "published", "[('id', '=', 0)]"))
        self.assertEqual(self.policy.domain, "[('client_order_ref', '=', 'FROZEN')]")
        self.assertEqual(self.env["ops.audit.log"].sudo().search_count([("event", "=", "publish")]), audit + 1)
        with self.assertRaisesRegex(UserError, "cannot change"):
            self.policy.with_user(self.manager).write({"name": "Renamed history", "active": False})

    def test_05b_an_archived_approver_can_be_replaced_in_a_new_version(self):
        """Abe leaves and is archived: New version keeps him on the step, and the manager swaps in Mia."""
        self.approver.active = False
        response = self._call("ops.approval.policy", "action_new_version", ids=self.policy.ids)
        self.assertEqual(response.status_code, 200, response.text)
        draft = self.env["ops.approval.policy"].browse(response.json()["res_id"])
        step = draft.with_context(active_test=False).step_ids
        self.assertEqual(step.user_ids, self.approver)
        response = self._call(
            "ops.approval.policy.step", "write", ids=step.ids, vals={"user_ids": [Command.set(self.manager.ids)]}
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self._call("ops.approval.policy", "action_publish", ids=draft.ids).status_code, 200)
        self.assertEqual((draft.state, draft.step_ids.user_ids), ("published", self.manager))

    def test_06_stop_enforcing_is_logged_and_only_for_a_published_version(self):
        """Stop enforcing archives the published version with an audit entry; on an archived one it is refused."""
        response = self._call("ops.approval.policy", "action_archive_version", ids=self.policy.ids)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.policy.state, "archived")
        entry = self.env["ops.audit.log"].sudo().search([("event", "=", "unpublish"), ("policy_id", "=", self.policy.id)])
        self.assertEqual((len(entry), entry.user_id), (1, self.manager))
        response = self._call("ops.approval.policy", "action_archive_version", ids=self.policy.ids)
        self.assertEqual(response.status_code, 422, response.text)
