from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from ..common import OpsApprovalCase, archive_published


@tagged("post_install", "-at_install")
class TestApprovalFingerprint(OpsApprovalCase):
    """An approval covers the document as approved: a change to what the policy reads needs a new one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        archive_published(cls.env, "sale.order", keep=cls.policy)
        cls.discount_policy = cls.env["ops.approval.policy"].create(
            {
                "name": "Discounts",
                "model_id": cls.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "domain": "[('order_line.discount', '>', 0)]",
                "default_tier": "low",
                "tier_rule_ids": [
                    Command.create({"name": "Above 20 %", "domain": "[('order_line.discount', '>', 20)]", "risk_tier": "medium"})
                ],
                "step_ids": [
                    Command.create(
                        {"name": "Ada", "tier": "medium", "approver_type": "user", "user_ids": [Command.set(cls.approver.ids)]}
                    )
                ],
            }
        )
        cls.discount_policy.action_publish()
        cls.policy.action_archive_version()  # only the discount policy: its amounts stay low

    def _discounted(self, discount=25, quantity=1):
        order = (
            self.env["sale.order"]
            .with_user(self.requester)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_qty": quantity, "price_unit": 100, "discount": discount}
                        )
                    ],
                }
            )
        )
        return order.sudo()

    def _approved(self, order):
        self._confirm(order)
        request = self._request(order)
        request.with_user(self.approver).action_approve()
        return request

    def test_01_the_request_stores_the_fingerprint_of_what_was_asked(self):
        """The request carries a SHA-256 of the values the policy reads."""
        order = self._discounted()
        self._confirm(order)
        request = self._request(order)
        self.assertRegex(request.fingerprint or "", r"^[0-9a-f]{64}$")
        self.assertEqual(request.fingerprint, self.discount_policy._ops_fingerprint(order))

    def test_02_approved_then_changed_needs_a_new_approval(self):
        """25 % off one unit approved, then 100 % off 500 units: the click opens a new request instead."""
        order = self._discounted()
        approved = self._approved(order)
        order.with_user(self.requester).write(
            {"order_line": [Command.update(order.order_line.id, {"discount": 100, "product_uom_qty": 500})]}
        )
        message = self._confirm(order)
        fresh = self._request(order)
        self.assertNotEqual(fresh, approved)
        self.assertEqual(order.state, "draft")
        self.assertIn(f"{approved.name} no longer covers", message)
        self.assertIn(f"request {fresh.name} sent to Ada Approver", message)
        self.assertEqual((approved.state, approved.consumed), ("outdated", False))
        self.assertEqual(fresh.state, "pending")
        self.assertTrue(self._log("outdate", approved))

    def test_03_a_change_outside_the_policy_scope_keeps_the_approval(self):
        """A note on the order is not what was approved: the approval still runs the action."""
        order = self._discounted()
        approved = self._approved(order)
        order.with_user(self.requester).write({"client_order_ref": "PO-7"})
        self.assertIsNone(self._confirm(order))
        self.assertEqual(order.state, "sale")
        self.assertTrue(approved.consumed)

    def test_04_a_pending_request_for_other_values_is_replaced(self):
        """Changing the quantity while the request waits: the next click outdates it and asks again."""
        order = self._discounted()
        self._confirm(order)
        first = self._request(order)
        order.with_user(self.requester).write({"order_line": [Command.update(order.order_line.id, {"product_uom_qty": 3})]})
        message = self._confirm(order)
        second = self._request(order)
        self.assertNotEqual(second, first)
        self.assertEqual((first.state, second.state), ("outdated", "pending"))
        self.assertFalse(self._activities(first), "nobody is asked to decide the old values")
        self.assertIn(f"{first.name} no longer covers", message)

    def test_05_writing_the_state_with_a_bigger_discount_is_judged_on_the_new_values(self):
        """One write that raises the discount and confirms is judged after the change: a new request."""
        order = self._discounted()
        approved = self._approved(order)
        message = None
        with self.enter_registry_test_mode():
            try:
                order.with_user(self.requester).write(
                    {"state": "sale", "order_line": [Command.update(order.order_line.id, {"discount": 90})]}
                )
            except UserError as error:
                message = str(error)
        self.assertIn(f"{approved.name} no longer covers", message or "")
        self.assertEqual(approved.state, "outdated")
