from odoo.tests import HttpCase, new_test_user, tagged

from ..common import SALESMAN, discounted_quote, publish_discount_policy


@tagged("post_install", "-at_install")
class TestApprovalRequesterTour(HttpCase):
    """The requester's side in Chromium, as the salesperson: ask by clicking Confirm, see, withdraw."""

    def test_01_confirm_asks_then_withdraw(self):
        """Confirm shows a notification and the banner; Withdraw cancels the request."""
        seller = new_test_user(self.env, "t_rqt_seller", groups=SALESMAN, name="Tour Seller", tz="UTC")
        approver = new_test_user(
            self.env,
            "t_rqt_approver",
            groups=f"{SALESMAN},addon_ops_harmony.addon_ops_harmony_group_approver",
            name="Tour Approver",
        )
        publish_discount_policy(self.env, approver)
        customer = self.env["res.partner"].create({"name": "Tour Requester Customer"})
        product = self.env["product.product"].create({"name": "Tour widget", "type": "consu"})
        order = discounted_quote(self.env, seller, customer, product, 30)

        self.start_tour(
            f"/odoo/action-sale.action_quotations_with_onboarding/{order.id}",
            "addon_ops_harmony_approval_requester",
            login=seller.login,
        )

        request = self.env["ops.approval.request"].sudo().search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        self.assertEqual(request.state, "cancelled")
        self.assertEqual(request.requested_by_id, seller)
        self.assertEqual(order.state, "draft")
