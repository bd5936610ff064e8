from odoo.fields import Command
from odoo.tests import TransactionCase, tagged

from .common import procurement_people

REQUEST = "ops.procurement.request"


@tagged("post_install", "-at_install")
class TestProcurementAnomalies(TransactionCase):
    """Price, duplicate and split flags, and the tier they raise under the shipped policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        procurement_people(cls)

    def _request(self, quantity, price, user=None, **values):
        values = {
            "description": "Laptops",
            "product_id": self.laptop.id,
            "quantity": quantity,
            "unit_price": price,
            "vendor_id": self.vendor.id,
            **values,
        }
        return self.env[REQUEST].with_user(user or self.requester).create(values)

    def _tier(self, request):
        policy = self.env.ref("addon_ops_harmony.ops_policy_procurement")
        return policy._ops_tier_for(request)

    def _history(self, prices):
        for price in prices:
            order = self.env["purchase.order"].create(
                {
                    "partner_id": self.vendor.id,
                    "order_line": [Command.create({"product_id": self.laptop.id, "product_qty": 1, "price_unit": price})],
                }
            )
            order.button_confirm()

    def test_01_a_price_far_from_the_vendor_history_is_flagged(self):
        """Three orders near 100 make 180 an anomaly (medium even at 180 in total); 110 is not."""
        self._history([95, 100, 105])
        usual = self._request(1, 110)
        self.assertFalse(usual.anomaly_codes)
        self.assertEqual(self._tier(usual), "low")
        usual.action_cancel()  # else the next one is also its duplicate
        odd = self._request(1, 180, description="Laptop, urgent")
        self.assertEqual(odd.anomaly_codes, "price")
        self.assertIn("1.8×", odd.anomaly_note)
        self.assertEqual(self._tier(odd), "medium")

    def test_02_without_enough_history_no_price_flag(self):
        """Two past orders are not a history to judge a price by."""
        self._history([100, 100])
        self.assertFalse(self._request(1, 500).anomaly_codes)

    def test_03_a_duplicate_is_flagged_on_the_second_request(self):
        """The same product from the same vendor, asked by another user, is a duplicate of the first."""
        first = self._request(1, 300)
        second = self._request(1, 300, user=self.other_user)
        self.assertFalse(first.anomaly_codes)
        self.assertEqual(second.anomaly_codes, "duplicate")
        self.assertIn(first.name, second.anomaly_note)
        other_vendor = self.env["res.partner"].create({"name": "Elsewhere Ltd"})
        self.assertFalse(self._request(1, 300, user=self.other_user, vendor_id=other_vendor.id).anomaly_codes)

    def test_04_a_purchase_split_under_a_threshold_is_flagged_high(self):
        """Two requests of 800 (each under 1,000) to one vendor make 1,600: the second is a split, tier high."""
        first = self._request(1, 800, description="Monitors batch one", product_id=False)
        second = self._request(1, 800, description="Monitors batch two", product_id=False)
        self.assertFalse(first.anomaly_codes)
        self.assertEqual(second.anomaly_codes, "split")
        self.assertIn("1000.00", second.anomaly_note)
        self.assertEqual(self._tier(second), "high")
        # another requester's purchase from the same vendor is not a split of this one
        third = self._request(1, 800, user=self.other_user, description="Chairs", product_id=False)
        self.assertFalse(third.anomaly_codes)

    def test_05_the_split_thresholds_are_the_policy_data(self):
        """Thresholds come from the published policy's tier rules: a cancelled request no longer counts."""
        from odoo.addons.addon_ops_harmony.models.procurement.ops_procurement_anomaly import policy_thresholds

        self.assertEqual(policy_thresholds(self.env, REQUEST), [1000.0, 10000.0])
        first = self._request(1, 800, description="Desk lamps", product_id=False)
        first.action_cancel()
        second = self._request(1, 800, description="Desk lamps for the lab", product_id=False)
        self.assertFalse(second.anomaly_codes)
