from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import OpsApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalTiers(OpsApprovalCase):
    """Risk tiers decide: auto-approval, one approver, or several steps."""

    def test_01_low_tier_is_auto_approved_and_logged(self):
        """A 500 quote confirms at once, and the audit log records the auto-approval."""
        order = self._quote(500)
        self.assertIsNone(self._confirm(order))
        self.assertEqual(order.state, "sale")
        entry = self._log("auto_approve").filtered(lambda e: e.res_id == order.id)
        self.assertEqual(entry.user_id, self.requester)
        self.assertEqual(entry.policy_version, 1)
        self.assertFalse(self._request(order))

    def test_02_medium_tier_stops_with_the_request_and_its_approver(self):
        """A 2,000 quote is stopped; the request and the approver's activity exist."""
        order = self._quote(2000)
        message = self._confirm(order)
        request = self._request(order)
        self.assertEqual(order.state, "draft")
        self.assertEqual(message, f"Approval required: request {request.name} sent to Ada Approver.")
        self.assertRecordValues(
            request,
            [
                {
                    "state": "pending",
                    "risk_tier": "medium",
                    "requested_by_id": self.requester.id,
                    "policy_id": self.policy.id,
                    "policy_version": 1,
                    "method_name": "action_confirm",
                }
            ],
        )
        activity = self._activities(request)
        self.assertEqual(activity.user_id, self.approver)
        self.assertEqual(activity.activity_type_id, self.env.ref("addon_ops_harmony.mail_activity_type_approval"))
        self.assertEqual((activity.res_model, activity.res_id), ("sale.order", order.id))
        self.assertTrue(self._log("request", request))

    def test_03_clicking_again_joins_the_pending_request(self):
        """A second click while pending joins the request instead of opening another."""
        order = self._quote(2000)
        self._confirm(order)
        message = self._confirm(order)
        requests = self.env["ops.approval.request"].sudo().search([("res_id", "=", order.id), ("res_model", "=", "sale.order")])
        self.assertEqual(len(requests), 1)
        self.assertIn("already pending with Ada Approver", message)

    def test_04_after_approval_the_requester_clicks_again_and_it_runs_once(self):
        """Approved: the next click confirms and consumes the approval; a later run needs a new one."""
        order = self._quote(2000)
        self._confirm(order)
        request = self._request(order)
        request.with_user(self.approver).action_approve()
        self.assertEqual(request.state, "approved")
        self.assertFalse(self._activities(request), "the approver's activity is done")
        self.assertIsNone(self._confirm(order))
        self.assertEqual(order.state, "sale")
        self.assertTrue(request.consumed)
        self.assertTrue(self._log("pass", request))
        order.with_user(self.requester).action_cancel()
        order.with_user(self.requester).action_draft()
        self.assertIn("Approval required", self._confirm(order))
        self.assertNotEqual(self._request(order), request)

    def test_05_a_higher_tier_after_approval_needs_a_new_approval(self):
        """A request approved at medium does not cover the quote once it became high risk."""
        order = self._quote(2000)
        self._confirm(order)
        self._request(order).with_user(self.approver).action_approve()
        order.order_line.price_unit = 20000
        self.assertIn("Approval required", self._confirm(order))
        self.assertEqual(self._request(order).risk_tier, "high")

    def test_06_high_tier_runs_sequential_then_parallel_steps(self):
        """High: Ada first, then two approvals of the group step in parallel, each with a rationale."""
        order = self._quote(20000)
        self._confirm(order)
        request = self._request(order)
        first, group_step = request.step_ids.sorted("sequence")
        self.assertEqual((first.state, group_step.state), ("pending", "waiting"))
        with self.assertRaisesRegex(UserError, "needs a rationale"):
            request.with_user(self.approver).action_approve()
        request.with_user(self.approver).action_approve(rationale="Strategic account")
        self.assertEqual((first.state, group_step.state), ("approved", "pending"))
        self.assertEqual(self._activities(request).user_id, group_step.approver_ids)
        request.with_user(self.approver2).action_approve(rationale="Margin still positive")
        self.assertEqual((group_step.state, request.state), ("pending", "pending"))
        request.with_user(self.approver).action_approve(rationale="Agreed")
        self.assertEqual((group_step.state, request.state), ("approved", "approved"))
        self.assertFalse(self._activities(request), "the rest of the group has nothing left to do")
        self.assertEqual(len(self._log("approve", request)), 3)

    def test_07_reject_needs_a_rationale_and_closes_everything(self):
        """Rejecting without a rationale fails; with one, the request closes and the requester is told."""
        order = self._quote(2000)
        self._confirm(order)
        request = self._request(order)
        with self.assertRaisesRegex(UserError, "rationale is required"):
            request.with_user(self.approver).action_reject()
        request.with_user(self.approver).action_reject(rationale="Discount not justified")
        self.assertEqual(request.state, "rejected")
        self.assertFalse(self._activities(request))
        self.assertEqual(self._log("reject", request).rationale, "Discount not justified")
        order.invalidate_recordset(["message_ids"])
        notified = order.message_ids.filtered(lambda m: self.requester.partner_id in m.partner_ids)
        self.assertTrue(notified, "the requester is notified in the chatter")
        self.assertIn("Discount not justified", "".join(order.message_ids.mapped("body")))

    def test_08_a_decided_request_gives_a_clear_error(self):
        """Approving an already approved request names who decided it."""
        order = self._quote(20000)
        self._confirm(order)
        request = self._request(order)
        request.with_user(self.approver).action_reject(rationale="No")
        with self.assertRaisesRegex(UserError, "already rejected by Ada Approver"):
            request.with_user(self.approver2).action_approve(rationale="Yes")

    def test_09_requester_and_outsider_cannot_decide(self):
        """The requester never approves their own request; an outsider cannot even see it."""
        order = self._quote(2000)
        self._confirm(order)
        request = self._request(order)
        with self.assertRaisesRegex(AccessError, "someone else has to decide"):
            request.with_user(self.requester).action_approve()
        with self.assertRaises(AccessError):
            request.with_user(self.outsider).action_approve()
        self.assertEqual(request.state, "pending")

    def test_10_the_approval_activity_cannot_be_marked_done_without_deciding(self):
        """Mark as done on an approval activity is refused: Approve or Reject records the decision."""
        order = self._quote(2000)
        self._confirm(order)
        activity = self._activities(self._request(order))
        with self.assertRaisesRegex(UserError, "Approve or Reject"):
            activity.with_user(self.approver).action_feedback(feedback="done")

    def test_11_activity_tells_the_web_client_who_may_act(self):
        """The activity's store data says the approver may act and the requester may not."""
        order = self._quote(20000)
        self._confirm(order)
        request = self._request(order)
        activity = self._activities(request)
        data = activity.with_user(self.approver)._ops_approval_data()
        self.assertEqual(data["request_name"], request.name)
        self.assertTrue(data["can_act"])
        self.assertTrue(data["rationale_required_to_approve"])
        self.assertFalse(activity.with_user(self.requester)._ops_approval_data()["can_act"])
