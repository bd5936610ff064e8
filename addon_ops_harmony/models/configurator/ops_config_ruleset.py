"""A configurator rule set: the products it prices and configures, and the version in use.

Its rule content lives in versions (`ops.config.ruleset.version`); the active version is the one
published last, set by Publish only. A product's rule set is the one listing its template, else the
one on its category or the nearest parent category.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .ops_config_common import role_of

# set by Publish only, never by a write or a create from outside
RULESET_INTERNAL_FIELDS = {"active_version_id"}
_INTERNAL = object()


class OpsConfigRuleset(models.Model):
    _name = "ops.config.ruleset"
    _inherit = ["mail.thread"]
    _description = "Configurator rule set"
    _order = "name, id"

    name = fields.Char(required=True, tracking=True)
    description = fields.Text()
    product_tmpl_ids = fields.Many2many(
        "product.template",
        "ops_config_ruleset_product_tmpl_rel",
        "ruleset_id",
        "product_tmpl_id",
        "Products",
        help="The products this rule set configures and prices.",
    )
    categ_id = fields.Many2one(
        "product.category",
        "Product category",
        help="Products of this category (or a sub-category) without a rule set of their own use this one.",
    )
    active_version_id = fields.Many2one(
        "ops.config.ruleset.version",
        "Active version",
        readonly=True,
        copy=False,
        tracking=True,
        help="The published version new configurations pin. Set by Publish.",
    )
    active_version = fields.Integer(related="active_version_id.version", string="Version in use")
    version_ids = fields.One2many("ops.config.ruleset.version", "ruleset_id", "Versions")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", "Company", default=lambda self: self.env.company, index=True)

    @api.constrains("product_tmpl_ids", "categ_id", "active", "company_id")
    def _check_one_ruleset_per_product(self):
        for ruleset in self.filtered("active"):
            others = self.sudo().search([("id", "!=", ruleset.id), ("company_id", "in", [ruleset.company_id.id, False])])
            shared = ruleset.product_tmpl_ids & others.product_tmpl_ids
            if shared:
                raise ValidationError(
                    self.env._(
                        "%(products)s already has a rule set: a product is configured by one rule set only.",
                        products=", ".join(shared.mapped("display_name")),
                    )
                )
            if ruleset.categ_id and ruleset.categ_id in others.categ_id:
                raise ValidationError(self.env._("Category %(name)s already has a rule set.", name=ruleset.categ_id.display_name))

    @api.model_create_multi
    def create(self, vals_list):
        if not self._ops_is_internal():
            self.check_access("create")
            for vals in vals_list:
                self._ops_check_internal_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self._ops_is_internal():
            self.check_access("write")
            self._ops_check_internal_fields(vals)
        return super().write(vals)

    def unlink(self):
        if self.version_ids.filtered(lambda version: version.state != "draft"):
            raise UserError(
                self.env._("A rule set with a published version cannot be deleted: quotes may pin it. Archive it instead.")
            )
        return super().unlink()

    def action_new_draft(self):
        """Open this rule set's draft version: the existing one, the next from the version in use, or a first one."""
        self.ensure_one()
        self._ops_check_manage()
        Version = self.env["ops.config.ruleset.version"]
        draft = self.version_ids.filtered(lambda version: version.state == "draft")[:1]
        latest = self.active_version_id or self.version_ids.sorted("version")[-1:]
        if not draft and latest:
            return latest.action_new_draft()
        draft = draft or Version.create({"ruleset_id": self.id})
        return {"type": "ir.actions.act_window", "res_model": Version._name, "res_id": draft.id, "view_mode": "form"}

    def action_export(self):
        """Download the active version (else the latest version) of this rule set as a JSON file."""
        self.ensure_one()
        version = self.active_version_id or self.version_ids.sorted("version")[-1:]
        if not version:
            raise UserError(self.env._("%(name)s has no version to export yet.", name=self.name))
        return version.action_export()

    def action_open_versions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ops.config.ruleset.version",
            "name": self.env._("Versions of %(name)s", name=self.name),
            "view_mode": "list,form",
            "domain": [("ruleset_id", "=", self.id)],
            "context": {"default_ruleset_id": self.id},
        }

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _ops_internal(self):
        """These rule sets, for a write only the configurator makes (publishing)."""
        return self.with_context(ops_config_internal=_INTERNAL)

    def _ops_is_internal(self):
        return self.env.context.get("ops_config_internal") is _INTERNAL

    def _ops_check_internal_fields(self, vals):
        forced = RULESET_INTERNAL_FIELDS & set(vals)
        if forced:
            raise UserError(
                self.env._(
                    "A rule set's %(fields)s cannot be edited: publish a version to make it the one in use.",
                    fields=", ".join(sorted(forced)),
                )
            )

    @api.model
    def _ops_for_product(self, template):
        """Return the rule set of `template`: the one listing it, else its category's (or a parent's)."""
        if not template:
            return self.browse()
        company = [template.company_id.id or self.env.company.id, False]
        ruleset = self.search([("product_tmpl_ids", "in", template.ids), ("company_id", "in", company)], limit=1)
        category = template.categ_id
        while not ruleset and category:
            ruleset = self.search([("categ_id", "=", category.id), ("company_id", "in", company)], limit=1)
            category = category.parent_id
        return ruleset

    @api.model
    def ops_configurator_load(self, product_id, line_id=False):
        """Return what the configurator dialog needs for `product_id` (and the line being edited).

        {"ruleset_id", "ruleset_name", "version_id", "version", "hash", "content", "role", "currency",
        "values", "quantity"}; the role is the current user's, the version the rule set's active one.
        """
        if type(product_id) is not int or (line_id is not False and line_id is not None and type(line_id) is not int):
            raise ValidationError(self.env._("product_id and line_id must be record ids (integers)."))
        product = self.env["product.product"].browse(product_id).exists()
        if not product:
            raise UserError(self.env._("Product %(id)s does not exist.", id=product_id))
        product.check_access("read")
        ruleset = self._ops_for_product(product.product_tmpl_id)
        version = ruleset.active_version_id
        if not version:
            raise UserError(
                self.env._(
                    "%(product)s has no rule set with a published version: it cannot be configured.",
                    product=product.display_name,
                )
            )
        line = self.env["sale.order.line"]
        if line_id:
            line = line.browse(line_id).exists()
            if not line:
                raise UserError(self.env._("Quote line %(id)s does not exist.", id=line_id))
            line.check_access("read")
        currency = line.order_id.currency_id or self.env.company.currency_id
        stored = line._ops_config_input() if line.ops_config_version_id and line.product_id == product else {}
        return {
            "ruleset_id": ruleset.id,
            "ruleset_name": ruleset.name,
            "version_id": version.id,
            "version": version.version,
            "hash": version.content_hash,
            "content": version._ops_content(),
            "role": role_of(self.env.user),
            "currency": {
                "symbol": currency.symbol,
                "position": currency.position,
                "decimals": currency.decimal_places,
            },
            "values": stored.get("values", {}),
            "quantity": stored.get("quantity") or (line._ops_config_quantity() if line else "1"),
        }

    def _ops_check_manage(self):
        """Raise AccessError unless the current user may change rule sets."""
        if not self.env["ops.config.ruleset"].has_access("write"):
            raise AccessError(self.env._("Only Sales managers may change configurator rule sets."))
