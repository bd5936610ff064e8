from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from ..common import archive_published, attempt

BILLING = "account.group_account_invoice"
FINANCE = "addon_ops_harmony.addon_ops_harmony_group_finance"


@tagged("post_install", "-at_install")
class TestApprovalGuardPosting(AccountTestInvoicingCommon):
    """A policy on Journal Entry / action_post guards posting itself: the list's Confirm Entries and
    the reversal wizard post through `_post` and are stopped like the button."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(cls.env, "t_apr_clerk", groups=BILLING, name="Cleo Clerk", company_id=cls.env.company.id)
        cls.finance = new_test_user(
            cls.env, "t_apr_finance", groups=f"{BILLING},{FINANCE}", name="Fin Approver", company_id=cls.env.company.id
        )
        archive_published(cls.env, "account.move")
        cls.policy = (
            cls.env["ops.approval.policy"]
            .sudo()
            .create(
                {
                    "name": "Credit notes",
                    "model_id": cls.env["ir.model"]._get_id("account.move"),
                    "method_name": "action_post",
                    "domain": "[('move_type', '=', 'out_refund')]",
                    "default_tier": "medium",
                    "step_ids": [
                        Command.create(
                            {
                                "name": "Finance",
                                "tier": "medium",
                                "approver_type": "user",
                                "user_ids": [Command.set(cls.finance.ids)],
                            }
                        )
                    ],
                }
            )
        )
        cls.policy.action_publish()

    def _attempt(self, action):
        return attempt(self, action)

    def _requests(self, move):
        return self.env["ops.approval.request"].sudo().search([("res_model", "=", "account.move"), ("res_id", "=", move.id)])

    def test_01_confirm_entries_from_the_list_is_stopped(self):
        """The validate-move wizard (list > Confirm Entries) cannot post a credit note without approval."""
        refund = self._create_invoice(move_type="out_refund")
        wizard = (
            self.env["validate.account.move"]
            .with_user(self.clerk)
            .with_context(active_model="account.move", active_ids=refund.ids)
            .create({})
        )
        message = self._attempt(wizard.validate_move)
        request = self._requests(refund)
        self.assertEqual(message, f"Approval required: request {request.name} sent to Fin Approver.")
        self.assertEqual((request.method_name, request.requested_by_id), ("action_post", self.clerk))

    def test_02_the_reversal_wizard_cannot_post_a_credit_note(self):
        """Reversing an invoice with "reverse and create a new draft" posts the credit note: stopped too."""
        invoice = self._create_invoice(post=True)
        wizard = (
            self.env["account.move.reversal"]
            .with_user(self.clerk)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        message = self._attempt(wizard.modify_moves)
        # live, the credit note this click created is not visible to the request's own transaction,
        # so the message asks to reverse as a draft first; here both share one connection
        self.assertRegex(message or "", r"^Approval required")
        credit_note = self.env["account.move"].search([("reversed_entry_id", "=", invoice.id)])
        self.assertEqual(credit_note.move_type, "out_refund")

    def test_02b_a_reversal_kept_as_draft_asks_when_posted(self):
        """The plain Reverse makes a draft credit note; posting it opens the request."""
        invoice = self._create_invoice(post=True)
        wizard = (
            self.env["account.move.reversal"]
            .with_user(self.clerk)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"journal_id": invoice.journal_id.id})
        )
        wizard.refund_moves()
        credit_note = self.env["account.move"].search([("reversed_entry_id", "=", invoice.id)])
        self.assertEqual(credit_note.state, "draft")
        message = self._attempt(credit_note.with_user(self.clerk).action_post)
        request = self._requests(credit_note)
        self.assertEqual(message, f"Approval required: request {request.name} sent to Fin Approver.")

    def test_03_once_approved_confirm_entries_posts_it(self):
        """After finance approves, Confirm Entries posts the credit note and uses the approval up."""
        refund = self._create_invoice(move_type="out_refund")
        self._attempt(refund.with_user(self.clerk).action_post)
        request = self._requests(refund)
        request.with_user(self.finance).action_approve()
        wizard = (
            self.env["validate.account.move"]
            .with_user(self.clerk)
            .with_context(active_model="account.move", active_ids=refund.ids)
            .create({})
        )
        self.assertIsNone(self._attempt(wizard.validate_move))
        refund.invalidate_recordset()
        self.assertEqual(refund.state, "posted")
        self.assertTrue(request.consumed)
