"""The steps of one request: approvers frozen when the request started, and their activities.

Each pending step gives every approver (and whoever stands in for them) an activity of the
approval type on the document, so approvers act from the activities they already use.
"""

from datetime import timedelta

import pytz

from odoo import api, fields, models

STEP_STATES = [
    ("waiting", "Waiting"),
    ("pending", "Pending"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("cancelled", "Cancelled"),
    ("expired", "Expired"),
]
ACTIVITY_TYPE = "addon_ops_harmony.mail_activity_type_approval"


class OpsApprovalRequestStep(models.Model):
    _name = "ops.approval.request.step"
    _description = "Approval request step"
    _order = "sequence, id"

    request_id = fields.Many2one("ops.approval.request", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    approver_ids = fields.Many2many("res.users", "ops_approval_step_approver_rel", "step_id", "user_id", string="Approvers")
    delegate_ids = fields.Many2many("res.users", "ops_approval_step_delegate_rel", "step_id", "user_id", string="Standing in")
    min_approvals = fields.Integer("Approvals needed", default=1)
    state = fields.Selection(STEP_STATES, default="waiting", required=True, index=True)
    deadline = fields.Datetime(index=True)
    reminder_at = fields.Datetime("Remind at")
    reminded = fields.Boolean()
    escalated = fields.Boolean()
    approval_count = fields.Integer(compute="_compute_approval_count")

    @api.depends("request_id.decision_ids")
    def _compute_approval_count(self):
        for step in self:
            step.approval_count = step._ops_approval_count()

    def _ops_approval_count(self):
        """Approvals of this step, one per person: who stands in for whom never makes one person count twice."""
        self.ensure_one()
        return len(self._ops_decisions().filtered(lambda d: d.decision == "approve").user_id)

    def _ops_decisions(self):
        self.ensure_one()
        return self.request_id.decision_ids.filtered(lambda d: d.step_id == self)

    def _ops_step_for(self, user):
        """Return (pending step where `user` may act, on_behalf_of user or None), or (empty, None).

        A person decides a step once, whether as approver or as stand-in: four eyes are four eyes.
        """
        pending = self.filtered(lambda step: step.state == "pending" and user not in step._ops_decisions().user_id)
        delegations = self.env["ops.approval.delegation"].sudo()._ops_current_for_delegate(user)
        for step in pending:
            decided = {(d.on_behalf_of_id or d.user_id) for d in step._ops_decisions()}
            if user in step.approver_ids and user not in decided:
                return step, None
            for absent in delegations.user_id & step.approver_ids:
                if absent not in decided:
                    return step, absent
        return self.browse(), None

    def _ops_start(self):
        """Make these steps pending: deadlines, reminders and one activity per approver and delegate."""
        now = fields.Datetime.now()
        for step in self:
            request = step.request_id
            policy = request.policy_id
            hours = policy._ops_sla_hours(request.risk_tier)
            deadline = step._ops_plan_hours(now, hours)
            step.write(
                {
                    "state": "pending",
                    "deadline": deadline,
                    "reminder_at": step._ops_plan_hours(now, hours * policy.reminder_share),
                }
            )
            step._ops_staff()
            step._ops_schedule_activities(step.approver_ids)
            delegations = self.env["ops.approval.delegation"].sudo()._ops_current_for_users(step.approver_ids)
            for delegation in delegations:
                step._ops_add_delegate(delegation)

    def _ops_plan_hours(self, start, hours):
        """Return `start` plus `hours` of business time on the company's working calendar."""
        calendar = self.request_id.company_id.resource_calendar_id.sudo()
        if calendar and hours:
            planned = calendar.plan_hours(hours, pytz.utc.localize(start), compute_leaves=True)
            if planned:
                return planned.astimezone(pytz.utc).replace(tzinfo=None, microsecond=0)
        return start + timedelta(hours=hours)

    def _ops_staff(self):
        """Escalate a step with fewer approvers than the distinct approvals it needs, never lowering the need.

        The escalation user or group joins first, then the Ops Managers; the requester never does.
        A step still short after that says so on the request: nobody can approve it until the
        policy gets more approvers, and it expires with its deadline.
        """
        self.ensure_one()
        if len(self.approver_ids) >= self.min_approvals:
            return
        request = self.request_id
        policy = request.policy_id
        managers = self.env.ref("addon_ops_harmony.addon_ops_harmony_group_manager").sudo().all_user_ids
        newcomers = self.env["res.users"]
        for pool in (policy.escalation_user_id | policy.escalation_group_id.sudo().all_user_ids, managers):
            missing = self.min_approvals - len(self.approver_ids | newcomers)
            if missing <= 0:
                break
            candidates = (
                (pool - self.approver_ids - newcomers - request.requested_by_id)
                .filtered(lambda user: user.active and not user.share)
                .sorted("id")
            )
            newcomers |= candidates[:missing]
        if newcomers:
            self.approver_ids = [fields.Command.link(user.id) for user in newcomers]
        found = len(self.approver_ids)
        names = ", ".join(newcomers.mapped("name"))
        if found < self.min_approvals:
            message = self.env._(
                "%(name)s: step %(step)s needs %(needed)s different approvers but only %(found)s can be found "
                "(escalated to %(names)s). It cannot be approved until the policy has more approvers.",
                name=request.name,
                step=self.name,
                needed=self.min_approvals,
                found=found,
                names=names or self.env._("nobody new"),
            )
        else:
            message = self.env._(
                "%(name)s: step %(step)s needs %(needed)s different approvers; it was escalated to %(names)s.",
                name=request.name,
                step=self.name,
                needed=self.min_approvals,
                names=names,
            )
        request._ops_post(message, partners=(newcomers | request.requested_by_id).partner_id)
        self.env["ops.audit.log"]._ops_record("escalate", request, rationale=message)

    def _ops_drop_unjustified_delegates(self):
        """Take stand-ins off these pending steps once no current delegation makes them stand in."""
        Delegation = self.env["ops.approval.delegation"].sudo()
        for step in self.filtered(lambda s: s.state == "pending"):
            justified = Delegation._ops_current_for_users(step.approver_ids).delegate_id
            gone = step.delegate_ids - justified
            if not gone:
                continue
            step.delegate_ids = [fields.Command.unlink(user.id) for user in gone]
            step._ops_activities().filtered(
                lambda activity: activity.user_id in gone - step.approver_ids,
            ).with_context(ops_approval_closing=True).unlink()
            step.request_id._ops_post(
                self.env._(
                    "%(names)s no longer stand(s) in on %(step)s: the delegation ended.",
                    names=", ".join(gone.mapped("name")),
                    step=step.name,
                )
            )

    def _ops_add_delegate(self, delegation):
        """Let `delegation`'s delegate act for its user on this step, with their own activity."""
        self.ensure_one()
        delegate = delegation.delegate_id
        if delegate in self.delegate_ids or delegate == self.request_id.requested_by_id:
            return
        self.delegate_ids = [fields.Command.link(delegate.id)]
        self._ops_schedule_activities(delegate, on_behalf_of=delegation.user_id)
        self.env["ops.audit.log"]._ops_record(
            "delegate",
            self.request_id,
            on_behalf_of=delegation.user_id,
            rationale=self.env._("%(delegate)s stands in for %(user)s", delegate=delegate.name, user=delegation.user_id.name),
        )

    def _ops_schedule_activities(self, users, on_behalf_of=None):
        self.ensure_one()
        request = self.request_id
        target = request._ops_target()
        activity_type = self.env.ref(ACTIVITY_TYPE)
        model = self.env["ir.model"]._get_id(request.res_model)
        summary = self.env._("Approve %(name)s", name=request.name)
        note = self.env._(
            "%(policy)s, %(tier)s risk, requested by %(requester)s.",
            policy=request.policy_id.name,
            tier=request.risk_tier,
            requester=request.requested_by_id.name,
        )
        if on_behalf_of:
            note += " " + self.env._("You stand in for %(user)s.", user=on_behalf_of.name)
        deadline = fields.Date.context_today(self, self.deadline) if self.deadline else fields.Date.today()
        self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(
            [
                {
                    "res_model_id": model,
                    "res_id": target.id,
                    "activity_type_id": activity_type.id,
                    "user_id": user.id,
                    "summary": summary,
                    "note": note,
                    "date_deadline": deadline,
                    "ops_approval_request_id": request.id,
                    "ops_approval_step_id": self.id,
                }
                for user in users
            ]
        )
        if hasattr(target, "message_subscribe"):
            target.sudo().message_subscribe(partner_ids=users.partner_id.ids)
        request._ops_notify_approvers(users, on_behalf_of=on_behalf_of)

    def _ops_activities(self):
        return self.env["mail.activity"].sudo().search([("ops_approval_step_id", "in", self.ids)])

    def _ops_close_activity_of(self, user, feedback):
        """Mark `user`'s activity of this step done, with the rationale as feedback."""
        activities = self._ops_activities().filtered(lambda activity: activity.user_id == user)
        if activities:
            activities.with_context(ops_approval_closing=True).action_feedback(feedback=feedback or False)

    def _ops_close_activities(self, reason):
        """Remove the other approvers' activities of these steps: nothing is left for them to do."""
        activities = self._ops_activities()
        if activities:
            activities.with_context(ops_approval_closing=True).unlink()
