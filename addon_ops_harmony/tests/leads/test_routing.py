from odoo import Command
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from ..common import OpsRoutingCase


@tagged("post_install", "-at_install")
class TestRouting(OpsRoutingCase):
    def test_01_country_picks_the_team(self):
        """A lead goes to the team of the rule matching its country."""
        self.env["ops.routing.rule"].create(
            {
                "name": "France",
                "sequence": 20,
                "country_ids": [Command.set(self.france.ids)],
                "team_id": self.team_fr.id,
            }
        )
        be, fr = self._route({"country_id": self.belgium.id}, {"country_id": self.france.id})
        self.assertEqual(be.team_id, self.team)
        self.assertIn(be.user_id, self.ann | self.bob | self.cid)
        self.assertEqual((fr.team_id, fr.user_id), (self.team_fr, self.dan))

    def test_02_state_and_rule_order(self):
        """Rules are tried in sequence and the first match wins, states narrowing a country."""
        california = self.env["ops.routing.rule"].create(
            {
                "name": "California",
                "sequence": 5,
                "country_ids": [Command.set(self.usa.ids)],
                "state_ids": [Command.set(self.california.ids)],
                "team_id": self.team_fr.id,
            }
        )
        self.env["ops.routing.rule"].create(
            {
                "name": "USA",
                "sequence": 6,
                "country_ids": [Command.set(self.usa.ids)],
                "team_id": self.team.id,
            }
        )
        ca, ny = self._route(
            {"country_id": self.usa.id, "state_id": self.california.id}, {"country_id": self.usa.id, "state_id": self.new_york.id}
        )
        self.assertEqual(ca.team_id, self.team_fr)
        self.assertEqual(ny.team_id, self.team)
        california.sequence = 7
        ca_again = self._route({"country_id": self.usa.id, "state_id": self.california.id})
        self.assertEqual(ca_again.team_id, self.team, "the broader USA rule now comes first")

    def test_03_industry_and_size_band(self):
        """Industry and size band criteria must both match; empty criteria match anything."""
        self.env["ops.routing.rule"].create(
            {
                "name": "Large software",
                "sequence": 1,
                "industry_ids": [Command.set(self.software.ids)],
                "size_band_ids": [Command.set(self.large.ids)],
                "team_id": self.team_fr.id,
            }
        )
        big_soft, small_soft, big_retail = self._route(
            {"country_id": self.belgium.id, "ops_industry_id": self.software.id, "ops_employee_count": 500},
            {"country_id": self.belgium.id, "ops_industry_id": self.software.id, "ops_employee_count": 5},
            {"country_id": self.belgium.id, "ops_industry_id": self.retail.id, "ops_employee_count": 500},
        )
        self.assertEqual(big_soft.ops_size_band_id, self.large)
        self.assertEqual(big_soft.team_id, self.team_fr)
        self.assertEqual(small_soft.team_id, self.team)
        self.assertEqual(big_retail.team_id, self.team)

    def test_04_round_robin_rotates(self):
        """Round-robin gives six leads to three members in turn, and the next batch carries on."""
        leads = self._route(*[{"country_id": self.belgium.id}] * 6)
        self.assertEqual([lead.user_id for lead in leads.sorted("id")], [self.ann, self.bob, self.cid] * 2)
        self.assertEqual(self.rule.last_member_id, self._member(self.cid))
        self.assertEqual(self._route({"country_id": self.belgium.id}).user_id, self.ann)

    def test_05_weighted_prefers_the_emptier_member(self):
        """Weighted by capacity picks the member with the largest free share of their capacity."""
        self.rule.strategy = "weighted_capacity"
        (self._member(self.ann) | self._member(self.bob) | self._member(self.cid)).assignment_max = 10
        self._open_leads(self.ann, 8)
        self._open_leads(self.bob, 2)
        self._open_leads(self.cid, 5)
        self.assertEqual(self._route({"country_id": self.belgium.id}).user_id, self.bob)
        # counts grow within a batch; at equal share and load the older membership wins
        batch = self._route(*[{"country_id": self.belgium.id}] * 4)
        self.assertEqual([lead.user_id for lead in batch.sorted("id")], [self.bob, self.bob, self.bob, self.cid])

    def test_06_member_on_leave_is_skipped(self):
        """A member whose time off covers now gets no lead."""
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "resource_id": self.ann.resource_ids.id,
                "calendar_id": self.calendar.id,
                "date_from": "2025-01-15 00:00:00",
                "date_to": "2025-01-15 23:59:59",
            }
        )
        leads = self._route(*[{"country_id": self.belgium.id}] * 3)
        self.assertEqual([lead.user_id for lead in leads.sorted("id")], [self.bob, self.cid, self.bob])

    def test_07_member_off_hours_is_skipped(self):
        """A member outside their working hours gets no lead; with nobody at work the lead waits in the team's queue."""
        self.bob.resource_ids.calendar_id = self._calendar("Afternoons", [(day, 14, 18) for day in range(5)])
        leads = self._route(*[{"country_id": self.belgium.id}] * 2)
        self.assertEqual([lead.user_id for lead in leads.sorted("id")], [self.ann, self.cid])
        with freeze_time("2025-01-18 10:00:00"):  # a Saturday
            weekend = self._route({"country_id": self.belgium.id})
        self.assertEqual((weekend.team_id, weekend.user_id), (self.team, self.env["res.users"]))
        self.assertEqual(weekend.ops_routing_state, "queued")
        self.assertEqual(
            weekend.ops_flag_ids.filtered(lambda flag: flag.category == "routing").message,
            "All 3 members of Test Benelux are out of office, off hours or at capacity",
        )

    def test_08_member_at_capacity_is_skipped(self):
        """A member whose open leads reach their capacity gets no lead."""
        self._member(self.ann).assignment_max = 1
        self._open_leads(self.ann, 1)
        leads = self._route(*[{"country_id": self.belgium.id}] * 3)
        self.assertEqual([lead.user_id for lead in leads.sorted("id")], [self.bob, self.cid, self.bob])

    def test_09_no_match_goes_to_the_default_queue(self):
        """A lead no rule matches lands in the default queue, unassigned, with a routing flag saying why."""
        lead = self._route({"country_id": self.france.id, "ops_employee_count": 5})
        self.assertEqual((lead.team_id, lead.user_id), (self.queue, self.env["res.users"]))
        flag = lead.ops_flag_ids.filtered(lambda f: f.category == "routing")
        self.assertEqual(flag.code, "no_routing_rule")
        self.assertEqual(flag.message, "No routing rule matches country France, industry —, size t_ops_small")
        self.assertIn(flag.message, lead.ops_data_quality)
        # fixing the data routes it on the next pipeline run and clears the flag
        lead.country_id = self.belgium
        lead._ops_run_pipeline()
        self.assertEqual(lead.team_id, self.team)
        self.assertTrue(lead.user_id)
        self.assertFalse(lead.ops_flag_ids.filtered(lambda f: f.category == "routing"))

    def test_10_chosen_salesperson_is_kept(self):
        """A salesperson set by a person, explicitly or as a context default, is never re-routed."""
        leads = self.env["crm.lead"].create(
            [
                {"name": "Mine", "country_id": self.belgium.id, "user_id": self.dan.id},
            ]
        ) | self.env["crm.lead"].with_context(default_user_id=self.dan.id).create(
            {"name": "Mine too", "country_id": self.belgium.id}
        )
        leads._ops_run_pipeline()
        self.assertEqual(leads.user_id, self.dan)
        self.assertEqual(set(leads.mapped("ops_sla_state")), {"none"})

    def test_11_owner_gets_a_follow_up_activity_and_a_notification(self):
        """The owner gets an Ops follow-up activity due at the SLA deadline, and is notified and following."""
        lead = self._route({"country_id": self.belgium.id})
        activity = lead.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref("addon_ops_harmony.ops_activity_type_follow_up"))
        self.assertEqual(activity.user_id, self.ann)
        self.assertEqual(str(activity.date_deadline), "2025-01-15")
        self.assertIn("10:15", str(activity.note))
        self.assertIn(self.ann.partner_id, lead.message_partner_ids)
        notified = self.env["mail.message"].search(
            [
                ("model", "=", "crm.lead"),
                ("res_id", "=", lead.id),
                ("partner_ids", "in", self.ann.partner_id.ids),
            ]
        )
        self.assertTrue(notified, "the owner is notified of the assignment")

    def test_12_bulk_owner_gets_one_digest(self):
        """An owner given more than ten leads in one batch gets one digest instead of a notification per lead."""
        self.rule.team_id = self.team_fr
        leads = self._route(*[{"country_id": self.belgium.id}] * 11)
        self.assertEqual(leads.user_id, self.dan)
        self.assertEqual(len(leads.activity_ids), 11)
        to_dan = self.env["mail.message"].search([("partner_ids", "in", self.dan.partner_id.ids)])
        self.assertEqual(to_dan.mapped("subject"), ["11 new leads assigned to you"])

    def test_13_lead_from_the_bridge_is_routed(self):
        """A lead the bridge's service user creates is routed, although crm defaults its salesperson to that user."""
        bridge = new_test_user(self.env, "t_ops_bridge_r", groups="addon_ops_harmony.addon_ops_harmony_group_integration")
        lead = self.env["crm.lead"].with_user(bridge).create({"name": "From the bridge", "country_id": self.belgium.id})
        lead._ops_run_pipeline()
        self.assertEqual((lead.team_id, lead.user_id), (self.team, self.ann))
        self.assertEqual(lead.ops_sla_state, "running")
        self.assertEqual(lead.activity_ids.user_id, self.ann)
