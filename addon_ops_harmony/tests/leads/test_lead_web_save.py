import json

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..json2 import json2_post

OPS_USER = "addon_ops_harmony.addon_ops_harmony_group_user"
# what the lead form asks back after a save, in short: own fields, many2ones, lines, tags
FORM_SPEC = {
    "name": {},
    "email_from": {},
    "user_id": {"fields": {"display_name": {}}},
    "team_id": {"fields": {"display_name": {}}},
    "ops_sla_state": {},
    "tag_ids": {"fields": {"display_name": {}, "color": {}}},
    "ops_flag_ids": {"fields": {"message": {}}},
}


@tagged("post_install", "-at_install")
class TestLeadWebSave(HttpCase):
    """A salesperson who sees only their own leads saves a lead that routing gives to a colleague."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        always = cls.env["resource.calendar"].create(
            {
                "name": "Save test: around the clock",
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
        cls.sam = new_test_user(cls.env, "t_save_sam", groups=OPS_USER, name="Sam Saver", tz="UTC")
        cls.rita = new_test_user(cls.env, "t_save_rita", groups=OPS_USER, name="Rita Rep", tz="UTC")
        cls.carlos = new_test_user(cls.env, "t_save_carlos", groups=OPS_USER, name="Carlos Away", tz="UTC")
        cls.env["resource.resource"].create(
            [
                {"name": user.name, "user_id": user.id, "calendar_id": always.id, "tz": "UTC"}
                for user in (cls.sam, cls.rita, cls.carlos)
            ]
        )
        cls.emea, cls.americas = cls.env["crm.team"].create(
            [{"name": "Save EMEA", "use_leads": True}, {"name": "Save Americas", "use_leads": True}]
        )
        cls.env["crm.team.member"].create(
            [
                {"crm_team_id": cls.emea.id, "user_id": cls.rita.id},
                {"crm_team_id": cls.americas.id, "user_id": cls.carlos.id, "assignment_optout": True},
            ]
        )
        cls.env["ops.routing.rule"].search([]).action_archive()
        cls.env["ops.routing.rule"].create(
            [
                {
                    "name": "Save Belgium",
                    "sequence": 1,
                    "team_id": cls.emea.id,
                    "country_ids": [Command.set(cls.env.ref("base.be").ids)],
                },
                {
                    "name": "Save USA",
                    "sequence": 2,
                    "team_id": cls.americas.id,
                    "country_ids": [Command.set(cls.env.ref("base.us").ids)],
                },
            ]
        )
        cls.key = cls.env["res.users.apikeys"].with_user(cls.sam).sudo()._generate(None, "save test", None)

    def _save(self, vals, ids=(), specification=None):
        response = json2_post(
            self,
            "crm.lead",
            "web_save",
            self.key,
            ids=list(ids),
            vals=vals,
            specification=FORM_SPEC if specification is None else specification,
        )
        self.env.invalidate_all()
        return response

    def _notifications(self, user):
        """The browser notifications sent to `user` (bus messages of type simple_notification)."""
        messages = self.env["bus.bus"].sudo().search([("message", "like", "simple_notification")])
        partner_channel = json.dumps([self.env.cr.dbname, "res.partner", user.partner_id.id])
        return [json.loads(bus.message)["payload"] for bus in messages if json.loads(bus.channel) == json.loads(partner_channel)]

    def test_01_routed_to_a_colleague_saves_with_a_message(self):
        """The save succeeds, shows what was saved and tells the salesperson where the lead went."""
        # as the form sends it: the defaults it got from onchange, the salesperson cleared
        response = self._save(
            {
                "name": "Saved by Sam",
                "email_from": "buyer@save.example",
                "type": "opportunity",
                "probability": 10.0,
                "country_id": self.env.ref("base.be").id,
                "user_id": False,
            }
        )
        self.assertEqual(response.status_code, 200, response.text)
        [values] = response.json()
        self.assertEqual(values["name"], "Saved by Sam")
        self.assertEqual(values["user_id"], {"id": self.rita.id, "display_name": "Rita Rep"})
        self.assertEqual(values["team_id"]["display_name"], "Save EMEA")
        self.assertEqual(values["ops_sla_state"], "running")
        lead = self.env["crm.lead"].search([("name", "=", "Saved by Sam")])
        self.assertEqual(len(lead), 1, "saved once")
        self.assertEqual(values["id"], lead.id)
        self.assertEqual((lead.user_id, lead.ops_routing_state), (self.rita, "assigned"))
        messages = [note["message"] for note in self._notifications(self.sam)]
        self.assertIn("Routed to Rita Rep, Save EMEA", messages)

    def test_02_the_lead_stays_out_of_reach_afterwards(self):
        """Only that save reads the lead back: reading or saving it again is refused as before."""
        self._save({"name": "Handed over", "country_id": self.env.ref("base.be").id, "user_id": False})
        lead = self.env["crm.lead"].search([("name", "=", "Handed over")])
        read = json2_post(self, "crm.lead", "web_read", self.key, ids=lead.ids, specification={"name": {}})
        self.assertEqual(read.status_code, 403, read.text)
        again = self._save({"name": "Renamed"}, ids=lead.ids)
        self.assertEqual(again.status_code, 403, again.text)
        self.assertEqual(lead.name, "Handed over")

    def test_03_related_records_are_read_with_the_users_rights(self):
        """The read-back never shows related records the salesperson may not read, such as Rita's other leads."""
        rita_lead = self.env["crm.lead"].create(
            {"name": "Rita's own", "email_from": "twin@save.example", "user_id": self.rita.id, "team_id": self.emea.id}
        )
        spec = {**FORM_SPEC, "duplicate_lead_ids": {"fields": {"name": {}, "email_from": {}}}}
        response = self._save(
            {"name": "Twin", "email_from": "twin@save.example", "country_id": self.env.ref("base.be").id, "user_id": False},
            specification=spec,
        )
        self.assertEqual(response.status_code, 200, response.text)
        lead = self.env["crm.lead"].search([("name", "=", "Twin")])
        self.assertIn(rita_lead, lead.duplicate_lead_ids, "there is a duplicate to hide")
        self.assertNotIn(rita_lead.id, [dup["id"] for dup in response.json()[0]["duplicate_lead_ids"]])
        self.assertNotIn("Rita's own", response.text)

    def test_04_choosing_a_colleague_by_hand_is_still_refused(self):
        """A salesperson who names a colleague as salesperson gets the usual access error and no lead."""
        response = self._save({"name": "Pushed to Rita", "user_id": self.rita.id})
        self.assertEqual(response.status_code, 403, response.text)
        self.assertFalse(self.env["crm.lead"].search([("name", "=", "Pushed to Rita")]))

    def test_05_queued_lead_says_it_waits(self):
        """A lead nobody can take saves too, and the message says whose queue it waits in."""
        response = self._save({"name": "Waiting one", "country_id": self.env.ref("base.us").id, "user_id": False})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()[0]["team_id"]["display_name"], "Save Americas")
        self.assertEqual(self.env["crm.lead"].browse(response.json()[0]["id"]).ops_routing_state, "queued")
        [message] = [note["message"] for note in self._notifications(self.sam) if "queue" in note["message"]]
        self.assertTrue(message.startswith("Waiting in the Save Americas queue: All 1 members of Save Americas"))

    def test_06_own_lead_saves_as_usual(self):
        """Saving a lead the salesperson keeps reads it back as usual, with no routing message."""
        response = self._save({"name": "Mine", "user_id": self.sam.id})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()[0]["user_id"]["id"], self.sam.id)
        self.assertFalse(self._notifications(self.sam))

    def test_07_automation_stamp_is_no_back_door(self):
        """Writing the automation timestamp on a colleague's lead is refused: only routing's own save may."""
        rita_lead = self.env["crm.lead"].create({"name": "Rita's stamped", "user_id": self.rita.id, "team_id": self.emea.id})
        before = rita_lead.date_automation_last
        response = json2_post(
            self, "crm.lead", "write", self.key, ids=rita_lead.ids, vals={"date_automation_last": "2030-01-01 00:00:00"}
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.env.invalidate_all()
        self.assertEqual(rita_lead.date_automation_last, before)
