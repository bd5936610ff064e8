from odoo.tests import HttpCase, new_test_user, tagged

from ..common import SALESMAN, discounted_quote, publish_discount_policy
from ..json2 import json2_post


@tagged("post_install", "-at_install")
class TestApprovalGuardJson2(HttpCase):
    """A salesperson over JSON-2 cannot reach a guarded state around the button, nor verify the audit log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(cls.env, "t_g2_seller", groups=SALESMAN, name="Sal Seller")
        cls.approver = new_test_user(cls.env, "t_g2_approver", groups=SALESMAN, name="Abe Approver")
        cls.auditor = new_test_user(
            cls.env, "t_g2_auditor", groups="addon_ops_harmony.addon_ops_harmony_group_finance", name="Aud Auditor"
        )
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "guard test", None)
            for user in (cls.seller, cls.auditor)
        }
        cls.policy = publish_discount_policy(cls.env, cls.approver)
        cls.customer = cls.env["res.partner"].create({"name": "JSON-2 guard customer"})
        cls.product = cls.env["product.product"].create({"name": "Guard widget", "type": "consu"})

    def _quote(self, discount=60):
        return discounted_quote(self.env, self.seller, self.customer, self.product, discount)

    def _call(self, user, model, method, **params):
        response = json2_post(self, model, method, self.keys[user], **params)
        self.env.invalidate_all()
        return response

    def test_01_writing_the_state_over_json2_is_refused(self):
        """`sale.order.write({"state": "sale"})` on a 60 % discount quote answers 422 and confirms nothing."""
        order = self._quote()
        response = self._call(self.seller, "sale.order", "write", ids=order.ids, vals={"state": "sale"})
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("Approval required", response.json()["message"])
        self.assertEqual(order.state, "draft")

    def test_02_creating_a_confirmed_order_over_json2_is_refused(self):
        """A create with `state: sale` is refused the same way."""
        response = self._call(
            self.seller,
            "sale.order",
            "create",
            vals_list=[
                {
                    "partner_id": self.customer.id,
                    "state": "sale",
                    "order_line": [[0, 0, {"product_id": self.product.id, "price_unit": 1000, "discount": 60}]],
                }
            ],
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertFalse(self.env["sale.order"].search([("partner_id", "=", self.customer.id), ("state", "=", "sale")]))

    def test_03_an_approval_does_not_cover_changed_lines(self):
        """Approved at 60 % off one unit; the seller then writes 100 % off 500 units: confirming is refused."""
        order = self._quote()
        request = (
            self.env["ops.approval.request"].sudo()._ops_open(self.policy, order.sudo(), "medium", "action_confirm", self.seller)
        )
        request.with_user(self.approver).action_approve()
        self.env.flush_all()
        line = order.order_line
        response = self._call(
            self.seller,
            "sale.order",
            "write",
            ids=order.ids,
            vals={"order_line": [[1, line.id, {"discount": 100, "product_uom_qty": 500}]]},
        )
        self.assertEqual(response.status_code, 200, response.text)
        response = self._call(self.seller, "sale.order", "action_confirm", ids=order.ids)
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn(f"{request.name} no longer covers", response.json()["message"])
        self.assertEqual(order.state, "draft")
        self.assertFalse(request.consumed)

    def test_04_only_auditors_may_verify_the_chain(self):
        """A salesperson calling ops_verify_chain gets a 403; Ops Finance gets the verdict."""
        response = self._call(self.seller, "ops.audit.log", "ops_verify_chain")
        self.assertEqual(response.status_code, 403, response.text)
        response = self._call(self.auditor, "ops.audit.log", "ops_verify_chain")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertTrue(response.json()["ok"], response.text)
