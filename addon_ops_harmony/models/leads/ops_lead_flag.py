"""Data-quality flags: why a lead's value could not be normalized, scored or routed.

Flags are owned by the pipeline: each step replaces the flags of its category in one batch through
`crm.lead._ops_set_flags`, so a corrected lead loses its stale flags on the next run.
"""

from odoo import fields, models

FLAG_CATEGORIES = [
    ("country", "Country"),
    ("industry", "Industry"),
    ("size", "Company size"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("utm", "UTM"),
    ("routing", "Routing"),
    ("scoring", "Scoring"),
    ("sla", "SLA"),
    ("input", "Input"),
]


class OpsLeadFlag(models.Model):
    _name = "ops.lead.flag"
    _description = "Lead data-quality flag"
    _order = "lead_id, category, id"
    _rec_name = "message"

    lead_id = fields.Many2one("crm.lead", string="Lead", required=True, ondelete="cascade", index=True)
    category = fields.Selection(FLAG_CATEGORIES, required=True)
    code = fields.Char(required=True, help="Machine-readable reason, e.g. 'unknown_country'.")
    message = fields.Char(required=True)
