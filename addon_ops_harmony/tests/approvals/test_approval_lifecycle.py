from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..common import OpsApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalDelegation(OpsApprovalCase):
    """A stand-in decides for an absent approver inside the delegation window, and it is logged."""

    def _delegate(self, start_hours=-1, end_hours=24):
        now = fields.Datetime.now()
        return (
            self.env["ops.approval.delegation"]
            .with_user(self.approver)
            .create(
                {
                    "delegate_id": self.approver2.id,
                    "date_from": now + timedelta(hours=start_hours),
                    "date_to": now + timedelta(hours=end_hours),
                }
            )
        )

    def test_01_new_request_goes_to_the_delegate_too(self):
        """A request opened during the window gives the delegate an activity and the right to approve."""
        self._delegate()
        order = self._quote(2000)
        self._confirm(order)
        request = self._request(order)
        self.assertEqual(self._activities(request).user_id, self.approver | self.approver2)
        request.with_user(self.approver2).action_approve()
        self.assertEqual(request.state, "approved")
        decision = request.decision_ids
        self.assertEqual((decision.user_id, decision.on_behalf_of_id), (self.approver2, self.approver))
        entry = self._log("approve", request)
        self.assertEqual((entry.user_id, entry.on_behalf_of_id), (self.approver2, self.approver))

    def test_02_pending_request_reaches_a_delegation_created_later(self):
        """Creating a delegation hands the already pending steps to the delegate."""
        order = self._quote(2000)
        self._confirm(order)
        request = self._request(order)
        self.assertEqual(self._activities(request).user_id, self.approver)
        self._delegate()
        self.assertIn(self.approver2, request.step_ids.delegate_ids)
        self.assertEqual(len(self._activities(request, self.approver2)), 1)
        self.assertTrue(self._log("delegate", request))

    def test_03_outside_the_window_the_delegate_cannot_act(self):
        """A delegation that starts tomorrow gives nothing today."""
        self._delegate(start_hours=24, end_hours=48)
        order = self._quote(2000)
        self._confirm(order)
        request = self._request(order)
        # not a stand-in yet: the request is not even visible to them
        with self.assertRaises(AccessError):
            request.with_user(self.approver2).action_approve()
        self.assertEqual(request.state, "pending")


@tagged("post_install", "-at_install")
class TestApprovalSla(OpsApprovalCase):
    """The cron reminds, escalates once, then expires requests nobody decides."""

    def _pending(self):
        order = self._quote(2000)
        self._confirm(order)
        return self._request(order)

    def test_01_deadline_in_business_hours(self):
        """The step's deadline follows the company calendar, and the reminder comes before it."""
        request = self._pending()
        step = request.step_ids
        self.assertGreater(step.deadline, request.create_date)
        self.assertLess(step.reminder_at, step.deadline)
        self.assertGreater(step.reminder_at, request.create_date)

    def test_02_reminder_then_escalation_then_expiry(self):
        """Past the reminder time approvers are reminded; past the deadline it escalates; then it expires."""
        request = self._pending()
        step = request.step_ids
        past = fields.Datetime.now() - timedelta(minutes=1)
        step.reminder_at = past
        self.env["ops.approval.request"]._cron_ops_approval_sla()
        self.assertTrue(step.reminded)
        self.assertTrue(self._log("remind", request))
        self.assertFalse(step.escalated)

        step.deadline = past
        self.env["ops.approval.request"]._cron_ops_approval_sla()
        self.assertTrue(step.escalated)
        self.assertIn(self.escalation, step.approver_ids)
        self.assertEqual(len(self._activities(request, self.escalation)), 1)
        self.assertGreater(step.deadline, fields.Datetime.now())
        self.assertEqual(request.state, "pending")
        self.assertTrue(self._log("escalate", request))

        step.deadline = past
        self.env["ops.approval.request"]._cron_ops_approval_sla()
        self.assertEqual((request.state, step.state), ("expired", "expired"))
        self.assertFalse(self._activities(request))
        self.assertTrue(self._log("expire", request))

    def test_03_escalation_user_can_decide(self):
        """After escalation, the escalation user approves the request."""
        request = self._pending()
        request.step_ids.deadline = fields.Datetime.now() - timedelta(minutes=1)
        self.env["ops.approval.request"]._cron_ops_approval_sla()
        request.with_user(self.escalation).action_approve()
        self.assertEqual(request.state, "approved")


@tagged("post_install", "-at_install")
class TestApprovalVersioning(OpsApprovalCase):
    """Editing a published policy makes a new draft; requests in flight keep their frozen definition."""

    def test_01_editing_published_policy_creates_a_draft(self):
        """Writing the steps of the published policy leaves it intact and opens version 2 as a draft."""
        step = self.policy.step_ids.filtered(lambda s: s.name == "Ada")
        self.policy.write({"step_ids": [(1, step.id, {"user_ids": [(6, 0, self.approver2.ids)]})]})
        self.assertEqual(self.policy.state, "published")
        self.assertEqual(step.user_ids, self.approver)
        draft = self.env["ops.approval.policy"].search([("family_id", "=", self.policy.id), ("version", "=", 2)])
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.step_ids.filtered(lambda s: s.name == "Ada").user_ids, self.approver2)
        with self.assertRaisesRegex(UserError, "frozen"):
            step.name = "Renamed"

    def test_02_request_in_flight_keeps_its_version(self):
        """A request opened under v1 keeps v1's approver after v2 is published; new requests use v2."""
        first = self._quote(2000)
        self._confirm(first)
        in_flight = self._request(first)
        step = self.policy.step_ids.filtered(lambda s: s.name == "Ada")
        self.policy.write({"step_ids": [(1, step.id, {"user_ids": [(6, 0, self.approver2.ids)]})]})
        v2 = self.env["ops.approval.policy"].search([("family_id", "=", self.policy.id), ("version", "=", 2)])
        v2.action_publish()
        self.assertEqual((self.policy.state, v2.state), ("archived", "published"))
        self.assertEqual(in_flight.step_ids.approver_ids, self.approver)
        self.assertEqual(in_flight.policy_version, 1)
        in_flight.with_user(self.approver).action_approve()
        self.assertEqual(in_flight.state, "approved")
        self.assertIsNone(self._confirm(first), "the approval of v1 still lets the action run")

        second = self._quote(2000)
        self._confirm(second)
        fresh = self._request(second)
        self.assertEqual((fresh.policy_id, fresh.policy_version), (v2, 2))
        self.assertEqual(fresh.step_ids.approver_ids, self.approver2)

    def test_03_archiving_stops_the_guard(self):
        """Once no version is published, the action runs without approval."""
        self.policy.action_archive_version()
        order = self._quote(20000)
        self.assertIsNone(self._confirm(order))
        self.assertEqual(order.state, "sale")
