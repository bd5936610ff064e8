from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from ..common import OPS_USER_GROUP, OpsSalesAccountingCase, sync_guards

APPROVER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_approver"


@tagged("post_install", "-at_install")
class TestRenewal(OpsSalesAccountingCase):
    """Renewal quotes open before the term ends, with their risk; non-standard terms need approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(cls.env, "t_ren_seller", groups=OPS_USER_GROUP, name="Sally Seller")
        cls.approver = new_test_user(cls.env, "t_ren_approver", groups=APPROVER_GROUP, name="Ari Approver")
        cls.customer = cls.env["res.partner"].create({"name": "Renewing Customer", "email": "it@renewing.example"})
        cls.policy = cls.env.ref("addon_ops_harmony.ops_policy_renewal_terms").sudo()
        if cls.policy.state == "draft":  # published at install; an updated database publishes it by hand
            cls.policy.action_publish()

    def setUp(self):
        super().setUp()
        sync_guards(self.env)

    def _subscription(self, discount=0.0, days_left=20):
        order = (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": self.customer.id,
                    "user_id": self.seller.id,
                    "ops_term_end": fields.Date.today() + timedelta(days=days_left),
                    "order_line": [
                        Command.create(
                            {
                                "product_id": self.product_a.id,
                                "product_uom_qty": 10,
                                "price_unit": self.product_a.lst_price,
                                "discount": discount,
                            }
                        )
                    ],
                }
            )
        )
        order.action_confirm()
        return order

    def test_01_the_scheduled_action_opens_the_renewal_once_within_the_notice(self):
        """20 days left opens a renewal for the next 12 months, once; 90 days left opens none yet."""
        near = self._subscription()
        far = self._subscription(days_left=90)
        renewals = self.env["sale.order"]._cron_open_renewals()
        self.assertEqual(renewals.ops_renewal_of_id, near)
        renewal = near.ops_renewal_ids
        self.assertEqual((renewal.state, renewal.origin), ("draft", near.name))
        self.assertEqual(renewal.ops_term_end, near.ops_term_end + relativedelta(months=12))
        self.assertFalse(far.ops_renewal_ids)
        self.assertFalse(self.env["sale.order"]._cron_open_renewals(), "never twice")
        told = renewal.message_ids.filtered(lambda message: self.customer in message.partner_ids)
        self.assertIn(renewal.name, told.body)
        self.assertTrue(renewal.activity_ids.filtered(lambda activity: activity.user_id == self.seller))

    def test_02_risk_is_scored_with_its_reasons(self):
        """An overdue invoice and a customer with no engagement score medium, each reason written out."""
        order = self._subscription()
        invoice = self.init_invoice("out_invoice", self.customer, fields.Date.today() - timedelta(days=60), amounts=[500])
        invoice.write({"invoice_payment_term_id": False, "invoice_date_due": fields.Date.today() - timedelta(days=30)})
        invoice.action_post()
        renewal = order._ops_open_renewal()
        self.assertEqual(renewal.ops_renewal_risk, 25)
        self.assertEqual(renewal.ops_renewal_risk_band, "low")
        self.assertIn("1 overdue invoice(s)", renewal.ops_renewal_risk_note)
        self.assertIn("no touchpoint", renewal.ops_renewal_risk_note)
        self.assertIn("Renewing Customer", renewal.ops_account_summary)

    def test_03_standard_terms_confirm_and_a_discount_needs_approval(self):
        """A renewal at list price confirms at once; one carrying a 15 % discount waits for an Ops Approver."""
        standard = self._subscription()._ops_open_renewal()
        self.assertFalse(standard.ops_renewal_nonstandard)
        standard.with_user(self.seller).action_confirm()
        self.assertEqual(standard.state, "sale")

        discounted = self._subscription(discount=15)._ops_open_renewal()
        self.assertTrue(discounted.ops_renewal_nonstandard)
        self.assertIn("15.0 % discount", discounted.ops_renewal_deviations)
        with self.enter_registry_test_mode(), self.assertRaisesRegex(UserError, "Approval required"):
            discounted.with_user(self.seller).action_confirm()
        self.assertEqual(discounted.state, "draft")
        approval = (
            self.env["ops.approval.request"].sudo().search([("res_model", "=", "sale.order"), ("res_id", "=", discounted.id)])
        )
        self.assertIn(self.approver, approval.current_approver_ids)

    def test_04_the_renewal_link_cannot_be_cut_to_dodge_the_policy(self):
        """Clearing or forging the renewal link, or writing the risk, is refused."""
        renewal = self._subscription(discount=15)._ops_open_renewal()
        with self.assertRaises(AccessError):
            renewal.with_user(self.seller).write({"ops_renewal_of_id": False})
        with self.assertRaises(AccessError):
            renewal.with_user(self.seller).write({"ops_renewal_risk": 0})
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.seller).create(
                {"partner_id": self.customer.id, "ops_renewal_of_id": renewal.id}
            )
        self.assertEqual(renewal.ops_renewal_of_id.ops_renewal_ids, renewal)
