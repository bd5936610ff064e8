from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from ..common import OpsApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalFourEyes(OpsApprovalCase):
    """A step needing N approvals needs N different people, and escalates when fewer can be found."""

    def _policy(self, users, min_approvals):
        policy = self.env["ops.approval.policy"].create(
            {
                "name": "Four eyes",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "domain": "[('client_order_ref', '=', 'FOUR-EYES')]",
                "escalation_user_id": self.escalation.id,
                "step_ids": [
                    Command.create(
                        {
                            "name": "Two people",
                            "tier": "medium",
                            "approver_type": "user",
                            "user_ids": [Command.set(users.ids)],
                            "min_approvals": min_approvals,
                        }
                    )
                ],
            }
        )
        policy.action_publish()
        return policy

    def _pending(self, policy):
        order = self._quote(50)
        order.client_order_ref = "FOUR-EYES"
        self._confirm(order)
        return self.env["ops.approval.request"].sudo().search([("policy_id", "=", policy.id), ("res_id", "=", order.id)])

    def test_01_approver_who_also_stands_in_counts_once(self):
        """Bo approves as approver, then tries again standing in for Ada: refused, the step still waits for a second person."""
        policy = self._policy(self.approver | self.approver2, 2)
        now = fields.Datetime.now()
        self.env["ops.approval.delegation"].with_user(self.approver).create(
            {
                "delegate_id": self.approver2.id,
                "date_from": now - timedelta(hours=1),
                "date_to": now + timedelta(days=1),
            }
        )
        request = self._pending(policy)
        step = request.step_ids
        self.assertEqual(step.min_approvals, 2)
        request.with_user(self.approver2).action_approve()
        with self.assertRaisesRegex(UserError, "already decided Two people .* needs 2 different people"):
            request.with_user(self.approver2).action_approve()
        self.assertEqual((step.state, request.state, step.approval_count), ("pending", "pending", 1))
        self.assertEqual(len(request.decision_ids), 1)
        self.assertFalse(self._activities(request, self.approver2), "Bo has nothing left to do on this step")
        request.with_user(self.approver).action_approve()
        self.assertEqual((step.state, request.state, step.approval_count), ("approved", "approved", 2))

    def test_02_two_stand_in_roles_of_one_person_count_once(self):
        """Otto standing in for both approvers decides once: his approval on behalf of Ada does not also count for Bo."""
        policy = self._policy(self.approver | self.approver2, 2)
        now = fields.Datetime.now()
        for absent in (self.approver, self.approver2):
            self.env["ops.approval.delegation"].with_user(absent).create(
                {
                    "delegate_id": self.outsider.id,
                    "date_from": now - timedelta(hours=1),
                    "date_to": now + timedelta(days=1),
                }
            )
        request = self._pending(policy)
        request.with_user(self.outsider).action_approve()
        with self.assertRaisesRegex(UserError, "already decided"):
            request.with_user(self.outsider).action_approve()
        self.assertEqual((request.state, request.step_ids.approval_count), ("pending", 1))

    def test_03_a_step_short_of_people_escalates_and_keeps_its_need(self):
        """Two approvals needed, one approver found: the escalation user joins, N stays 2, the escalation is logged."""
        policy = self._policy(self.approver, 2)
        request = self._pending(policy)
        step = request.step_ids
        self.assertEqual(step.min_approvals, 2)
        self.assertEqual(step.approver_ids, self.approver | self.escalation)
        self.assertEqual(self._activities(request).user_id, self.approver | self.escalation)
        entry = self._log("escalate", request)
        self.assertEqual(len(entry), 1)
        self.assertIn("needs 2 different approvers; it was escalated to Esme Escalation", entry.rationale)
        self.assertIn("needs 2 different approvers", "".join(request.message_ids.mapped("body")))
        self.assertFalse(step.escalated, "the deadline escalation is still to come")
        request.with_user(self.approver).action_approve()
        self.assertEqual(request.state, "pending")
        request.with_user(self.escalation).action_approve()
        self.assertEqual(request.state, "approved")

    def test_04_a_step_nobody_can_staff_says_so(self):
        """More approvals needed than people exist: N is kept and the request says it cannot be approved."""
        policy = self._policy(self.approver, 500)
        request = self._pending(policy)
        step = request.step_ids
        self.assertEqual(step.min_approvals, 500)
        self.assertIn(self.escalation, step.approver_ids)
        self.assertNotIn(self.requester, step.approver_ids)
        self.assertIn("It cannot be approved until the policy has more approvers", self._log("escalate", request).rationale)
        for approver in step.approver_ids:
            request.with_user(approver).action_approve()
        self.assertEqual((step.state, request.state), ("pending", "pending"))
