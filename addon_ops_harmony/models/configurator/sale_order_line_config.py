"""A configured quote line: the rule set version it pins, its input, the server's output and trace.

These fields are set by the configurator's server side only (`sale.order.ops_config_apply`, Re-price):
a create or write from outside that names them is refused. When a configured line's quantity,
product, unit price or discount is saved, the server evaluates the pinned version again with the
line's quantity; its price wins, and what differed from the server's result goes to the audit log.
"""

import json

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ops_config_common import comparable, decimal_text, differences, engine, problems_text, role_of
from .ops_config_ruleset import _INTERNAL

CONFIG_FIELDS = {
    "ops_config_version_id",
    "ops_config_hash",
    "ops_config_input",
    "ops_config_output",
    "ops_config_trace",
    "ops_config_guardrails",
}
# saving one of these on a configured line makes the server evaluate it again
REPRICE_TRIGGERS = {"product_uom_qty", "product_id", "price_unit", "discount"}


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    ops_config_version_id = fields.Many2one(
        "ops.config.ruleset.version",
        "Rule set version",
        readonly=True,
        ondelete="restrict",
        index="btree_not_null",
        help="The published rule set version this line was configured with.",
    )
    ops_config_hash = fields.Char("Rule set hash", readonly=True)
    ops_config_input = fields.Text("Configuration input", readonly=True, help='JSON: {"values": …, "quantity": …}')
    ops_config_output = fields.Text("Configuration output", readonly=True, help="JSON: the server's evaluation.")
    ops_config_trace = fields.Text("Rules that fired", readonly=True)
    ops_config_guardrails = fields.Text(
        "Guardrails breached", readonly=True, help="The messages of the guardrails this line breaches, one a line."
    )
    ops_config_ruleset_id = fields.Many2one(
        "ops.config.ruleset", "Rule set", compute="_compute_ops_config_ruleset_id", help="The product's rule set."
    )

    @api.depends("product_id")
    def _compute_ops_config_ruleset_id(self):
        Ruleset = self.env["ops.config.ruleset"]
        found = {}  # a large quote repeats its products: one look-up per product
        for line in self:
            template = line.product_id.product_tmpl_id
            if template not in found:
                found[template] = Ruleset._ops_for_product(template)
            line.ops_config_ruleset_id = found[template]

    def _compute_price_unit(self):
        # a configured line's price is the rule set's, set with its configuration
        return super(SaleOrderLine, self.filtered(lambda line: not line.ops_config_version_id))._compute_price_unit()

    def _compute_discount(self):
        return super(SaleOrderLine, self.filtered(lambda line: not line.ops_config_version_id))._compute_discount()

    @api.model_create_multi
    def create(self, vals_list):
        if not self._ops_config_is_internal():
            for vals in vals_list:
                self._ops_config_check_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        if self._ops_config_is_internal():
            return super().write(vals)
        self._ops_config_check_fields(vals)
        configured = self.filtered("ops_config_version_id") if REPRICE_TRIGGERS & set(vals) else self.browse()
        sent = {line.id: {name: vals[name] for name in ("price_unit", "discount") if name in vals} for line in configured}
        result = super().write(vals)
        for line in configured:
            line._ops_config_reevaluate(sent[line.id], self.env._("saved"))
        return result

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _ops_config_internal(self):
        """These lines, for a write only the configurator makes."""
        return self.with_context(ops_config_internal=_INTERNAL)

    def _ops_config_is_internal(self):
        return self.env.context.get("ops_config_internal") is _INTERNAL

    def _ops_config_check_fields(self, vals):
        forced = CONFIG_FIELDS & set(vals)
        if forced:
            raise UserError(
                self.env._(
                    "A quote line's configuration (%(fields)s) is set by the configurator only: use Configure.",
                    fields=", ".join(sorted(forced)),
                )
            )

    def _ops_config_input(self):
        """Return the stored input {"values", "quantity"} ({} when not configured)."""
        self.ensure_one()
        try:
            stored = json.loads(self.ops_config_input or "{}")
        except ValueError:
            return {}
        return stored if isinstance(stored, dict) else {}

    def _ops_config_quantity(self):
        """Return the line's quantity as a decimal string of the rule language."""
        self.ensure_one()
        return decimal_text(self.product_uom_qty or 0.0) or "0"

    @api.model
    def _ops_config_evaluate(self, version, values, quantity):
        """Evaluate `version` for `values` at `quantity` with the current user's role; refuse any error."""
        # the stored JSON text: the engine finds its compiled evaluator by the text's sha256, without parsing it
        output = engine().evaluate(version.content, values, {"quantity": quantity, "role": role_of(self.env.user)})
        if not output.get("ok"):
            problems = output.get("errors") or [output.get("error") or {"code": "error", "message": str(output)}]
            raise ValidationError(
                problems_text(
                    self.env,
                    problems,
                    self.env._("The configuration is refused by %(name)s:", name=version.display_name),
                )
            )
        return output

    def _ops_config_vals(self, version, values, quantity, output):
        """Return the values that pin `output` (of `version` for `values`) on a line."""
        return {
            "ops_config_version_id": version.id,
            "ops_config_hash": version.content_hash,
            "ops_config_input": json.dumps({"values": values, "quantity": quantity}, ensure_ascii=False, sort_keys=True),
            "ops_config_output": json.dumps(output, ensure_ascii=False, sort_keys=True),
            "ops_config_trace": "\n".join(output.get("trace") or []),
            "ops_config_guardrails": "\n".join(
                item.get("message") or item.get("id", "") for item in output.get("guardrails") or []
            )
            or False,
            "price_unit": float(output["unit_price"]),
            "discount": 0.0,
        }

    def _ops_config_reevaluate(self, sent, when):
        """Evaluate this configured line again with its pinned version; the server's result wins.

        `sent` holds the unit price and discount the caller sent, if any; whatever differs between
        them (or the stored output) and the server's result is written to the audit log.
        """
        self.ensure_one()
        version = self.ops_config_version_id
        ruleset = self.env["ops.config.ruleset"]._ops_for_product(self.product_id.product_tmpl_id)
        if ruleset != version.ruleset_id:
            raise UserError(
                self.env._(
                    "%(product)s is not configured by rule set %(name)s: remove this configured line and add the "
                    "product again, then configure it.",
                    product=self.product_id.display_name,
                    name=version.ruleset_id.name,
                )
            )
        stored_input = self._ops_config_input()
        values = stored_input.get("values") or {}
        quantity = self._ops_config_quantity()
        output = self._ops_config_evaluate(version, values, quantity)
        vals = self._ops_config_vals(version, values, quantity, output)
        found = []
        if stored_input.get("quantity") == quantity:
            # same input: the stored output must be the server's (a new quantity gives a new total)
            try:
                stored = json.loads(self.ops_config_output or "{}")
            except ValueError:
                stored = {}
            said = (self.env._("the server"), self.env._("stored"))
            found = differences(comparable(output), comparable(stored), "$.output", said)
        if self.ops_config_hash != version.content_hash:
            found.append(f"hash: {self.ops_config_hash} stored, the version's is {version.content_hash}")
        currency = self.order_id.currency_id
        for name in ("price_unit", "discount"):
            given = sent.get(name, self[name])
            if currency.compare_amounts(float(given or 0.0), vals[name]) if currency else given != vals[name]:
                found.append(f"{name}: {given} sent or stored, the server's is {vals[name]}")
        self._ops_config_internal().write(vals)
        if found:
            self.order_id._ops_config_log_difference(self, found, when)
        return output
