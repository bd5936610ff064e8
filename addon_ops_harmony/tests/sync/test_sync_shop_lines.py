"""Shop order lines without a known product: matched through the products stream, else kept and flagged."""

from ast import literal_eval

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..common import SyncCase

UNMATCHED = "addon_ops_harmony.ops_product_unmatched_shop_line"
# a source of its own: the documentation's fixed ids may be bound under "woocommerce" already (e2e runs)
SHOP = "woo_doc_lines"


@tagged("post_install", "-at_install")
class TestSyncShopLines(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the only product with the documentation's SKU, whatever the database holds
        cls.env["product.product"].with_context(active_test=False).search([("default_code", "=", "Bar3")]).default_code = False
        cls.bar = cls.env["product.product"].create({"name": "Ship Your Idea", "default_code": "Bar3", "type": "consu"})
        cls.placeholder = cls.env.ref(UNMATCHED)
        cls.ingest_as = cls.env["ops.sync.gateway"].with_user(cls.bridge)
        [customer] = cls.ingest_as.ingest(
            SHOP,
            "customers",
            [{"external_id": "guest:john.doe@example.com", "values": {"name": "John Doe", "email": "john.doe@example.com"}}],
        )["results"]
        cls.customer = cls.env["res.partner"].browse(customer["res_id"])

    def _order(self, lines, state="sale"):
        # the lines of the documentation's order 727: "Woo Single #1" has no SKU, "Bar3" has one
        return {
            "customer_external_id": "guest:john.doe@example.com",
            "date_order": "2017-03-22T19:28:02Z",
            "currency_code": False,
            "state": state,
            "lines": lines,
        }

    DOC_LINES = [
        {"sku": None, "product_external_id": "93", "name": "Woo Single #1", "quantity": 2, "price_unit": 3},
        {"sku": "Bar3", "product_external_id": "23", "name": "Ship Your Idea – Black, M", "quantity": 1, "price_unit": 12},
    ]

    def test_01_a_line_without_sku_matches_through_the_products_binding(self):
        """A line without SKU takes the product the products stream bound to its shop id; a SKU still matches first."""
        [product] = self.ingest("products", [self.rec("93", {"name": "Woo Single #1", "sku": None, "list_price": 3})], SHOP)
        self.assertEqual(product["status"], "created", product["reason"])
        single = self.env["product.product"].browse(product["res_id"])
        self.assertEqual(
            (single.name, single.default_code, single.list_price, single.type), ("Woo Single #1", False, 3.0, "consu")
        )
        [result] = self.ingest("orders", [self.rec("727", self._order(self.DOC_LINES))], source=SHOP)
        self.assertEqual(result["status"], "created", result["reason"])
        self.assertFalse(result["reason"])
        order = self.env["sale.order"].browse(result["res_id"])
        self.assertEqual(order.order_line.product_id, single | self.bar)
        self.assertEqual((order.state, order.ops_sync_to_review), ("sale", False))
        self.assertTrue(self.binding("orders", "727", SHOP).content_hash, "fully matched: not applied again")

    def test_02_products_adopt_by_sku_and_never_duplicate(self):
        """A shop product with the SKU of one unbound Odoo product is bound to it; syncing it again changes nothing."""
        before = self.env["product.product"].search_count([])
        records = [self.rec("23", {"name": "Ship Your Idea", "sku": "Bar3", "list_price": 12})]
        [adopted] = self.ingest("products", records, source=SHOP)
        self.assertEqual((adopted["status"], adopted["res_id"]), ("updated", self.bar.id))
        [again] = self.ingest("products", records, source=SHOP)
        self.assertEqual(again["status"], "unchanged")
        self.assertEqual(self.env["product.product"].search_count([]), before)

    def test_03_an_unmatched_line_is_kept_flagged_and_matched_later(self):
        """The order comes in whole with the unknown line flagged; once the product is synced the next sync fixes the line."""
        [result] = self.ingest("orders", [self.rec("727", self._order(self.DOC_LINES))], source=SHOP)
        self.assertEqual(result["status"], "created", result["reason"])
        self.assertIn("'Woo Single #1': no SKU, shop product '93' not synced", result["reason"])
        order = self.env["sale.order"].browse(result["res_id"])
        self.assertEqual(order.state, "sale", "revenue and attribution are not held back by one line")
        self.assertEqual(order.amount_untaxed, 18.0)
        flagged = order.order_line.filtered("ops_sync_unmatched")
        self.assertEqual((flagged.product_id, flagged.product_uom_qty, flagged.price_unit), (self.placeholder, 2, 3.0))
        self.assertIn("Woo Single #1", flagged.name)
        note = order.message_ids.filtered(lambda message: "matched no product" in (message.body or ""))
        self.assertIn("'Woo Single #1': no SKU, shop product '93' not synced", note.body)
        review = self.env.ref("addon_ops_harmony.ops_sale_order_action_sync_review")
        self.assertIn(order, self.env["sale.order"].search(literal_eval(review.domain)))
        self.assertFalse(self.binding("orders", "727", SHOP).content_hash, "applied again at the next sync")

        self.ingest("products", [self.rec("93", {"name": "Woo Single #1", "list_price": 3})], source=SHOP)
        [again] = self.ingest("orders", [self.rec("727", self._order(self.DOC_LINES))], source=SHOP)
        self.assertEqual(again["status"], "updated", again["reason"])
        self.assertEqual(flagged.product_id.name, "Woo Single #1")
        self.assertEqual((flagged.price_unit, flagged.ops_sync_unmatched, order.ops_sync_to_review), (3.0, False, False))

    def test_04_a_person_setting_the_product_clears_the_flag(self):
        """Setting the real product on a flagged line reviews it; the shop's price stays."""
        lines = [{"sku": None, "product_external_id": None, "name": "Deleted product", "quantity": 1, "price_unit": 9}]
        [result] = self.ingest("orders", [self.rec("730", self._order(lines, state="draft"))], source=SHOP)
        order = self.env["sale.order"].browse(result["res_id"])
        self.assertIn("no SKU, no shop product id", result["reason"])
        self.assertTrue(order.ops_sync_to_review)
        order.order_line.write({"product_id": self.bar.id, "price_unit": 9})
        self.assertFalse(order.ops_sync_to_review)

    def test_05_strangers_and_junk_cannot_feed_products(self):
        """A salesperson cannot call the products stream; junk values are refused with a validation error."""
        salesman = new_test_user(self.env, "t_shop_salesman", groups="sales_team.group_sale_salesman")
        with self.assertRaises(AccessError):
            self.env["ops.sync.gateway"].with_user(salesman).ingest(SHOP, "products", [self.rec("1", {"name": "X"})])
        junk = [
            self.rec("1", {"name": 42}),
            self.rec("2", {"name": "Negative", "list_price": -5}),
            self.rec("3", {"name": ""}),
        ]
        results = self.ingest("products", junk, source=SHOP)
        self.assertEqual([result["category"] for result in results], ["validation"] * 3)
        bad_line = [{"sku": None, "name": "Free", "quantity": "two", "price_unit": 1}]
        [rejected] = self.ingest("orders", [self.rec("731", self._order(bad_line))], source=SHOP)
        self.assertEqual((rejected["status"], rejected["category"]), ("rejected", "validation"))
        self.assertIn('the field "lines[0].quantity" must be a number', rejected["reason"])
