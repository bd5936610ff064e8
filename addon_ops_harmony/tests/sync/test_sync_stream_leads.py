from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..common import SyncCase
from ..json2 import json2_post

LEAD = {
    "name": "Ada Lovelace (Analytical Engines)",
    "contact_name": "Ada Lovelace",
    "partner_name": "Analytical Engines",
    "email": "  Ada@Engines.Example ",
    "phone": "+49 30 1234567",
    "country": "Deutschland",
    "industry": "Software",
    "employees": 120,
    "lead_source": "Web",
}


@tagged("post_install", "-at_install")
class TestSyncStreamLeads(SyncCase):
    """Salesforce leads become crm.lead leads through the lead pipeline, under the ownership rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team = cls.env["crm.team"].create({"name": "DACH inbound"})
        cls.env["ops.routing.rule"].create(
            {
                "name": "Germany to DACH",
                "sequence": 1,
                "country_ids": [Command.set(cls.env.ref("base.de").ids)],
                "team_id": cls.team.id,
            }
        )

    def _sync(self, external_id="00Q1", source="salesforce", **changes):
        [result] = self.ingest("leads", [self.rec(external_id, {**LEAD, **changes})], source=source)
        return result

    def test_01_a_lead_is_created_through_the_pipeline(self):
        """A synced lead is a lead, normalized, routed to its team and scored like a typed one."""
        result = self._sync()
        self.assertEqual(result["status"], "created", result["reason"])
        lead = self.env["crm.lead"].browse(result["res_id"])
        self.assertEqual((lead.type, lead.name, lead.partner_name), ("lead", LEAD["name"], "Analytical Engines"))
        self.assertEqual(lead.email_from, "ada@engines.example", "the pipeline normalized the e-mail")
        self.assertEqual(lead.country_id, self.env.ref("base.de"), "the country alias was resolved")
        self.assertEqual(lead.ops_country_input, "Deutschland", "the raw input is kept")
        self.assertEqual(lead.team_id, self.team, "routing placed the lead")
        self.assertNotEqual(lead.user_id, self.bridge, "the bridge's user is nobody's salesperson")
        self.assertTrue(lead.ops_score_line_ids, "the lead was scored, one explanation line per rule")
        self.assertTrue(lead.ops_nurture or lead.ops_lifecycle_stage == "mql")
        self.assertEqual(self.binding("leads", "00Q1", source="salesforce").res_id, lead.id)

    def test_02_an_unknown_country_is_flagged_not_lost(self):
        """A country nobody knows keeps the lead, empty country, and a data-quality flag says why."""
        result = self._sync(country="Atlantis")
        self.assertEqual(result["status"], "created")
        lead = self.env["crm.lead"].browse(result["res_id"])
        self.assertFalse(lead.country_id)
        self.assertIn("unknown_country", lead.ops_flag_ids.mapped("code"))

    def test_03_updates_follow_the_ownership_rules(self):
        """Source wins by default; under odoo_wins an Odoo edit is kept and the change waits as a conflict."""
        lead = self.env["crm.lead"].browse(self._sync()["res_id"])
        self.assertEqual(self._sync(function="CTO")["status"], "updated")
        self.assertEqual(lead.function, "CTO")
        self.assertEqual(self._sync(function="CTO")["status"], "unchanged")

        self.env["ops.sync.ownership"].create(
            {
                "source": "salesforce",
                "model_id": self.env["ir.model"]._get("crm.lead").id,
                "field_id": self.env["ir.model.fields"]._get("crm.lead", "partner_name").id,
                "policy": "odoo_wins",
            }
        )
        lead.partner_name = "Analytical Engines Ltd (checked by sales)"
        result = self._sync(function="CTO", partner_name="Analytical Engines Inc")
        self.assertEqual((result["status"], result["category"]), ("conflict", "conflict"))
        self.assertEqual(lead.partner_name, "Analytical Engines Ltd (checked by sales)")
        conflict = self.env["ops.sync.conflict"].search(
            [("binding_id", "=", self.binding("leads", "00Q1", source="salesforce").id)]
        )
        self.assertEqual((conflict.field_name, conflict.incoming_value), ("partner_name", "Analytical Engines Inc"))
        self.assertEqual(lead.team_id, self.team, "the sync never takes the lead away from its team")

    def test_04_a_converted_lead_is_archived(self):
        """A lead converted at the source is archived, and the reason says so."""
        lead = self.env["crm.lead"].browse(self._sync()["res_id"])
        result = self._sync(converted=True)
        self.assertEqual(result["status"], "updated")
        self.assertFalse(lead.active)
        self.assertIn("converted at the source", result["reason"])

    def test_05_junk_values_are_rejected_with_a_readable_message(self):
        """A malformed lead is rejected on its own, with a message naming the key, and the batch goes on."""
        results = self.ingest(
            "leads",
            [
                self.rec("00Qbad1", {**LEAD, "employees": "lots"}),
                self.rec("00Qbad2", {**LEAD, "name": ""}),
                self.rec("00Qgood", LEAD),
            ],
            source="salesforce",
        )
        self.assertEqual([r["status"] for r in results], ["rejected", "rejected", "created"])
        self.assertEqual(results[0]["category"], "validation")
        self.assertIn('"employees"', results[0]["reason"])
        self.assertIn('"name"', results[1]["reason"])
        event = self.env["ops.sync.event"].browse(results[0]["event_id"])
        self.assertEqual((event.source, event.stream, event.state), ("salesforce", "leads", "dead"))
        self.assertFalse(self.binding("leads", "00Qbad1", source="salesforce"))

    def test_06_salesforce_stages_are_mapped_at_install(self):
        """A Salesforce opportunity lands in the stage its StageName is mapped to at install; Closed Lost archives it."""
        results = self.ingest(
            "deals",
            [
                self.rec("006won", {"name": "Won deal", "stage_key": "Closed Won", "expected_revenue": 100}),
                self.rec("006lost", {"name": "Lost deal", "stage_key": "Closed Lost"}),
                self.rec("006custom", {"name": "Custom", "stage_key": "Awaiting Legal"}),
            ],
            source="salesforce",
        )
        self.assertEqual([r["status"] for r in results], ["created", "created", "rejected"])
        won, lost = self.env["crm.lead"].with_context(active_test=False).browse([r["res_id"] for r in results[:2]])
        self.assertTrue(won.stage_id.is_won)
        self.assertFalse(lost.active)
        self.assertIn("unknown deal stage 'Awaiting Legal'", results[2]["reason"])


@tagged("post_install", "-at_install")
class TestSyncStreamLeadsJson2(HttpCase):
    """Over JSON-2, only the bridge's user ingests leads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls.env["res.users"]._ops_bridge_provision_key(login="t_sync_leads_bridge")
        cls.outsiders = {}
        for login, groups in (
            ("t_sync_leads_employee", "base.group_user"),
            ("t_sync_leads_salesman", "base.group_user,sales_team.group_sale_salesman"),
        ):
            user = new_test_user(cls.env, login, groups=groups)
            cls.outsiders[login] = cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, login, None)

    def _ingest(self, key, name):
        records = [{"external_id": "00Qx", "values": {**LEAD, "name": name}, "payload": {}, "trace_id": "t"}]
        return json2_post(self, "ops.sync.gateway", "ingest", key, source="salesforce", stream="leads", records=records)

    def test_01_only_the_bridge_ingests_leads(self):
        """A plain employee, or a salesperson who may create leads in the UI, cannot push leads through the gateway."""
        for login, key in self.outsiders.items():
            with self.subTest(login=login), mute_logger("odoo.http"):
                refused = self._ingest(key, f"Sneaky lead of {login}")
                self.assertEqual(refused.status_code, 403, refused.text)
                self.assertEqual(refused.json()["name"], "odoo.exceptions.AccessError")
        self.assertFalse(self.env["crm.lead"].with_context(active_test=False).search_count([("name", "like", "Sneaky lead")]))
        self.assertFalse(self.env["ops.sync.binding"].search_count([("source", "=", "salesforce"), ("external_id", "=", "00Qx")]))
        accepted = self._ingest(self.key, "Bridge lead")
        self.assertEqual(accepted.status_code, 200, accepted.text)
        self.assertEqual(accepted.json()["results"][0]["status"], "created")
