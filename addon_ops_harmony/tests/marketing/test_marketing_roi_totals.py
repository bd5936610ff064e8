from datetime import datetime, timedelta

from odoo.tests import freeze_time, new_test_user, tagged

from ..common import OpsSalesAccountingCase

CONVERSION = datetime(2025, 7, 15, 12, 0, 0)


@tagged("post_install", "-at_install")
class TestMarketingRoiTotals(OpsSalesAccountingCase):
    """Marketing ROI totals, checked against figures computed by hand: no total adds two attribution models.

    Campaign A spent 600 on Google Ads and 150 on LinkedIn in June, B 300 on Google Ads in July.
    A brought 4 leads (1 MQL), B 2 leads (both MQLs). Order 1 (1,000) followed a touch on A 21
    days and one on B 0 days before it; order 2 (600) had no touch and B as its campaign.
    By hand, per model (A, B): first touch (1,000, 600), last touch (0, 1,600), linear and
    U-shaped (500, 1,100), time decay with a 7-day half-life (1,000 x 0.125 / 1.125 = 111.11,
    888.89 + 600 = 1,488.89). Every model's grand total is 1,600; spend is 1,050, never 5,250.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.company
        cls.finance = new_test_user(
            cls.env,
            "t_roi_totals_finance",
            groups="addon_ops_harmony.addon_ops_harmony_group_finance",
            company_id=company.id,
            company_ids=[company.id],
        )
        cls.env["ir.config_parameter"].sudo().set_param("addon_ops_harmony.attribution_half_life_days", "7")
        cls.camp_a, cls.camp_b = cls.env["utm.campaign"].create([{"name": "Totals A"}, {"name": "Totals B"}])
        cls.env["ops.campaign.spend"].create(
            [
                {"campaign_id": cls.camp_a.id, "date": "2025-06-03", "channel": "google_ads", "amount": 600.0},
                {"campaign_id": cls.camp_a.id, "date": "2025-06-04", "channel": "linkedin_ads", "amount": 150.0},
                {"campaign_id": cls.camp_b.id, "date": "2025-07-01", "channel": "google_ads", "amount": 300.0},
            ]
        )
        Lead = cls.env["crm.lead"]
        leads_a = Lead.create([{"name": f"Totals A lead {i}", "campaign_id": cls.camp_a.id} for i in range(4)])
        leads_b = Lead.create([{"name": f"Totals B lead {i}", "campaign_id": cls.camp_b.id} for i in range(2)])
        (leads_a[:1] | leads_b).write({"ops_lifecycle_stage": "mql"})
        for name, amount, touches, campaign in (
            ("one", 1000.0, ((21, cls.camp_a), (0, cls.camp_b)), False),
            ("two", 600.0, (), cls.camp_b),
        ):
            customer = cls.env["res.partner"].create({"name": f"Totals customer {name}"})
            deal = Lead.create({"name": f"Totals deal {name}", "type": "opportunity", "partner_id": customer.id})
            for days, touch_campaign in touches:
                cls.env["ops.touchpoint"].create(
                    {
                        "lead_id": deal.id,
                        "event_type": "ad_click",
                        "campaign_id": touch_campaign.id,
                        "event_time": CONVERSION - timedelta(days=days),
                    }
                )
            order = cls.env["sale.order"].create(
                {
                    "partner_id": customer.id,
                    "opportunity_id": deal.id,
                    "campaign_id": campaign and campaign.id,
                    "order_line": [(0, 0, {"product_id": cls.product_a.id, "product_uom_qty": 1, "price_unit": amount})],
                }
            )
            with freeze_time(CONVERSION):
                order.action_confirm()
        cls.domain = [("campaign_id", "in", (cls.camp_a | cls.camp_b).ids)]

    def test_01_performance_grand_total(self):
        """The Marketing ROI grand total counts spend and leads once and each model's revenue on its own."""
        Performance = self.env["ops.campaign.performance"].with_user(self.finance)
        measures = [
            "spend:sum",
            "lead_count:sum",
            "mql_count:sum",
            "cpl:sum",
            "cost_per_mql:sum",
            "revenue_first_touch:sum",
            "revenue_last_touch:sum",
            "revenue_linear:sum",
            "revenue_time_decay:sum",
            "revenue_u_shaped:sum",
            "roi_linear:sum",
        ]
        [total] = Performance.formatted_read_group(self.domain, [], measures)
        self.assertEqual(total["spend:sum"], 1050.0)
        self.assertEqual((total["lead_count:sum"], total["mql_count:sum"]), (6, 3))
        self.assertEqual((total["cpl:sum"], total["cost_per_mql:sum"]), (175.0, 350.0))
        for model in ("first_touch", "last_touch", "linear", "time_decay", "u_shaped"):
            self.assertAlmostEqual(total[f"revenue_{model}:sum"], 1600.0, places=2, msg=model)
        self.assertAlmostEqual(total["roi_linear:sum"], (1600.0 - 1050.0) / 1050.0, places=9)

    def test_02_performance_per_campaign_and_month(self):
        """Each campaign's and each month's totals match the hand-computed figures, and add up to the grand total."""
        Performance = self.env["ops.campaign.performance"].with_user(self.finance)
        measures = [
            "spend:sum",
            "lead_count:sum",
            "cpl:sum",
            "revenue_first_touch:sum",
            "revenue_last_touch:sum",
            "revenue_linear:sum",
            "revenue_time_decay:sum",
            "revenue_u_shaped:sum",
            "roi_first_touch:sum",
        ]
        rows = {campaign: values for campaign, *values in Performance._read_group(self.domain, ["campaign_id"], measures)}
        self.assertEqual(rows[self.camp_a], [750.0, 4, 187.5, 1000.0, 0.0, 500.0, 111.11, 500.0, (1000.0 - 750.0) / 750.0])
        self.assertEqual(rows[self.camp_b], [300.0, 2, 150.0, 600.0, 1600.0, 1100.0, 1488.89, 1100.0, 1.0])
        spend_by_month = dict(Performance._read_group(self.domain + [("spend", "!=", 0)], ["month:month"], ["spend:sum"]))
        self.assertEqual(sorted(spend_by_month.values()), [300.0, 750.0])

    def test_03_attribution_totals_never_mix_models(self):
        """The Attribution report leaves a total empty when its group spans models, and gives one model's sum otherwise."""
        Attribution = self.env["ops.campaign.attribution"].with_user(self.finance)
        domain = self.domain + [("state", "=", "active")]
        [grand] = Attribution.formatted_read_group(domain, [], ["attributed_revenue:sum", "weight:sum"])
        # what the pivot's grand total and the web client read: empty, where it used to add five models (8,000)
        self.assertIs(grand["attributed_revenue:sum"], False)
        self.assertIs(grand["weight:sum"], False)
        by_campaign = Attribution.formatted_read_group(domain, ["campaign_id"], ["attributed_revenue:sum"])
        self.assertEqual([group["attributed_revenue:sum"] for group in by_campaign], [False, False])
        by_model = dict(Attribution._read_group(domain, ["attribution_model"], ["attributed_revenue:sum"]))
        self.assertEqual(by_model, dict.fromkeys(("first_touch", "last_touch", "linear", "time_decay", "u_shaped"), 1600.0))
        cells = {
            (campaign.id, model): amount
            for campaign, model, amount in Attribution._read_group(
                domain, ["campaign_id", "attribution_model"], ["attributed_revenue:sum"]
            )
        }
        self.assertEqual(cells[self.camp_a.id, "time_decay"], 111.11)
        self.assertEqual(cells[self.camp_b.id, "time_decay"], 1488.89)
        self.assertEqual(cells[self.camp_a.id, "linear"] + cells[self.camp_b.id, "linear"], 1600.0)
        [linear] = Attribution.formatted_read_group(
            domain + [("attribution_model", "=", "linear")], [], ["attributed_revenue:sum"]
        )
        self.assertEqual(linear["attributed_revenue:sum"], 1600.0, "one model's total is a real figure")
