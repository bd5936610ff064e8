"""Sales teams carry the MQL threshold that splits scored leads between sales and nurture."""

from odoo import api, fields, models

DEFAULT_THRESHOLD_PARAM = "addon_ops_harmony.default_mql_threshold"


class CrmTeam(models.Model):
    _inherit = "crm.team"

    ops_mql_threshold = fields.Integer(
        string="MQL threshold",
        default=50,
        help="Leads scoring at or above this become marketing-qualified; below it they are nurtured.",
    )

    _ops_mql_threshold_range = models.Constraint(
        "CHECK (ops_mql_threshold BETWEEN 0 AND 100)",
        "The MQL threshold is a score between 0 and 100.",
    )

    def write(self, vals):
        result = super().write(vals)
        if "ops_mql_threshold" in vals:
            leads = (
                self.env["crm.lead"]
                .sudo()
                .search(
                    [
                        ("team_id", "in", self.ids),
                        ("ops_lifecycle_stage", "in", ("lead", "mql")),
                    ]
                )
            )
            leads._ops_apply_mql_threshold()
        return result

    @api.model
    def _ops_default_mql_threshold(self):
        """The threshold for leads without a team, from a system parameter (50 when unset or invalid)."""
        value = self.env["ir.config_parameter"].sudo().get_param(DEFAULT_THRESHOLD_PARAM, "50")
        try:
            return int(value)
        except (TypeError, ValueError):
            return 50
