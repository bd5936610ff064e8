from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import OPS_USER_GROUP, sync_guards
from ..json2 import json2_call


@tagged("post_install", "-at_install")
class TestRenewalJson2(HttpCase):
    """The salesperson, with an API key, tries to confirm a discounted renewal without approval; it fails."""

    def setUp(self):
        super().setUp()
        sync_guards(self.env)

    def test_01_a_discounted_renewal_cannot_skip_its_approval(self):
        """Cut the renewal link, then confirm: refused; confirm as it is: approval required; still a quotation."""
        policy = self.env.ref("addon_ops_harmony.ops_policy_renewal_terms")
        if policy.state == "draft":
            policy.action_publish()
        seller = new_test_user(self.env, "t_renj_seller", groups=OPS_USER_GROUP, name="Sam Seller")
        key = self.env["res.users.apikeys"].with_user(seller).sudo()._generate(None, "renewal test", None)
        customer = self.env["res.partner"].create({"name": "Renewing JSON customer"})
        product = self.env["product.product"].create({"name": "Seats", "list_price": 100, "type": "service"})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "user_id": seller.id,
                "ops_term_end": fields.Date.today() + timedelta(days=10),
                "order_line": [Command.create({"product_id": product.id, "price_unit": 100, "discount": 20})],
            }
        )
        order.action_confirm()
        renewal = order._ops_open_renewal()
        response = json2_call(self, "sale.order", "write", key, ids=renewal.ids, vals={"ops_renewal_of_id": False})
        self.assertIn(response.status_code, (403, 422))
        response = json2_call(self, "sale.order", "action_confirm", key, ids=renewal.ids)
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("Approval required", response.json()["message"])
        self.assertEqual((renewal.state, renewal.ops_renewal_of_id), ("draft", order))
