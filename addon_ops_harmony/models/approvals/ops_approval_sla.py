"""Approval SLA: reminders, escalation and expiry, run by a cron every five minutes.

A pending step past its reminder time reminds its approvers once. Past its deadline it
escalates once to the policy's escalation user or group, with a new deadline; still undecided
after that, the request expires explicitly rather than staying pending forever.
"""

from odoo import api, fields, models


class OpsApprovalRequest(models.Model):
    _inherit = "ops.approval.request"

    @api.model
    def _cron_ops_approval_sla(self):
        now = fields.Datetime.now()
        Step = self.env["ops.approval.request.step"].sudo()
        Step.search([("state", "=", "pending"), ("reminded", "=", False), ("reminder_at", "<=", now)])._ops_remind()
        overdue = Step.search([("state", "=", "pending"), ("deadline", "<=", now)])
        # escalated before this run and overdue again: expire (a step escalated now gets a new deadline)
        to_expire = overdue.filtered("escalated")
        (overdue - to_expire)._ops_escalate()
        to_expire.request_id._ops_expire()
        self.env["ops.approval.delegation"].sudo()._cron_ops_apply_delegations()


class OpsApprovalRequestStep(models.Model):
    _inherit = "ops.approval.request.step"

    def _ops_remind(self):
        for step in self:
            request = step.request_id
            step.reminded = True
            request._ops_post(
                self.env._(
                    "Reminder: %(name)s waits for %(step)s, due %(deadline)s.",
                    name=request.name,
                    step=step.name,
                    deadline=step.deadline,
                ),
                partners=(step.approver_ids | step.delegate_ids).partner_id,
            )
            self.env["ops.audit.log"]._ops_record("remind", request)

    def _ops_escalate(self):
        now = fields.Datetime.now()
        for step in self:
            request = step.request_id
            policy = request.policy_id
            escalation = policy.escalation_user_id | policy.escalation_group_id.sudo().all_user_ids
            newcomers = (escalation - step.approver_ids - request.requested_by_id).filtered(lambda u: not u.share)
            step.write(
                {
                    "escalated": True,
                    "deadline": step._ops_plan_hours(now, policy.expire_after_hours),
                    "approver_ids": [fields.Command.link(user.id) for user in newcomers],
                }
            )
            if newcomers:
                step._ops_schedule_activities(newcomers)
            names = ", ".join(newcomers.mapped("name")) or self.env._("nobody new (no escalation user or group)")
            request._ops_post(
                self.env._(
                    "%(name)s is overdue on %(step)s and was escalated to %(names)s.",
                    name=request.name,
                    step=step.name,
                    names=names,
                ),
                partners=(newcomers | request.requested_by_id).partner_id,
            )
            self.env["ops.audit.log"]._ops_record(
                "escalate", request, rationale=self.env._("Deadline passed; escalated to %(names)s", names=names)
            )


class OpsApprovalRequestExpiry(models.Model):
    _inherit = "ops.approval.request"

    def _ops_expire(self):
        for request in self.filtered(lambda r: r.state == "pending"):
            request._ops_finish("expired")
            self.env["ops.audit.log"]._ops_record("expire", request)
