from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import SALESMAN


@tagged("post_install", "-at_install")
class TestApprovalActivityTour(HttpCase):
    """An approver without Sales rights approves a quote from the activity clock, in Chromium."""

    def test_01_approve_from_the_activity_clock(self):
        """The approver reads the snapshot and approves in the systray; the request and audit log follow."""
        approver = new_test_user(
            self.env, "t_tour_approver", groups="addon_ops_harmony.addon_ops_harmony_group_approver", name="Tour Approver"
        )
        self.assertFalse(approver.has_group(SALESMAN))
        requester = new_test_user(self.env, "t_tour_requester", groups=SALESMAN, name="Tour Requester")
        policy = self.env["ops.approval.policy"].create(
            {
                "name": "Tour policy",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "domain": "[('partner_id.name', '=', 'Tour Approval Customer')]",
                "default_tier": "medium",
                "step_ids": [
                    Command.create(
                        {"name": "Approver", "tier": "medium", "approver_type": "user", "user_ids": [Command.set(approver.ids)]}
                    )
                ],
            }
        )
        policy.action_publish()
        customer = self.env["res.partner"].create({"name": "Tour Approval Customer"})
        order = self.env["sale.order"].with_user(requester).create({"partner_id": customer.id}).sudo()
        request = self.env["ops.approval.request"].sudo()._ops_ask(policy, order, requester)
        self.assertEqual(request.state, "pending")
        # Due on a later day, whatever the time the suite runs: the tour must find it all the same.
        activities = self.env["mail.activity"].search([("ops_approval_request_id", "=", request.id)])
        self.assertTrue(activities)
        activities.date_deadline = fields.Date.add(fields.Date.today(), days=3)

        self.start_tour("/odoo", "addon_ops_harmony_approval_activity", login=approver.login)

        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        decision = request.decision_ids
        self.assertEqual((decision.user_id, decision.rationale), (approver, "Margin is fine for a first order"))
        self.assertFalse(self.env["mail.activity"].search([("ops_approval_request_id", "=", request.id)]))
