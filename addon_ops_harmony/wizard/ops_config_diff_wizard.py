"""Compare two versions of a rule set, rule by rule (see models/configurator/ops_config_diff.py)."""

from odoo import api, fields, models

from ..models.configurator.ops_config_diff import diff_html


class OpsConfigDiffWizard(models.TransientModel):
    _name = "ops.config.diff.wizard"
    _description = "Compare two rule set versions"

    old_version_id = fields.Many2one("ops.config.ruleset.version", "From version", required=True)
    new_version_id = fields.Many2one("ops.config.ruleset.version", "To version", required=True)
    ruleset_id = fields.Many2one(related="new_version_id.ruleset_id")
    diff_html = fields.Html("Changes", compute="_compute_diff_html", sanitize=True)

    @api.depends("old_version_id", "new_version_id")
    def _compute_diff_html(self):
        for wizard in self:
            if not wizard.old_version_id or not wizard.new_version_id:
                wizard.diff_html = False
                continue
            wizard.diff_html = diff_html(
                self.env, wizard.old_version_id._ops_content(True), wizard.new_version_id._ops_content(True)
            )
