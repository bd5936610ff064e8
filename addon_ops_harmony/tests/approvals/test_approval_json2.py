from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import SALESMAN
from ..json2 import json2_post


@tagged("post_install", "-at_install")
class TestApprovalJson2(HttpCase):
    """action_approve and action_reject over JSON-2, as real low-privilege users with API keys."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        approver_groups = f"{SALESMAN},addon_ops_harmony.addon_ops_harmony_group_user"
        cls.requester = new_test_user(cls.env, "t_j2_requester", groups=SALESMAN, name="Jo Requester")
        cls.approver = new_test_user(cls.env, "t_j2_approver", groups=approver_groups, name="Jay Approver")
        cls.delegate = new_test_user(cls.env, "t_j2_delegate", groups=SALESMAN, name="Dee Delegate")
        cls.outsider = new_test_user(cls.env, "t_j2_outsider", groups=SALESMAN, name="Oz Outsider")
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "approval test", None)
            for user in (cls.requester, cls.approver, cls.delegate, cls.outsider)
        }
        cls.policy = cls.env["ops.approval.policy"].create(
            {
                "name": "JSON-2 policy",
                "model_id": cls.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "default_tier": "medium",
                "step_ids": [
                    Command.create(
                        {"name": "Jay", "tier": "medium", "approver_type": "user", "user_ids": [Command.set(cls.approver.ids)]}
                    )
                ],
            }
        )
        cls.policy.action_publish()
        cls.customer = cls.env["res.partner"].create({"name": "JSON-2 customer"})

    def _request(self):
        order = self.env["sale.order"].with_user(self.requester).create({"partner_id": self.customer.id})
        request = (
            self.env["ops.approval.request"]
            .sudo()
            ._ops_open(self.policy, order.sudo(), "medium", "action_confirm", self.requester)
        )
        self.env.flush_all()
        return request

    def _call(self, user, method, request, **params):
        response = json2_post(self, "ops.approval.request", method, self.keys[user], ids=request.ids, **params)
        self.env.invalidate_all()
        return response

    def test_01_requester_is_refused(self):
        """The requester approving their own request gets a 403 and the request stays pending."""
        request = self._request()
        response = self._call(self.requester, "action_approve", request)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("someone else has to decide", response.json()["message"])
        self.assertEqual(request.state, "pending")

    def test_02_outsider_is_refused(self):
        """Someone with no part in the request can neither approve nor reject it."""
        request = self._request()
        for method in ("action_approve", "action_reject"):
            response = self._call(self.outsider, method, request, rationale="Because")
            self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(request.state, "pending")

    def test_03_approver_approves(self):
        """The approver's call succeeds and the request is approved."""
        request = self._request()
        response = self._call(self.approver, "action_approve", request)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decision_ids.user_id, self.approver)

    def test_04_reject_without_rationale_then_with(self):
        """Rejecting without a rationale is a 422 with the reason; with one it succeeds."""
        request = self._request()
        response = self._call(self.approver, "action_reject", request)
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("rationale is required", response.json()["message"])
        response = self._call(self.approver, "action_reject", request, rationale="Over budget")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(request.state, "rejected")

    def test_05_delegate_approves_on_behalf(self):
        """A current stand-in approves for the approver; a second call on the decided request is a 422."""
        now = fields.Datetime.now()
        self.env["ops.approval.delegation"].with_user(self.approver).create(
            {
                "delegate_id": self.delegate.id,
                "date_from": now - timedelta(hours=1),
                "date_to": now + timedelta(days=1),
            }
        )
        request = self._request()
        response = self._call(self.delegate, "action_approve", request)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.decision_ids.on_behalf_of_id, self.approver)
        again = self._call(self.approver, "action_approve", request)
        self.assertEqual(again.status_code, 422, again.text)
        self.assertIn("already approved by Dee Delegate", again.json()["message"])
