"""One line of a lead's score explanation: the rule that fired, its points and why."""

from odoo import fields, models


class OpsLeadScoreLine(models.Model):
    _name = "ops.lead.score.line"
    _description = "Lead score explanation line"
    _order = "lead_id, points desc, id"
    _rec_name = "reason"

    lead_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    rule_id = fields.Many2one("ops.scoring.rule", string="Rule", required=True, ondelete="cascade")
    kind = fields.Selection(related="rule_id.kind")
    points = fields.Float(digits=(16, 1))
    reason = fields.Char(required=True)
