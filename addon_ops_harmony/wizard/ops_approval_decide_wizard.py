"""The Approve / Reject dialog of the request form: asks for the rationale, then decides."""

from odoo import api, fields, models


class OpsApprovalDecideWizard(models.TransientModel):
    _name = "ops.approval.decide.wizard"
    _description = "Decide an approval request"

    request_id = fields.Many2one("ops.approval.request", required=True, ondelete="cascade")
    decision = fields.Selection([("approve", "Approve"), ("reject", "Reject")], required=True)
    rationale = fields.Text()
    rationale_required = fields.Boolean(compute="_compute_rationale_required")

    @api.depends("decision", "request_id")
    def _compute_rationale_required(self):
        for wizard in self:
            wizard.rationale_required = wizard.decision == "reject" or wizard.request_id.rationale_required_to_approve

    def action_decide(self):
        self.ensure_one()
        if self.decision == "approve":
            self.request_id.action_approve(rationale=self.rationale)
        else:
            self.request_id.action_reject(rationale=self.rationale)
        return {"type": "ir.actions.act_window_close"}


class OpsApprovalRequest(models.Model):
    _inherit = "ops.approval.request"

    def action_open_decide(self):
        """Open the rationale dialog for the decision in the context (approve or reject)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ops.approval.decide.wizard",
            "view_mode": "form",
            "target": "new",
            "name": self.name,
            "context": {"default_request_id": self.id, "default_decision": self.env.context.get("ops_decision", "approve")},
        }
