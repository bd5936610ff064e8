"""One approver's decision on one step: who, for whom, what and why."""

from odoo import fields, models


class OpsApprovalDecision(models.Model):
    _name = "ops.approval.decision"
    _description = "Approval decision"
    _order = "id"

    request_id = fields.Many2one("ops.approval.request", required=True, ondelete="cascade", index=True)
    step_id = fields.Many2one("ops.approval.request.step", required=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", "Decided by", required=True, ondelete="restrict")
    on_behalf_of_id = fields.Many2one("res.users", "On behalf of", ondelete="restrict")
    decision = fields.Selection([("approve", "Approved"), ("reject", "Rejected")], required=True)
    rationale = fields.Text()
    date = fields.Datetime(default=fields.Datetime.now, required=True)
