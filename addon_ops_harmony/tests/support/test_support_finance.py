from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OpsSupportCase


@tagged("post_install", "-at_install")
class TestSupportFinance(OpsSupportCase):
    """A billing case opens a review; the credit note waits for finance, then posts and the customer is told."""

    def _proposed(self, amount=0.0):
        case = self._case(f"<p>We were charged twice on {self.invoice.name}. Please refund €1,200.00.</p>")
        case.action_ops_confirm_summary()
        review = case.ops_invoice_review_ids.with_user(self.agent)
        if amount:
            review.credit_amount = amount
        review.action_propose_credit_note()
        return case, review

    def _ask(self, review):
        with self.enter_registry_test_mode():
            return review.action_ask_finance()

    def _approval(self, credit):
        return self.env["ops.approval.request"].sudo().search([("res_model", "=", "account.move"), ("res_id", "=", credit.id)])

    def test_01_a_billing_case_opens_a_review_of_the_customers_invoices(self):
        """The review lists both invoices and chooses the one the case mentions; the summary names it."""
        case = self._case(f"<p>We were charged twice on {self.invoice.name}. Please refund €1,200.00.</p>")
        review = case.ops_invoice_review_ids
        self.assertEqual(len(review), 1)
        self.assertEqual(set(review.line_ids.mapped("name")), {self.invoice.name, self.old_invoice.name})
        self.assertEqual(review.with_user(self.agent).invoice_ref, self.invoice.name)
        self.assertIn(self.invoice.name, case.ops_case_summary)
        self.assertIn("€1,200.00", case.ops_case_summary)
        self.assertIn("Hooli Support Customer", case.ops_case_summary)
        untagged = self._case("<p>How do I export my data?</p>", tagged=False, name="Export")
        self.assertFalse(untagged.ops_invoice_review_ids)

    def test_02_finance_approves_and_the_credit_note_posts(self):
        """Proposed as a draft reversal, asked of finance, approved: posted, credited, the customer told."""
        case, review = self._proposed()
        credit = review.sudo().credit_note_id
        self.assertEqual((credit.move_type, credit.state, credit.reversed_entry_id), ("out_refund", "draft", self.invoice))
        result = self._ask(review)
        self.assertEqual(result["tag"], "display_notification")
        approval = self._approval(credit)
        self.assertEqual((approval.state, approval.current_approver_ids), ("pending", self.finance))
        self.assertEqual(approval.requested_by_id, self.agent)
        with self.enter_registry_test_mode():
            approval.with_user(self.finance).action_approve(rationale="Duplicate charge confirmed")
        self.assertEqual((credit.state, review.state), ("posted", "credited"))
        told = case.message_ids.filtered(lambda message: self.customer in message.partner_ids)
        self.assertTrue(told)
        self.assertIn(credit.name, told[0].body)

    def test_03_a_partial_credit_is_one_line_of_that_amount(self):
        """Crediting 300 of 1,200 makes a one-line credit note of 300 untaxed."""
        _case, review = self._proposed(amount=300)
        credit = review.sudo().credit_note_id
        self.assertEqual(len(credit.invoice_line_ids), 1)
        self.assertEqual(credit.amount_untaxed, 300)

    def test_04_the_summary_must_be_confirmed_and_the_policy_published(self):
        """No proposal before the agent confirms the summary; no asking when no policy makes finance approve."""
        case = self._case(f"<p>Wrong VAT on {self.invoice.name}.</p>")
        review = case.ops_invoice_review_ids.with_user(self.agent)
        with self.assertRaisesRegex(UserError, "Confirm the case summary"):
            review.action_propose_credit_note()
        case.action_ops_confirm_summary()
        review.action_propose_credit_note()
        self.env.ref("addon_ops_harmony.ops_policy_credit_note").sudo().action_archive_version()
        with self.assertRaisesRegex(UserError, "No published approval policy"):
            review.action_ask_finance()
        self.assertEqual(review.sudo().credit_note_id.state, "draft")

    def test_05_every_other_road_to_posting_is_closed(self):
        """The agent cannot post nor write the review's state; the accountant's own Post asks finance too."""
        _case, review = self._proposed()
        credit = review.sudo().credit_note_id
        with self.enter_registry_test_mode(), self.assertRaises(AccessError):
            credit.with_user(self.agent).action_post()
        with self.assertRaises(AccessError):
            review.write({"state": "credited"})
        with self.assertRaises(AccessError):
            self.env["ops.invoice.review"].with_user(self.agent).create({"task_id": review.task_id.id})
        with self.enter_registry_test_mode(), self.assertRaisesRegex(UserError, "Approval required"):
            credit.with_user(self.accountant).action_post()
        self.assertEqual(credit.state, "draft")

    def test_06_a_credit_note_changed_before_approval_is_not_posted(self):
        """The accountant raises the credit while finance decides: the approval does not cover it, nothing posts."""
        _case, review = self._proposed()
        credit = review.sudo().credit_note_id
        self._ask(review)
        line = credit.invoice_line_ids[:1]
        credit.with_user(self.accountant).write({"invoice_line_ids": [(1, line.id, {"price_unit": 5000})]})
        approval = self._approval(credit)
        with self.enter_registry_test_mode():
            approval.with_user(self.finance).action_approve(rationale="ok")
        self.assertEqual(credit.state, "draft")
        self.assertEqual(review.state, "proposed")
