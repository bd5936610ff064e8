"""What the admin picks instead of typing: the guarded button, and a warning when policies overlap.

- `ops.approval.button` lists the buttons of a model's form view that run a method (type="object"),
  with their labels, the way Odoo Studio offers them. They are read from the views when the admin
  picks a model; a policy's `button_id` sets its `method_name`, which stays what the engine reads.
- `overlap_warning` names the published policies of other families that guard the same action,
  and a record matching both, if there is one: such a record needs an approval under each.
"""

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ops_approval_policy import FORBIDDEN_METHODS


class OpsApprovalButton(models.Model):
    _name = "ops.approval.button"
    _description = "Button an approval policy can guard"
    _order = "model_id, sequence, id"

    model_id = fields.Many2one("ir.model", required=True, ondelete="cascade", index=True)
    method_name = fields.Char("Method", required=True)
    label = fields.Char(required=True)
    sequence = fields.Integer(default=10)

    _key_uniq = models.Constraint("UNIQUE(model_id, method_name)", "A button is listed once per model.")

    @api.depends("label", "method_name")
    def _compute_display_name(self):
        for button in self:
            button.display_name = f"{button.label} ({button.method_name})"

    @api.model
    def _ops_read_buttons(self, model_name):
        """Return [(method, label)] of the object buttons of `model_name`'s form views, in view order."""
        Model = self.env[model_name].sudo()
        found = {}
        views = (
            self.env["ir.ui.view"].sudo().search([("model", "=", model_name), ("type", "=", "form"), ("mode", "=", "primary")])
        )
        for view in views:
            arch = Model.get_view(view.id, "form")["arch"]
            for node in etree.fromstring(arch).iter("button"):
                method, label = node.get("name"), node.get("string") or node.get("title") or ""
                if (
                    node.get("type") != "object"
                    or not method
                    or method.startswith("_")
                    or method in FORBIDDEN_METHODS
                    or not callable(getattr(type(Model), method, None))
                ):
                    continue
                found.setdefault(method, label.strip() or method)
        return list(found.items())

    @api.model
    def _ops_sync(self, model):
        """Make sure the buttons of `model` (an ir.model) are listed; return them."""
        buttons = self.sudo().search([("model_id", "=", model.id)])
        known = set(buttons.mapped("method_name"))
        new = [
            {"model_id": model.id, "method_name": method, "label": label, "sequence": index}
            for index, (method, label) in enumerate(self._ops_read_buttons(model.model))
            if method not in known
        ]
        return buttons | self.sudo().create(new)

    @api.model
    def _ops_sync_policy_models(self):
        """List the buttons of every model a policy guards (install and upgrade)."""
        for model in self.env["ops.approval.policy"].sudo().with_context(active_test=False).search([]).model_id:
            self._ops_sync(model)


class OpsApprovalPolicy(models.Model):
    _inherit = "ops.approval.policy"

    button_id = fields.Many2one(
        "ops.approval.button",
        "Guarded button",
        compute="_compute_button_id",
        inverse="_inverse_button_id",
        domain="[('model_id', '=', model_id)]",
        help="The button of the model's form whose action needs approval, e.g. Confirm on a sales order.",
    )
    overlap_warning = fields.Text(compute="_compute_overlap_warning")

    @api.depends("model_id", "method_name")
    def _compute_button_id(self):
        Button = self.env["ops.approval.button"]
        for policy in self:
            policy.button_id = (
                Button.search([("model_id", "=", policy.model_id.id), ("method_name", "=", policy.method_name)], limit=1)
                if policy.model_id and policy.method_name
                else False
            )

    def _inverse_button_id(self):
        for policy in self:
            if policy.button_id:
                policy._ops_check_button(policy.button_id, policy.model_id)
                policy.method_name = policy.button_id.method_name

    def _ops_check_button(self, button, model):
        if button.model_id != model:
            raise ValidationError(
                self.env._(
                    "The guarded button must be one of %(model)s's, not %(button)s of %(other)s.",
                    model=model.name,
                    button=button.label,
                    other=button.model_id.name,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        Button = self.env["ops.approval.button"]
        for vals in vals_list:
            if vals.get("button_id"):  # the action is the picked button's, checked before the row exists
                button = Button.browse(vals["button_id"])
                self._ops_check_button(button, self.env["ir.model"].browse(vals.get("model_id")))
                vals["method_name"] = button.method_name
        policies = super().create(vals_list)
        for model in policies.model_id:
            self.env["ops.approval.button"]._ops_sync(model)
        return policies

    @api.onchange("model_id")
    def _onchange_model_id_buttons(self):
        if self.model_id:
            self.env["ops.approval.button"]._ops_sync(self.model_id)
        if self.button_id and self.button_id.model_id != self.model_id:
            self.button_id = False

    @api.depends("model_name", "method_name", "domain", "state")
    def _compute_overlap_warning(self):
        for policy in self:
            policy.overlap_warning = policy._ops_overlap_message() or False

    def _ops_overlap_message(self):
        """A sentence naming the published policies of other families on the same action, or ''."""
        self.ensure_one()
        if not self.model_name or not self.method_name or self.state == "archived":
            return ""
        others = self.sudo().search(
            [
                ("model_name", "=", self.model_name),
                ("method_name", "=", self.method_name),
                ("state", "=", "published"),
                ("family_id", "!=", self.family_id.id or False),
                ("id", "!=", self._origin.id),
            ]
        )
        if not others:
            return ""
        example = ""
        try:
            mine = self._ops_domain()
            for other in others:
                match = self.env[self.model_name].sudo().search(mine & other._ops_domain(), limit=1)
                if match:
                    example = self.env._(" %(record)s, for one, matches both.", record=match.display_name)
                    break
        except (ValueError, ValidationError):  # a domain being typed
            pass
        return self.env._(
            "Also guarding this action: %(names)s. A record both match needs an approval under each "
            "policy before the action runs.%(example)s",
            names=", ".join(others.mapped("name")),
            example=example,
        )


class OpsApprovalPolicyTier(models.Model):
    _inherit = "ops.approval.policy.tier"

    model_name = fields.Char(related="policy_id.model_name", string="Model name")


class OpsApprovalPolicyStep(models.Model):
    _inherit = "ops.approval.policy.step"

    # "Requester's manager" is offered only where the Employees app says who that is
    approver_type = fields.Selection(selection="_ops_approver_types")
    # the field picker of "Users in a field of the record" walks this model's fields
    model_name = fields.Char(related="policy_id.model_name", string="Model name")

    @api.model
    def _ops_approver_types(self):
        types = [
            ("user", self.env._("Users")),
            ("group", self.env._("Any member of a group")),
            ("field", self.env._("Users in a field of the record")),
        ]
        if "hr.employee" in self.env:
            types.append(("manager", self.env._("Requester's manager")))
        return types
