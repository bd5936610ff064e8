from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..json2 import json2_call
from ..common import sync_guards
from .common import procurement_people

REQUEST = "ops.procurement.request"


@tagged("post_install", "-at_install")
class TestProcurementJson2(HttpCase):
    """A requester with an API key tries every road around the procurement controls; each one fails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        procurement_people(cls)
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "procurement test", None)
            for user in (cls.requester, cls.other_user, cls.manager)
        }

    def setUp(self):
        super().setUp()
        sync_guards(self.env)

    def _call(self, user, method, **params):
        return json2_call(self, REQUEST, method, self.keys[user], **params)

    def _request(self, quantity=5, price=900):
        request = (
            self.env[REQUEST]
            .with_user(self.requester)
            .create(
                {
                    "description": "Laptops",
                    "product_id": self.laptop.id,
                    "quantity": quantity,
                    "unit_price": price,
                    "vendor_id": self.vendor.id,
                }
            )
        )
        request.action_confirm_category()
        return request

    def _no_order(self, request):
        request = request.sudo()
        request.invalidate_recordset()
        self.assertEqual(request.state, "draft")
        self.assertFalse(request.purchase_order_id)
        self.assertFalse(self.env["purchase.order"].search([("origin", "=", request.name)]))

    def test_01_the_server_fields_cannot_be_written(self):
        """state, purchase order, confirmation, flags and requester are refused, each with a clear 4xx."""
        request = self._request()
        order = self.env["purchase.order"].create({"partner_id": self.vendor.id})
        for values in (
            {"state": "ordered"},
            {"purchase_order_id": order.id},
            {"category_confirmed": False, "description": "x"},
            {"anomaly_count": 0},
            {"requested_by_id": self.other_user.id},
        ):
            response = self._call(self.requester, "write", ids=request.ids, vals=values)
            self.assertIn(response.status_code, (403, 422), values)
            self.assertIn("set by Odoo", response.json()["message"], values)
        self._no_order(request)
        self.assertTrue(request.category_confirmed)

    def test_02_created_for_someone_else_is_created_for_me(self):
        """A requester naming another user as requester is refused; a plain create makes them the requester."""
        response = self._call(
            self.requester, "create", vals_list=[{"description": "Chairs", "requested_by_id": self.other_user.id}]
        )
        self.assertIn(response.status_code, (403, 422))
        response = self._call(self.requester, "create", vals_list=[{"description": "Chairs"}])
        self.assertEqual(response.status_code, 200, response.text)
        created = self.env[REQUEST].browse(response.json())
        self.assertEqual(created.requested_by_id, self.requester)

    def test_03_calling_the_guarded_action_directly_asks_for_approval(self):
        """`action_order` over JSON-2 on 4,500 answers with the approval request and orders nothing."""
        request = self._request()
        response = self._call(self.requester, "action_order", ids=request.ids)
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("approval", response.json()["message"].lower())
        self._no_order(request)

    def test_04_nobody_approves_their_own_request(self):
        """The requester is never an approver: their manager is, and the requester's approve call fails."""
        request = self._request()
        self._call(self.requester, "action_submit", ids=request.ids)
        approval = self.env["ops.approval.request"].search([("res_model", "=", REQUEST), ("res_id", "=", request.id)])
        self.assertEqual(approval.current_approver_ids, self.manager)
        response = json2_call(self, "ops.approval.request", "action_approve", self.keys[self.requester], ids=approval.ids)
        self.assertIn(response.status_code, (403, 422))
        self._no_order(request)

    def test_05_terms_changed_after_approval_are_not_covered(self):
        """Approved at 5 laptops, then 50 written before ordering: no order for 50 on the old approval."""
        request = self._request()
        self.assertEqual(self._call(self.requester, "action_submit", ids=request.ids).status_code, 200)
        self.vendor.sudo().ops_vendor_blocked = True  # the approval cannot order at once
        approval = self.env["ops.approval.request"].search([("res_model", "=", REQUEST), ("res_id", "=", request.id)])
        json2_call(self, "ops.approval.request", "action_approve", self.keys[self.manager], ids=approval.ids)
        self.assertEqual(approval.state, "approved")
        self._no_order(request)
        self.vendor.sudo().ops_vendor_blocked = False
        self.assertEqual(self._call(self.requester, "write", ids=request.ids, vals={"quantity": 50}).status_code, 200)
        response = self._call(self.requester, "action_order", ids=request.ids)
        self.assertEqual(response.status_code, 422)
        self._no_order(request)
        self.assertFalse(approval.consumed)

    def test_06_other_paths_to_a_purchase_are_closed(self):
        """A requester cannot create a purchase order, block or unblock a vendor, nor read others' requests."""
        response = json2_call(
            self, "purchase.order", "create", self.keys[self.requester], vals_list=[{"partner_id": self.vendor.id}]
        )
        self.assertEqual(response.status_code, 403)
        response = json2_call(
            self, "res.partner", "write", self.keys[self.requester], ids=self.vendor.ids, vals={"ops_vendor_blocked": False}
        )
        self.assertIn(response.status_code, (403, 422))
        theirs = self.env[REQUEST].with_user(self.other_user).create({"description": "Their chairs"})
        response = self._call(self.requester, "read", ids=theirs.ids, fields=["description"])
        self.assertEqual(response.status_code, 403)
        response = self._call(self.requester, "action_cancel", ids=theirs.ids)
        self.assertEqual(response.status_code, 403)

    def test_07_junk_gets_a_clear_error_not_a_500(self):
        """Text for a quantity, an unknown vendor id or a missing description are 4xx with a message."""
        for vals in ({"description": "x", "quantity": "lots"}, {"description": "x", "vendor_id": 999999999}, {"quantity": 2}):
            with mute_logger("odoo.sql_db"):
                response = self._call(self.requester, "create", vals_list=[vals])
            self.assertTrue(400 <= response.status_code < 500, (vals, response.status_code, response.text))
            self.assertTrue(response.json().get("message"), vals)
