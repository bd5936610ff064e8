"""One field the AI proposes on a job: its value, calibrated confidence, evidence and candidates.

Only the gateway writes these; a reviewer sets `final_value` while the job waits for review.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .ops_ai_guard import is_ai_internal

REVIEWER_FIELDS = {"final_value"}


class OpsAiProposalField(models.Model):
    _name = "ops.ai.proposal.field"
    _description = "AI proposed field"
    _order = "confidence asc, id"

    job_id = fields.Many2one("ops.ai.job", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)
    name = fields.Char("Field", required=True, readonly=True)
    label = fields.Char(readonly=True)
    raw_value = fields.Char("Raw value", readonly=True)
    value = fields.Char("Proposed value", readonly=True)
    confidence = fields.Float(digits=(3, 3), readonly=True)
    evidence = fields.Json(readonly=True)
    candidates = fields.Json(readonly=True)
    generator = fields.Char(readonly=True)
    final_value = fields.Char("Final value", help="What the reviewer keeps; empty means the proposed value.")
    decision = fields.Selection(
        [("pending", "Pending"), ("accepted", "Accepted"), ("corrected", "Corrected")],
        default="pending",
        required=True,
        readonly=True,
    )

    _confidence_range = models.Constraint("CHECK(confidence >= 0 AND confidence <= 1)", "A confidence lies between 0 and 1.")
    _one_per_field = models.Constraint("UNIQUE(job_id, name)", "A job proposes each field once.")

    @api.model_create_multi
    def create(self, vals_list):
        if not is_ai_internal(self):
            raise AccessError(self.env._("Proposed fields are written by the AI gateway only."))
        return super().create(vals_list)

    def write(self, vals):
        if not is_ai_internal(self):
            if set(vals) - REVIEWER_FIELDS:
                raise AccessError(self.env._("Only the final value of a proposed field can be changed, by its reviewer."))
            if any(proposal.job_id.state != "to_review" for proposal in self):
                raise AccessError(self.env._("A proposed field can be corrected only while its job waits for review."))
        return super().write(vals)

    def unlink(self):
        if not is_ai_internal(self):
            raise AccessError(self.env._("Proposed fields are removed with their job only."))
        return super().unlink()
