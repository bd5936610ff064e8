"""Access for a new hire: Odoo groups per role, granted only after approval, each grant audited.

An onboarding asks for its role's groups for the employee's user. Granting (`action_grant`) is
guarded by the published "Access grants" policy: an Ops Manager approves, and a request that gives
administration rights also needs a Settings administrator. Once approved the groups are added at
once, as the requester, through the guard again, and the grant goes to the audit log with the
groups it gave. Only this code writes the groups, the state and the user: a client never does.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command

from ..approvals.ops_approval_guard import ApprovalRequired

STATES = [("draft", "To grant"), ("granted", "Granted"), ("cancelled", "Cancelled")]
SERVER_FIELDS = {"state", "user_id", "group_ids", "onboarding_id", "granted_date", "requested_by_id"}
_INTERNAL = object()
HR_GROUP = "hr.group_hr_user"


class OpsAccessRequest(models.Model):
    _name = "ops.access.request"
    _inherit = ["mail.thread", "ops.approval.state.mixin"]
    _description = "Access request"
    _order = "id desc"
    _ops_approval_effects = {"action_grant": ("state", ("granted",))}

    name = fields.Char(compute="_compute_name", store=True)
    onboarding_id = fields.Many2one("ops.onboarding", readonly=True, ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", "For", required=True, readonly=True)
    group_ids = fields.Many2many("res.groups", string="Groups", readonly=True)
    requested_by_id = fields.Many2one("res.users", "Requested by", readonly=True, default=lambda self: self.env.user)
    company_id = fields.Many2one("res.company", required=True, readonly=True, default=lambda self: self.env.company)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracking=True)
    granted_date = fields.Datetime(readonly=True)

    @api.depends("user_id.name")
    def _compute_name(self):
        for request in self:
            request.name = self.env._("Access for %(user)s", user=request.user_id.name or "")

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("ops_access_internal") is not _INTERNAL:
            raise AccessError(self.env._("Access is requested by an onboarding, not created by hand."))
        return super().create(vals_list)

    def write(self, vals):
        if self.env.context.get("ops_access_internal") is not _INTERNAL and SERVER_FIELDS & set(vals):
            raise AccessError(
                self.env._("These fields are set by Odoo, not by you: %s.", ", ".join(sorted(SERVER_FIELDS & set(vals))))
            )
        return super().write(vals)

    @api.model
    def _ops_ask_for(self, onboarding, user, groups):
        return (
            self.with_context(ops_access_internal=_INTERNAL)
            .create(
                {
                    "onboarding_id": onboarding.id,
                    "user_id": user.id,
                    "group_ids": [Command.set(groups.ids)],
                    "company_id": onboarding.company_id.id,
                    "requested_by_id": self.env.uid,
                }
            )
            .with_env(self.env)
        )

    def _ops_check_hr(self):
        if not self.env.su and not self.env.user.has_group(HR_GROUP):
            raise AccessError(self.env._("Only HR asks for or grants a new hire's access."))

    def action_submit(self):
        """The Grant button: ask for approval, or grant when the approval covers this request."""
        self.ensure_one()
        self._ops_check_hr()
        if self.state != "draft":
            raise UserError(self.env._("This access request is %(state)s.", state=dict(STATES)[self.state]))
        self._ops_check_policy()
        try:
            return self.action_grant()
        except ApprovalRequired as asked:
            return self.env["ops.approval.request"]._ops_requested_notification(str(asked))

    def _ops_check_policy(self):
        if not self.env["ops.approval.policy"]._ops_published(self._name, ["action_grant"]):
            raise UserError(
                self.env._(
                    "No approval policy is published for access requests: ask an Ops Manager to publish "
                    "'Access grants' (Operations > Configuration > Approval policies)."
                )
            )

    def action_grant(self):
        """Add the groups to the user. Guarded by the published access policy; without one, nothing is granted."""
        self._ops_check_hr()
        self._ops_check_policy()
        for request in self.filtered(lambda r: r.state == "draft"):
            if not request.user_id.active or request.user_id.share:
                raise UserError(self.env._("%(user)s is not an active internal user.", user=request.user_id.name))
            # sudo: HR cannot edit users' groups; the guard has just checked the approval covers
            # exactly these groups for exactly this user
            request.user_id.sudo().write({"group_ids": [Command.link(group.id) for group in request.group_ids]})
            request.with_context(ops_access_internal=_INTERNAL).sudo().write(
                {"state": "granted", "granted_date": fields.Datetime.now()}
            )
            self.env["ops.audit.log"]._ops_record(
                "access_grant",
                record=request,
                rationale=self.env._(
                    "%(groups)s granted to %(user)s",
                    groups=", ".join(request.group_ids.mapped("full_name")),
                    user=request.user_id.login,
                ),
            )
            request.message_post(body=self.env._("Access granted: %s.", ", ".join(request.group_ids.mapped("full_name"))))
        return True

    def _ops_approval_granted(self, approval):
        for request in self.filtered(lambda r: r.state == "draft"):
            try:
                with self.env.cr.savepoint():
                    request.with_user(approval.requested_by_id).action_grant()
            except (UserError, AccessError) as error:
                request.sudo().message_post(body=self.env._("Approved, but not granted: %s", error))

    def _ops_approval_scope(self):
        """An approval covers these groups for this user."""
        self.ensure_one()
        return {"user": self.user_id.id, "groups": sorted(self.group_ids.ids)}

    def _ops_approval_snapshot(self):
        self.ensure_one()
        return {
            "fields": [
                {"label": self.env._("For"), "value": f"{self.user_id.name} ({self.user_id.login})"},
                {"label": self.env._("Groups"), "value": ", ".join(self.group_ids.mapped("full_name"))},
                {"label": self.env._("Onboarding"), "value": self.onboarding_id.name or ""},
            ]
        }
