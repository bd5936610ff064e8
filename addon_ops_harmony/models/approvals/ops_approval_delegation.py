"""Delegation and out-of-office: someone stands in for an approver during a date range.

Inside the window, new and pending steps of the absent approver also go to the delegate, who
acts "on behalf of" them; the audit log says so. A user manages the delegations of their own
absence; only Ops Managers set one up for someone else. Record rules (security/
ops_approval_security.xml) are checked by the ORM before a write only, so the values a write
leaves behind are checked here too. A delegation that ends (deleted, archived, edited or past its
window) takes its stand-in off the pending steps it gave them.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"


class OpsApprovalDelegation(models.Model):
    _name = "ops.approval.delegation"
    _description = "Approval delegation"
    _order = "date_from desc, id desc"
    _rec_name = "delegate_id"

    user_id = fields.Many2one(
        "res.users",
        "Absent approver",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
    )
    delegate_id = fields.Many2one("res.users", "Stands in", required=True, index=True, domain=[("share", "=", False)])
    date_from = fields.Datetime("From", required=True, default=fields.Datetime.now)
    date_to = fields.Datetime("To", required=True)
    note = fields.Char()
    active = fields.Boolean(default=True)
    is_current = fields.Boolean(compute="_compute_is_current")

    @api.constrains("user_id", "delegate_id", "date_from", "date_to")
    def _check_window(self):
        for delegation in self:
            if delegation.user_id == delegation.delegate_id:
                raise ValidationError(self.env._("Nobody can stand in for themselves."))
            if delegation.date_to <= delegation.date_from:
                raise ValidationError(self.env._("A delegation ends after it starts."))

    def _compute_is_current(self):
        now = fields.Datetime.now()
        for delegation in self:
            delegation.is_current = delegation.active and delegation.date_from <= now <= delegation.date_to

    @api.model_create_multi
    def create(self, vals_list):
        delegations = super().create(vals_list)
        delegations._ops_check_own()
        delegations._ops_apply_to_pending()
        return delegations

    def write(self, vals):
        self._ops_check_own()
        steps = self._ops_steps_standing_in()
        result = super().write(vals)
        self._ops_check_own()
        steps._ops_drop_unjustified_delegates()
        self._ops_apply_to_pending()
        return result

    def unlink(self):
        self._ops_check_own()
        steps = self._ops_steps_standing_in()
        result = super().unlink()
        steps._ops_drop_unjustified_delegates()
        return result

    def _ops_check_own(self):
        """Refuse a delegation for someone else's absence unless the caller is an Ops Manager.

        Called after create and before and after write, since the ORM checks record rules on the
        values a write starts from, not on the ones it leaves.
        """
        if self.env.su or self.env.user.has_group(MANAGER_GROUP):
            return
        others = self.sudo().filtered(lambda delegation: delegation.user_id != self.env.user)
        if others:
            raise AccessError(
                self.env._(
                    "You can only set up a stand-in for your own absence; %(user)s's delegations are managed by "
                    "%(user)s or an Ops Manager.",
                    user=others[0].user_id.name,
                )
            )

    @api.model
    def _ops_current_domain(self):
        now = fields.Datetime.now()
        return [("active", "=", True), ("date_from", "<=", now), ("date_to", ">=", now)]

    @api.model
    def _ops_current_for_delegate(self, delegate):
        return self.search([*self._ops_current_domain(), ("delegate_id", "=", delegate.id)])

    @api.model
    def _ops_current_for_users(self, users):
        return self.search([*self._ops_current_domain(), ("user_id", "in", users.ids)])

    def _ops_steps_standing_in(self):
        """Return the pending steps where these delegations' delegates stand in."""
        delegations = self.sudo().with_context(active_test=False)
        return (
            self.env["ops.approval.request.step"]
            .sudo()
            .search(
                [
                    ("state", "=", "pending"),
                    ("delegate_ids", "in", delegations.delegate_id.ids),
                ]
            )
        )

    def _ops_apply_to_pending(self):
        """Give the delegates of current delegations the pending steps of the users they replace."""
        current = self.sudo().filtered("is_current")
        if not current:
            return
        steps = (
            self.env["ops.approval.request.step"]
            .sudo()
            .search(
                [
                    ("state", "=", "pending"),
                    ("approver_ids", "in", current.user_id.ids),
                ]
            )
        )
        for step in steps:
            for delegation in current.filtered(lambda d: d.user_id in step.approver_ids):
                step._ops_add_delegate(delegation)

    @api.model
    def _cron_ops_apply_delegations(self):
        """Delegations whose window opened since the last run reach the steps already pending; ended ones leave."""
        self.search(self._ops_current_domain())._ops_apply_to_pending()
        self.env["ops.approval.request.step"].sudo().search(
            [
                ("state", "=", "pending"),
                ("delegate_ids", "!=", False),
            ]
        )._ops_drop_unjustified_delegates()
