"""UTM aliases: spellings of a source, medium or campaign ("fb", "Facebook Ads") mapped to one record."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

UTM_FIELD_BY_TYPE = {"source": "source_id", "medium": "medium_id", "campaign": "campaign_id"}


class OpsUtmAlias(models.Model):
    _name = "ops.utm.alias"
    _description = "UTM alias"
    _order = "utm_type, name"

    name = fields.Char("Alias", required=True, help="Value as received, matched case-insensitively.")
    utm_type = fields.Selection(
        [("source", "Source"), ("medium", "Medium"), ("campaign", "Campaign")],
        string="Type",
        required=True,
        default="source",
    )
    source_id = fields.Many2one("utm.source", ondelete="cascade")
    medium_id = fields.Many2one("utm.medium", ondelete="cascade")
    campaign_id = fields.Many2one("utm.campaign", ondelete="cascade")
    active = fields.Boolean(default=True)

    _name_unique = models.UniqueIndex("(utm_type, lower(name))", "This alias already exists for this UTM type.")

    @api.constrains("utm_type", "source_id", "medium_id", "campaign_id")
    def _check_target(self):
        for alias in self:
            if not alias[UTM_FIELD_BY_TYPE[alias.utm_type]]:
                raise ValidationError(
                    self.env._("The alias %(alias)s must point to a UTM %(type)s.", alias=alias.name, type=alias.utm_type)
                )

    @api.model
    def _ops_targets(self, utm_type):
        """Return {casefolded alias: record id} for the active aliases of one UTM type."""
        fname = UTM_FIELD_BY_TYPE[utm_type]
        aliases = self.sudo().search_fetch([("utm_type", "=", utm_type)], ["name", fname])
        return {" ".join(alias.name.split()).casefold(): alias[fname].id for alias in aliases if alias[fname]}
