"""Approval activities: linked to their request, and acted on with Approve/Reject, not Done."""

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.mail.tools.discuss import Store


class MailActivityApproval(models.Model):
    """Approval activities: linked to their request, and acted on with Approve/Reject, not Done."""

    _inherit = "mail.activity"

    ops_approval_request_id = fields.Many2one(
        "ops.approval.request", "Approval request", index="btree_not_null", ondelete="cascade", readonly=True
    )
    ops_approval_step_id = fields.Many2one(
        "ops.approval.request.step", "Approval step", index="btree_not_null", ondelete="cascade", readonly=True
    )

    def _to_store_defaults(self, target):
        return super()._to_store_defaults(target) + [Store.Attr("ops_approval", lambda a: a._ops_approval_data())]

    def _ops_approval_data(self):
        """What the activity's Approve/Reject buttons need, or False for other activities."""
        self.ensure_one()
        request = self.sudo().ops_approval_request_id
        if not request:
            return False
        user = self.env.user
        can_act = (
            request.state == "pending"
            and self.user_id == user
            and user != request.requested_by_id
            and self.sudo().ops_approval_step_id in request.step_ids._ops_step_for(user)[0]
        )
        return {
            "request_id": request.id,
            "request_name": request.name,
            "risk_tier": request.risk_tier,
            "state": request.state,
            "can_act": bool(can_act),
            "rationale_required_to_approve": request.rationale_required_to_approve,
        }

    def _action_done(self, feedback=False, attachment_ids=None):
        if not self.env.context.get("ops_approval_closing") and self.filtered("ops_approval_request_id"):
            raise UserError(
                self.env._("An approval activity is completed by its Approve or Reject button, which records the decision.")
            )
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
