"""Approval requests: one guarded action on one record, decided step by step by its approvers.

`action_approve` and `action_reject` are the public API, callable over RPC. Every check happens
here in Python, after locking the request row: who may act (approvers, or their delegates),
segregation of duties (never the requester), the mandatory rationale, and the request's state.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.misc import format_datetime

from .ops_approval_policy import TIERS

STATES = [
    ("pending", "Pending"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
    ("expired", "Expired"),
    ("outdated", "Outdated"),
]


class OpsApprovalRequest(models.Model):
    _name = "ops.approval.request"
    _inherit = ["mail.thread"]
    _description = "Approval request"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True, copy=False, default="/", index=True)
    policy_id = fields.Many2one(
        "ops.approval.policy", "Policy version", required=True, readonly=True, ondelete="restrict", index=True
    )
    policy_family_id = fields.Many2one(related="policy_id.family_id", store=True, index=True, string="Policy")
    policy_version = fields.Integer(readonly=True)
    res_model = fields.Char("Document model", required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference("Document ID", model_field="res_model", required=True, readonly=True, index=True)
    res_name = fields.Char("Document", readonly=True)
    method_name = fields.Char("Action", readonly=True)
    requested_by_id = fields.Many2one("res.users", "Requested by", required=True, readonly=True, index=True)
    risk_tier = fields.Selection(TIERS, required=True, readonly=True)
    state = fields.Selection(STATES, default="pending", required=True, readonly=True, tracking=True, index=True)
    step_ids = fields.One2many("ops.approval.request.step", "request_id", "Steps", readonly=True)
    decision_ids = fields.One2many("ops.approval.decision", "request_id", "Decisions", readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True, default=lambda self: self.env.company)
    decided_date = fields.Datetime(readonly=True)
    consumed = fields.Boolean(
        "Action run", readonly=True, copy=False, help="The approved action was run; a new run needs a new approval."
    )
    current_approver_ids = fields.Many2many("res.users", compute="_compute_current_approver_ids", string="Waiting for")
    rationale_required_to_approve = fields.Boolean(compute="_compute_rationale_required_to_approve")

    @api.depends("step_ids.state", "step_ids.approver_ids")
    def _compute_current_approver_ids(self):
        for request in self:
            request.current_approver_ids = request.step_ids.filtered(lambda s: s.state == "pending").approver_ids

    @api.depends("risk_tier")
    def _compute_rationale_required_to_approve(self):
        for request in self:
            request.rationale_required_to_approve = request.risk_tier == "high"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code("ops.approval.request") or "/"
        return super().create(vals_list)

    # ------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------

    def action_approve(self, rationale=None):
        """Approve the current user's step of this request (or the step of whom they stand in for)."""
        for request in self._ops_lock():
            step, on_behalf_of = request._ops_check_can_act(rationale, approve=True)
            request._ops_decide(step, "approve", rationale, on_behalf_of)
        return True

    def action_reject(self, rationale=None):
        """Reject this request; a rationale is mandatory."""
        for request in self._ops_lock():
            step, on_behalf_of = request._ops_check_can_act(rationale, approve=False)
            request._ops_decide(step, "reject", rationale, on_behalf_of)
        return True

    def action_cancel(self, rationale=None):
        """Withdraw pending requests: their requester, or an Ops Manager overriding (with a rationale)."""
        is_manager = self.env.user.has_group("addon_ops_harmony.addon_ops_harmony_group_manager")
        for request in self._ops_lock():
            if request.state != "pending":
                raise UserError(request._ops_decided_message())
            own = request.requested_by_id == self.env.user
            if not own and not is_manager:
                raise AccessError(self.env._("Only the requester or an Ops Manager can cancel %(name)s.", name=request.name))
            if not own and not (rationale or "").strip():
                raise UserError(self.env._("Cancelling someone else's request is an override: say why."))
            request._ops_finish("cancelled", rationale)
            self.env["ops.audit.log"]._ops_record("cancel" if own else "override", request, rationale=rationale)
        return True

    def _ops_state_summary(self):
        """One sentence for the document's banner: the state, with whom or by whom, since when, why."""
        self.ensure_one()
        tz = self.env.user.tz or "UTC"
        if self.state == "pending":
            return self.env._(
                "%(name)s waits for %(approvers)s since %(since)s.",
                name=self.name,
                approvers=self._ops_approver_names(),
                since=format_datetime(self.env, self.create_date, tz=tz, dt_format="short"),
            )
        decision = self.decision_ids.sorted("id")[-1:]
        who = (decision.user_id.name if decision else "") or self.env._("the approvers")
        when = format_datetime(self.env, self.decided_date or self.write_date, tz=tz, dt_format="short")
        if self.state == "approved":
            return self.env._(
                "%(name)s was approved by %(who)s on %(when)s: run the action again to use it.",
                name=self.name,
                who=who,
                when=when,
            )
        return self.env._(
            "%(name)s was rejected by %(who)s on %(when)s: %(rationale)s",
            name=self.name,
            who=who,
            when=when,
            rationale=(decision.rationale or "").strip() or "—",
        )

    @api.model
    def _ops_requested_notification(self, message):
        """The client action that tells the person who clicked that their click asked for approval."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Sent for approval"),
                "message": message,
                "type": "warning",
                "sticky": True,
                # the form then shows the document's approval state
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _ops_target(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _ops_lock(self):
        """Lock these requests' rows and re-read them: concurrent deciders queue up here."""
        if not self:
            return self.sudo()
        # reading through the record rules first: a user who may not see a request cannot lock it
        self.check_access("read")
        self.env.cr.execute("SELECT id FROM ops_approval_request WHERE id IN %s FOR UPDATE", [tuple(self.ids)])
        self.invalidate_recordset()
        self.step_ids.invalidate_recordset()
        return self.sudo()

    def _ops_decided_message(self):
        self.ensure_one()
        last = self.decision_ids.sorted("id")[-1:] if self.decision_ids else self.decision_ids
        label = dict(STATES)[self.state].lower()
        if last and self.state in ("approved", "rejected"):
            return self.env._(
                "Request %(name)s was already %(state)s by %(user)s on %(date)s.",
                name=self.name,
                state=label,
                user=last.user_id.name,
                date=last.date,
            )
        return self.env._("Request %(name)s is already %(state)s.", name=self.name, state=label)

    def _ops_check_can_act(self, rationale, approve):
        """Return (step, on_behalf_of user or None) for the current user, or raise why not."""
        self.ensure_one()
        user = self.env.user
        if self.state != "pending":
            raise UserError(self._ops_decided_message())
        if user == self.requested_by_id:
            raise AccessError(self.env._("You requested %(name)s: someone else has to decide it.", name=self.name))
        step, on_behalf_of = self.step_ids._ops_step_for(user)
        acted = self.step_ids.filtered(lambda s: s.state == "pending" and user in s._ops_decisions().user_id)
        if not step and acted:
            raise UserError(
                self.env._(
                    "You already decided %(step)s of %(name)s: it needs %(needed)s different people, "
                    "so standing in for someone else does not give you a second say.",
                    step=acted[0].name,
                    name=self.name,
                    needed=acted[0].min_approvals,
                )
            )
        if not step:
            raise AccessError(self.env._("You are not an approver of %(name)s (nor standing in for one).", name=self.name))
        if on_behalf_of == self.requested_by_id:
            raise AccessError(self.env._("%(name)s was requested by the person you stand in for.", name=self.name))
        if not (rationale or "").strip() and (not approve or self.rationale_required_to_approve):
            if approve:
                raise UserError(self.env._("A high-risk request needs a rationale to be approved."))
            raise UserError(self.env._("Say why you reject %(name)s: a rationale is required.", name=self.name))
        return step, on_behalf_of

    def _ops_decide(self, step, decision, rationale, on_behalf_of):
        """Record the decision, close the activities it settles, and move the request on."""
        self.ensure_one()
        user = self.env.user
        self.env["ops.approval.decision"].create(
            {
                "request_id": self.id,
                "step_id": step.id,
                "user_id": user.id,
                "on_behalf_of_id": on_behalf_of.id if on_behalf_of else False,
                "decision": decision,
                "rationale": rationale or False,
            }
        )
        self.env["ops.audit.log"]._ops_record(decision, self, rationale=rationale, on_behalf_of=on_behalf_of)
        step._ops_close_activity_of(user, rationale)
        who = (
            user.name
            if not on_behalf_of
            else self.env._("%(user)s on behalf of %(absent)s", user=user.name, absent=on_behalf_of.name)
        )
        verb = self.env._("approved") if decision == "approve" else self.env._("rejected")
        body = self.env._("%(who)s %(verb)s %(name)s (%(step)s).", who=who, verb=verb, name=self.name, step=step.name)
        if rationale:
            body += " " + self.env._("Rationale: %(rationale)s", rationale=rationale)
        self._ops_post(body)
        if decision == "reject":
            step.state = "rejected"
            self._ops_finish("rejected", rationale)
            return
        if step._ops_approval_count() >= step.min_approvals:
            step.state = "approved"
            step._ops_close_activities(self.env._("Step approved by %(who)s.", who=who))
            self._ops_activate_next()

    def _ops_activate_next(self):
        """Open the next group of waiting steps (same sequence = parallel), or approve the request."""
        self.ensure_one()
        if self.step_ids.filtered(lambda s: s.state == "pending"):
            return
        waiting = self.step_ids.filtered(lambda s: s.state == "waiting")
        if not waiting:
            self._ops_finish("approved")
            return
        sequence = min(waiting.mapped("sequence"))
        waiting.filtered(lambda s: s.sequence == sequence)._ops_start()

    def _ops_finish(self, state, rationale=None):
        """Close this request in `state`, cancel what is still open, and tell the requester."""
        self.ensure_one()
        open_steps = self.step_ids.filtered(lambda s: s.state in ("waiting", "pending"))
        open_steps._ops_close_activities(self.env._("Request %(state)s.", state=dict(STATES)[state].lower()))
        open_steps.write({"state": "cancelled" if state != "expired" else "expired"})
        self.write({"state": state, "decided_date": fields.Datetime.now()})
        messages = {
            "approved": self.env._(
                "%(name)s is approved: %(requester)s can now click the button again.",
                name=self.name,
                requester=self.requested_by_id.name,
            ),
            "rejected": self.env._("%(name)s is rejected.", name=self.name),
            "cancelled": self.env._("%(name)s was cancelled.", name=self.name),
            "expired": self.env._("%(name)s expired: nobody decided it in time. Ask again to restart it.", name=self.name),
            "outdated": self.env._(
                "%(name)s no longer applies: the document changed since it was requested. "
                "Click the button again to ask for the document as it is now.",
                name=self.name,
            ),
        }
        self._ops_post(messages[state], partners=self.requested_by_id.partner_id)
        if state == "approved":
            # a document may act on its approval at once (a procurement request orders), instead of
            # waiting for its requester to click again; it runs as the requester, through the guard
            target = self._ops_target()
            granted = getattr(target, "_ops_approval_granted", None)
            if granted and target.sudo().exists():
                granted(self)

    def _ops_post(self, body, partners=None):
        """Say it in the chatter of the document and of the request; `partners` are notified."""
        self.ensure_one()
        partner_ids = partners.ids if partners else []
        target = self._ops_target().sudo()
        if hasattr(target, "message_post") and target.exists():
            target.message_post(body=body, partner_ids=partner_ids, subtype_xmlid="mail.mt_note")
        self.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
