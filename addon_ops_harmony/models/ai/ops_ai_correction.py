"""What a reviewer changed: the predicted and the final value of one field, the training signal."""

from odoo import fields, models


class OpsAiCorrection(models.Model):
    _name = "ops.ai.correction"
    _description = "AI correction"
    _order = "id desc"

    job_id = fields.Many2one("ops.ai.job", index=True, ondelete="set null", readonly=True)
    document_type_id = fields.Many2one("ops.ai.document.type", required=True, readonly=True, ondelete="restrict")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    field_name = fields.Char(required=True, readonly=True)
    predicted_value = fields.Char(readonly=True)
    final_value = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", "Reviewer", required=True, readonly=True, ondelete="restrict")
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
