"""Test this policy: on a record the admin picks, which tier, which approvers, and why, before publishing.

Nothing is written: the wizard judges the record as the engine would (the policy's condition, its
tier rules, its steps resolved for the current user as requester, the escalation when a step finds
nobody), and says it in sentences.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .ops_approval_policy import TIERS


class OpsApprovalPolicyTest(models.TransientModel):
    _name = "ops.approval.policy.test"
    _description = "Test an approval policy on a record"

    policy_id = fields.Many2one("ops.approval.policy", required=True, ondelete="cascade")
    model_name = fields.Char(related="policy_id.model_name")
    res_id = fields.Many2oneReference("Record", model_field="model_name", help="A record of the policy's model, as it is now.")
    applies = fields.Boolean(compute="_compute_verdict")
    tier = fields.Selection(TIERS, compute="_compute_verdict")
    verdict = fields.Text(compute="_compute_verdict")

    @api.depends("policy_id", "res_id")
    def _compute_verdict(self):
        for wizard in self:
            wizard.applies, wizard.tier, wizard.verdict = wizard._ops_judge()

    def _ops_judge(self):
        """Return (applies, tier, sentences) for the picked record."""
        policy = self.policy_id
        record = self.env[policy.model_name].browse(self.res_id).exists() if policy.model_name and self.res_id else None
        if not record:
            return False, False, self.env._("Pick a record to see what this policy would do with it.")
        if not record.has_access("read"):
            raise UserError(self.env._("You may not read this record: test the policy on one you can open."))
        name = record.display_name
        if not record.sudo().filtered_domain(policy._ops_domain()):
            return (
                False,
                False,
                self.env._("%(record)s does not match the policy's condition: it runs without approval.", record=name),
            )
        tier = policy._ops_tier_for(record)
        lines = [
            self.env._("%(record)s would be %(tier)s risk.", record=name, tier=dict(TIERS)[tier]),
            self.env._("Why: %(reasons)s.", reasons="; ".join(policy._ops_tier_reasons(record))),
        ]
        if tier == "low":
            lines.append(self.env._("Low risk is approved at once and logged: nobody is asked."))
            return True, tier, "\n".join(lines)
        steps = policy._ops_steps_for(tier)
        if not steps:
            lines.append(self.env._("No step for this tier: Ops Managers (or the escalation) would approve."))
        for step in steps:
            users = step._ops_resolve(record, self.env.user)
            who = (
                ", ".join(users.mapped("name"))
                if users
                else self.env._(
                    "nobody found: escalated to %(fallback)s",
                    fallback=policy.escalation_user_id.name or policy.escalation_group_id.name or self.env._("Ops Managers"),
                )
            )
            lines.append(
                self.env._(
                    "Step %(sequence)s, %(name)s: %(who)s (%(count)s approval(s) needed).",
                    sequence=step.sequence,
                    name=step.name,
                    who=who,
                    count=step.min_approvals,
                )
            )
        return True, tier, "\n".join(lines)


class OpsApprovalPolicy(models.Model):
    _inherit = "ops.approval.policy"

    def action_open_test(self):
        """Open "Test this policy" for this version."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ops.approval.policy.test",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Test %(name)s", name=self.name),
            "context": {"default_policy_id": self.id},
        }
