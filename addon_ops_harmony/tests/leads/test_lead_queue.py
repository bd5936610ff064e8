from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from ..common import OpsRoutingCase

QUEUE_CRON = "addon_ops_harmony.ops_cron_assign_queue"


@tagged("post_install", "-at_install")
class TestLeadQueue(OpsRoutingCase):
    """Leads nobody can take wait in their team's queue and are assigned when a member is available."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # queued leads count business time on the company's calendar: the same 9-18 UTC one
        cls.env.company.resource_calendar_id = cls.calendar
        cls.members = cls.env["crm.team.member"].search([("crm_team_id", "=", cls.team.id)])

    def _close_team(self):
        self.members.assignment_optout = True

    def _triggers(self):
        return self.env["ir.cron.trigger"].search([("cron_id", "=", self.env.ref(QUEUE_CRON).id)])

    def _notes(self, lead, text):
        return lead.message_ids.filtered(lambda message: text in str(message.body))

    def test_01_nobody_available_waits_in_the_team_queue(self):
        """A lead nobody can take gets its rule's team, the queued state, a flag, a note and a told leader."""
        self._close_team()
        lead = self._route({"country_id": self.belgium.id, "name": "Queued lead"})
        self.assertEqual((lead.team_id, lead.user_id), (self.team, self.env["res.users"]))
        self.assertEqual(lead.ops_routing_state, "queued")
        self.assertEqual(str(lead.ops_queued_since), "2025-01-15 10:00:00")
        self.assertEqual(lead.ops_flag_ids.filtered(lambda flag: flag.category == "routing").code, "no_available_member")
        note = self._notes(lead, "Waiting in the Test Benelux queue")
        self.assertEqual(len(note), 1, "a chatter note says where the lead waits and why")
        self.assertIn("out of office, off hours or at capacity", str(note.body))
        told = self.env["mail.message"].search([("partner_ids", "in", self.leader.partner_id.ids)])
        self.assertIn("1 leads waiting in the Test Benelux queue", told.mapped("subject"))
        # its SLA runs from intake, on the company's calendar
        self.assertEqual(lead.ops_sla_state, "running")
        self.assertEqual(str(lead.ops_sla_deadline), "2025-01-15 10:15:00")
        self.assertFalse(lead.activity_ids, "nobody to give a follow-up to yet")

    def test_02_assigned_when_a_member_comes_back_keeping_the_intake_deadline(self):
        """A member back from opt-out gets the queued lead with a follow-up; the deadline still counts from intake."""
        self._close_team()
        lead = self._route({"country_id": self.belgium.id})
        with freeze_time("2025-01-15 10:40:00"):
            self._member(self.bob).assignment_optout = False
            assigned = self.env["crm.lead"]._ops_assign_queue()
        self.assertEqual(assigned, lead)
        self.assertEqual((lead.user_id, lead.team_id, lead.ops_routing_state), (self.bob, self.team, "assigned"))
        self.assertFalse(lead.ops_queued_since)
        self.assertEqual(str(lead.ops_sla_deadline), "2025-01-15 10:15:00", "not restarted at assignment")
        self.assertEqual(lead.activity_ids.user_id, self.bob)
        self.assertEqual(lead.activity_ids.activity_type_id, self.env.ref("addon_ops_harmony.ops_activity_type_follow_up"))
        self.assertFalse(lead.ops_flag_ids.filtered(lambda flag: flag.category == "routing"))
        note = self._notes(lead, "Assigned to Bob from the Test Benelux queue")
        self.assertEqual(len(note), 1)
        self.assertRegex(str(note.body), r"since [^<]*10:00[^<]* \(UTC\)", "the wait is told with its time zone")

    def test_03_oldest_deadline_first(self):
        """With room for one lead, the assigner gives it to the lead due first, whatever the creation order."""
        self._close_team()
        later, sooner = self._route({"country_id": self.belgium.id}, {"country_id": self.belgium.id})
        later.sudo().ops_sla_deadline = "2025-01-15 11:00:00"
        sooner.sudo().ops_sla_deadline = "2025-01-15 10:05:00"
        self._member(self.ann).write({"assignment_optout": False, "assignment_max": 1})
        self.assertEqual(self.env["crm.lead"]._ops_assign_queue(), sooner)
        self.assertEqual(sooner.user_id, self.ann)
        self.assertEqual(later.ops_routing_state, "queued", "Ann is full: the later lead keeps waiting")
        self._member(self.cid).assignment_optout = False
        self.assertEqual(self.env["crm.lead"]._ops_assign_queue(), later)
        self.assertEqual(later.user_id, self.cid)

    def test_04_room_freed_or_member_back_wakes_the_assigner(self):
        """Winning or losing a lead, giving it away, or a member opting back in triggers the assigner at once."""
        self._member(self.ann).assignment_max = 1
        (self._member(self.bob) | self._member(self.cid)).assignment_optout = True
        busy = self._route({"country_id": self.belgium.id})
        self.assertEqual(busy.user_id, self.ann)
        waiting = self._route({"country_id": self.belgium.id})
        self.assertEqual(waiting.ops_routing_state, "queued")
        self._triggers().unlink()
        busy.action_set_lost()
        self.assertEqual(self._triggers().mapped("call_at"), [fields.Datetime.now()], "a lost lead frees room")
        self.env["crm.lead"]._ops_assign_queue()
        self.assertEqual(waiting.user_id, self.ann)
        self._triggers().unlink()
        waiting.write({"user_id": self.dan.id})
        self.assertFalse(self._triggers(), "nothing is waiting any more: no run for nothing")
        self._close_team()
        third = self._route({"country_id": self.belgium.id})
        self._triggers().unlink()
        self._member(self.cid).assignment_optout = False
        self.assertEqual(len(self._triggers()), 1, "a member back from opt-out")
        self.env["crm.lead"]._ops_cron_assign_queue()
        self.assertEqual(third.user_id, self.cid)

    def test_05_working_hours_beginning_plan_a_run(self):
        """A lead queued on Saturday plans a run of the assigner for Monday 09:00, when the members start."""
        with freeze_time("2025-01-18 10:00:00"):
            lead = self._route({"country_id": self.belgium.id})
        self.assertEqual((lead.team_id, lead.ops_routing_state), (self.team, "queued"))
        self.assertIn(fields.Datetime.to_datetime("2025-01-20 09:00:00"), self._triggers().mapped("call_at"))
        self.assertEqual(str(lead.ops_sla_deadline), "2025-01-20 09:15:00")
        with freeze_time("2025-01-20 09:00:00"):
            self.env["crm.lead"]._ops_cron_assign_queue()
        self.assertEqual(lead.user_id, self.ann)

    def test_06_leave_ending_plans_a_run(self):
        """A lead queued while the only member is on leave plans a run for the morning the leave ends."""
        self.rule.team_id = self.team_fr
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "resource_id": self.dan.resource_ids.id,
                "calendar_id": self.calendar.id,
                "date_from": "2025-01-15 00:00:00",
                "date_to": "2025-01-16 23:59:59",
            }
        )
        lead = self._route({"country_id": self.belgium.id})
        self.assertEqual((lead.team_id, lead.ops_routing_state), (self.team_fr, "queued"))
        self.assertIn(fields.Datetime.to_datetime("2025-01-17 09:00:00"), self._triggers().mapped("call_at"))

    def test_07_owner_given_by_hand_leaves_the_queue(self):
        """A manager giving a queued lead an owner takes it out of the queue."""
        self._close_team()
        lead = self._route({"country_id": self.belgium.id})
        lead.user_id = self.dan
        self.assertEqual((lead.ops_routing_state, lead.ops_queued_since), ("assigned", False))

    def test_08_lost_lead_leaves_the_queue(self):
        """A queued lead that is lost is not assigned and leaves the queue on the next run."""
        self._close_team()
        lead = self._route({"country_id": self.belgium.id})
        lead.action_set_lost()
        self.members.assignment_optout = False
        self.assertFalse(self.env["crm.lead"]._ops_assign_queue())
        self.assertFalse(lead.user_id)
        self.assertFalse(lead.ops_routing_state)

    def test_09_unmatched_lead_waits_in_the_default_queue(self):
        """A lead no rule matches waits, queued, in the default queue until its data lets a rule match."""
        lead = self._route({"country_id": self.france.id})
        self.assertEqual((lead.team_id, lead.ops_routing_state), (self.queue, "queued"))
        self.assertFalse(self.env["crm.lead"]._ops_assign_queue(), "no rule matches it yet")
        self.assertEqual(lead.ops_routing_state, "queued")
        lead.country_id = self.belgium  # the pipeline routes it again at once
        self.assertEqual((lead.team_id, lead.user_id, lead.ops_routing_state), (self.team, self.ann, "assigned"))
        self.assertTrue(self._notes(lead, "Assigned to Ann from the Test Queue queue"))

    def test_10_assign_now_is_for_managers(self):
        """A salesperson cannot run a team's assigner; a sales manager can, and is told what happened."""
        self._close_team()
        lead = self._route({"country_id": self.belgium.id})
        self.members.assignment_optout = False
        with self.assertRaises(AccessError):
            self.team.with_user(self.ann).action_ops_assign_queue()
        self.assertEqual(lead.ops_routing_state, "queued")
        manager = new_test_user(self.env, "t_ops_queue_manager", groups="sales_team.group_sale_manager")
        result = self.team.with_user(manager).action_ops_assign_queue()
        self.assertEqual(result["params"]["message"], "1 queued leads assigned, 0 still waiting.")
        self.assertEqual(lead.user_id, self.ann)

    def test_11_team_shows_its_queue(self):
        """The team counts its waiting leads and opens them, oldest deadline first."""
        self._close_team()
        leads = self._route({"country_id": self.belgium.id}, {"country_id": self.belgium.id})
        self.assertEqual(self.team.ops_queue_count, 2)
        action = self.team.action_ops_view_queue()
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), leads)

    def test_12_scheduled_every_five_minutes(self):
        """The assigner ships as an active scheduled action running every five minutes."""
        cron = self.env.ref(QUEUE_CRON)
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (5, "minutes"))
        self.assertEqual(cron.code.strip(), "model._ops_cron_assign_queue()")
