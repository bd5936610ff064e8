"""Support cases are tasks of a support project (Odoo Community has no helpdesk).

A project marked "Support project" holds the cases. A case tagged Billing, with a customer, opens
an invoice review at once (`ops_invoice_review.py`), as the agent who tagged it: nothing waits for
someone to remember. The case summary (`ops_support_text.py`) is proposed from the case's words and
confirmed by the agent; the review and finance read the confirmed one.
"""

from markupsafe import Markup

from odoo import api, fields, models

from .ops_support_text import first_sentence, plain, references

BILLING_TAG = "addon_ops_harmony.ops_support_tag_billing"


class ProjectProject(models.Model):
    _inherit = "project.project"

    ops_is_support = fields.Boolean(
        "Support project", help="Its tasks are support cases: a case tagged Billing opens an invoice review."
    )


class ProjectTask(models.Model):
    _inherit = "project.task"

    ops_is_support = fields.Boolean(related="project_id.ops_is_support", store=True, string="Support case")
    ops_case_summary = fields.Text(
        "Case summary", tracking=True, help="Proposed from the case's words; the agent confirms or rewrites it."
    )
    ops_summary_confirmed = fields.Boolean("Summary confirmed", tracking=True)
    ops_root_cause_id = fields.Many2one("ops.support.root.cause", "Root cause", index=True, tracking=True)
    ops_invoice_review_ids = fields.One2many("ops.invoice.review", "task_id", "Invoice reviews")
    ops_invoice_review_count = fields.Integer(compute="_compute_ops_invoice_review_count")

    @api.depends("ops_invoice_review_ids")
    def _compute_ops_invoice_review_count(self):
        for task in self:
            task.ops_invoice_review_count = len(task.ops_invoice_review_ids)

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        tasks._ops_support_follow_up()
        return tasks

    def write(self, vals):
        result = super().write(vals)
        if {"tag_ids", "partner_id", "project_id", "description"} & set(vals):
            self._ops_support_follow_up()
        return result

    def _ops_support_follow_up(self):
        billing = self.env.ref(BILLING_TAG, raise_if_not_found=False)
        for task in self.filtered("ops_is_support"):
            if not task.ops_summary_confirmed:
                summary = task._ops_propose_summary()
                if summary != task.ops_case_summary:
                    super(ProjectTask, task).write({"ops_case_summary": summary})
            if billing and billing in task.tag_ids and task.partner_id and not task.ops_invoice_review_ids:
                # sudo: the review is opened for whoever may tag this case; it only lists invoices
                # to finance and the agent, and proposes drafts; posting needs finance's approval
                self.env["ops.invoice.review"].sudo()._ops_open_for(task)

    def _ops_case_text(self):
        self.ensure_one()
        return " ".join(filter(None, [self.name, plain(self.description)]))

    def _ops_propose_summary(self):
        """The extractive summary: customer, problem, references, and the customer's last message."""
        self.ensure_one()
        text = self._ops_case_text()
        found = references(text)
        lines = [
            self.env._("Customer: %(name)s.", name=self.partner_id.commercial_partner_id.display_name or "-"),
            self.env._("Problem: %(text)s", text=first_sentence(plain(self.description)) or self.name),
        ]
        if found["invoices"] or found["orders"]:
            lines.append(self.env._("Mentions: %(refs)s.", refs=", ".join(found["invoices"] + found["orders"])))
        if found["amounts"]:
            lines.append(self.env._("Amounts: %(amounts)s.", amounts=", ".join(found["amounts"])))
        last = self.message_ids.filtered(
            lambda message: message.message_type in ("email", "comment")
            and message.author_id
            and message.author_id.commercial_partner_id == self.partner_id.commercial_partner_id
        )[:1]
        if last:
            lines.append(
                self.env._(
                    "Customer's last message (%(date)s): %(text)s",
                    date=fields.Date.to_string(last.date.date()),
                    text=first_sentence(plain(last.body)),
                )
            )
        return "\n".join(lines)

    def action_ops_confirm_summary(self):
        for task in self:
            task.write({"ops_summary_confirmed": True})
            task.message_post(body=Markup("%s") % self.env._("Case summary confirmed by %s.", self.env.user.name))
        return True

    def action_ops_open_invoice_reviews(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ops.invoice.review",
            "domain": [("task_id", "=", self.id)],
            "views": [(False, "list"), (False, "form")],
            "name": self.env._("Invoice reviews"),
        }
