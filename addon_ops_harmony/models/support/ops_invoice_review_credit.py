"""The credit note of an invoice review: proposed by support, approved by finance, then posted.

The agent (an Ops User) proposes the credit note: a draft, created here with sudo since support
has no accounting rights; a draft changes nothing in the books. Posting goes through the approval
engine, which guards `action_post` on credit notes even for superuser code: asking opens the
finance request as the agent, and the approval posts the credit note at once, through the guard
again, which checks the approval covers the credit note as approved.
"""

from markupsafe import Markup

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..approvals.ops_approval_guard import ApprovalRequired
from ..approvals.ops_approval_policy import TIER_RANK

AGENT_GROUP = "addon_ops_harmony.addon_ops_harmony_group_user"
NOTICE_TEMPLATE = "addon_ops_harmony.ops_mail_template_credit_note_posted"


class OpsInvoiceReviewCredit(models.Model):
    _inherit = "ops.invoice.review"

    def _ops_check_agent(self):
        if not self.env.user.has_group(AGENT_GROUP):
            raise AccessError(self.env._("Only an Ops User (support) can act on an invoice review."))

    def action_propose_credit_note(self):
        """Create the draft credit note of the chosen invoice, with the confirmed case summary."""
        self.ensure_one()
        self._ops_check_agent()
        if self.state != "open":
            raise UserError(self.env._("A credit note is already proposed, or the review is closed."))
        if not self.task_id.ops_summary_confirmed:
            raise UserError(self.env._("Confirm the case summary first: finance reads it with the credit note."))
        invoice = self.sudo().line_ids.filtered("chosen")[:1].move_id
        if not invoice:
            raise UserError(self.env._("Pick the invoice to credit among the customer's invoices."))
        if self.credit_amount < 0 or (self.credit_amount and self.credit_amount > invoice.amount_untaxed):
            raise UserError(self.env._("The amount to credit must be above zero and at most the invoice's untaxed amount."))
        reason = self.env._("Support case %(case)s", case=self.task_id.name)
        credit = invoice._reverse_moves([{"ref": reason, "invoice_date": fields.Date.context_today(self)}])
        if self.credit_amount:
            first = credit.invoice_line_ids.filtered(lambda line: line.display_type == "product")[:1]
            credit.write(
                {
                    "invoice_line_ids": [Command.clear()]
                    + [
                        Command.create(
                            {
                                "name": reason,
                                "quantity": 1,
                                "price_unit": self.credit_amount,
                                "account_id": first.account_id.id,
                                "tax_ids": [Command.set(first.tax_ids.ids)],
                            }
                        )
                    ]
                }
            )
        credit.message_post(body=Markup("<p>%s</p><pre>%s</pre>") % (reason, self.task_id.ops_case_summary or ""))
        self.sudo()._ops_internal().write({"credit_note_id": credit.id, "state": "proposed"})
        self.task_id.message_post(body=self.env._("Credit note proposed to finance for %(invoice)s.", invoice=invoice.name))
        return True

    def _ops_finance_must_approve(self, credit):
        """Return whether a published policy gives `credit` a tier above low (someone must approve it)."""
        policies = self.env["ops.approval.policy"]._ops_published("account.move", ["action_post"])
        return any(
            credit.filtered_domain(policy._ops_domain()) and TIER_RANK[policy._ops_tier_for(credit)] > TIER_RANK["low"]
            for policy in policies
        )

    def action_ask_finance(self):
        """Ask finance to approve the credit note; approved, it posts at once."""
        self.ensure_one()
        self._ops_check_agent()
        credit = self.sudo().credit_note_id
        if self.state != "proposed" or not credit or credit.state != "draft":
            raise UserError(self.env._("Propose a credit note first."))
        if not self._ops_finance_must_approve(credit):
            raise UserError(
                self.env._(
                    "No published approval policy makes finance approve this credit note: ask an Ops Manager to "
                    "publish 'Credit note posting' (Operations > Configuration > Approval policies)."
                )
            )
        try:
            # sudo: support cannot post; the guard on action_post runs for superuser code too and
            # lets it through only with finance's approval covering the credit note as it is
            credit.action_post()
        except ApprovalRequired as asked:
            return self.env["ops.approval.request"]._ops_requested_notification(str(asked))
        self._ops_credited()
        return True

    def action_close_without_credit(self):
        self.ensure_one()
        self._ops_check_agent()
        if self.state != "open":
            raise UserError(self.env._("Only a review still to review can be closed without credit."))
        self._ops_internal().write({"state": "no_credit"})
        self.task_id.message_post(body=self.env._("Invoice review closed without a credit note."))
        return True

    def _ops_credited(self):
        """The credit note is posted: close the review and tell the customer on the case."""
        for review in self.sudo():
            review._ops_internal().write({"state": "credited", "credit_posted_date": fields.Datetime.now()})
            task = review.task_id
            template = self.env.ref(NOTICE_TEMPLATE).sudo()
            body = template._render_field("body_html", review.ids, compute_lang=True)[review.id]
            task.message_post(
                body=body,
                partner_ids=review.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )


class AccountMove(models.Model):
    _inherit = "account.move"

    def _ops_approval_granted(self, approval):
        """A credit note of an invoice review posts as soon as finance approves it."""
        reviews = self.env["ops.invoice.review"].sudo().search([("credit_note_id", "in", self.ids), ("state", "=", "proposed")])
        for review in reviews:
            credit = review.credit_note_id
            try:
                with self.env.cr.savepoint():
                    credit.action_post()
            except UserError as error:
                review.sudo().message_post(
                    body=self.env._(
                        "%(approval)s is approved, but posting failed: %(error)s", approval=approval.name, error=str(error)
                    )
                )
                continue
            review._ops_credited()
