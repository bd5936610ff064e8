from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from ..common import sync_guards
from .common import hardware, procurement_people

REQUEST = "ops.procurement.request"


@tagged("post_install", "-at_install")
class TestProcurement(TransactionCase):
    """From request to purchase order under the shipped thresholds: automatic, the manager, then finance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        procurement_people(cls)

    def setUp(self):
        super().setUp()
        sync_guards(self.env)

    def _request(self, quantity, price, user=None, **values):
        values = {
            "description": "Laptops for the support team",
            "product_id": self.laptop.id,
            "quantity": quantity,
            "unit_price": price,
            "vendor_id": self.vendor.id,
            **values,
        }
        return self.env[REQUEST].with_user(user or self.requester).create(values)

    def _submit(self, request):
        with self.enter_registry_test_mode():
            return request.action_submit()

    def _approval(self, request):
        return self.env["ops.approval.request"].search(
            [("res_model", "=", REQUEST), ("res_id", "=", request.id)], order="id desc", limit=1
        )

    def _approve(self, approval, user):
        with self.enter_registry_test_mode():
            approval.with_user(user).action_approve(rationale="Budget checked")
        approval.invalidate_recordset()

    def test_01_up_to_the_first_threshold_the_order_is_created_at_once(self):
        """600 is under 1,000: Order creates and confirms the purchase order, no approval asked."""
        request = self._request(2, 300)
        self.assertEqual(request.category_id, hardware(self.env))
        self.assertEqual(request.proposed_category_id, hardware(self.env))
        self.assertIn("laptop", request.category_reason)
        request.action_confirm_category()
        self._submit(request)
        self.assertEqual(request.state, "ordered")
        order = request.sudo().purchase_order_id
        self.assertEqual(request.purchase_order_ref, order.name)
        self.assertEqual((order.partner_id, order.origin, order.state), (self.vendor, request.name, "purchase"))
        self.assertEqual((order.order_line.product_qty, order.order_line.price_unit), (2, 300))
        self.assertFalse(self._approval(request))

    def test_02_the_manager_approves_and_the_order_follows(self):
        """4,500 needs the requester's manager; approving creates the purchase order without another click."""
        request = self._request(5, 900)
        request.action_confirm_category()
        result = self._submit(request)
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual((request.state, request.status), ("draft", "pending"))
        approval = self._approval(request)
        self.assertEqual((approval.risk_tier, approval.current_approver_ids), ("medium", self.manager))
        self.assertTrue(
            self.env["mail.activity"].search(
                [("user_id", "=", self.manager.id), ("res_model", "=", REQUEST), ("res_id", "=", request.id)]
            )
        )
        self._approve(approval, self.manager)
        self.assertEqual(request.state, "ordered")
        self.assertEqual(request.sudo().purchase_order_id.amount_untaxed, 4500)
        self.assertTrue(approval.consumed)

    def test_03_above_ten_thousand_the_manager_then_finance(self):
        """18,000 is high: the manager approves first, then finance, then the order is created."""
        request = self._request(20, 900)
        request.action_confirm_category()
        self._submit(request)
        approval = self._approval(request)
        self.assertEqual(approval.risk_tier, "high")
        self.assertEqual(approval.current_approver_ids, self.manager)
        self._approve(approval, self.manager)
        self.assertEqual(request.state, "draft")
        self.assertEqual(approval.current_approver_ids, self.finance)
        self._approve(approval, self.finance)
        self.assertEqual(request.state, "ordered")

    def test_04_the_category_must_be_confirmed_and_the_vendor_valid(self):
        """Order refuses an unconfirmed category, a vendor without VAT, a bad IBAN or a blocked vendor."""
        request = self._request(1, 100)
        with self.assertRaisesRegex(UserError, "Confirm the spend category"):
            request.action_submit()
        request.action_confirm_category()
        vendor = self.vendor.sudo()
        vendor.vat = False
        with self.assertRaisesRegex(UserError, "has no VAT number"):
            request.action_submit()
        vendor.vat = "BE0477472702"
        with self.assertRaisesRegex(UserError, "fails its check digits"):
            request.action_submit()
        vendor.vat = "BE0477472701"
        vendor.bank_ids.acc_number = "BE71 0961 2345 6760"
        with self.assertRaisesRegex(UserError, "IBAN .* fails its check digits"):
            request.action_submit()
        vendor.bank_ids.acc_number = "BE71 0961 2345 6769"
        vendor.write({"ops_vendor_blocked": True, "ops_vendor_block_reason": "Disputed invoices"})
        with self.assertRaisesRegex(UserError, "blocked for purchasing: Disputed invoices"):
            request.action_submit()
        self.assertFalse(self._approval(request))
        vendor.ops_vendor_blocked = False
        self._submit(request)
        self.assertEqual(request.state, "ordered")

    def test_05_a_change_after_approval_needs_a_new_approval(self):
        """Approved while the vendor was blocked, the order waits; a larger quantity then asks again."""
        request = self._request(5, 900)
        request.action_confirm_category()
        self._submit(request)
        self.vendor.sudo().ops_vendor_blocked = True
        self._approve(self._approval(request), self.manager)
        self.assertEqual(request.state, "draft")
        self.assertIn("could not be created", request.message_ids[0].body)
        self.vendor.sudo().ops_vendor_blocked = False
        request.with_user(self.requester).quantity = 50
        self._submit(request)
        self.assertEqual(request.state, "draft")
        newest = self._approval(request)
        self.assertEqual((newest.state, newest.risk_tier), ("pending", "high"))

    def test_06_the_proposal_learns_from_confirmed_categories(self):
        """Requests for 'Zorblax' confirmed as marketing make the next one proposed as marketing."""
        marketing = self.env.ref("addon_ops_harmony.ops_spend_marketing")
        for _index in range(3):
            request = self._request(1, 50, description="Zorblax kit", product_id=False)
            request.category_id = marketing
            request.action_confirm_category()
        newest = self._request(1, 50, description="Zorblax kit", product_id=False)
        self.assertEqual(newest.proposed_category_id, marketing)
        self.assertGreater(newest.category_probability, 0.5)

    def test_06b_one_past_request_does_not_outvote_the_words(self):
        """The vendor's one toner order does not make laptops office supplies (the demo data's case)."""
        toner = self._request(
            6,
            65,
            description="Toner cartridges for the office printers",
            product_id=False,
            reason="The printers are out of toner.",
        )
        self.assertEqual(toner.proposed_category_id, self.env.ref("addon_ops_harmony.ops_spend_office"), "toner, not printers")
        toner.action_confirm_category()
        laptops = self._request(
            5, 900, description="Laptops for the new support hires", product_id=False, reason="Two laptops are out of warranty."
        )
        self.assertEqual(laptops.proposed_category_id, hardware(self.env))
        self.assertIn("vendor's past requests: 0 of 1", laptops.category_reason)

    def test_07_without_a_published_policy_nothing_orders(self):
        """Archiving the thresholds policy stops every order: the control fails closed."""
        self.env.ref("addon_ops_harmony.ops_policy_procurement").action_archive_version()
        request = self._request(1, 100)
        request.action_confirm_category()
        with self.assertRaisesRegex(UserError, "No approval policy is published"):
            request.action_submit()
        with self.assertRaisesRegex(UserError, "No approval policy is published"):
            request.action_order()
        self.assertEqual(request.state, "draft")
