"""The lines of an approval policy: tier rules (how risky is this record) and steps (who approves).

Lines belong to their policy version: a published version's lines are frozen like the version.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ops_approval_policy import TIERS, parse_domain


class OpsApprovalPolicyLine(models.AbstractModel):
    _name = "ops.approval.policy.line"
    _description = "Approval policy line"
    _order = "sequence, id"

    policy_id = fields.Many2one("ops.approval.policy", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._ops_check_draft()
        return lines

    def write(self, vals):
        self._ops_check_draft()
        result = super().write(vals)
        if "policy_id" in vals:
            self._ops_check_draft()  # nor moved into a frozen version
        return result

    def unlink(self):
        self._ops_check_draft()
        return super().unlink()

    def _ops_check_draft(self):
        # data files load as superuser; an RPC caller is never superuser, whatever context it sends
        if self.policy_id._ops_is_internal() or (self.env.su and self.env.context.get("install_mode")):
            return
        if any(line.policy_id.state != "draft" for line in self):
            raise UserError(
                self.env._("This policy version is published and frozen. Edit the policy itself, or click New version.")
            )


class OpsApprovalPolicyTier(models.Model):
    _name = "ops.approval.policy.tier"
    _inherit = ["ops.approval.policy.line"]
    _description = "Approval tier rule"

    domain = fields.Char(
        "Condition",
        default="[]",
        required=True,
        help="Records matching this domain are at least this risky, e.g. [('amount_total', '>', 50000)].",
    )
    risk_tier = fields.Selection(TIERS, "Tier", required=True, default="medium")

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            rule._ops_domain()

    def _ops_domain(self):
        self.ensure_one()
        return parse_domain(self.env, self.domain, self.env._("The condition of tier rule %(name)s", name=self.name))

    def _ops_matches(self, record):
        """Return whether `record` meets this rule's condition (read as superuser: rules see every field)."""
        self.ensure_one()
        return bool(record.sudo().filtered_domain(self._ops_domain()))


class OpsApprovalPolicyStep(models.Model):
    _name = "ops.approval.policy.step"
    _inherit = ["ops.approval.policy.line"]
    _description = "Approval step"

    tier = fields.Selection(
        [("medium", "Medium"), ("high", "High")],
        required=True,
        default="medium",
        help="Steps run for requests of this tier. Steps with the same sequence run in parallel.",
    )
    approver_type = fields.Selection(
        [
            ("user", "Users"),
            ("group", "Any member of a group"),
            ("field", "Users in a field of the record"),
            ("manager", "Requester's manager"),
        ],
        required=True,
        default="user",
    )
    user_ids = fields.Many2many("res.users", string="Approvers", domain=[("share", "=", False)])
    group_id = fields.Many2one("res.groups", "Group")
    field_path = fields.Char("Field path", help="A path on the record giving users, e.g. team_id.user_id.")
    min_approvals = fields.Integer("Approvals needed", default=1, required=True)

    @api.constrains("min_approvals")
    def _check_min_approvals(self):
        if any(step.min_approvals < 1 for step in self):
            raise ValidationError(self.env._("A step needs at least one approval."))

    @api.constrains("approver_type", "user_ids", "group_id", "field_path")
    def _check_approver_source(self):
        for step in self:
            if step.approver_type == "user" and not step.user_ids:
                raise ValidationError(self.env._("Step %(name)s: pick at least one approver.", name=step.name))
            if step.approver_type == "group" and not step.group_id:
                raise ValidationError(self.env._("Step %(name)s: pick the approvers' group.", name=step.name))
            if step.approver_type == "field":
                step._ops_check_field_path()
            if step.approver_type == "manager" and "hr.employee" not in self.env:
                raise ValidationError(
                    self.env._("Step %(name)s: the requester's manager needs the Employees app (hr).", name=step.name)
                )

    def _ops_check_field_path(self):
        model = self.env[self.policy_id.model_name]
        field = None
        for part in (self.field_path or "").split("."):
            field = model._fields.get(part)
            if field is None or (field.relational and field.comodel_name is None):
                raise ValidationError(
                    self.env._(
                        "Step %(name)s: %(path)s is not a field path of %(model)s.",
                        name=self.name,
                        path=self.field_path,
                        model=self.policy_id.model_name,
                    )
                )
            if field.relational:
                model = self.env[field.comodel_name]
        if field is None or field.type not in ("many2one", "many2many", "one2many") or model._name != "res.users":
            raise ValidationError(
                self.env._("Step %(name)s: %(path)s must lead to users (res.users).", name=self.name, path=self.field_path)
            )

    def _ops_resolve(self, record, requester):
        """Return the users who approve this step for `record`, never the requester."""
        self.ensure_one()
        record = record.sudo()
        if self.approver_type == "user":
            users = self.user_ids
        elif self.approver_type == "group":
            users = self.group_id.sudo().all_user_ids
        elif self.approver_type == "field":
            users = record.mapped(self.field_path)
        else:
            employees = self.env["hr.employee"].sudo().search([("user_id", "=", requester.id)])
            users = employees.parent_id.user_id
        return users.filtered(lambda user: user.active and not user.share) - requester
