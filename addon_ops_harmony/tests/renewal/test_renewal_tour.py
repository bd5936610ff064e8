from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import OPS_USER_GROUP

APPROVER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_approver"


@tagged("post_install", "-at_install")
class TestRenewalTour(HttpCase):
    """From the term's end to the approval request, in Chromium, as the salesperson."""

    def test_01_open_renewal_and_ask_approval(self):
        env = self.env
        seller = new_test_user(env, "t_rent_seller", groups=OPS_USER_GROUP, name="Sally Seller", tz="UTC")
        approver = new_test_user(env, "t_rent_approver", groups=APPROVER_GROUP, name="Ari Approver")
        policy = env.ref("addon_ops_harmony.ops_policy_renewal_terms")
        if policy.state == "draft":
            policy.action_publish()
        customer = env["res.partner"].create({"name": "Renewing Customer", "email": "it@renewing.example"})
        product = env["product.product"].create({"name": "Seats", "list_price": 100, "type": "service"})
        order = env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": seller.id,
                "ops_term_end": fields.Date.today() + timedelta(days=20),
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 10, "price_unit": 100, "discount": 15})
                ],
            }
        )
        order.action_confirm()
        self.start_tour(f"/odoo/sales/{order.id}", "addon_ops_harmony_renewal", login=seller.login)
        renewal = order.ops_renewal_ids
        self.assertEqual((renewal.state, renewal.ops_approval_state), ("draft", "pending"))
        self.assertIn(approver, renewal.ops_approval_request_id.current_approver_ids)
        self.assertNotIn(seller, renewal.ops_approval_request_id.current_approver_ids)
