from datetime import datetime

from odoo.tests import tagged

from ..common import SyncCase

WON_STAGE = "default:closedwon"


@tagged("post_install", "-at_install")
class TestSyncStreams(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Ops Mug", "default_code": "MUG-1", "list_price": 12.0, "type": "consu"}
        )
        cls.other_product = cls.env["product.product"].create(
            {"name": "Ops Cap", "default_code": "CAP-1", "list_price": 20.0, "type": "consu"}
        )

    def _customer(self, external_id="cust1"):
        [result] = self.ingest(
            "customers", [self.rec(external_id, {"name": "Ada Shopper", "email": "ada@example.com"})], source="woocommerce"
        )
        return self.env["res.partner"].browse(result["res_id"])

    def _order(self, external_id="1001", **values):
        return {
            "customer_external_id": "cust1",
            "date_order": "2025-04-02T09:30:00Z",
            "state": "draft",
            "lines": [{"sku": "MUG-1", "name": "Mug", "quantity": 2, "price_unit": 11.5}],
            **values,
        }

    def test_01_contacts_link_to_their_company(self):
        """A contact is linked to its company, and one synced before its company is linked on the next sync."""
        [early] = self.ingest("contacts", [self.rec("p1", {"name": "Grace Early", "company_external_id": "co1"})])
        self.assertEqual(early["status"], "created")
        self.assertIn("company 'co1' is not synced yet", early["reason"])
        contact = self.env["res.partner"].browse(early["res_id"])
        self.assertFalse(contact.parent_id)

        [company] = self.ingest("companies", [self.rec("co1", {"name": "Acme", "country_code": "BE"})])
        [again] = self.ingest("contacts", [self.rec("p1", {"name": "Grace Early", "company_external_id": "co1"})])
        self.assertEqual(again["status"], "updated", "a partial record is applied again even with the same values")
        self.assertEqual(contact.parent_id.id, company["res_id"])
        self.assertFalse(contact.is_company)
        [still] = self.ingest("contacts", [self.rec("p1", {"name": "Grace Early", "company_external_id": "co1"})])
        self.assertEqual(still["status"], "unchanged")

    def test_02_unknown_country_and_industry_are_kept_empty_with_a_reason(self):
        """An unknown country or industry is left empty and said in the reason; known ones resolve."""
        industry = self.env["res.partner.industry"].create({"name": "Space Mining"})
        self.env["ops.industry.alias"].create({"name": "Asteroids", "industry_id": industry.id})
        results = self.ingest(
            "companies",
            [
                self.rec("co1", {"name": "Known", "country_code": "fr", "industry": "space mining"}),
                self.rec("co2", {"name": "Alias", "industry": "ASTEROIDS"}),
                self.rec("co3", {"name": "Unknown", "country_code": "ZZ", "industry": "Dragons"}),
                self.rec("co4", {"name": "By name", "country_code": " belgium "}),
                self.rec("co5", {"name": "By alias", "country_code": "Deutschland"}),
            ],
        )
        self.assertEqual([r["status"] for r in results], ["created"] * 5)
        known, alias, unknown, by_name, by_alias = self.env["res.partner"].browse([r["res_id"] for r in results])
        self.assertEqual(by_name.country_id, self.env.ref("base.be"))
        self.assertEqual(by_alias.country_id, self.env.ref("base.de"))
        self.assertEqual((known.country_id, known.industry_id), (self.env.ref("base.fr"), industry))
        self.assertEqual(alias.industry_id, industry)
        self.assertFalse(unknown.country_id or unknown.industry_id)
        self.assertEqual(
            results[2]["reason"], "unknown country 'ZZ': country left empty; unknown industry 'Dragons': industry left empty"
        )
        self.assertFalse(results[0]["reason"])

    def test_03_deals_follow_the_stage_mapping(self):
        """Deals land in their mapped stage, lost deals are archived, and an unmapped stage is a mapping error."""
        [company] = self.ingest("companies", [self.rec("co1", {"name": "Deal Corp"})])
        [contact] = self.ingest("contacts", [self.rec("p1", {"name": "Deal Maker", "company_external_id": "co1"})])
        results = self.ingest(
            "deals",
            [
                self.rec(
                    "d1",
                    {
                        "name": "Big deal",
                        "stage_key": WON_STAGE,
                        "expected_revenue": 5000,
                        "company_external_id": "co1",
                        "contact_external_id": "p1",
                        "date_deadline": "2025-09-30",
                    },
                ),
                self.rec("d2", {"name": "Lost deal", "stage_key": "default:closedlost", "company_external_id": "co1"}),
                self.rec("d3", {"name": "Custom pipeline", "stage_key": "enterprise:negotiation"}),
            ],
        )
        self.assertEqual([r["status"] for r in results], ["created", "created", "rejected"])
        won = self.env["crm.lead"].browse(results[0]["res_id"])
        self.assertEqual(won.stage_id, self.env.ref("crm.stage_lead4"))
        self.assertEqual((won.type, won.expected_revenue, str(won.date_deadline)), ("opportunity", 5000, "2025-09-30"))
        self.assertEqual(won.partner_id.id, contact["res_id"])
        self.assertNotEqual(won.user_id, self.bridge)
        lost = self.env["crm.lead"].with_context(active_test=False).browse(results[1]["res_id"])
        self.assertFalse(lost.active)
        self.assertEqual(lost.partner_id.id, company["res_id"])
        self.assertEqual(results[2]["category"], "mapping")
        self.assertIn("unknown deal stage 'enterprise:negotiation'", results[2]["reason"])
        self.assertEqual(self.env["ops.sync.event"].browse(results[2]["event_id"]).state, "dead")

        self.env["ops.sync.stage.map"].create(
            {"source": "hubspot", "stage_key": "enterprise:negotiation", "stage_id": self.env.ref("crm.stage_lead3").id}
        )
        [fixed] = self.ingest("deals", [self.rec("d3", {"name": "Custom pipeline", "stage_key": "enterprise:negotiation"})])
        self.assertEqual(fixed["status"], "created")
        self.assertEqual(
            self.env["ops.sync.event"].browse(results[2]["event_id"]).state,
            "done",
            "the key's failure is closed once the record goes through",
        )

    def test_04_campaigns_adopt_existing_ones(self):
        """A campaign that exists in Odoo under the same name is adopted, not duplicated; removed ones are archived."""
        existing = self.env["utm.campaign"].create({"title": "Spring Sale"})
        results = self.ingest(
            "campaigns",
            [
                self.rec("111", {"name": "spring sale", "status": "ENABLED"}),
                self.rec("222", {"name": "Old promo", "status": "REMOVED"}),
            ],
            source="google_ads",
        )
        self.assertEqual([r["status"] for r in results], ["updated", "created"])
        self.assertEqual(results[0]["res_id"], existing.id)
        self.assertIn("matched the existing record", results[0]["reason"])
        self.assertEqual(existing.title, "spring sale")
        self.assertFalse(self.env["utm.campaign"].with_context(active_test=False).browse(results[1]["res_id"]).active)
        self.assertEqual(self.env["utm.campaign"].search_count([("title", "=ilike", "spring sale")]), 1)

    def test_05_spend_replaces_the_day(self):
        """Re-reading a day of spend replaces that day's figures instead of adding to them."""
        [campaign] = self.ingest("campaigns", [self.rec("111", {"name": "Brand search"})], source="google_ads")
        manual = self.env["ops.campaign.spend"].create(
            {"campaign_id": campaign["res_id"], "date": "2025-03-02", "channel": "google_ads", "amount": 1.0}
        )

        def day(date, amount, clicks):
            values = {
                "campaign_external_id": "111",
                "date": date,
                "channel": "google_ads",
                "amount": amount,
                "clicks": clicks,
                "impressions": clicks * 10,
            }
            return self.rec(f"111:{date}", values)

        first = self.ingest("campaign_spend", [day("2025-03-01", 10.0, 4), day("2025-03-02", 5.0, 2)], source="google_ads")
        self.assertEqual([r["status"] for r in first], ["created", "updated"])
        self.assertEqual(first[1]["res_id"], manual.id, "the day entered by hand is taken over")
        again = self.ingest("campaign_spend", [day("2025-03-01", 12.5, 5)], source="google_ads")
        self.assertEqual(again[0]["status"], "updated")
        lines = self.env["ops.campaign.spend"].search([("campaign_id", "=", campaign["res_id"])], order="date")
        self.assertEqual(lines.mapped("amount"), [12.5, 5.0])
        self.assertEqual(lines.mapped("clicks"), [5, 2])
        [orphan] = self.ingest(
            "campaign_spend",
            [self.rec("999:2025-03-01", {"campaign_external_id": "999", "date": "2025-03-01", "amount": 1.0})],
            source="google_ads",
        )
        self.assertEqual((orphan["status"], orphan["category"]), ("rejected", "mapping"))
        self.assertIn("campaign '999' is not synced yet", orphan["reason"])

    def test_06_unknown_sku_keeps_the_order_with_a_flagged_line(self):
        """An order with an unknown SKU comes in whole, the line flagged for review; an unknown customer is refused."""
        self._customer()
        lines = [{"sku": "MUG-1", "quantity": 1, "price_unit": 12}, {"sku": "GHOST-9", "quantity": 1, "price_unit": 3}]
        [result] = self.ingest("orders", [self.rec("1001", self._order(lines=lines))], source="woocommerce")
        self.assertEqual(result["status"], "created", result["reason"])
        self.assertIn("'GHOST-9': unknown SKU 'GHOST-9', no shop product id", result["reason"])
        order = self.env["sale.order"].browse(result["res_id"])
        self.assertTrue(order.ops_sync_to_review)
        ghost = order.order_line.filtered("ops_sync_unmatched")
        self.assertEqual(ghost.product_id, self.env.ref("addon_ops_harmony.ops_product_unmatched_shop_line"))
        self.assertEqual((ghost.price_unit, ghost.ops_sync_product_ref), (3.0, "sku:GHOST-9"))
        self.assertEqual(order.amount_untaxed, 15.0, "the unmatched line's revenue is kept")
        [orphan] = self.ingest("orders", [self.rec("1002", self._order(customer_external_id="nobody"))], source="woocommerce")
        self.assertEqual((orphan["category"], orphan["reason"]), ("mapping", "customer 'nobody' is not synced yet"))
        event = self.env["ops.sync.event"].browse(orphan["event_id"])
        self.assertEqual((event.state, event.category, event.source), ("dead", "mapping", "woocommerce"))

    def test_07_attribution_becomes_a_touchpoint(self):
        """An order's attribution sets its UTM links and becomes a touchpoint; a paid order is confirmed on its date."""
        customer = self._customer()
        attribution = {
            "utm_source": "google",
            "utm_medium": "cpc",
            "utm_campaign": "Spring Sale",
            "referrer": "https://www.google.com/",
            "session_start": "2025-04-01T18:00:00+02:00",
        }
        [result] = self.ingest(
            "orders", [self.rec("1001", self._order(state="sale", attribution=attribution))], source="woocommerce"
        )
        self.assertEqual(result["status"], "created", result["reason"])
        order = self.env["sale.order"].browse(result["res_id"])
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.date_order, datetime(2025, 4, 2, 9, 30), "confirmed on the shop's date, in UTC")
        self.assertEqual(order.partner_id, customer)
        # "cpc" is an alias of Google Ads' medium, for a synced order as for a typed lead (ops.normalizer)
        self.assertEqual(
            (order.source_id.name, order.medium_id, order.campaign_id.name),
            ("google", self.env.ref("utm.utm_medium_google_adwords"), "Spring Sale"),
        )
        self.assertEqual(order.order_line.mapped("price_unit"), [11.5])
        self.assertEqual(order.order_line.product_uom_qty, 2)
        touchpoint = self.env["ops.touchpoint"].search([("external_id", "=", "woocommerce:order:1001")])
        self.assertEqual(touchpoint.event_type, "ad_click")
        self.assertEqual(touchpoint.event_time, datetime(2025, 4, 1, 16, 0))
        self.assertEqual((touchpoint.partner_id, touchpoint.campaign_id), (customer, order.campaign_id))
        self.assertEqual(touchpoint.page_url, "https://www.google.com/")

        organic = {"utm_source": "newsletter", "utm_medium": "email"}
        [second] = self.ingest("orders", [self.rec("1002", self._order(attribution=organic))], source="woocommerce")
        touch = self.env["ops.touchpoint"].search([("external_id", "=", "woocommerce:order:1002")])
        self.assertEqual(touch.event_type, "form_submit")
        self.assertEqual(self.env["sale.order"].browse(second["res_id"]).state, "draft")

    def test_08_order_updates(self):
        """A draft order's lines follow the shop; a confirmed order keeps its lines and says so."""
        self._customer()
        [draft] = self.ingest("orders", [self.rec("1001", self._order())], source="woocommerce")
        new_lines = [{"sku": "CAP-1", "quantity": 3, "price_unit": 18.0}]
        [updated] = self.ingest("orders", [self.rec("1001", self._order(lines=new_lines))], source="woocommerce")
        self.assertEqual(updated["status"], "updated")
        order = self.env["sale.order"].browse(draft["res_id"])
        self.assertEqual(order.order_line.product_id, self.other_product)
        self.assertEqual(order.order_line.price_unit, 18.0)

        [confirmed] = self.ingest("orders", [self.rec("1001", self._order(lines=new_lines, state="sale"))], source="woocommerce")
        self.assertEqual((confirmed["status"], order.state), ("updated", "sale"))
        [late] = self.ingest("orders", [self.rec("1001", self._order(state="sale"))], source="woocommerce")
        self.assertIn("the order is confirmed in Odoo: its lines were kept", late["reason"])
        self.assertEqual(order.order_line.product_id, self.other_product)
