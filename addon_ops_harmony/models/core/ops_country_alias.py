"""Country aliases: what people type ("U.S.A.", "Deutschland", "uk") mapped to a `res.country`."""

from odoo import fields, models


class OpsCountryAlias(models.Model):
    _name = "ops.country.alias"
    _description = "Country alias"
    _order = "country_id, name"

    name = fields.Char("Alias", required=True, help="Text as people type it; matched case-insensitively.")
    country_id = fields.Many2one("res.country", required=True, ondelete="cascade")
    active = fields.Boolean(default=True)

    _name_unique = models.UniqueIndex("(lower(name))", "This country alias already exists.")
