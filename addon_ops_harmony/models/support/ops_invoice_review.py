"""The invoice review a billing support case opens: the customer's invoices and a credit note to propose.

The review lists the customer's posted invoices of the last REVIEW_DAYS days, the one the case
mentions first. The agent proposes a credit note: a draft reversing the chosen invoice (in full,
or one line for a part of it), carrying the confirmed case summary. Finance approves it through
the approval engine (the shipped "Credit note posting" policy guards `action_post` on credit
notes); the approval posts it at once and the customer is told on the case, from a mail template.

Without a published policy that gives such a credit note a tier above low, the review does not
post: the control fails closed. Only the review's own code writes its state and credit note.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .ops_support_text import references

REVIEW_DAYS = 365
STATES = [
    ("open", "To review"),
    ("proposed", "Credit note proposed"),
    ("credited", "Credited"),
    ("no_credit", "Closed without credit"),
]
SERVER_FIELDS = {"state", "credit_note_id", "task_id", "partner_id", "line_ids", "invoice_id", "credit_posted_date"}
INVOICE_GROUP = "account.group_account_invoice"
_INTERNAL = object()


class OpsInvoiceReview(models.Model):
    _name = "ops.invoice.review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Invoice review of a support case"
    _order = "id desc"

    name = fields.Char(compute="_compute_name", store=True)
    task_id = fields.Many2one("project.task", "Support case", required=True, readonly=True, ondelete="cascade", index=True)
    partner_id = fields.Many2one("res.partner", "Customer", required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)
    line_ids = fields.One2many("ops.invoice.review.line", "review_id", "Customer invoices", readonly=True)
    invoice_id = fields.Many2one("account.move", "Invoice record", readonly=True, groups=INVOICE_GROUP)
    invoice_ref = fields.Char("Invoice to credit", compute="_compute_invoice_ref")
    credit_amount = fields.Monetary(
        "Amount to credit (untaxed)",
        currency_field="currency_id",
        help="Empty: the whole invoice. Otherwise one line of this untaxed amount, taxed like the invoice's first line.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_invoice_ref")
    summary = fields.Text("Case summary", related="task_id.ops_case_summary", readonly=True)
    credit_note_id = fields.Many2one("account.move", "Credit note record", readonly=True, copy=False, groups=INVOICE_GROUP)
    credit_note_ref = fields.Char("Credit note", compute="_compute_credit_note")
    credit_note_total = fields.Monetary("Credit note total", compute="_compute_credit_note", currency_field="currency_id")
    credit_approval = fields.Char("Finance approval", compute="_compute_credit_note")
    credit_posted_date = fields.Datetime(readonly=True)
    state = fields.Selection(STATES, default="open", required=True, readonly=True, tracking=True, index=True)

    @api.depends("line_ids.chosen")
    def _compute_invoice_ref(self):
        for review in self:
            chosen = review.line_ids.filtered("chosen")[:1]
            review.invoice_ref = chosen.name or False
            review.currency_id = chosen.currency_id or review.company_id.currency_id

    @api.depends_context("uid")
    def _compute_credit_note(self):
        # support reads the credit note's number, total and approval without accounting rights
        for review in self:
            credit = review.sudo().credit_note_id
            review.credit_note_ref = credit.name or False
            review.credit_note_total = credit.amount_total
            review.credit_approval = credit.ops_approval_summary or False

    @api.depends("task_id.name")
    def _compute_name(self):
        for review in self:
            review.name = self.env._("Invoice review: %(case)s", case=review.task_id.name or "")

    # ------------------------------------------------------------
    # The server's fields are the server's
    # ------------------------------------------------------------

    def _ops_internal(self):
        return self.with_context(ops_invoice_review_internal=_INTERNAL)

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("ops_invoice_review_internal") is not _INTERNAL:
            raise AccessError(self.env._("An invoice review is opened by tagging a support case Billing."))
        return super().create(vals_list)

    def write(self, vals):
        internal = self.env.context.get("ops_invoice_review_internal") is _INTERNAL
        if not internal:
            forced = sorted(SERVER_FIELDS & set(vals))
            if forced:
                raise AccessError(self.env._("These fields are set by Odoo, not by you: %s.", ", ".join(forced)))
            if self.filtered(lambda review: review.state != "open"):
                raise UserError(self.env._("Only a review still to review can change; this one is %s.", self[:1].state))
        return super().write(vals)

    @api.model
    def _ops_open_for(self, task):
        """Open the review of `task`: its customer's recent posted invoices, the mentioned one chosen."""
        partner = task.partner_id.commercial_partner_id
        since = fields.Date.context_today(self) - timedelta(days=REVIEW_DAYS)
        invoices = self.env["account.move"].search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("commercial_partner_id", "=", partner.id),
                ("invoice_date", ">=", since),
                ("company_id", "=", task.company_id.id or self.env.company.id),
            ],
            order="invoice_date desc, id desc",
        )
        mentioned = references(task._ops_case_text())["invoices"]
        chosen = invoices.filtered(lambda invoice: invoice.name.upper() in mentioned)[:1] or invoices[:1]
        review = (
            self._ops_internal()
            .create(
                {
                    "task_id": task.id,
                    "partner_id": partner.id,
                    "company_id": task.company_id.id or self.env.company.id,
                    "invoice_id": chosen.id,
                    "line_ids": [
                        Command.create(
                            {
                                "move_id": invoice.id,
                                "name": invoice.name,
                                "invoice_date": invoice.invoice_date,
                                "amount_untaxed": invoice.amount_untaxed,
                                "amount_total": invoice.amount_total,
                                "amount_residual": invoice.amount_residual,
                                "currency_id": invoice.currency_id.id,
                                "mentioned": invoice.name.upper() in mentioned,
                                "chosen": invoice == chosen,
                            }
                        )
                        for invoice in invoices
                    ],
                }
            )
            .with_env(self.env)
        )
        task.message_post(
            body=self.env._(
                "Billing case: invoice review opened with %(count)s invoices of %(customer)s.",
                count=len(invoices),
                customer=partner.display_name,
            )
        )
        return review


class OpsInvoiceReviewLine(models.Model):
    _name = "ops.invoice.review.line"
    _description = "Invoice of an invoice review"
    _order = "invoice_date desc, id desc"

    review_id = fields.Many2one("ops.invoice.review", required=True, ondelete="cascade", index=True)
    move_id = fields.Many2one("account.move", "Invoice", readonly=True, groups=INVOICE_GROUP)
    name = fields.Char("Number", readonly=True)
    invoice_date = fields.Date(readonly=True)
    amount_untaxed = fields.Monetary("Untaxed", readonly=True)
    amount_total = fields.Monetary("Total", readonly=True)
    amount_residual = fields.Monetary("Still due", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    mentioned = fields.Boolean("Mentioned in the case", readonly=True)
    chosen = fields.Boolean("To credit", readonly=True)

    def write(self, vals):
        if self.env.context.get("ops_invoice_review_internal") is not _INTERNAL:
            raise AccessError(self.env._("Pick the invoice to credit with its button."))
        return super().write(vals)

    def action_choose(self):
        """Credit this invoice: the review's chosen invoice becomes this one."""
        self.ensure_one()
        review = self.review_id
        review._ops_check_agent()
        if review.state != "open":
            raise UserError(self.env._("The review is no longer open."))
        review.line_ids.with_context(ops_invoice_review_internal=_INTERNAL).write({"chosen": False})
        self.with_context(ops_invoice_review_internal=_INTERNAL).write({"chosen": True})
        review._ops_internal().sudo().write({"invoice_id": self.sudo().move_id.id})
        return True
