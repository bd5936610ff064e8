from datetime import datetime, timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.addon_ops_harmony.models.marketing.ops_campaign_attribution import attribution_weights

from ..common import OpsSalesAccountingCase

CONVERSION = datetime(2025, 6, 30, 12, 0, 0)
MODELS = ("first_touch", "last_touch", "linear", "time_decay", "u_shaped")


@tagged("post_install", "-at_install")
class TestAttribution(OpsSalesAccountingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        cls.finance = new_test_user(
            cls.env,
            "ops_attr_finance",
            groups="addon_ops_harmony.addon_ops_harmony_group_finance",
            company_id=company.id,
            company_ids=[company.id],
        )
        cls.integration = new_test_user(
            cls.env,
            "ops_attr_integration",
            groups="addon_ops_harmony.addon_ops_harmony_group_integration",
            company_id=company.id,
            company_ids=[company.id],
        )
        cls.salesman = new_test_user(
            cls.env,
            "ops_attr_salesman",
            groups="addon_ops_harmony.addon_ops_harmony_group_user",
            company_id=company.id,
            company_ids=[company.id],
        )
        Campaign = cls.env["utm.campaign"]
        cls.camp_a, cls.camp_b, cls.camp_c = Campaign.create([{"name": f"Attribution {x}"} for x in "ABC"])
        cls.customer = cls.env["res.partner"].create({"name": "Attribution Corp", "is_company": True})
        cls.contact = cls.env["res.partner"].create({"name": "Grace Attribution", "parent_id": cls.customer.id})
        cls.stranger = cls.env["res.partner"].create({"name": "Someone else"})
        cls.lead = cls.env["crm.lead"].create(
            {
                "name": "Attribution deal",
                "type": "opportunity",
                "partner_id": cls.contact.id,
                "campaign_id": cls.camp_a.id,
            }
        )

    def _touch(self, days_before, campaign=None, **values):
        return self.env["ops.touchpoint"].create(
            {
                "event_type": "ad_click",
                "event_time": CONVERSION - timedelta(days=days_before),
                "campaign_id": campaign.id if campaign else False,
                **values,
            }
        )

    def _journey(self):
        """Four touches 21, 14, 7 and 0 days before the conversion; the third has no campaign."""
        self._touch(21, self.camp_a, lead_id=self.lead.id)
        self._touch(14, self.camp_b, partner_id=self.customer.id)  # the company's touch, no lead
        self._touch(7, None, lead_id=self.lead.id)
        self._touch(0, self.camp_c, partner_id=self.contact.id)
        self._touch(-1, self.camp_a, lead_id=self.lead.id)  # after the conversion: ignored
        self._touch(3, self.camp_a, partner_id=self.stranger.id)  # someone else's journey: ignored

    def _order(self, amount=1000.0, **values):
        return self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "opportunity_id": self.lead.id,
                "order_line": [(0, 0, {"product_id": self.product_a.id, "product_uom_qty": 1, "price_unit": amount})],
                **values,
            }
        )

    def _confirm(self, order):
        with freeze_time(CONVERSION):
            order.action_confirm()
        return order

    def _rows(self, document, state="active"):
        field = "move_id" if document._name == "account.move" else "sale_order_id"
        return self.env["ops.campaign.attribution"].search([(field, "=", document.id), ("state", "=", state)])

    def _by_model(self, rows):
        """{model: {campaign name: amount}} of the given rows."""
        result = {model: {} for model in MODELS}
        for row in rows:
            result[row.attribution_model][row.campaign_id.name] = row.attributed_revenue
        return result

    def _set_param(self, key, value):
        self.env["ir.config_parameter"].sudo().set_param(f"addon_ops_harmony.{key}", value)

    def test_01_weights(self):
        """Each model spreads exactly the documented weights, with the 1- and 2-touch U-shaped cases."""
        times = [CONVERSION - timedelta(days=days) for days in (21, 14, 7, 0)]
        expected = {
            "first_touch": [1, 0, 0, 0],
            "last_touch": [0, 0, 0, 1],
            "linear": [0.25, 0.25, 0.25, 0.25],
            "time_decay": [0.125 / 1.875, 0.25 / 1.875, 0.5 / 1.875, 1 / 1.875],
            "u_shaped": [0.4, 0.1, 0.1, 0.4],
        }
        for model, weights in expected.items():
            for got, want in zip(attribution_weights(model, times, CONVERSION), weights, strict=True):
                self.assertAlmostEqual(got, want, places=9, msg=model)
        self.assertEqual(attribution_weights("u_shaped", times[:1], CONVERSION), [1.0])
        self.assertEqual(attribution_weights("u_shaped", times[:2], CONVERSION), [0.5, 0.5])
        self.assertEqual(attribution_weights("time_decay", times[:2], CONVERSION, half_life_days=7.0), [1 / 3, 2 / 3])
        self.assertEqual(attribution_weights("linear", [], CONVERSION), [])

    def test_02_five_models_on_order_confirmation(self):
        """Confirming the order credits the lead's and the customer's touches under all five models."""
        self._journey()
        order = self._confirm(self._order(1000.0))
        rows = self._rows(order)
        a, b, c = self.camp_a.name, self.camp_b.name, self.camp_c.name
        self.assertEqual(
            self._by_model(rows),
            {
                "first_touch": {a: 1000.0},
                "last_touch": {c: 1000.0},
                "linear": {a: 250.0, b: 250.0, c: 250.0},
                "time_decay": {a: 66.67, b: 133.33, c: 533.33},
                "u_shaped": {a: 400.0, b: 100.0, c: 400.0},
            },
        )
        # the campaign-less touch takes its share of the weights but credits nobody
        self.assertAlmostEqual(
            sum(rows.filtered(lambda r: r.attribution_model == "time_decay").mapped("weight")), 1 - 0.5 / 1.875, places=6
        )
        self.assertEqual(set(rows.mapped("conversion_date")), {CONVERSION})
        self.assertEqual(set(rows.mapped("revenue")), {1000.0})
        self.assertEqual(rows.lead_id, self.lead)
        self.assertEqual(rows.partner_id, self.customer)
        self.assertEqual(rows.mapped("revenue_document"), [order] * len(rows))
        last = rows.filtered(lambda r: r.attribution_model == "last_touch")
        self.assertEqual(last.touchpoint_id.event_time, CONVERSION)
        order._action_confirm()
        self.assertEqual(len(self._rows(order)), len(rows), "attributing twice changes nothing")

    def test_03_u_shaped_short_journeys(self):
        """U-shaped gives one touch everything and two touches half each."""
        self._touch(5, self.camp_a, lead_id=self.lead.id)
        order = self._confirm(self._order(900.0))
        self.assertEqual(self._by_model(self._rows(order))["u_shaped"], {self.camp_a.name: 900.0})
        self._touch(1, self.camp_b, lead_id=self.lead.id)
        order_2 = self._confirm(self._order(900.0))
        self.assertEqual(self._by_model(self._rows(order_2))["u_shaped"], {self.camp_a.name: 450.0, self.camp_b.name: 450.0})

    def test_04_no_touchpoint_credits_the_order_campaign(self):
        """Without touchpoints, the order's own campaign earns the whole revenue in every model."""
        order = self._confirm(self._order(500.0, campaign_id=self.camp_b.id))
        self.assertEqual(self._by_model(self._rows(order)), {model: {self.camp_b.name: 500.0} for model in MODELS})
        self.assertFalse(self._rows(order).touchpoint_id)

    def test_05_invoice_trigger(self):
        """With the invoice trigger, confirming does nothing and posting the invoice attributes it."""
        self._set_param("attribution_trigger", "invoice")
        self._journey()
        order = self._confirm(self._order(1000.0))
        self.assertFalse(self._rows(order))
        invoice = order._create_invoices()
        self.assertFalse(self._rows(invoice), "a draft invoice is not revenue")
        with freeze_time(CONVERSION):
            invoice.action_post()
        rows = self._rows(invoice)
        self.assertEqual(len(rows), 1 + 1 + 3 + 3 + 3)
        self.assertEqual(set(rows.mapped("revenue")), {1000.0})
        self.assertEqual(rows.sale_order_id, order)
        self.assertEqual(
            self._by_model(rows)["u_shaped"], {self.camp_a.name: 400.0, self.camp_b.name: 100.0, self.camp_c.name: 400.0}
        )

    def test_06_cancelling_the_order_reverses(self):
        """Cancelling the order marks its rows reversed; confirming it again attributes afresh."""
        self._touch(3, self.camp_a, lead_id=self.lead.id)
        order = self._confirm(self._order(1000.0))
        rows = self._rows(order)
        with freeze_time("2025-07-02 08:00:00"):
            order._action_cancel()
        self.assertEqual(set(rows.mapped("state")), {"reversed"})
        self.assertEqual(set(rows.mapped("reversed_at")), {datetime(2025, 7, 2, 8, 0, 0)})
        self.assertFalse(self._rows(order))
        order.action_draft()
        self._confirm(order)
        self.assertEqual(len(self._rows(order)), 5)
        self.assertEqual(self._rows(order, "reversed"), rows, "the reversed rows stay for the audit")

    def test_07_cancelling_or_refunding_the_invoice_reverses(self):
        """Cancelling a posted invoice, or crediting it in full, reverses its attribution."""
        self._set_param("attribution_trigger", "invoice")
        self._touch(3, self.camp_a, lead_id=self.lead.id)
        order = self._confirm(self._order(1000.0))
        invoice = order._create_invoices()
        invoice.action_post()
        self.assertEqual(len(self._rows(invoice)), 5)
        invoice.button_cancel()
        self.assertEqual(len(self._rows(invoice, "reversed")), 5)
        invoice.button_draft()
        invoice.action_post()
        self.assertEqual(len(self._rows(invoice)), 5, "posting again attributes again")
        invoice._reverse_moves(cancel=True)
        self.assertFalse(self._rows(invoice))
        self.assertEqual(len(self._rows(invoice, "reversed")), 10)

    def test_08_spend_is_unique_per_campaign_day_channel(self):
        """A second line for the same campaign, day and channel is refused; the import updates instead."""
        Spend = self.env["ops.campaign.spend"]
        values = {"campaign_id": self.camp_a.id, "date": "2025-06-01", "channel": "google_ads", "amount": 100.0}
        Spend.create(values)
        Spend.create({**values, "channel": "linkedin_ads"})
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Spend.create(values)
        payload = [{**values, "amount": 120.0, "clicks": 40}, {**values, "date": "2025-06-02", "amount": 80.0}]
        first = Spend.with_user(self.integration).ops_import_spend(payload)["results"]
        again = Spend.with_user(self.integration).ops_import_spend(payload)["results"]
        self.assertEqual([r["status"] for r in first], ["updated", "created"])
        self.assertEqual([r["status"] for r in again], ["updated", "updated"])
        self.assertEqual([r["id"] for r in first], [r["id"] for r in again], "replaying an import creates nothing")
        lines = Spend.search([("campaign_id", "=", self.camp_a.id), ("channel", "=", "google_ads")], order="date")
        self.assertEqual(lines.mapped("amount"), [120.0, 80.0])
        self.assertEqual(lines[0].clicks, 40)

    def _roi_dataset(self):
        """Campaign A: 1,000 spent, 10 leads of which 4 MQLs (the won deal is one), 3,000 of revenue."""
        Spend = self.env["ops.campaign.spend"]
        Spend.create(
            [
                {"campaign_id": self.camp_a.id, "date": "2025-06-01", "channel": "google_ads", "amount": 600.0, "clicks": 30},
                {"campaign_id": self.camp_a.id, "date": "2025-06-02", "channel": "google_ads", "amount": 400.0, "clicks": 20},
            ]
        )
        leads = (
            self.env["crm.lead"].create([{"name": f"ROI lead {index}", "campaign_id": self.camp_a.id} for index in range(9)])
            | self.lead
        )
        leads[:3].write({"ops_lifecycle_stage": "mql"})
        order = self._confirm(self._order(3000.0, campaign_id=self.camp_a.id))
        return leads, order

    def test_09_campaign_cpl_cost_per_mql_and_roi(self):
        """The campaign shows CPL = spend / leads, cost per MQL = spend / MQLs and ROI = (revenue - spend) / spend."""
        self._roi_dataset()
        campaign = self.camp_a.with_user(self.finance)
        self.assertEqual(campaign.ops_spend, 1000.0)
        self.assertEqual((campaign.ops_lead_count, campaign.ops_mql_count), (10, 4))
        self.assertEqual(campaign.ops_attributed_revenue, 3000.0)
        self.assertEqual(campaign.ops_cpl, 100.0)
        self.assertEqual(campaign.ops_cost_per_mql, 250.0)
        self.assertEqual(campaign.ops_roi, 2.0)
        self.assertEqual(self.camp_c.ops_roi, 0.0, "no spend: no ROI rather than a division by zero")

    def test_10_performance_view(self):
        """The performance view sums spend, leads and each model's revenue once, and computes the ratios from the sums."""
        leads, order = self._roi_dataset()
        self.env["ops.campaign.spend"].create(
            {"campaign_id": self.camp_a.id, "date": "2025-06-03", "channel": "linkedin_ads", "amount": 250.0}
        )
        Performance = self.env["ops.campaign.performance"].with_user(self.finance)
        domain = [("campaign_id", "=", self.camp_a.id)]
        by_channel = {
            channel: values
            for channel, *values in Performance._read_group(
                domain,
                ["channel"],
                ["spend:sum", "lead_count:sum", "mql_count:sum", "revenue_linear:sum", "cpl:sum", "roi_linear:sum"],
            )
        }
        self.assertEqual(len(by_channel), 2)
        # leads and revenue follow the campaign's primary channel, the one it spent most on
        self.assertEqual(by_channel["google_ads"], [1000.0, 10, 4, 3000.0, 100.0, 2.0])
        self.assertEqual(by_channel["linkedin_ads"], [250.0, 0, 0, 0.0, False, -1.0])
        totals = Performance._read_group(
            domain,
            [],
            [
                "spend:sum",
                "lead_count:sum",
                "mql_count:sum",
                "revenue_first_touch:sum",
                "cpl:sum",
                "cost_per_mql:sum",
                "roi_first_touch:sum",
            ],
        )
        self.assertEqual(list(totals[0]), [1250.0, 10, 4, 3000.0, 125.0, 312.5, 1.4])
        order._action_cancel()
        totals = Performance._read_group(domain, [], ["revenue_linear:sum"])
        self.assertEqual(totals[0][0], 0.0, "reversed rows leave the report")
        rows = Performance.search_read(domain + [("channel", "=", "google_ads")], ["month", "spend", "lead_count", "mql_count"])
        self.assertEqual((sum(r["spend"] for r in rows), sum(r["lead_count"] for r in rows)), (1000.0, 10))
        self.assertIn("2025-06-01", [str(r["month"]) for r in rows if r["spend"]], "rows are monthly")

    def test_11_access(self):
        """Finance reads the ROI models, the integration user writes spend, a salesperson sees none of it."""
        self._roi_dataset()
        for model in ("ops.campaign.spend", "ops.campaign.attribution", "ops.campaign.performance"):
            self.assertTrue(self.env[model].with_user(self.finance).search([]), model)
        attribution = self.env["ops.campaign.attribution"].with_user(self.finance).search([], limit=1)
        attribution.read(["campaign_id", "lead_id", "sale_order_id", "revenue_document", "attributed_revenue"])
        # what the list view asks for: names of documents finance cannot open must still display
        attribution.web_search_read(
            [],
            {name: {"fields": {"display_name": {}}} for name in ("campaign_id", "lead_id", "revenue_document", "touchpoint_id")},
        )
        pivot = (
            self.env["ops.campaign.performance"]
            .with_user(self.finance)
            .formatted_read_group([("campaign_id", "=", self.camp_a.id)], ["campaign_id"], ["roi_linear:sum", "cpl:sum"])
        )
        self.assertEqual((pivot[0]["roi_linear:sum"], pivot[0]["cpl:sum"]), (2.0, 100.0))
        with self.assertRaises(AccessError):
            self.env["ops.campaign.spend"].with_user(self.finance).create({"campaign_id": self.camp_a.id, "amount": 1.0})
        self.env["ops.campaign.spend"].with_user(self.integration).create({"campaign_id": self.camp_b.id, "amount": 1.0})
        with self.assertRaises(AccessError):
            self.env["ops.campaign.attribution"].with_user(self.salesman).search([])

    def test_12_time_decay_half_life_is_configurable(self):
        """The time-decay half-life comes from its parameter: at 14 days, a touch 14 days old counts half."""
        self._set_param("attribution_half_life_days", "14")
        self._touch(14, self.camp_a, lead_id=self.lead.id)
        self._touch(0, self.camp_b, lead_id=self.lead.id)
        order = self._confirm(self._order(900.0))
        self.assertEqual(self._by_model(self._rows(order))["time_decay"], {self.camp_a.name: 300.0, self.camp_b.name: 600.0})
