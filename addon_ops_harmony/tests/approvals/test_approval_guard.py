from contextlib import closing
from unittest.mock import patch

from psycopg2 import errors as pg_errors

from odoo import sql_db
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from ..common import OpsApprovalCase, archive_published, attempt
from ..common import INTEGRATION_GROUP


class OpsTwoPoliciesCase(OpsApprovalCase):
    """The amount policy of OpsApprovalCase, plus a discount policy whose only tier is low."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        archive_published(cls.env, "sale.order", keep=cls.policy)
        cls.discount_policy = cls.env["ops.approval.policy"].create(
            {
                "name": "Any discount",
                "model_id": cls.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "domain": "[('order_line.discount', '>', 0)]",
                "default_tier": "low",
            }
        )
        cls.discount_policy.action_publish()

    def _quote(self, amount, user=None, discount=0.0):
        order = super()._quote(amount, user)
        if discount:
            order.order_line.discount = discount
        return order

    def _attempt(self, action):
        return attempt(self, action)

    def _entries(self, order, event):
        return (
            self.env["ops.audit.log"]
            .sudo()
            .search([("res_model", "=", "sale.order"), ("res_id", "=", order.id), ("event", "=", event)])
        )


@tagged("post_install", "-at_install")
class TestApprovalGuardLockUp(OpsTwoPoliciesCase):
    """A click one policy auto-approves and another stops opens its request without waiting on itself."""

    def _probe_head(self):
        """Try to take the audit chain head from a real second connection, as the side transaction would."""
        with closing(sql_db.db_connect(self.env.cr.dbname).cursor()) as probe:
            try:
                probe.execute("SELECT 1 FROM ops_audit_log_head WHERE id = 1 FOR UPDATE NOWAIT")
                return None
            except pg_errors.LockNotAvailable as error:
                return str(error)
            finally:
                probe.rollback()

    def test_01_low_and_medium_on_one_click_open_one_request(self):
        """The caller holds no audit lock when the request opens; one request, its entry, a valid chain."""
        order = self._quote(2000, discount=3)
        Request = type(self.env["ops.approval.request"])
        original = Request._ops_open_or_join
        probes = []

        def open_or_join(request_model, *args, **kwargs):
            probes.append(self._probe_head())
            return original(request_model, *args, **kwargs)

        with patch.object(Request, "_ops_open_or_join", open_or_join):
            message = self._confirm(order)
        request = self._request(order)
        self.assertEqual(probes, [None], "the click held the audit head the side transaction needs")
        self.assertEqual(message, f"Approval required: request {request.name} sent to Ada Approver.")
        self.assertEqual(order.state, "draft")
        requests = self.env["ops.approval.request"].sudo().search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
        self.assertEqual((len(requests), requests.state, requests.policy_id), (1, "pending", self.policy))
        self.assertEqual(len(self._log("request", requests)), 1)
        self.assertFalse(self._entries(order, "auto_approve"), "an action that did not run is not auto-approved")
        result = self.env["ops.audit.log"].ops_verify_chain()
        self.assertTrue(result["ok"], result["message"])

    def test_02_once_approved_both_policies_are_logged_with_the_action(self):
        """After approval the click runs: one pass and one auto-approval, in the action's transaction."""
        order = self._quote(2000, discount=3)
        self._confirm(order)
        request = self._request(order)
        request.with_user(self.approver).action_approve()
        self.assertIsNone(self._confirm(order))
        self.assertEqual(order.state, "sale")
        self.assertTrue(request.consumed)
        self.assertEqual(len(self._log("pass", request)), 1)
        self.assertEqual(self._entries(order, "auto_approve").policy_id, self.discount_policy)
        result = self.env["ops.audit.log"].ops_verify_chain()
        self.assertTrue(result["ok"], result["message"])


@tagged("post_install", "-at_install")
class TestApprovalGuardRoads(OpsTwoPoliciesCase):
    """The approval holds for the state itself: a direct write, a create, superuser code."""

    def test_01_writing_the_state_directly_opens_a_request(self):
        """`write({'state': 'sale'})` by the requester is stopped like the button, with a request."""
        order = self._quote(20000)
        message = self._attempt(lambda: order.with_user(self.requester).write({"state": "sale"}))
        request = self._request(order)
        self.assertTrue(request, "the write opened a request")
        self.assertEqual(message, f"Approval required: request {request.name} sent to Ada Approver.")
        self.assertEqual((request.method_name, request.risk_tier), ("action_confirm", "high"))
        # the error rolls the write back (the test does not roll back: test_approval_guard_json2 sees it)

    def test_02_creating_an_order_already_confirmed_is_refused(self):
        """A create that lands in the guarded state is refused: there is nothing to approve yet."""
        with self.assertRaisesRegex(UserError, "cannot be created already past approval"):
            self.env["sale.order"].with_user(self.requester).create(
                {
                    "partner_id": self.customer.id,
                    "state": "sale",
                    "order_line": [Command.create({"product_id": self.product.id, "price_unit": 5000})],
                }
            )

    def test_03_superuser_is_guarded_too(self):
        """Code running as superuser confirms nothing a policy stops."""
        order = self._quote(2000)
        message = self._attempt(lambda: order.with_user(self.requester).sudo().action_confirm())
        self.assertIn("Approval required", message or "")
        self.assertEqual(order.state, "draft")
        self.assertEqual(self._request(order).requested_by_id, self.requester)

    def test_04_an_approval_holds_whatever_the_road(self):
        """Once approved, a direct write confirms and uses the approval up; the next one needs a new approval."""
        order = self._quote(2000)
        self._confirm(order)
        request = self._request(order)
        request.with_user(self.approver).action_approve()
        self.assertIsNone(self._attempt(lambda: order.with_user(self.requester).write({"state": "sale"})))
        self.assertEqual(order.state, "sale")
        self.assertTrue(request.consumed)
        self.assertTrue(self._log("pass", request))
        order.with_user(self.requester).action_cancel()
        order.with_user(self.requester).action_draft()
        self.assertIn("Approval required", self._attempt(lambda: order.with_user(self.requester).write({"state": "sale"})))

    def test_05_unguarded_records_and_fields_write_freely(self):
        """Orders no policy applies to, and writes that leave the state alone, are not stopped."""
        free = self._quote(0)
        self.assertIsNone(self._attempt(lambda: free.with_user(self.requester).write({"state": "sale"})))
        guarded = self._quote(20000)
        guarded.with_user(self.requester).write({"client_order_ref": "PO-1"})
        self.assertFalse(self._request(guarded))


@tagged("post_install", "-at_install")
class TestApprovalGuardSync(OpsTwoPoliciesCase):
    """The sync gateway ingests as superuser: its orders wait for approval, unless a policy exempts the source."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bridge = new_test_user(cls.env, "t_apr_bridge", groups=INTEGRATION_GROUP, name="Bridge Bot")
        cls.product.default_code = "APR-WIDGET"

    def _ingest(self, external_id, state="sale", price=20000):
        gateway = self.env["ops.sync.gateway"].with_user(self.bridge)
        customer = {"external_id": f"c-{external_id}", "values": {"name": "Shop Buyer", "email": "buyer@example.com"}}
        gateway.ingest("woocommerce", "customers", [customer])
        order = {
            "external_id": external_id,
            "values": {
                "customer_external_id": f"c-{external_id}",
                "date_order": "2025-04-02T09:30:00Z",
                "state": state,
                "lines": [{"sku": "APR-WIDGET", "name": "Widget", "quantity": 1, "price_unit": price}],
            },
        }
        [result] = gateway.ingest("woocommerce", "orders", [order])["results"]
        return result, self.env["sale.order"].browse(result["res_id"])

    def test_01_a_large_shop_order_is_kept_as_a_quotation_with_a_request(self):
        """A WooCommerce order above the threshold is created, not confirmed, and its request and entry exist."""
        result, order = self._ingest("wc-1")
        request = self._request(order)
        self.assertEqual((result["status"], order.state), ("created", "draft"))
        self.assertIn(f"request {request.name}", result["reason"])
        self.assertIn("kept as a quotation", result["reason"])
        self.assertEqual((request.state, request.requested_by_id), ("pending", self.bridge))
        self.assertTrue(self._log("request", request))

    def test_02_a_small_shop_order_is_confirmed_and_logged(self):
        """A low-tier shop order is confirmed, and its auto-approval is in the log."""
        result, order = self._ingest("wc-2", price=500)
        self.assertEqual((result["status"], order.state), ("created", "sale"))
        self.assertEqual(self._entries(order, "auto_approve").policy_id, self.policy)

    def test_03_only_a_source_the_policy_names_is_exempt(self):
        """A policy exempting woocommerce lets its orders through, logged; another source is not exempt."""
        self.policy.write({"exempt_sources": "csv, woocommerce"})
        version = self.env["ops.approval.policy"].search([("family_id", "=", self.policy.id), ("state", "=", "draft")])
        version.action_publish()
        result, order = self._ingest("wc-3")
        self.assertEqual(order.state, "sale", result["reason"])
        entry = self._entries(order, "auto_approve").filtered(lambda e: e.policy_id == version)
        self.assertIn("woocommerce is exempt", entry.rationale)
        quote = self._quote(20000)
        self.assertIn("Approval required", self._confirm(quote))
