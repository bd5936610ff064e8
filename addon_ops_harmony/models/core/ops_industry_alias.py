"""Industry aliases: free-text industry labels mapped to a `res.partner.industry`."""

from odoo import fields, models


class OpsIndustryAlias(models.Model):
    _name = "ops.industry.alias"
    _description = "Industry alias"
    _order = "industry_id, name"

    name = fields.Char("Label", required=True, help="Industry label as people type it; matched case-insensitively.")
    industry_id = fields.Many2one("res.partner.industry", string="Industry", required=True, ondelete="cascade")
    active = fields.Boolean(default=True)

    _name_unique = models.UniqueIndex("(lower(name))", "This industry label already exists.")
