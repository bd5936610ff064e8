"""Stage history of a lead: one row per change of its pipeline stage or lifecycle stage.

Rows are written by `crm.lead.write` (see crm_lead_lifecycle.py) and never edited afterwards, so
time-in-stage and funnel velocity can be read back from them.
"""

from odoo import fields, models

from .crm_lead_lifecycle import LIFECYCLE_SELECTION


class OpsLeadStageLog(models.Model):
    _name = "ops.lead.stage.log"
    _description = "Lead stage change"
    _order = "changed_at desc, id desc"
    _rec_name = "lead_id"

    lead_id = fields.Many2one("crm.lead", string="Lead", required=True, index=True, ondelete="cascade")
    from_stage_id = fields.Many2one("crm.stage", string="From stage", ondelete="set null")
    to_stage_id = fields.Many2one("crm.stage", string="To stage", ondelete="set null")
    from_lifecycle = fields.Selection(LIFECYCLE_SELECTION, string="From lifecycle")
    to_lifecycle = fields.Selection(LIFECYCLE_SELECTION, string="To lifecycle")
    changed_at = fields.Datetime(string="Changed at", required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one("res.users", string="Changed by", default=lambda self: self.env.user, ondelete="set null")
