from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from ..common import SALESMAN, OpsApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalResolution(OpsApprovalCase):
    """Approvers come from users, a group, a field path on the record, or the requester's manager."""

    def _policy(self, escalation=None, **step):
        policy = self.env["ops.approval.policy"].create(
            {
                "name": "Resolution",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "domain": "[('client_order_ref', '=', 'RESOLVE')]",
                "escalation_user_id": escalation.id if escalation else False,
                "step_ids": [Command.create({"name": "Step", "tier": "medium", **step})],
            }
        )
        policy.action_publish()
        return policy

    def _approvers_for(self, policy, user=None, team=None):
        order = self._quote(50, user=user)
        order.client_order_ref = "RESOLVE"
        if team:
            order.team_id = team
        self._confirm(order, user=user)
        request = self.env["ops.approval.request"].sudo().search([("policy_id", "=", policy.id), ("res_id", "=", order.id)])
        return request.step_ids.approver_ids

    def test_01_users(self):
        """Named users approve."""
        policy = self._policy(approver_type="user", user_ids=[Command.set((self.approver | self.approver2).ids)])
        self.assertEqual(self._approvers_for(policy), self.approver | self.approver2)

    def test_02_group_members_but_never_the_requester(self):
        """Any member of the group approves; a requester in that group is left out."""
        group = self.env.ref("addon_ops_harmony.addon_ops_harmony_group_approver")
        policy = self._policy(approver_type="group", group_id=group.id)
        approvers = self._approvers_for(policy, user=self.approver)
        self.assertIn(self.approver2, approvers)
        self.assertNotIn(self.approver, approvers)

    def test_03_field_path_on_the_record(self):
        """team_id.user_id gives the sales team leader of the quote."""
        leader = new_test_user(self.env, "t_apr_leader", groups=SALESMAN, name="Lea Leader")
        team = self.env["crm.team"].create({"name": "Approval team", "user_id": leader.id})
        policy = self._policy(approver_type="field", field_path="team_id.user_id")
        self.assertEqual(self._approvers_for(policy, team=team), leader)

    def test_04_field_path_must_lead_to_users(self):
        """A field path that does not end on users is refused when the step is saved."""
        with self.assertRaisesRegex(ValidationError, "must lead to users"):
            self._policy(approver_type="field", field_path="partner_id")

    def test_05_manager_needs_hr(self):
        """The requester's manager is resolved through hr; without hr the step is refused clearly."""
        if "hr.employee" in self.env:
            manager = new_test_user(self.env, "t_apr_manager", groups=SALESMAN)
            boss = self.env["hr.employee"].create({"name": "Boss", "user_id": manager.id})
            self.env["hr.employee"].create({"name": "Rhea", "user_id": self.requester.id, "parent_id": boss.id})
            self.assertEqual(self._approvers_for(self._policy(approver_type="manager")), manager)
        else:
            with self.assertRaisesRegex(ValidationError, "Employees app"):
                self._policy(approver_type="manager")

    def test_06_no_approver_left_falls_back_to_escalation(self):
        """A step whose only approver is the requester goes to the escalation user instead."""
        policy = self._policy(approver_type="user", user_ids=[Command.set(self.requester.ids)], escalation=self.escalation)
        self.assertEqual(self._approvers_for(policy), self.escalation)

    def test_07_a_broken_domain_is_refused_clearly(self):
        """A policy or tier rule domain that does not parse is refused when saved, naming it."""
        with self.assertRaisesRegex(ValidationError, "The domain of policy Broken cannot be read"):
            self.env["ops.approval.policy"].create(
                {
                    "name": "Broken",
                    "model_id": self.env["ir.model"]._get_id("sale.order"),
                    "method_name": "action_confirm",
                    "domain": "[('amount_total', '>'",
                }
            )
        with self.assertRaisesRegex(ValidationError, "The condition of tier rule Typo cannot be read"):
            self.env["ops.approval.policy"].create(
                {
                    "name": "Tiers",
                    "model_id": self.env["ir.model"]._get_id("sale.order"),
                    "method_name": "action_confirm",
                    "tier_rule_ids": [Command.create({"name": "Typo", "domain": "amount_total >", "risk_tier": "high"})],
                }
            )

    def test_08_manager_mode_without_a_manager_escalates_clearly(self):
        """With hr installed, a requester without a manager gets the escalation user as approver instead."""
        self.assertIn("hr.employee", self.env, "the test database installs hr (scripts/ci/test.sh)")
        self.env["hr.employee"].create({"name": "Rhea", "user_id": self.requester.id})
        policy = self._policy(approver_type="manager", escalation=self.escalation)
        order = self._quote(50)
        order.client_order_ref = "RESOLVE"
        self._confirm(order)
        request = self.env["ops.approval.request"].sudo().search([("policy_id", "=", policy.id), ("res_id", "=", order.id)])
        self.assertEqual(request.step_ids.approver_ids, self.escalation)
        self.assertEqual(request.step_ids.min_approvals, 1)

    def test_09_manager_mode_never_makes_the_requester_approve(self):
        """A requester who manages themselves is not their own approver: the escalation user is."""
        employee = self.env["hr.employee"].create({"name": "Rhea", "user_id": self.requester.id})
        employee.parent_id = employee
        self.assertEqual(self._approvers_for(self._policy(approver_type="manager", escalation=self.escalation)), self.escalation)
