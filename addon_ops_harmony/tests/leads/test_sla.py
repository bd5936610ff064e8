from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from ..common import WORKING_NOW, OpsRoutingCase

FRIDAY_EVENING = "2025-01-17 17:55:00"


@tagged("post_install", "-at_install")
class TestSla(OpsRoutingCase):
    def _breach(self, at="2025-01-15 10:17:00"):
        """Run the shipped SLA automation rule at `at`, the way base_automation's cron does.

        The rule fires once its delay (1 minute) is over: for a deadline D, on the first run after
        D + 1 minute. The default is that run for a 10:00 lead's 15-minute SLA (D = 10:15).
        """
        rule = self.env.ref("addon_ops_harmony.ops_automation_lead_sla")
        with freeze_time(at):
            records = rule._search_time_based_automation_records(until=fields.Datetime.now())
            for record in records:
                rule._process(record)

    def test_01_deadline_counts_business_time(self):
        """A lead routed Friday 17:55 with a 15-minute SLA on a 9-18 Monday-Friday calendar is due Monday 09:10."""
        with freeze_time(FRIDAY_EVENING):
            lead = self._route({"country_id": self.belgium.id})
        self.assertEqual(lead.ops_sla_state, "running")
        self.assertEqual(str(lead.ops_sla_deadline), "2025-01-20 09:10:00")
        self.assertEqual(str(lead.activity_ids.date_deadline), "2025-01-20")

    def test_02_owner_leave_pushes_the_deadline(self):
        """The owner's time off is not business time: a Monday off moves the deadline to Tuesday."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Day off",
                "resource_id": self.ann.resource_ids.id,
                "calendar_id": self.calendar.id,
                "date_from": "2025-01-20 00:00:00",
                "date_to": "2025-01-20 23:59:59",
            }
        )
        with freeze_time(FRIDAY_EVENING):
            lead = self._route({"country_id": self.belgium.id})
        self.assertEqual(lead.user_id, self.ann)
        self.assertEqual(str(lead.ops_sla_deadline), "2025-01-21 09:10:00")

    def test_03_sla_minutes_per_team_and_rule(self):
        """The rule's SLA wins over the team's, which wins over the 15-minute default."""
        self.assertEqual(str(self._route({"country_id": self.belgium.id}).ops_sla_deadline), "2025-01-15 10:15:00")
        self.team.ops_sla_minutes = 30
        self.assertEqual(str(self._route({"country_id": self.belgium.id}).ops_sla_deadline), "2025-01-15 10:30:00")
        self.rule.sla_minutes = 45
        self.assertEqual(str(self._route({"country_id": self.belgium.id}).ops_sla_deadline), "2025-01-15 10:45:00")

    def test_04_met_by_activity_done(self):
        """Completing the follow-up activity, or a Call activity, before the deadline meets the SLA."""
        follow_up, called = self._route({"country_id": self.belgium.id}, {"country_id": self.belgium.id})
        follow_up.activity_ids.with_user(follow_up.user_id).action_done()
        self.assertEqual(follow_up.ops_sla_state, "met")
        self.assertEqual(str(follow_up.ops_sla_responded_at), WORKING_NOW)
        called.activity_schedule("mail.mail_activity_data_call", user_id=called.user_id.id)
        call = called.activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref("mail.mail_activity_data_call"))
        call.with_user(called.user_id).action_done()
        self.assertEqual(called.ops_sla_state, "met")

    def test_05_met_by_logged_outgoing_email(self):
        """An email sent from the chatter by an internal user meets the SLA; an internal note does not."""
        lead = self._route({"country_id": self.belgium.id, "email_from": "buyer@example.com"})
        lead.with_user(self.ann).message_post(body="Looking into it", message_type="comment", subtype_xmlid="mail.mt_note")
        self.assertEqual(lead.ops_sla_state, "running")
        lead.with_user(self.ann).message_post(
            body="Thanks for reaching out", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(lead.ops_sla_state, "met")

    def test_06_breached_by_cron_and_escalated(self):
        """Past the deadline the cron marks the lead breached, tells the team leader, and records when and why."""
        lead = self._route({"country_id": self.belgium.id})
        self._breach(at="2025-01-15 10:14:00")
        self.assertEqual(lead.ops_sla_state, "running", "not overdue yet")
        self._breach()
        self.assertEqual(lead.ops_sla_state, "breached")
        self.assertEqual(str(lead.ops_sla_escalated_at), "2025-01-15 10:17:00")
        self.assertIn("No first response by", lead.ops_sla_escalation_reason)
        self.assertIn("from Ann", lead.ops_sla_escalation_reason)
        escalation = lead.message_ids.filtered(lambda m: self.leader.partner_id in m.partner_ids)
        self.assertEqual(len(escalation), 1)
        self.assertIn("SLA breached", str(escalation.body))
        self.assertEqual(escalation.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(lead.user_id, self.ann, "no reassignment unless the team asks for it")
        self._breach(at="2025-01-15 10:30:00")
        self.assertEqual(
            len(lead.message_ids.filtered(lambda m: self.leader.partner_id in m.partner_ids)),
            1,
            "a breached lead is escalated once",
        )

    def test_07_breach_reassigns_to_next_available_member(self):
        """With reassignment on, a breached lead goes to the next available member with a new follow-up."""
        self.team.ops_sla_reassign = True
        lead = self._route({"country_id": self.belgium.id})
        self.assertEqual(lead.user_id, self.ann)
        self._breach()
        self.assertEqual(lead.user_id, self.bob)
        self.assertEqual(lead.ops_sla_state, "breached")
        self.assertIn("reassigned to Bob", lead.ops_sla_escalation_reason)
        self.assertEqual(lead.activity_ids.user_id, self.bob)
        self.assertIn("10:32", str(lead.activity_ids.note), "a fresh 15-minute SLA from the breach")

    def test_08_late_response_is_breached(self):
        """A follow-up completed after the deadline, before the cron ran, still counts as a breach."""
        lead = self._route({"country_id": self.belgium.id})
        with freeze_time("2025-01-15 10:20:00"):
            lead.activity_ids.with_user(self.ann).action_done()
        self.assertEqual(lead.ops_sla_state, "breached")
        self.assertEqual(str(lead.ops_sla_responded_at), "2025-01-15 10:20:00")

    def test_09_sla_rule_checks_every_minute(self):
        """The SLA check ships as a time-based automation rule, so base_automation's cron runs every minute."""
        rule = self.env.ref("addon_ops_harmony.ops_automation_lead_sla")
        self.assertEqual((rule.trigger, rule.trg_date_id.name), ("on_time", "ops_sla_deadline"))
        cron = self.env.ref("base_automation.ir_cron_data_base_automation_check")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "minutes"))

    def test_10_reassignment_tells_both_owners(self):
        """A breach that reassigns the lead notifies the previous and the new owner, and the leader."""
        self.team.ops_sla_reassign = True
        lead = self._route({"country_id": self.belgium.id})
        self._breach()
        self.assertEqual(lead.user_id, self.bob)
        note = lead.message_ids.filtered(lambda message: "SLA breached" in str(message.body))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.partner_ids, (self.ann | self.bob | self.leader).partner_id)
        self.assertIn("from Ann", str(note.body))
        self.assertIn("reassigned to Bob", str(note.body))
        notified = note.notification_ids.filtered(lambda notification: notification.res_partner_id == self.ann.partner_id)
        self.assertTrue(notified, "the previous owner gets a notification, not just a mention")

    def test_11_no_ping_pong_between_owners(self):
        """A lead is never handed back to an owner who already let its SLA pass."""
        self.team.ops_sla_reassign = True
        lead = self._route({"country_id": self.belgium.id})
        owners = [lead.user_id]
        for at in ("2025-01-15 10:17:00", "2025-01-15 10:34:00", "2025-01-15 10:51:00"):
            # each new owner lets the SLA pass in turn (a manager restarted the clock for them)
            with freeze_time(at):
                lead.sudo().write(
                    {"ops_sla_state": "running", "ops_sla_deadline": fields.Datetime.subtract(fields.Datetime.now(), minutes=2)}
                )
                lead._ops_check_sla()
            owners.append(lead.user_id)
        self.assertEqual(owners, [self.ann, self.bob, self.cid, self.cid], "never back to Ann or Bob")
        self.assertIn("nobody else in Test Benelux is available", lead.ops_sla_escalation_reason)
        self.assertEqual(lead.ops_sla_breached_user_ids, self.ann | self.bob | self.cid)

    def test_12_times_in_notes_carry_their_time_zone(self):
        """The breach note gives the deadline in the team leader's time zone, and names that zone."""
        self.leader.tz = "Europe/Brussels"
        lead = self._route({"country_id": self.belgium.id})
        self._breach()
        note = lead.message_ids.filtered(lambda message: "SLA breached" in str(message.body))
        self.assertRegex(str(note.body), r"11:15[^<]* \(Europe/Brussels\)", "10:15 UTC is 11:15 in Brussels")
        self.assertRegex(str(lead.activity_ids.note), r"10:15[^<]* \(UTC\)", "the owner's follow-up, in Ann's zone")

    def test_13_queued_lead_breach_names_the_queue(self):
        """A lead still waiting in its team's queue at its deadline is escalated as the queue's breach."""
        self.env["crm.team.member"].search([("crm_team_id", "=", self.team.id)]).assignment_optout = True
        self.env.company.resource_calendar_id = self.calendar
        lead = self._route({"country_id": self.belgium.id})
        self._breach()
        self.assertEqual(lead.ops_sla_state, "breached")
        self.assertIn("from the Test Benelux queue", lead.ops_sla_escalation_reason)
