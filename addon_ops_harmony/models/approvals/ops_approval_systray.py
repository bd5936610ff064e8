"""The approver's activity clock: approvals count from the moment they are assigned, in a group of their own.

Odoo's systray counts a user's activities due today or late, grouped by the model of their
document; an approval due in three days did not count, and an approver without rights on the
document found it under "Other activities", with Done instead of Approve. Here:
- approval activities leave the per-model groups and make one "Approvals" group, which lists
  each pending request with its snapshot (what the approver decides on) for the popover;
- each counts in the badge from its assignment: Odoo's own bus updates count only activities due
  today or before, so creating, reassigning or closing a later one sends the difference.
"""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.misc import format_datetime

HIDE_APPROVALS_KEY = "ops_systray_without_approvals"
ICON = "/addon_ops_harmony/static/description/icon.png"


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model
    def _search(self, domain, *args, **kwargs):
        if self.env.context.get(HIDE_APPROVALS_KEY):
            domain = Domain(domain) & Domain("ops_approval_request_id", "=", False)
        return super()._search(domain, *args, **kwargs)

    def _ops_counted_early(self):
        """Approval activities that the badge counts before Odoo does: open, assigned, due after today."""
        today = fields.Date.today()
        return self.filtered(
            lambda activity: activity.ops_approval_request_id
            and activity.active
            and activity.user_id
            and activity.date_deadline > today
        )

    @staticmethod
    def _ops_send_counts(counts):
        """Tell each user's clients how much their badge changes: {user: difference}."""
        for user, diff in counts.items():
            if diff:
                user._bus_send(
                    "mail.activity/updated", {"activity_created" if diff > 0 else "activity_deleted": True, "count_diff": diff}
                )

    def _ops_early_counts(self):
        return {user: len(activities) for user, activities in self._ops_counted_early().grouped("user_id").items()}

    @api.model_create_multi
    def create(self, vals_list):
        activities = super().create(vals_list)
        self._ops_send_counts(activities._ops_early_counts())
        return activities

    def write(self, vals):
        if not {"active", "user_id", "date_deadline"} & set(vals):
            return super().write(vals)
        before = self._ops_early_counts()
        result = super().write(vals)
        after = self._ops_early_counts()
        self._ops_send_counts({user: after.get(user, 0) - before.get(user, 0) for user in before.keys() | after.keys()})
        return result

    def unlink(self):
        self._ops_send_counts({user: -count for user, count in self._ops_early_counts().items()})
        return super().unlink()

    def _ops_systray_item(self):
        """One pending approval as the popover shows it: the request, its snapshot and the buttons' data."""
        self.ensure_one()
        request = self.sudo().ops_approval_request_id
        snapshot = request.snapshot or {}
        return {
            "activity_id": self.id,
            "res_model": self.res_model,
            "res_id": self.res_id,
            "request_id": request.id,
            "request_name": request.name,
            "document": request.res_name or "",
            "requested_by": request.requested_by_id.name,
            "requested_on": format_datetime(self.env, request.create_date, tz=self.env.user.tz or "UTC", dt_format="short"),
            "date_deadline": fields.Date.to_string(self.date_deadline),
            "fields": snapshot.get("fields", []),
            "tier_reasons": snapshot.get("tier_reasons", []),
            "decisions": request._ops_decision_lines(),
            "ops_approval": self._ops_approval_data(),
        }


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def _get_activity_groups(self):
        groups = super(ResUsers, self.with_context(**{HIDE_APPROVALS_KEY: True}))._get_activity_groups()
        approvals = self.env["ops.approval.request"]._ops_systray_group()
        return [*groups, approvals] if approvals else groups


class OpsApprovalRequest(models.Model):
    _inherit = "ops.approval.request"

    @api.model
    def _ops_systray_group(self):
        """The systray group of the current user's pending approvals, oldest first, or None."""
        activities = self.env["mail.activity"].search(
            [("user_id", "=", self.env.uid), ("ops_approval_request_id", "!=", False)], order="date_deadline, id"
        )
        activities = activities.filtered(lambda activity: activity.sudo().ops_approval_request_id.state == "pending")
        if not activities:
            return None
        today = fields.Date.context_today(self)
        overdue = len(activities.filtered(lambda activity: activity.date_deadline < today))
        due_today = len(activities.filtered(lambda activity: activity.date_deadline == today))
        return {
            "id": self.env["ir.model"]._get_id(self._name),
            "name": self.env._("Approvals"),
            "model": self._name,
            "type": "activity",
            "icon": ICON,
            "domain": [("id", "in", activities.sudo().ops_approval_request_id.ids)],
            "total_count": len(activities),
            "overdue_count": overdue,
            "today_count": due_today,
            "planned_count": len(activities) - overdue - due_today,
            "view_type": "list",
            "ops_approvals": [activity._ops_systray_item() for activity in activities],
        }
