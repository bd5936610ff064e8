from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..common import OPS_USER_GROUP
from .common import FINANCE_GROUP, PROJECT_USER


@tagged("post_install", "-at_install")
class TestSupportTour(AccountTestInvoicingCommon, HttpCase):
    """From the Billing tag to the posted credit note, in Chromium, as the agent then as finance."""

    def test_01_tag_review_propose_approve(self):
        env = self.env
        agent = new_test_user(env, "t_sut_agent", groups=f"{OPS_USER_GROUP},{PROJECT_USER}", name="Sam Support", tz="UTC")
        finance = new_test_user(env, "t_sut_finance", groups=FINANCE_GROUP, name="Fran Finance", tz="UTC")
        customer = env["res.partner"].create({"name": "Hooli Support Customer", "email": "ap@hooli.example"})
        invoice = self.init_invoice("out_invoice", customer, "2026-11-01", post=True, amounts=[1200])
        env.ref("addon_ops_harmony.ops_policy_credit_note").sudo().action_publish()
        case = (
            env["project.task"]
            .sudo()
            .create(
                {
                    "name": "Charged twice",
                    "project_id": env.ref("addon_ops_harmony.ops_support_project").id,
                    "partner_id": customer.id,
                    "description": f"<p>We were charged twice on {invoice.name}.</p>",
                }
            )
        )
        self.start_tour(
            f"/odoo/action-addon_ops_harmony.ops_support_case_action/{case.id}",
            "addon_ops_harmony_support_billing",
            login=agent.login,
        )
        review = case.ops_invoice_review_ids.sudo()
        self.assertEqual((review.state, review.credit_note_id.state), ("proposed", "draft"))
        self.assertEqual(review.credit_note_id.reversed_entry_id, invoice)

        self.assertFalse(finance.has_group("account.group_account_invoice"))
        self.start_tour("/odoo", "addon_ops_harmony_support_finance_approve", login=finance.login)
        review.invalidate_recordset()
        self.assertEqual((review.state, review.credit_note_id.state), ("credited", "posted"))
        self.assertIn(review.credit_note_id.name, case.message_ids[0].body)
