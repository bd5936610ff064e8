from datetime import datetime

from odoo.tests import freeze_time, new_test_user, tagged

from ...models.leads.crm_lead_pipeline import STEPS
from ..common import OpsSalesAccountingCase


@tagged("post_install", "-at_install")
class TestLifecycle(OpsSalesAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            "ops_lifecycle_salesman",
            groups="addon_ops_harmony.addon_ops_harmony_group_user",
            company_id=cls.env.company.id,
            company_ids=[cls.env.company.id],
        )
        cls.team = cls.env["crm.team"].create({"name": "Lifecycle team"})
        cls.stage_new = cls.env["crm.stage"].create({"name": "Lifecycle new", "sequence": 1, "team_ids": [cls.team.id]})
        cls.stage_qualified = cls.env["crm.stage"].create(
            {"name": "Lifecycle qualified", "sequence": 2, "team_ids": [cls.team.id]}
        )
        cls.stage_won = cls.env["crm.stage"].create(
            {"name": "Lifecycle won", "sequence": 90, "is_won": True, "team_ids": [cls.team.id]}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Lifecycle Corp", "is_company": True})
        cls.contact = cls.env["res.partner"].create({"name": "Ada Lifecycle", "parent_id": cls.customer.id})
        cls.campaign = cls.env["utm.campaign"].create({"name": "Lifecycle spring"})
        cls.source = cls.env["utm.source"].create({"name": "Lifecycle source"})
        cls.medium = cls.env["utm.medium"].create({"name": "Lifecycle medium"})

    def _lead(self, **values):
        return self.env["crm.lead"].create(
            {
                "name": "Lifecycle lead",
                "type": "lead",
                "team_id": self.team.id,
                "stage_id": self.stage_new.id,
                **values,
            }
        )

    def _mql_lead(self, **values):
        """Return a new lead that scoring made an MQL (the pipeline scores it on create, so not in the values)."""
        lead = self._lead(**values)
        lead.write({"ops_lifecycle_stage": "mql"})
        return lead

    def _quotation(self, lead, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": lead.partner_id.id or self.customer.id,
                "opportunity_id": lead.id,
                "order_line": [(0, 0, {"product_id": self.product_a.id, "product_uom_qty": 1, "price_unit": 1000.0})],
                **values,
            }
        )

    def test_01_stage_change_is_timestamped(self):
        """Moving a lead to another stage writes one log row with both stages, the time and the user."""
        lead = self._lead(user_id=self.salesman.id)
        with freeze_time("2025-03-04 10:00:00"):
            lead.with_user(self.salesman).write({"stage_id": self.stage_qualified.id})
        log = lead.ops_stage_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual((log.from_stage_id, log.to_stage_id), (self.stage_new, self.stage_qualified))
        self.assertEqual(log.from_lifecycle, log.to_lifecycle)
        self.assertEqual(log.changed_at, datetime(2025, 3, 4, 10, 0, 0))
        self.assertEqual(log.user_id, self.salesman)
        lead.write({"stage_id": self.stage_qualified.id})
        self.assertEqual(len(lead.ops_stage_log_ids), 1, "rewriting the same stage is not a change")
        # the won automation rule then advances the lifecycle: a second row, for that change
        with freeze_time("2025-03-05 10:00:00"):
            lead.with_user(self.salesman).write({"stage_id": self.stage_won.id})
        won_log, customer_log = (lead.ops_stage_log_ids - log).sorted("id")
        self.assertEqual((won_log.from_stage_id, won_log.to_stage_id), (self.stage_qualified, self.stage_won))
        self.assertEqual((won_log.from_lifecycle, won_log.to_lifecycle), (log.to_lifecycle, log.to_lifecycle))
        self.assertEqual((customer_log.from_stage_id, customer_log.to_stage_id), (self.stage_won, self.stage_won))
        self.assertEqual((customer_log.from_lifecycle, customer_log.to_lifecycle), (log.to_lifecycle, "customer"))
        self.assertEqual((won_log | customer_log).mapped("changed_at"), [datetime(2025, 3, 5, 10, 0, 0)] * 2)
        self.assertEqual((won_log | customer_log).user_id, self.salesman)

    def test_02_lifecycle_change_is_timestamped(self):
        """Reaching a lifecycle stage logs it and stamps its date and the dates of skipped stages, once."""
        lead = self._lead()
        with freeze_time("2025-03-01 09:00:00"):
            lead.write({"ops_lifecycle_stage": "mql"})
        self.assertEqual(lead.ops_mql_date, datetime(2025, 3, 1, 9, 0, 0))
        self.assertFalse(lead.ops_sql_date)
        with freeze_time("2025-03-09 09:00:00"):
            lead.write({"ops_lifecycle_stage": "opportunity"})
        self.assertEqual(lead.ops_mql_date, datetime(2025, 3, 1, 9, 0, 0), "first reached: never restamped")
        self.assertEqual(lead.ops_sql_date, datetime(2025, 3, 9, 9, 0, 0))
        self.assertEqual(lead.ops_opportunity_date, datetime(2025, 3, 9, 9, 0, 0))
        self.assertFalse(lead.ops_customer_date)
        self.assertEqual(
            lead.ops_stage_log_ids.sorted("id").mapped(lambda log: (log.from_lifecycle, log.to_lifecycle)),
            [("lead", "mql"), ("mql", "opportunity")],
        )

    def test_03_conversion_makes_opportunity(self):
        """Converting a lead to an opportunity advances it to `opportunity` in the pipeline step."""
        lead = self._mql_lead()
        lead._ops_lifecycle()
        self.assertEqual(lead.ops_lifecycle_stage, "mql", "an unconverted lead keeps its scoring stage")
        lead.convert_opportunity(self.customer)
        lead._ops_lifecycle()
        self.assertEqual(lead.ops_lifecycle_stage, "opportunity")
        self.assertTrue(lead.ops_opportunity_date)

    def test_04_won_makes_customer(self):
        """A won lead becomes a customer, through the won hook and through the pipeline step."""
        by_hook, by_step = self._lead(), self._lead()
        (by_hook | by_step).action_set_won()
        by_hook._ops_on_won()
        by_step._ops_lifecycle()
        self.assertEqual((by_hook | by_step).mapped("ops_lifecycle_stage"), ["customer", "customer"])
        self.assertTrue(by_hook.ops_customer_date and by_hook.ops_mql_date)
        pending = self._lead()
        pending._ops_on_won()
        self.assertEqual(pending.ops_lifecycle_stage, "lead", "the won hook ignores leads that are not won")

    def test_05_quotation_makes_sql_and_order_makes_customer(self):
        """A quotation makes its lead `sql`, its confirmation makes it `customer`."""
        lead = self._lead(partner_id=self.contact.id)
        order = self._quotation(lead)
        self.assertEqual(lead.ops_lifecycle_stage, "sql")
        order.action_confirm()
        self.assertEqual(lead.ops_lifecycle_stage, "customer")

    def test_06_never_downgrades(self):
        """A lead at `sql` or beyond is never moved back, whoever writes; below it scoring may demote."""
        lead = self._lead()
        lead.write({"ops_lifecycle_stage": "mql"})
        lead.write({"ops_lifecycle_stage": "lead"})
        self.assertEqual(lead.ops_lifecycle_stage, "lead", "scoring can take an MQL back to lead")
        lead._ops_lifecycle_advance("customer")
        lead.write({"ops_lifecycle_stage": "mql", "description": "still written"})
        self.assertEqual(lead.ops_lifecycle_stage, "customer")
        self.assertIn("still written", str(lead.description), "the rest of the write goes through")
        self.assertFalse(lead._ops_lifecycle_advance("sql"))
        lead.convert_opportunity(self.customer)
        lead._ops_lifecycle()
        self.assertEqual(lead.ops_lifecycle_stage, "customer")
        lead.with_context(ops_lifecycle_allow_downgrade=True).write({"ops_lifecycle_stage": "sql"})
        self.assertEqual(lead.ops_lifecycle_stage, "sql", "an explicit correction is still possible")

    def test_07_partner_carries_most_advanced_stage(self):
        """A contact and its company carry the most advanced stage of their leads, lost leads included."""
        lead_mql = self._mql_lead(partner_id=self.contact.id)
        self.assertEqual(self.contact.ops_lifecycle_stage, "mql")
        self.assertEqual(self.customer.ops_lifecycle_stage, "mql", "the company sees its contact's leads")
        lead_sql = self._lead(partner_id=self.contact.id)
        lead_sql._ops_lifecycle_advance("sql")
        self.assertEqual(self.contact.ops_lifecycle_stage, "sql")
        lead_sql.action_set_lost()
        self.assertEqual(self.contact.ops_lifecycle_stage, "sql", "a lost lead's history still counts")
        lead_mql._ops_lifecycle_advance("customer")
        self.assertEqual((self.contact | self.customer).mapped("ops_lifecycle_stage"), ["customer", "customer"])
        self.assertFalse(self.env["res.partner"].create({"name": "No leads"}).ops_lifecycle_stage)

    def test_08_campaign_links_survive_the_chain(self):
        """Campaign, source and medium flow from the opportunity to the quotation, the order and the invoice."""
        utm = {"campaign_id": self.campaign.id, "source_id": self.source.id, "medium_id": self.medium.id}
        lead = self._lead(partner_id=self.customer.id, **utm)
        lead.convert_opportunity(self.customer)
        order = self._quotation(lead)
        self.assertEqual((order.campaign_id, order.source_id, order.medium_id), (self.campaign, self.source, self.medium))
        order.action_confirm()
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")
        self.assertEqual((invoice.campaign_id, invoice.source_id, invoice.medium_id), (self.campaign, self.source, self.medium))
        self.assertEqual(invoice.line_ids.sale_line_ids.order_id.opportunity_id, lead)
        other_campaign = self.env["utm.campaign"].create({"name": "Lifecycle explicit"})
        explicit = self._quotation(lead, campaign_id=other_campaign.id)
        self.assertEqual(explicit.campaign_id, other_campaign, "an explicit campaign on the quotation wins")

    def test_09_lifecycle_step_is_batched(self):
        """The pipeline step handles a mixed batch at once and only writes the leads that move."""
        self.assertEqual(STEPS[-1], "_ops_step_lifecycle", "the lifecycle is the pipeline's last step")
        leads = self.env["crm.lead"].create(
            [
                {"name": f"Batch {index}", "type": "lead", "team_id": self.team.id, "partner_id": self.customer.id}
                for index in range(30)
            ]
        )
        leads[:10].convert_opportunity(self.customer)
        leads[10:20].action_set_won()
        self._quotation(leads[20])
        leads._ops_lifecycle()
        self.assertEqual(set(leads[:10].mapped("ops_lifecycle_stage")), {"opportunity"})
        self.assertEqual(set(leads[10:20].mapped("ops_lifecycle_stage")), {"customer"})
        self.assertEqual(leads[20].ops_lifecycle_stage, "sql")
        self.assertEqual(set(leads[21:].mapped("ops_lifecycle_stage")), {"lead"})
        self.assertFalse(leads[21:].ops_stage_log_ids)
