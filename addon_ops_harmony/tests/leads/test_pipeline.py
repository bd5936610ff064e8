from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestLeadPipelineRules(TransactionCase):
    """The shipped automation rules are the pipeline's entry points."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pipeline_rule = cls.env.ref("addon_ops_harmony.ops_automation_lead_pipeline")
        cls.won_rule = cls.env.ref("addon_ops_harmony.ops_automation_lead_won")

    def _lead_values(self, index):
        return {
            "name": f"Bulk lead {index}",
            "type": "lead",
            "user_id": False,
            "email_from": f"  Buyer{index}@Example.COM ",
            "ops_country_input": ["Deutschland", "U.S.A.", "Atlantis"][index % 3],
            "ops_employee_count": 10 + index,
        }

    def test_01_create_runs_the_pipeline_through_the_rule(self):
        """Creating a lead runs normalization and scoring without any explicit call."""
        lead = self.env["crm.lead"].create(self._lead_values(1))
        self.assertEqual(lead.email_from, "buyer1@example.com")
        self.assertEqual(lead.country_id, self.env.ref("base.us"))
        self.assertTrue(lead.ops_size_band_id)
        self.assertIn(lead.ops_lifecycle_stage, ("lead", "mql"))
        self.assertTrue(lead.ops_nurture or lead.ops_lifecycle_stage == "mql")

    def test_02_bulk_create_of_2000_leads_processes_every_one(self):
        """One create of 2,000 leads normalizes, scores and flags every single lead."""
        leads = self.env["crm.lead"].create([self._lead_values(index) for index in range(2000)])
        self.assertEqual(len(leads), 2000)
        self.assertFalse(leads.filtered(lambda lead: lead.email_from != lead.email_from.strip().lower()))
        unknown = leads.filtered(lambda lead: lead.ops_country_input == "Atlantis")
        known = leads - unknown
        self.assertFalse(known.filtered(lambda lead: not lead.country_id), "every known country resolved")
        self.assertEqual(len(unknown), 666)
        self.assertFalse(
            unknown.filtered(lambda lead: "unknown_country" not in lead.ops_flag_ids.mapped("code")),
            "every unknown country is flagged, none dropped",
        )
        self.assertFalse(
            leads.filtered(lambda lead: not (lead.ops_nurture or lead.ops_lifecycle_stage == "mql")),
            "every lead was scored against a threshold",
        )

    def test_03_paused_rule_pauses_the_pipeline(self):
        """An admin who archives the rule stops the pipeline; re-activating it resumes on the next edit."""
        self.pipeline_rule.active = False
        lead = self.env["crm.lead"].create(self._lead_values(2))
        self.assertFalse(lead.country_id)
        self.assertEqual(lead.email_from, "  Buyer2@Example.COM ")
        self.pipeline_rule.active = True
        lead.ops_country_input = "Deutschland"
        self.assertEqual(lead.country_id, self.env.ref("base.de"))
        self.assertEqual(lead.email_from, "buyer2@example.com")

    def test_04_won_rule_makes_a_customer(self):
        """Moving a lead to a won stage fires the won rule, which makes its lifecycle `customer`."""
        lead = self.env["crm.lead"].create({"name": "Soon won", "type": "opportunity"})
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead.stage_id = won_stage
        self.assertEqual(lead.ops_lifecycle_stage, "customer")
        self.assertTrue(lead.ops_customer_date)

    def test_05_create_normalizes_in_its_values(self):
        """With the rule active, create stores normalized values at once, keeps the inputs and still flags."""
        values = [
            {
                **self._lead_values(5),
                "phone": "0470 12 34 56",
                "ops_country_input": "Belgium",
                "ops_industry_input": "Software",
                "ops_utm_source_input": "Ops bench source",
            },
            {**self._lead_values(6), "email_from": "not an email", "phone": "12", "ops_country_input": "Atlantis"},
        ]
        typed = [dict(vals) for vals in values]
        good, bad = self.env["crm.lead"].create(values)
        self.assertEqual(values, typed, "the caller's values are left untouched")
        self.assertEqual(good.email_from, "buyer5@example.com")
        self.assertEqual(good.country_id, self.env.ref("base.be"))
        self.assertEqual(good.phone, "+32470123456")
        self.assertTrue(good.ops_industry_id)
        self.assertEqual(good.source_id.name, "Ops bench source")
        self.assertEqual((good.ops_country_input, good.ops_utm_source_input), ("Belgium", "Ops bench source"))
        self.assertFalse(good.ops_flag_ids.filtered(lambda flag: flag.category != "routing"))
        self.assertEqual(bad.email_from, "not an email")
        self.assertEqual(bad.phone, "12")
        self.assertFalse(bad.country_id)
        codes = set(bad.ops_flag_ids.filtered(lambda flag: flag.category != "routing").mapped("code"))
        self.assertEqual(codes, {"invalid_email", "phone_no_country", "unknown_country"})

    def test_06_create_with_a_partner_leaves_normalizing_to_the_step(self):
        """A lead created for a partner gets the partner's address; the step normalizes what is left."""
        partner = self.env["res.partner"].create({"name": "Ops partner", "country_id": self.env.ref("base.fr").id})
        lead = self.env["crm.lead"].create({**self._lead_values(7), "partner_id": partner.id})
        self.assertEqual(lead.country_id, self.env.ref("base.fr"))
        self.assertEqual(lead.ops_country_input, "U.S.A.", "the input stays as typed")
