from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..json2 import json2_post


@tagged("post_install", "-at_install")
class TestRpcBadInput(HttpCase):
    """Bad input over JSON-2 gets a categorised, readable error or is stored and flagged; never a 500."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bridge_key = cls.env["res.users"]._ops_bridge_provision_key(login="t_bad_input_bridge")
        cls.ops_user = new_test_user(cls.env, "t_bad_input_user", groups="addon_ops_harmony.addon_ops_harmony_group_user")
        cls.user_key = cls.env["res.users.apikeys"].with_user(cls.ops_user).sudo()._generate(None, "bad input", None)
        cls.campaign = cls.env["utm.campaign"].create({"name": "Bad input campaign"})

    def _call(self, model, method, key=None, **params):
        return json2_post(self, model, method, key or self.bridge_key, **params)

    def _flags(self, lead_id):
        return {(flag.category, flag.code): flag.message for flag in self.env["crm.lead"].browse(lead_id).ops_flag_ids}

    def test_01_lead_with_numbers_for_text_is_stored_and_flagged(self):
        """An integer phone, email or country on crm.lead.create keeps the lead, the values as text, and flags them."""
        for key in (self.bridge_key, self.user_key):
            response = self._call(
                "crm.lead",
                "create",
                key=key,
                vals_list=[
                    {"name": "Typed as numbers", "phone": 33612345678, "email_from": 42, "ops_country_input": 250},
                    {"name": "Typed as JSON", "phone": [1, 2], "ops_country_input": {"iso": "FR"}, "contact_name": True},
                ],
            )
            self.assertEqual(response.status_code, 200, response.text)
            first, second = self.env["crm.lead"].browse(response.json())
            self.assertEqual((first.email_from, first.ops_country_input), ("42", "250"))
            self.assertEqual(first.phone, "33612345678", "no country to read it by: kept as typed")
            flags = self._flags(first.id)
            self.assertIn(("input", "not_text"), flags)
            self.assertIn(("phone", "phone_no_country"), flags)
            self.assertIn(("email", "invalid_email"), flags)
            self.assertIn(("country", "unknown_country"), flags)
            self.assertEqual(len(first.ops_flag_ids.filtered(lambda flag: flag.category == "input")), 3)
            self.assertIn('Phone was sent as a number, not text: kept as "33612345678"', first.ops_data_quality)
            self.assertEqual((second.phone, second.ops_country_input, second.contact_name), ("[1, 2]", '{"iso": "FR"}', "true"))
            self.assertIn("an object", second.ops_data_quality)

    def test_02_long_input_is_quoted_short_in_flags(self):
        """A 100 KB value is stored whole but quoted in flags as its first 200 characters and its length."""
        typed = "Z" * 100_000
        vals = {"name": "Huge", "ops_country_input": typed, "phone": 7, "email_from": typed}
        response = self._call("crm.lead", "create", vals_list=[vals])
        self.assertEqual(response.status_code, 200, response.text)
        lead = self.env["crm.lead"].browse(response.json())
        self.assertEqual(lead.ops_country_input, typed, "nothing typed is lost")
        for flag in lead.ops_flag_ids:
            self.assertLess(len(flag.message), 400, flag.code)
        message = self._flags(lead.id)["country", "unknown_country"]
        self.assertIn("Z" * 200 + "… (100000 characters)", message)
        self.assertNotIn("Z" * 201, message)

    @mute_logger("odoo.http")
    def test_03_ingest_mapping_version_out_of_range(self):
        """A mapping_version beyond int4 is refused as a readable ValidationError, and nothing is half-written."""
        records = [{"external_id": "mv1", "values": {"name": "Mapping Version Co"}}]
        for version in (2**31, 2**63, -5, "2"):
            response = self._call(
                "ops.sync.gateway", "ingest", source="hubspot", stream="companies", records=records, mapping_version=version
            )
            self.assertEqual(response.status_code, 422, response.text)
            self.assertEqual(response.json()["name"], "odoo.exceptions.ValidationError")
            self.assertIn("mapping_version must be a whole number from 1 to 2147483647", response.json()["message"])
        self.assertFalse(self.env["res.partner"].search_count([("name", "=", "Mapping Version Co")]))
        response = self._call(
            "ops.sync.gateway", "ingest", source="hubspot", stream="companies", records=records, mapping_version=2**31 - 1
        )
        self.assertEqual(response.json()["results"][0]["status"], "created")

    def test_04_ingest_junk_records_keep_the_good_ones(self):
        """Junk records in a batch are rejected one by one with their category; the good records are ingested."""
        records = [
            {"external_id": "ok1", "values": {"name": "Good One"}},
            {"external_id": 2**63, "values": {"name": "Bad id"}},
            {"external_id": "junk_values", "values": [1, 2]},
            {"external_id": "junk_date", "values": {"name": "Bad date"}, "modified_at": {"when": "now"}},
            "not a record",
            {"external_id": "ok2", "values": {"name": "Good Two"}, "trace_id": "t2"},
        ]
        response = self._call("ops.sync.gateway", "ingest", source="hubspot", stream="companies", records=records)
        self.assertEqual(response.status_code, 200, response.text)
        results = response.json()["results"]
        self.assertEqual([r["status"] for r in results], ["created", "rejected", "rejected", "rejected", "rejected", "created"])
        self.assertEqual({r["category"] for r in results[1:5]}, {"validation"})
        self.assertTrue(all(r["reason"] for r in results[1:5]))
        self.assertEqual(
            self.env["res.partner"].browse([results[0]["res_id"], results[5]["res_id"]]).mapped("name"), ["Good One", "Good Two"]
        )

    @mute_logger("odoo.http")
    def test_05_import_spend_malformed_calls(self):
        """ops_import_spend refuses an object, a string or a number as its rows with a readable ValidationError."""
        for junk in ({}, "rows", 7, None):
            response = self._call("ops.campaign.spend", "ops_import_spend", vals_list=junk)
            self.assertEqual(response.status_code, 422, f"{junk!r}: {response.text}")
            self.assertEqual(response.json()["name"], "odoo.exceptions.ValidationError")
            self.assertIn("must be a list", response.json()["message"])

    def test_06_import_spend_reports_bad_rows_and_keeps_good_ones(self):
        """Each bad spend row is reported with its row number and problem; the good rows are imported."""
        good = {"campaign_id": self.campaign.id, "date": "2025-06-01", "channel": "google_ads", "amount": 99.5}
        rows = [
            good,
            {"campaign_id": self.campaign.id, "date": "2025-13-45", "amount": 1.0},
            {"campaign_id": self.campaign.id, "date": "2025-06-02", "amount": -3.0},
            {"campaign_id": 999_999_999, "date": "2025-06-02", "amount": 3.0},
            {"campaign_id": self.campaign.id, "date": "2025-06-02", "channel": "fax", "amount": 3.0},
            {"campaign_id": self.campaign.id, "date": "2025-06-02", "amount": 3.0, "budget": 4},
            "not a row",
            {"campaign_id": self.campaign.id, "date": "2025-06-03", "clicks": 2**63},
            {"campaign_id": self.campaign.id, "date": "2025-06-04", "amount": 12},
        ]
        response = self._call("ops.campaign.spend", "ops_import_spend", vals_list=rows)
        self.assertEqual(response.status_code, 200, response.text)
        results = response.json()["results"]
        self.assertEqual([r["status"] for r in results], ["created"] + ["rejected"] * 7 + ["created"])
        self.assertEqual([r["category"] for r in results[1:8]], ["validation"] * 2 + ["mapping"] + ["validation"] * 4)
        reasons = [r["reason"] for r in results[1:8]]
        self.assertIn('row 1: the field "date" is not a YYYY-MM-DD date', reasons[0])
        self.assertIn('row 2: the field "amount" must be at least 0', reasons[1])
        self.assertIn("row 3: no campaign with id 999999999", reasons[2])
        self.assertIn('row 4: the field "channel" must be one of', reasons[3])
        self.assertIn("row 5: unknown key(s) budget", reasons[4])
        self.assertIn("row 6: a spend row must be an object", reasons[5])
        self.assertIn('row 7: the field "clicks" must be at least', reasons[6])
        lines = self.env["ops.campaign.spend"].search([("campaign_id", "=", self.campaign.id)], order="date")
        self.assertEqual(lines.mapped("amount"), [99.5, 12.0])
        self.assertEqual(lines.ids, [results[0]["id"], results[8]["id"]])

    @mute_logger("odoo.http")
    def test_07_junk_in_an_addon_field_is_a_validation_error(self):
        """A value the ORM cannot store in an addon field is a 422 naming the field, not a 500."""
        cases = [
            ("ops.touchpoint", {"event_time": "junk"}, "Event Time"),
            ("ops.touchpoint", {"lead_id": 2**63}, "Lead"),
            ("ops.touchpoint", {"event_type": [1]}, "Event Type"),
            ("ops.campaign.spend", {"campaign_id": self.campaign.id, "clicks": "many"}, "Clicks"),
            ("crm.lead", {"name": "Junk score", "ops_employee_count": "a lot"}, "Employees"),
        ]
        for model, vals, label in cases:
            response = self._call(model, "create", vals_list=[vals])
            self.assertEqual(response.status_code, 422, f"{model} {vals}: {response.text}")
            self.assertEqual(response.json()["name"], "odoo.exceptions.ValidationError")
            self.assertIn(label, response.json()["message"])
