from odoo.tests import HttpCase, new_test_user, tagged

from ..common import SALESMAN, discounted_quote, publish_discount_policy
from ..json2 import json2_post

CONFIRM_BUTTON = "/web/dataset/call_button/sale.order/action_confirm"


@tagged("post_install", "-at_install")
class TestApprovalRequester(HttpCase):
    """The requester's click asks for approval as a normal step, and the quote shows where it stands."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(cls.env, "t_rq_seller", groups=SALESMAN, name="Sal Seller", tz="UTC")
        cls.approver = new_test_user(
            cls.env, "t_rq_approver", groups=f"{SALESMAN},addon_ops_harmony.addon_ops_harmony_group_approver", name="Abe Approver"
        )
        cls.other_seller = new_test_user(
            cls.env, "t_rq_other", groups="sales_team.group_sale_salesman_all_leads", name="Oli Other"
        )
        cls.seller_key = cls.env["res.users.apikeys"].with_user(cls.seller).sudo()._generate(None, "requester", None)
        cls.other_key = cls.env["res.users.apikeys"].with_user(cls.other_seller).sudo()._generate(None, "other", None)
        cls.policy = publish_discount_policy(cls.env, cls.approver)
        cls.customer = cls.env["res.partner"].create({"name": "Requester customer"})
        cls.product = cls.env["product.product"].create({"name": "Requester widget", "type": "consu"})

    def _quote(self, discount=40):
        return discounted_quote(self.env, self.seller, self.customer, self.product, discount)

    def _click_confirm(self, order):
        self.authenticate(self.seller.login, self.seller.login)
        result = self.make_jsonrpc_request(
            CONFIRM_BUTTON,
            {
                "model": "sale.order",
                "method": "action_confirm",
                "args": [order.ids],
                "kwargs": {},
            },
        )
        self.env.invalidate_all()
        return result

    def _request(self, order):
        return (
            self.env["ops.approval.request"]
            .sudo()
            .search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)], order="id desc", limit=1)
        )

    def test_01_clicking_confirm_asks_for_approval_without_an_error(self):
        """The click answers a notification naming the request and its approver; the quote stays a quote."""
        order = self._quote()
        action = self._click_confirm(order)
        request = self._request(order)
        self.assertEqual(request.state, "pending")
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn(request.name, action["params"]["message"])
        self.assertIn("Abe Approver", action["params"]["message"])
        self.assertEqual(action["params"]["next"]["tag"], "soft_reload")
        self.assertEqual(order.state, "draft")

    def test_02_the_quote_shows_its_approval_state_until_it_is_decided(self):
        """Pending with whom and since when, then rejected with the rationale, as the requester reads it."""
        order = self._quote()
        self._click_confirm(order)
        mine = order.with_user(self.seller)
        self.assertEqual(mine.ops_approval_state, "pending")
        self.assertIn("waits for Abe Approver since", mine.ops_approval_summary)
        request = self._request(order)
        request.with_user(self.approver).action_reject("Margin too thin for this customer")
        mine.invalidate_recordset()
        self.assertEqual(mine.ops_approval_state, "rejected")
        self.assertIn("rejected by Abe Approver", mine.ops_approval_summary)
        self.assertIn("Margin too thin for this customer", mine.ops_approval_summary)

    def test_03_an_approved_request_shows_until_it_is_used(self):
        """Approved: the quote says so until the requester's next click confirms it; then the state is gone."""
        order = self._quote()
        self._click_confirm(order)
        self._request(order).with_user(self.approver).action_approve()
        mine = order.with_user(self.seller)
        self.assertEqual(mine.ops_approval_state, "approved")
        self.assertFalse(self._click_confirm(order), "no action: the quote is confirmed")
        mine.invalidate_recordset()
        self.assertEqual(order.state, "sale")
        self.assertFalse(mine.ops_approval_state)

    def test_04_other_callers_still_get_the_error(self):
        """JSON-2 and code get the approval error as before: only the web client's click is a notification."""
        order = self._quote()
        response = json2_post(self, "sale.order", "action_confirm", self.seller_key, ids=order.ids)
        self.env.invalidate_all()
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("Approval required", response.json()["message"])
        self.assertEqual(order.state, "draft")

    def test_05_the_requester_withdraws_a_pending_request(self):
        """Withdraw on the quote cancels the request; the quote no longer waits."""
        order = self._quote()
        self._click_confirm(order)
        mine = order.with_user(self.seller)
        self.assertTrue(mine.ops_approval_can_withdraw)
        mine.action_ops_withdraw_approval()
        self.assertEqual(self._request(order).state, "cancelled")
        mine.invalidate_recordset()
        self.assertFalse(mine.ops_approval_state)

    def test_06_nobody_else_withdraws_it(self):
        """Another salesperson who can read the quote cannot withdraw its request over JSON-2, nor see the button."""
        order = self._quote()
        self._click_confirm(order)
        self.assertEqual(order.with_user(self.other_seller).read(["name"])[0]["name"], order.name)
        self.assertFalse(order.with_user(self.other_seller).ops_approval_can_withdraw)
        response = json2_post(self, "sale.order", "action_ops_withdraw_approval", self.other_key, ids=order.ids)
        self.env.invalidate_all()
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(self._request(order).state, "pending")

    def test_07_junk_to_withdraw_is_a_clear_error(self):
        """Withdrawing on a quote that waits for nothing, or on ids that do not exist, is refused with a reason."""
        order = self._quote(discount=0)
        response = json2_post(self, "sale.order", "action_ops_withdraw_approval", self.seller_key, ids=order.ids)
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("no approval request waiting", response.json()["message"])
        response = json2_post(self, "sale.order", "action_ops_withdraw_approval", self.seller_key, ids=[987654321])
        self.assertIn(response.status_code, (403, 404, 422), response.text)
        response = json2_post(self, "sale.order", "action_ops_withdraw_approval", self.seller_key, ids=[])
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("one document at a time", response.json()["message"])
