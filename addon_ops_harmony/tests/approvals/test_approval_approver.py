import json
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from ..common import SALESMAN, discounted_quote, publish_discount_policy
from ..json2 import json2_post

APPROVER = "addon_ops_harmony.addon_ops_harmony_group_approver"
CONFIRM_BUTTON = "/web/dataset/call_button/sale.order/action_confirm"


@tagged("post_install", "-at_install")
class TestApprovalApprover(HttpCase):
    """An approver without Sales rights sees what they decide on, counts it on the clock, and decides."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(cls.env, "t_ap_seller", groups=SALESMAN, name="Sia Seller", tz="UTC")
        cls.approver = new_test_user(cls.env, "t_ap_approver", groups=APPROVER, name="Fin Approver", tz="UTC")
        cls.other_approver = new_test_user(cls.env, "t_ap_other", groups=APPROVER, name="Oda Other")
        cls.approver_key = cls.env["res.users.apikeys"].with_user(cls.approver).sudo()._generate(None, "approver", None)
        cls.other_key = cls.env["res.users.apikeys"].with_user(cls.other_approver).sudo()._generate(None, "other", None)
        cls.policy = publish_discount_policy(cls.env, cls.approver)
        cls.customer = cls.env["res.partner"].create({"name": "Snapshot Customer"})
        cls.product = cls.env["product.product"].create({"name": "Snapshot widget", "type": "consu"})

    def _requested(self, discount=40, note="Internal: this customer pays late, keep it quiet"):
        order = discounted_quote(self.env, self.seller, self.customer, self.product, discount)
        order.with_user(self.seller).note = note
        self.authenticate(self.seller.login, self.seller.login)
        self.make_jsonrpc_request(
            CONFIRM_BUTTON, {"model": "sale.order", "method": "action_confirm", "args": [order.ids], "kwargs": {}}
        )
        self.logout()  # the approver's calls below carry their own key, not the seller's session
        self.env.invalidate_all()
        request = (
            self.env["ops.approval.request"]
            .sudo()
            .search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)], order="id desc", limit=1)
        )
        self.assertEqual(request.state, "pending")
        return order, request

    def test_01_the_approver_has_no_sales_rights(self):
        """An Ops Approver is not a salesperson: the quote itself stays closed to them over JSON-2."""
        self.assertFalse(self.approver.has_group(SALESMAN))
        order, _request = self._requested()
        response = json2_post(self, "sale.order", "read", self.approver_key, ids=order.ids, fields=["name"])
        self.assertEqual(response.status_code, 403)

    def test_02_the_snapshot_shows_what_is_approved(self):
        """Customer, totals, the largest discount, the policy's field, the lines and why the tier, read over JSON-2."""
        _order, request = self._requested()
        response = json2_post(
            self,
            "ops.approval.request",
            "read",
            self.approver_key,
            ids=request.ids,
            fields=["snapshot", "snapshot_html", "snapshot_summary"],
        )
        self.assertEqual(response.status_code, 200, response.text)
        [row] = response.json()
        shown = {field["label"]: field["value"] for field in row["snapshot"]["fields"]}
        self.assertEqual(shown["Customer"], "Snapshot Customer")
        self.assertIn("600.00", shown["Untaxed Amount"])
        self.assertEqual(shown["Largest discount"], "40.00 %")
        self.assertEqual(shown["Order Lines › Discount (%)"], "40.00")
        self.assertEqual(row["snapshot"]["lines"]["rows"][0][0], "Snapshot widget")
        self.assertEqual(row["snapshot"]["tier"], "medium")
        self.assertIn("default tier", row["snapshot"]["tier_reasons"][0])
        self.assertIn("Snapshot Customer", row["snapshot_html"])
        self.assertIn("Customer: Snapshot Customer", row["snapshot_summary"])

    def test_03_the_snapshot_holds_nothing_beyond_the_policy_and_the_quote_summary(self):
        """The quote's internal note, its salesperson's email, its payment terms: none of them is in the snapshot."""
        _order, request = self._requested(note="SECRET-NOTE-4711")
        response = json2_post(
            self, "ops.approval.request", "read", self.approver_key, ids=request.ids, fields=["snapshot", "snapshot_html"]
        )
        text = json.dumps(response.json())
        self.assertNotIn("SECRET-NOTE-4711", text)
        self.assertNotIn(self.seller.email or "t_ap_seller@example.com", text)
        labels = {field["label"] for field in response.json()[0]["snapshot"]["fields"]}
        self.assertEqual(
            labels,
            {"Order Lines › Discount (%)", "Customer", "Untaxed Amount", "Total", "Largest discount"}
            | ({"Margin"} if "margin" in self.env["sale.order"] else set()),
        )

    def test_04_another_approver_reads_nothing_of_it(self):
        """An approver the request is not assigned to can neither read its snapshot nor approve it."""
        _order, request = self._requested()
        read = json2_post(self, "ops.approval.request", "read", self.other_key, ids=request.ids, fields=["snapshot"])
        self.assertEqual(read.status_code, 403)
        approve = json2_post(self, "ops.approval.request", "action_approve", self.other_key, ids=request.ids)
        self.assertIn(approve.status_code, (403, 422))
        request.invalidate_recordset()
        self.assertEqual(request.state, "pending")

    def test_05_approving_over_json2_without_sales_rights(self):
        """The approver's decision goes through; the seller's next click confirms the quote."""
        order, request = self._requested()
        response = json2_post(self, "ops.approval.request", "action_approve", self.approver_key, ids=request.ids)
        self.assertEqual(response.status_code, 200, response.text)
        request.invalidate_recordset()
        self.assertEqual(request.state, "approved")
        order.with_user(self.seller).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_06_the_clock_counts_it_from_assignment(self):
        """Due in days, the approval counts in the badge at once, in an Approvals group with its snapshot."""
        _order, request = self._requested()
        activity = self.env["mail.activity"].sudo().search([("ops_approval_request_id", "=", request.id)])
        self.assertEqual(activity.user_id, self.approver)
        activity.date_deadline = fields.Date.today() + timedelta(days=3)
        groups = self.env["res.users"].with_user(self.approver)._get_activity_groups()
        self.assertEqual([group["model"] for group in groups], ["ops.approval.request"], "not in Other activities")
        [group] = groups
        self.assertEqual((group["total_count"], group["planned_count"]), (1, 1))
        [item] = group["ops_approvals"]
        self.assertEqual((item["request_id"], item["activity_id"]), (request.id, activity.id))
        self.assertTrue(item["ops_approval"]["can_act"])
        self.assertIn({"label": "Customer", "value": "Snapshot Customer"}, item["fields"])
        self.assertFalse(self.env["res.users"].with_user(self.other_approver)._get_activity_groups())

    def test_07_the_badge_moves_when_a_later_approval_comes_and_goes(self):
        """Odoo's bus counts only activities due today; a later approval sends its own +1 and -1."""
        _order, request = self._requested()
        activity = self.env["mail.activity"].sudo().search([("ops_approval_request_id", "=", request.id)])
        activity.date_deadline = fields.Date.today()
        sent = []
        users = type(self.env["res.users"])
        with patch.object(users, "_bus_send", lambda user, kind, payload, **kw: sent.append((user.id, kind, payload))):
            activity.date_deadline = fields.Date.today() + timedelta(days=3)
            activity.user_id = self.other_approver
            activity.with_context(ops_approval_closing=True).unlink()
        counts = [(user_id, payload["count_diff"]) for user_id, kind, payload in sent if kind == "mail.activity/updated"]
        # due today (counted by Odoo) then later: -1 from Odoo, +1 here; reassigned: -1 / +1; removed: -1
        self.assertEqual(sum(diff for user_id, diff in counts if user_id == self.approver.id), -1)
        self.assertEqual(sum(diff for user_id, diff in counts if user_id == self.other_approver.id), 0)

    def test_08_my_approvals_lists_what_waits_for_me_oldest_first(self):
        """The My approvals action filters on what waits for the user, with the list of decisions."""
        self._requested()
        action = self.env.ref("addon_ops_harmony.ops_approval_request_action_mine")
        self.assertEqual(action.context, '{"search_default_waiting_for_me": 1}')
        view = self.env.ref("addon_ops_harmony.ops_approval_request_view_list_mine")
        self.assertIn("create_date asc", view.arch)
        waiting = (
            self.env["ops.approval.request"].with_user(self.approver).search([("state", "=", "pending")], order="create_date asc")
        )
        self.assertEqual(len(waiting), 1, "an approver sees what is put before them, not every request")

    def test_09_the_request_offers_each_person_their_own_buttons(self):
        """The approver gets Approve/Reject but no Document (they may not read it) nor Withdraw; the seller the reverse."""
        _order, request = self._requested()
        response = json2_post(
            self,
            "ops.approval.request",
            "read",
            self.approver_key,
            ids=request.ids,
            fields=["can_decide", "can_withdraw", "can_open_document"],
        )
        self.assertEqual(
            response.json()[0], {"id": request.id, "can_decide": True, "can_withdraw": False, "can_open_document": False}
        )
        mine = request.with_user(self.seller)
        self.assertEqual((mine.can_decide, mine.can_withdraw, mine.can_open_document), (False, True, True))
        # what the buttons would do is refused on the server all the same
        withdraw = json2_post(self, "ops.approval.request", "action_cancel", self.approver_key, ids=request.ids)
        self.assertIn(withdraw.status_code, (403, 422))
        request.invalidate_recordset()
        self.assertEqual(request.state, "pending")

    def test_10_the_next_approver_sees_the_action_and_the_earlier_decisions(self):
        """Step two's approver reads "Confirm" (not a method name) and what step one decided, and why."""
        self.policy.action_archive_version()
        policy = self.env["ops.approval.policy"].create(
            {
                "name": "Two steps",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "domain": "[('order_line.discount', '>', 10)]",
                "default_tier": "medium",
                "step_ids": [
                    Command.create(
                        {
                            "name": "Team lead",
                            "sequence": 10,
                            "tier": "medium",
                            "approver_type": "user",
                            "user_ids": [Command.set(self.other_approver.ids)],
                        }
                    ),
                    Command.create(
                        {
                            "name": "Finance",
                            "sequence": 20,
                            "tier": "medium",
                            "approver_type": "user",
                            "user_ids": [Command.set(self.approver.ids)],
                        }
                    ),
                ],
            }
        )
        policy.action_publish()
        _order, request = self._requested()
        request.with_user(self.other_approver).action_approve("Customer is strategic")
        [group] = self.env["res.users"].with_user(self.approver)._get_activity_groups()
        [item] = group["ops_approvals"]
        self.assertEqual(item["decisions"], ["Oda Other approved (Team lead): Customer is strategic"])
        response = json2_post(
            self, "ops.approval.request", "read", self.approver_key, ids=request.ids, fields=["action_label", "earlier_decisions"]
        )
        self.assertEqual(response.json()[0]["action_label"], "Confirm")
        self.assertIn("Customer is strategic", response.json()[0]["earlier_decisions"])

    def test_11_what_the_approver_reads_they_cannot_write_or_forge(self):
        """Over JSON-2 the approver can neither rewrite a snapshot, nor list a button, nor mail themselves links."""
        _order, request = self._requested()
        before = request.snapshot
        write = json2_post(
            self,
            "ops.approval.request",
            "write",
            self.approver_key,
            ids=request.ids,
            vals={"snapshot": {"fields": [{"label": "Total", "value": "1.00"}]}},
        )
        self.assertEqual(write.status_code, 403)
        create = json2_post(
            self,
            "ops.approval.button",
            "create",
            self.approver_key,
            vals_list=[
                {"model_id": self.env["ir.model"]._get_id("sale.order"), "method_name": "action_cancel", "label": "Approve"}
            ],
        )
        self.assertEqual(create.status_code, 403)
        for method in ("_ops_notify_approvers", "_ops_link_token", "_ops_systray_group"):
            with self.subTest(method=method):
                response = json2_post(self, "ops.approval.request", method, self.approver_key, ids=request.ids)
                self.assertIn(response.status_code, (403, 404, 422))
        request.invalidate_recordset()
        self.assertEqual(request.snapshot, before)

    def test_12_only_ops_managers_try_policies_out(self):
        """Test this policy is an Ops Manager's tool: an approver cannot run it over JSON-2, even on a quote they approve."""
        order, _request = self._requested()
        response = json2_post(
            self,
            "ops.approval.policy.test",
            "create",
            self.approver_key,
            vals_list=[{"policy_id": self.policy.id, "res_id": order.id}],
        )
        self.assertEqual(response.status_code, 403)
        # the published policy is frozen for everyone; a draft is an Ops Manager's to edit
        frozen = json2_post(
            self,
            "ops.approval.policy",
            "write",
            self.approver_key,
            ids=self.policy.ids,
            vals={"button_id": False, "domain": "[]"},
        )
        self.assertEqual(frozen.status_code, 422)
        draft = self.policy.action_new_version()
        draft = self.env["ops.approval.policy"].browse(draft["res_id"]) if isinstance(draft, dict) else draft
        self.env.flush_all()
        write = json2_post(self, "ops.approval.policy", "write", self.approver_key, ids=draft.ids, vals={"domain": "[]"})
        self.assertEqual(write.status_code, 403)
        for policy in (self.policy, draft):
            policy.invalidate_recordset()
            self.assertEqual(policy.domain, "[('order_line.discount', '>', 10)]")
