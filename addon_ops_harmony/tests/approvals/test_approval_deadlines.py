from datetime import datetime

from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import tagged

from ..common import OpsApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalDeadlines(OpsApprovalCase):
    """Deadlines, reminders and escalations count business hours on the company's calendar, to the minute."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        week = [(day, start, end) for day in "01234" for start, end in ((8, 12), (13, 17))]
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Office hours",
                "tz": "UTC",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create({"name": f"{day} {start}", "dayofweek": day, "hour_from": start, "hour_to": end})
                    for day, start, end in week
                ],
            }
        )
        cls.env.company.resource_calendar_id = cls.calendar

    def _pending_at(self, when, amount=2000):
        with freeze_time(when):
            order = self._quote(amount)
            self._confirm(order)
        return self._request(order)

    def test_01_friday_afternoon_medium_deadline_is_monday(self):
        """Friday 15:00 plus 8 business hours is Monday 15:00; the halfway reminder is Monday 10:00."""
        step = self._pending_at("2025-06-06 15:00:00").step_ids
        self.assertEqual(step.deadline, datetime(2025, 6, 9, 15, 0))
        self.assertEqual(step.reminder_at, datetime(2025, 6, 9, 10, 0))

    def test_02_high_tier_deadline_spans_the_weekend_and_a_day(self):
        """A high-risk request opened Friday 15:00 (16 business hours) is due Tuesday 15:00, reminded Monday 15:00."""
        step = self._pending_at("2025-06-06 15:00:00", amount=20000).step_ids.filtered(lambda s: s.state == "pending")
        self.assertEqual(step.deadline, datetime(2025, 6, 10, 15, 0))
        self.assertEqual(step.reminder_at, datetime(2025, 6, 9, 15, 0))

    def test_03_a_public_holiday_is_skipped(self):
        """With Monday a public holiday on the calendar, Friday 15:00 plus 8 hours is Tuesday 15:00."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Whit Monday",
                "calendar_id": self.calendar.id,
                "date_from": datetime(2025, 6, 9, 0, 0),
                "date_to": datetime(2025, 6, 9, 23, 59, 59),
            }
        )
        step = self._pending_at("2025-06-06 15:00:00").step_ids
        self.assertEqual(step.deadline, datetime(2025, 6, 10, 15, 0))

    def test_04_local_office_hours(self):
        """On a Brussels calendar, Friday 16:00 local (14:00 UTC) plus 8 hours is Monday 16:00 local (14:00 UTC)."""
        self.calendar.tz = "Europe/Brussels"
        step = self._pending_at("2025-06-06 14:00:00").step_ids
        self.assertEqual(step.deadline, datetime(2025, 6, 9, 14, 0))

    def test_05_escalation_gets_a_new_deadline_in_business_hours(self):
        """Escalated by the cron on Monday 15:30, the step is given 16 more business hours: Wednesday 15:30."""
        request = self._pending_at("2025-06-06 15:00:00")
        step = request.step_ids
        with freeze_time("2025-06-09 15:30:00"):
            self.env["ops.approval.request"]._cron_ops_approval_sla()
        self.assertTrue(step.escalated)
        self.assertEqual(step.deadline, datetime(2025, 6, 11, 15, 30))
        with freeze_time("2025-06-11 15:29:00"):
            self.env["ops.approval.request"]._cron_ops_approval_sla()
        self.assertEqual(request.state, "pending")
        with freeze_time("2025-06-11 15:30:00"):
            self.env["ops.approval.request"]._cron_ops_approval_sla()
        self.assertEqual(request.state, "expired")
