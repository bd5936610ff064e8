from odoo.tests import HttpCase, tagged

from .common import procurement_people

REQUEST = "ops.procurement.request"


@tagged("post_install", "-at_install")
class TestProcurementTour(HttpCase):
    """From trigger to outcome in Chromium, each person with their own rights only."""

    def test_01_request_approve_order(self):
        """The requester asks and orders; the manager approves from the activity clock; the PO exists."""
        procurement_people(self)
        self.requester.tz = self.manager.tz = "UTC"
        self.start_tour("/odoo", "addon_ops_harmony_procurement_request", login=self.requester.login)
        request = self.env[REQUEST].search([("requested_by_id", "=", self.requester.id)])
        self.assertEqual((request.state, request.status), ("draft", "pending"))
        self.assertEqual(request.category_id, self.env.ref("addon_ops_harmony.ops_spend_it_hardware"))
        self.assertTrue(request.category_confirmed)

        self.assertFalse(self.manager.has_group("purchase.group_purchase_user"))
        self.start_tour("/odoo", "addon_ops_harmony_procurement_approve", login=self.manager.login)
        request.invalidate_recordset()
        self.assertEqual(request.state, "ordered")
        order = request.purchase_order_id
        self.assertEqual((order.partner_id, order.state, order.amount_untaxed), (self.vendor, "purchase", 4500))
