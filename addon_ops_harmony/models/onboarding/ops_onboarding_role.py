"""Onboarding roles: what a new hire in a role needs, as data HR edits.

A role names the Odoo groups its people get (each grant is approved first), the accounts to open in
each SaaS tool, the equipment to hand over and the documents to collect. Each line says which
department does it, and how many days before (negative) or after the start date it is due.
"""

from odoo import fields, models

ITEM_KINDS = [("account", "Account"), ("equipment", "Equipment"), ("document", "Document"), ("task", "Task")]
DOCUMENT_TYPES = [("id", "Identity document"), ("contract", "Signed contract"), ("tax_form", "Tax form")]


class OpsOnboardingRole(models.Model):
    _name = "ops.onboarding.role"
    _description = "Onboarding role"
    _order = "name"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    group_ids = fields.Many2many("res.groups", string="Access to grant", help="Odoo groups the new hire gets, after approval.")
    line_ids = fields.One2many("ops.onboarding.role.line", "role_id", "Checklist", copy=True)


class OpsOnboardingRoleLine(models.Model):
    _name = "ops.onboarding.role.line"
    _description = "Onboarding role checklist line"
    _order = "sequence, id"

    role_id = fields.Many2one("ops.onboarding.role", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(ITEM_KINDS, required=True, default="task")
    document_type = fields.Selection(DOCUMENT_TYPES, help="For a document: the type the uploaded file must be.")
    department = fields.Char(help="Who does it, e.g. IT, Facilities, HR.")
    responsible_id = fields.Many2one("res.users", "Responsible", domain=[("share", "=", False)])
    due_days = fields.Integer("Due (days from the start date)", default=0)
