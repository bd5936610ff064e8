"""Onboarding: an employee with a start date gets a checklist across departments, and access on approval.

Setting a contract start date on an employee with a role opens their onboarding at once: one
checklist item per line of the role (accounts, equipment, documents, tasks), each an activity for
its department's responsible person, due relative to the start date; and one access request for the
role's groups, which an Ops Manager approves before anything is granted (`ops_access_request.py`).
Documents are uploaded on the onboarding and classified (`ops_onboarding_document.py`); the
checklist shows which required documents are still missing.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from .ops_onboarding_role import DOCUMENT_TYPES, ITEM_KINDS

STATES = [("running", "Running"), ("done", "Done"), ("cancelled", "Cancelled")]


class HrEmployee(models.Model):
    _inherit = "hr.employee"

    ops_onboarding_role_id = fields.Many2one("ops.onboarding.role", "Onboarding role", groups="hr.group_hr_user")
    ops_onboarding_ids = fields.One2many("ops.onboarding", "employee_id", "Onboarding", groups="hr.group_hr_user")

    @api.model_create_multi
    def create(self, vals_list):
        employees = super().create(vals_list)
        employees._ops_start_onboarding()
        return employees

    def write(self, vals):
        result = super().write(vals)
        if {"contract_date_start", "ops_onboarding_role_id", "user_id"} & set(vals):
            self._ops_start_onboarding()
        return result

    def action_ops_open_onboarding(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ops.onboarding",
            "res_id": self.ops_onboarding_ids[:1].id,
            "views": [(False, "form")],
        }

    def _ops_start_onboarding(self):
        # sudo: whoever may set an employee's start date and role starts their onboarding; it grants nothing
        for employee in self.sudo():
            if employee.contract_date_start and employee.ops_onboarding_role_id and not employee.ops_onboarding_ids:
                self.env["ops.onboarding"].sudo()._ops_open_for(employee)


class OpsOnboarding(models.Model):
    _name = "ops.onboarding"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Employee onboarding"
    _order = "start_date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, readonly=True, ondelete="cascade", index=True)
    role_id = fields.Many2one("ops.onboarding.role", required=True, readonly=True)
    start_date = fields.Date(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)
    state = fields.Selection(STATES, default="running", required=True, readonly=True, tracking=True)
    item_ids = fields.One2many("ops.onboarding.item", "onboarding_id", "Checklist")
    access_request_ids = fields.One2many("ops.access.request", "onboarding_id", "Access requests", readonly=True)
    document_ids = fields.One2many("ops.onboarding.document", "onboarding_id", "Documents")
    progress = fields.Float(compute="_compute_progress", help="Share of the checklist done.")
    missing_documents = fields.Char(compute="_compute_progress")

    @api.depends("employee_id.name")
    def _compute_name(self):
        for onboarding in self:
            onboarding.name = self.env._("Onboarding of %(name)s", name=onboarding.employee_id.name or "")

    @api.depends("item_ids.done", "document_ids.confirmed_type")
    def _compute_progress(self):
        labels = dict(DOCUMENT_TYPES)
        for onboarding in self:
            items = onboarding.item_ids
            onboarding.progress = 100.0 * len(items.filtered("done")) / len(items) if items else 0.0
            missing = onboarding._ops_missing_document_types()
            onboarding.missing_documents = ", ".join(labels[kind] for kind in missing) or False

    def _ops_missing_document_types(self):
        self.ensure_one()
        required = [item.document_type for item in self.item_ids if item.kind == "document" and item.document_type]
        present = set(self.document_ids.mapped("confirmed_type"))
        return [kind for kind in dict.fromkeys(required) if kind not in present]

    @api.model
    def _ops_open_for(self, employee):
        role = employee.ops_onboarding_role_id
        start = employee.contract_date_start
        onboarding = self.create(
            {
                "employee_id": employee.id,
                "role_id": role.id,
                "start_date": start,
                "company_id": employee.company_id.id,
                "item_ids": [
                    Command.create(
                        {
                            "name": line.name,
                            "kind": line.kind,
                            "document_type": line.document_type,
                            "department": line.department,
                            "responsible_id": line.responsible_id.id,
                            "due_date": start + timedelta(days=line.due_days),
                        }
                    )
                    for line in role.line_ids
                ],
            }
        )
        for item in onboarding.item_ids.filtered("responsible_id"):
            onboarding.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=item.due_date,
                summary=item.name,
                note=self.env._("Onboarding of %(name)s: %(item)s", name=employee.name, item=item.name),
                user_id=item.responsible_id.id,
            )
        if role.group_ids and employee.user_id:
            self.env["ops.access.request"].sudo()._ops_ask_for(onboarding, employee.user_id, role.group_ids)
        employee.message_post(body=self.env._("Onboarding started: %(count)s checklist items.", count=len(onboarding.item_ids)))
        return onboarding


class OpsOnboardingItem(models.Model):
    _name = "ops.onboarding.item"
    _description = "Onboarding checklist item"
    _order = "due_date, id"

    onboarding_id = fields.Many2one("ops.onboarding", required=True, ondelete="cascade", index=True)
    name = fields.Char(required=True)
    kind = fields.Selection(ITEM_KINDS, required=True, default="task")
    document_type = fields.Selection(DOCUMENT_TYPES)
    department = fields.Char()
    responsible_id = fields.Many2one("res.users", "Responsible")
    due_date = fields.Date()
    done = fields.Boolean(compute="_compute_done", store=True, readonly=False)
    done_by_id = fields.Many2one("res.users", readonly=True)

    @api.depends("kind", "document_type", "onboarding_id.document_ids.confirmed_type")
    def _compute_done(self):
        for item in self:
            if item.kind == "document" and item.document_type:
                item.done = item.document_type in item.onboarding_id.document_ids.mapped("confirmed_type")
            else:
                item.done = item.done

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group("hr.group_hr_user") and set(vals) - {"done"}:
            raise AccessError(self.env._("You can only tick your own checklist items."))
        if "done" in vals:
            if self.filtered(lambda item: item.kind == "document" and item.document_type):
                raise UserError(self.env._("A document item is done when its document is uploaded and its type confirmed."))
            vals = {**vals, "done_by_id": self.env.uid if vals["done"] else False}
        return super().write(vals)
