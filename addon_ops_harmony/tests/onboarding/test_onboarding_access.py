from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import OpsOnboardingCase


@tagged("post_install", "-at_install")
class TestOnboardingAccess(OpsOnboardingCase):
    """Access is granted only after approval, exactly as approved, and every grant is audited."""

    def _submit(self, request):
        with self.enter_registry_test_mode():
            return request.with_user(self.hr).action_submit()

    def _approval(self, request):
        return self.env["ops.approval.request"].search([("res_model", "=", "ops.access.request"), ("res_id", "=", request.id)])

    def test_01_an_ops_manager_approves_then_the_groups_are_granted_and_audited(self):
        """Grant asks the Ops Manager; approved, the user has the role's groups and the audit log says so."""
        request = self._hire().access_request_ids
        result = self._submit(request)
        self.assertEqual(result["tag"], "display_notification")
        approval = self._approval(request)
        self.assertEqual(approval.risk_tier, "medium")
        self.assertIn(self.approver, approval.current_approver_ids)
        self.assertNotIn(self.hr, approval.current_approver_ids)
        self.assertFalse(self.newbie.has_group("sales_team.group_sale_salesman"))
        with self.enter_registry_test_mode():
            approval.with_user(self.approver).action_approve(rationale="Role confirmed by the hiring manager")
        self.assertEqual(request.state, "granted")
        self.assertTrue(self.newbie.has_group("sales_team.group_sale_salesman"))
        self.assertTrue(self.newbie.has_group("addon_ops_harmony.addon_ops_harmony_group_user"))
        entry = (
            self.env["ops.audit.log"]
            .sudo()
            .search([("event", "=", "access_grant"), ("res_model", "=", "ops.access.request"), ("res_id", "=", request.id)])
        )
        self.assertEqual((entry.category, entry.user_id), ("access", self.hr))
        self.assertIn("t_onb_newbie", entry.rationale)

    def test_02_administration_rights_also_need_a_settings_administrator(self):
        """A role giving Settings is high: the Ops Manager approves, then an administrator."""
        self.role.group_ids = [Command.link(self.env.ref("base.group_system").id)]
        request = self._hire().access_request_ids
        self._submit(request)
        approval = self._approval(request)
        self.assertEqual(approval.risk_tier, "high")
        with self.enter_registry_test_mode():
            approval.with_user(self.approver).action_approve(rationale="ok")
        self.assertEqual(request.state, "draft")
        self.assertIn(self.env.ref("base.user_admin"), approval.current_approver_ids)

    def test_03_no_road_around_the_approval(self):
        """Direct grant, hand-made requests, widened groups after approval and non-HR callers all fail."""
        request = self._hire().access_request_ids
        with self.enter_registry_test_mode(), self.assertRaisesRegex(UserError, "Approval required"):
            request.with_user(self.hr).action_grant()
        self.assertFalse(self.newbie.has_group("sales_team.group_sale_salesman"))
        with self.assertRaises(AccessError):
            request.with_user(self.hr).write({"group_ids": [Command.link(self.env.ref("base.group_system").id)]})
        with self.assertRaises(AccessError):
            request.with_user(self.hr).write({"state": "granted"})
        with self.assertRaises(AccessError):
            self.env["ops.access.request"].with_user(self.hr).create(
                {"user_id": self.hr.id, "group_ids": [Command.set([self.env.ref("base.group_system").id])]}
            )
        with self.assertRaises(AccessError):
            request.with_user(self.approver).action_submit()
        with self.enter_registry_test_mode(), self.assertRaises(AccessError):
            request.with_user(self.newbie).action_grant()
        self.assertEqual(request.state, "draft")

    def test_04_without_a_published_policy_nothing_is_granted(self):
        """Archiving the access policy stops every grant: the control fails closed."""
        self.env.ref("addon_ops_harmony.ops_policy_access_grant").action_archive_version()
        request = self._hire().access_request_ids
        with self.assertRaisesRegex(UserError, "No approval policy is published"):
            request.with_user(self.hr).action_submit()
        with self.assertRaisesRegex(UserError, "No approval policy is published"):
            request.with_user(self.hr).action_grant()
        self.assertEqual(request.state, "draft")
        self.assertFalse(self.newbie.has_group("sales_team.group_sale_salesman"))
