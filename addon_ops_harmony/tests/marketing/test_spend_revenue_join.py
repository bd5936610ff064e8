"""Spend meets revenue: a shop order's touchpoint finds the ad campaign by its id, then by name, alias or slug."""

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..common import SyncCase
from ..json2 import json2_post

SHOP = "woo_join"


@tagged("post_install", "-at_install")
class TestSpendRevenueJoin(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the only campaigns whose names slug to "spring_sale", whatever the database holds
        for campaign in cls.env["utm.campaign"].with_context(active_test=False).search([("title", "=ilike", "spring%sale%")]):
            campaign.title = f"Former {campaign.title}"
        cls.env["product.product"].create({"name": "Join Mug", "default_code": "JOIN-1", "list_price": 40.0, "type": "consu"})
        gateway = cls.env["ops.sync.gateway"].with_user(cls.bridge)
        ads = gateway.ingest(
            "google_ads",
            "campaigns",
            [
                {"external_id": "9100000002", "values": {"name": "Spring Sale 2024", "status": "enabled"}},
                {"external_id": "9100000003", "values": {"name": "Brand 2024", "status": "enabled"}},
            ],
        )["results"]
        cls.spring, cls.brand = cls.env["utm.campaign"].browse([result["res_id"] for result in ads])
        gateway.ingest(
            "google_ads",
            "campaign_spend",
            [
                {
                    "external_id": f"{campaign}:2025-04-01",
                    "values": {"campaign_external_id": campaign, "date": "2025-04-01", "channel": "google_ads", "amount": 25.0},
                }
                for campaign in ("9100000002", "9100000003")
            ],
        )
        gateway.ingest(SHOP, "customers", [{"external_id": "26", "values": {"name": "João Silva"}}])

    def _order(self, external_id, **attribution):
        values = {
            "customer_external_id": "26",
            "date_order": "2025-04-02T09:30:00Z",
            "state": "sale",
            "lines": [{"sku": "JOIN-1", "name": "Mug", "quantity": 2, "price_unit": 40.0}],
            "attribution": {
                "source_type": "utm",
                "utm_source": "google",
                "utm_medium": "cpc",
                "session_start": "2025-04-02T09:00:00Z",
                **attribution,
            },
        }
        [result] = self.ingest("orders", [self.rec(external_id, values)], source=SHOP)
        self.assertEqual(result["status"], "created", result["reason"])
        order = self.env["sale.order"].browse(result["res_id"])
        touchpoint = self.env["ops.touchpoint"].search([("external_id", "=", f"{SHOP}:order:{external_id}")])
        return order, touchpoint

    def test_01_a_slug_meets_the_ad_campaign_and_its_spend(self):
        """utm_campaign "spring_sale" credits the Ads campaign "Spring Sale 2024": its spend and revenue share a row."""
        order, touch = self._order("9001", utm_campaign="spring_sale", utm_term="running shoes", utm_content="banner_a")
        self.assertEqual((touch.campaign_id, touch.campaign_match, order.campaign_id), (self.spring, "slug", self.spring))
        self.assertEqual(
            (touch.utm_campaign_text, touch.utm_term, touch.utm_content), ("spring_sale", "running shoes", "banner_a")
        )
        self.assertFalse(self.env["utm.campaign"].search_count([("name", "=ilike", "spring_sale")]), "no campaign invented")
        self.env.flush_all()
        [row] = self.env["ops.campaign.performance"].search_read(
            [("campaign_id", "=", self.spring.id)], ["spend", "revenue_linear", "roi_linear"]
        ) or [None]
        self.assertIsNotNone(row, "one month, one channel: one row")
        self.assertEqual((row["spend"], row["revenue_linear"]), (25.0, 80.0))
        self.assertAlmostEqual(row["roi_linear"], (80.0 - 25.0) / 25.0)

    def test_02_the_campaign_id_comes_before_the_name(self):
        """utm_id names the ad campaign whatever utm_campaign says; a gclid marks the visit as an ad click."""
        order, touch = self._order("9002", utm_campaign="spring_sale", utm_id="9100000003", gclid="EAIaIQobChMI")
        self.assertEqual((touch.campaign_id, touch.campaign_match, order.campaign_id), (self.brand, "utm_id", self.brand))
        self.assertEqual((touch.utm_id, touch.gclid, touch.event_type), ("9100000003", "EAIaIQobChMI", "ad_click"))
        attributed = self.env["ops.campaign.attribution"].search([("sale_order_id", "=", order.id)])
        self.assertEqual(attributed.campaign_id, self.brand)
        # an id no ad campaign carries falls back to the name
        _order, unknown = self._order("9003", utm_campaign="Spring Sale 2024", utm_id="999")
        self.assertEqual((unknown.campaign_id, unknown.campaign_match), (self.spring, "name"))

    def test_03_an_ambiguous_slug_waits_for_an_alias(self):
        """With "Spring Sale 2023" beside "Spring Sale 2024", "spring_sale" is a new campaign until an alias says which."""
        self.env["utm.campaign"].create({"title": "Spring Sale 2023"})
        _order, first = self._order("9004", utm_campaign="spring_sale")
        self.assertEqual(first.campaign_match, "created")
        self.assertTrue(first.campaign_id.is_auto_campaign)
        self.env["ops.utm.alias"].create({"name": "spring_sale", "utm_type": "campaign", "campaign_id": self.spring.id})
        _order, second = self._order("9005", utm_campaign="spring_sale")
        self.assertEqual((second.campaign_id, second.campaign_match), (self.spring, "alias"), "the alias beats the automatic one")

    def test_04_a_campaign_named_exactly_wins_over_a_slug(self):
        """A campaign someone named "spring_sale" is matched by name before any slug."""
        exact = self.env["utm.campaign"].create({"title": "spring_sale"})
        _order, touch = self._order("9006", utm_campaign="Spring_Sale")
        self.assertEqual((touch.campaign_id, touch.campaign_match), (exact, "name"))

    def test_05_touchpoints_before_their_campaign_are_matched_again(self):
        """An order synced before its ad campaign credits a new campaign; matching again moves touch and revenue."""
        _order, early = self._order("9007", utm_campaign="summer_drop")
        invented = early.campaign_id
        self.assertEqual((early.campaign_match, invented.is_auto_campaign), ("created", True))
        [ads] = self.gateway.ingest(
            "google_ads", "campaigns", [{"external_id": "555", "values": {"name": "Summer Drop 2025", "status": "enabled"}}]
        )["results"]
        summer = self.env["utm.campaign"].browse(ads["res_id"])
        self.assertEqual(
            self.env["ops.campaign.attribution"].search([("campaign_id", "=", invented.id)]).mapped("state"), ["active"] * 5
        )
        early.with_user(self.manager).action_ops_rematch_campaigns()
        self.assertEqual((early.campaign_id, early.campaign_match), (summer, "slug"))
        Attribution = self.env["ops.campaign.attribution"]
        self.assertEqual(set(Attribution.search([("campaign_id", "=", invented.id)]).mapped("state")), {"reversed"})
        moved = Attribution.search([("campaign_id", "=", summer.id), ("state", "=", "active")])
        self.assertEqual(
            (len(moved), sum(moved.filtered(lambda row: row.attribution_model == "linear").mapped("attributed_revenue"))),
            (5, 80.0),
        )

    def test_06_a_typed_lead_finds_the_same_campaign(self):
        """A lead typed with campaign "Spring-Sale" lands on the Ads campaign, as a synced order does."""
        lead = self.env["crm.lead"].create({"name": "Typed", "ops_utm_campaign_input": "Spring-Sale"})
        self.assertEqual(lead.campaign_id, self.spring)


@tagged("post_install", "-at_install")
class TestRematchJson2(HttpCase):
    """Re-attributing revenue is an Ops Manager's call, whatever the way in."""

    def test_01_an_ops_user_cannot_rematch_over_json2(self):
        """An Ops user's JSON-2 call to match campaigns again is refused and moves nothing."""
        user = new_test_user(self.env, "t_rematch_user", groups="addon_ops_harmony.addon_ops_harmony_group_user")
        key = self.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "rematch test", None)
        auto = self.env["utm.campaign"].create({"title": "spring_thing", "is_auto_campaign": True})
        self.env["utm.campaign"].create({"title": "Spring Thing 2025"})
        touch = self.env["ops.touchpoint"].create(
            {"event_type": "ad_click", "campaign_id": auto.id, "utm_campaign_text": "spring_thing"}
        )
        with mute_logger("odoo.http"):
            response = json2_post(self, "ops.touchpoint", "action_ops_rematch_campaigns", key, ids=touch.ids)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("Only Ops Managers", response.json()["message"])
        self.assertEqual(touch.campaign_id, auto)
