from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestLeadRoutingTour(HttpCase):
    """A person creates a lead in the web client and sees it routed with its SLA."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        always = cls.env["resource.calendar"].create(
            {
                "name": "Tour: around the clock",
                "tz": "UTC",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {"name": f"Day {day}", "dayofweek": str(day), "hour_from": 0, "hour_to": 24, "day_period": "morning"}
                    )
                    for day in range(7)
                ],
            }
        )
        cls.router = new_test_user(
            cls.env, "t_tour_router", name="Tour Router", groups="addon_ops_harmony.addon_ops_harmony_group_user", tz="UTC"
        )
        cls.env["resource.resource"].create(
            {"name": cls.router.name, "user_id": cls.router.id, "calendar_id": always.id, "tz": "UTC"}
        )
        cls.team = cls.env["crm.team"].create({"name": "Tour Benelux", "use_leads": True})
        cls.env["crm.team.member"].create({"crm_team_id": cls.team.id, "user_id": cls.router.id})
        cls.env["ops.routing.rule"].search([]).action_archive()
        cls.env["ops.routing.rule"].create(
            {
                "name": "Tour Belgium",
                "sequence": 1,
                "team_id": cls.team.id,
                "country_ids": [Command.set(cls.env.ref("base.be").ids)],
            }
        )

    def test_01_lead_is_routed_on_save(self):
        """Saving a lead without a salesperson routes it, resolves its country and starts its SLA."""
        self.start_tour("/odoo", "addon_ops_harmony_lead_routing", login="admin")
        lead = self.env["crm.lead"].search([("name", "=", "Tour: Belgian robotics buyer")])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.user_id, self.router)
        self.assertEqual(lead.team_id, self.team)
        self.assertEqual(lead.country_id, self.env.ref("base.be"))
        self.assertEqual(lead.email_from, "tour.buyer@robotics.example")
        self.assertEqual(lead.ops_sla_state, "running")
        self.assertTrue(lead.ops_sla_deadline)
        follow_up = lead.activity_ids.filtered(lambda activity: activity.user_id == self.router)
        self.assertEqual(len(follow_up), 1, "the owner got one follow-up activity")


@tagged("post_install", "-at_install")
class TestLeadRoutedAwayTour(HttpCase):
    """A salesperson limited to their own leads saves one that routing gives to a colleague."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        always = cls.env["resource.calendar"].create(
            {
                "name": "Tour away: around the clock",
                "tz": "UTC",
                "attendance_ids": [Command.clear()]
                + [
                    Command.create(
                        {"name": f"Day {day}", "dayofweek": str(day), "hour_from": 0, "hour_to": 24, "day_period": "morning"}
                    )
                    for day in range(7)
                ],
            }
        )
        cls.sam = new_test_user(
            cls.env,
            "t_tour_sam",
            name="Tour Sam",
            password="t_tour_sam",
            groups="addon_ops_harmony.addon_ops_harmony_group_user",
            tz="UTC",
        )
        cls.rita = new_test_user(
            cls.env, "t_tour_rita", name="Tour Rita", groups="addon_ops_harmony.addon_ops_harmony_group_user", tz="UTC"
        )
        cls.env["resource.resource"].create(
            {"name": cls.rita.name, "user_id": cls.rita.id, "calendar_id": always.id, "tz": "UTC"}
        )
        cls.team = cls.env["crm.team"].create({"name": "Tour Away EMEA", "use_leads": True})
        cls.env["crm.team.member"].create({"crm_team_id": cls.team.id, "user_id": cls.rita.id})
        cls.env["ops.routing.rule"].search([]).action_archive()
        cls.env["ops.routing.rule"].create(
            {
                "name": "Tour away Belgium",
                "sequence": 1,
                "team_id": cls.team.id,
                "country_ids": [Command.set(cls.env.ref("base.be").ids)],
            }
        )

    def test_01_save_ends_with_a_message_not_an_error(self):
        """The save creates the lead once, routed to Rita, and the salesperson sees where it went."""
        self.start_tour("/odoo", "addon_ops_harmony_lead_routed_away", login="t_tour_sam")
        lead = self.env["crm.lead"].search([("name", "=", "Tour: lead for a colleague")])
        self.assertEqual(len(lead), 1)
        self.assertEqual((lead.user_id, lead.team_id), (self.rita, self.team))
        self.assertFalse(lead.with_user(self.sam).has_access("read"), "Rita's lead stays out of Sam's reach")
