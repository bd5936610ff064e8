"""The approval state of a guarded document, where its users look: the form, lists and kanban.

A document shows its latest approval request until that request no longer matters: waiting
(with whom, since when), approved and not used yet (click the button again), or rejected (by
whom, why). The requester reads this on their own document, so the summary is read as superuser
from the request, never more than its state, its approvers and the decision's rationale.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

APPROVAL_STATES = [("pending", "Waiting for approval"), ("approved", "Approved"), ("rejected", "Rejected")]


class OpsApprovalStateMixin(models.AbstractModel):
    _name = "ops.approval.state.mixin"
    _description = "Approval state of a guarded document"

    ops_approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Approval",
        compute="_compute_ops_approval_state",
        help="The document's latest approval request: waiting, approved (run the action again), or rejected.",
    )
    ops_approval_summary = fields.Char("Approval status", compute="_compute_ops_approval_state")
    ops_approval_request_id = fields.Many2one("ops.approval.request", "Approval request", compute="_compute_ops_approval_state")
    ops_approval_can_withdraw = fields.Boolean(compute="_compute_ops_approval_state")

    @api.depends_context("uid", "tz", "lang")
    def _compute_ops_approval_state(self):
        requests = (
            self.env["ops.approval.request"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("state", "in", ("pending", "approved", "rejected")),
                ],
                order="id desc",
            )
            if self.ids
            else self.env["ops.approval.request"]
        )
        latest = {}
        for request in requests:
            latest.setdefault(request.res_id, request)
        for record in self:
            request = latest.get(record.id)
            if request and request.state == "approved" and request.consumed:
                request = None  # used up: the action ran, the document's own state tells the rest
            record.ops_approval_state = request.state if request else False
            record.ops_approval_summary = request._ops_state_summary() if request else False
            record.ops_approval_request_id = request.id if request else False
            record.ops_approval_can_withdraw = bool(
                request and request.state == "pending" and request.requested_by_id == self.env.user
            )

    def action_ops_withdraw_approval(self):
        """Withdraw this document's pending approval request: its requester may (the request checks it)."""
        if len(self) != 1:
            raise UserError(self.env._("Withdraw the approval request of one document at a time."))
        request = self.ops_approval_request_id
        if not request or request.state != "pending":
            raise UserError(self.env._("%(name)s has no approval request waiting.", name=self.display_name))
        # as the user who clicked: action_cancel refuses anyone but the requester (or a manager who says why)
        request.with_env(self.env).action_cancel()
        return {"type": "ir.actions.client", "tag": "soft_reload"}
