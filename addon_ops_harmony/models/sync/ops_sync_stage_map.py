"""Deal stage mapping: a source's pipeline stage ("default:closedwon") mapped to a CRM stage.

HubSpot numbers its stages per pipeline, so the key is "<pipeline>:<stage>". A mapping may also
put the deals of that stage in a sales team (one team per pipeline) or mark them lost. A deal in a
stage nobody mapped is rejected with a mapping error, so it waits in the dead-letter queue until
someone adds the mapping and replays it.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class OpsSyncStageMap(models.Model):
    _name = "ops.sync.stage.map"
    _description = "Deal stage mapping"
    _order = "source, stage_key"
    _rec_name = "stage_key"

    source = fields.Char(required=True, default="hubspot")
    stage_key = fields.Char("Source stage", required=True, help="Pipeline and stage at the source, e.g. default:closedwon.")
    stage_id = fields.Many2one("crm.stage", string="CRM stage", ondelete="restrict")
    team_id = fields.Many2one(
        "crm.team", string="Sales team", ondelete="set null", help="Team that gets the deals of this pipeline."
    )
    mark_lost = fields.Boolean("Mark lost", help="Deals in this stage are archived as lost.")
    active = fields.Boolean(default=True)

    _source_stage_uniq = models.Constraint(
        "UNIQUE(source, stage_key)",
        "This source stage is already mapped.",
    )

    @api.constrains("stage_id", "mark_lost")
    def _check_target(self):
        for mapping in self:
            if not mapping.stage_id and not mapping.mark_lost:
                raise ValidationError(self.env._("Map %s to a CRM stage or mark its deals lost.", mapping.stage_key))

    @api.model
    def _ops_lookup(self, source, stage_keys):
        """Return {stage key: mapping} for these keys of one source, in one query."""
        keys = list(set(stage_keys))
        if not keys:
            return {}
        mappings = self.search_fetch(
            Domain("source", "=", source) & Domain("stage_key", "in", keys), ["stage_key", "stage_id", "team_id", "mark_lost"]
        )
        return {mapping.stage_key: mapping for mapping in mappings}
