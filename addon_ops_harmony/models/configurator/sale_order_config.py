"""Configured quotes: the configurator writes lines, the server's evaluation wins, guardrails ask approval.

`ops_config_apply` is what "Add to quote" calls: the server checks the caller, the product, the
version (the rule set's active, published one) and the input, evaluates the rule set itself with
the caller's role, and writes the line with its price; what the browser computed differently is
logged in the audit log. On confirm every configured line is evaluated again with its pinned
version. Re-pricing under a newer version is an explicit action, logged in the chatter.

Guardrails need no approval code: a line stores the guardrails it breaches, the order a stored flag
and the reason, and a policy on `action_confirm` (data) matches the flag and shows the reason.
"""

import json

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .ops_config_common import MAX_INPUT_BYTES, comparable, decimal_text, differences
from .ops_config_ruleset import _INTERNAL

APPLY_KEYS = {"line_id", "product_id", "version_id", "values", "quantity", "browser_output"}
EDITABLE_STATES = ("draft", "sent")
MAX_DIFFERENCES_LOGGED = 30


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ops_config_guardrail_breached = fields.Boolean(
        "Guardrail breached",
        compute="_compute_ops_config_guardrails",
        store=True,
        help="A configured line is under a minimum margin or over the role's maximum discount.",
    )
    ops_config_guardrail_reason = fields.Text(
        "Guardrails", compute="_compute_ops_config_guardrails", store=True, help="The breached guardrails, one per line."
    )
    ops_config_outdated_count = fields.Integer(
        "Lines on an older version",
        compute="_compute_ops_config_outdated_count",
        help="Configured lines whose rule set has a newer published version.",
    )

    @api.depends("order_line.ops_config_guardrails", "order_line.product_id")
    def _compute_ops_config_guardrails(self):
        for order in self:
            reasons = []
            for line in order.order_line.filtered("ops_config_guardrails"):
                for message in line.ops_config_guardrails.splitlines():
                    reasons.append(f"{line.product_id.display_name}: {message}")
            order.ops_config_guardrail_breached = bool(reasons)
            order.ops_config_guardrail_reason = "\n".join(reasons) or False

    @api.depends("order_line.ops_config_version_id", "order_line.ops_config_version_id.ruleset_id.active_version_id")
    def _compute_ops_config_outdated_count(self):
        for order in self:
            order.ops_config_outdated_count = len(order._ops_config_outdated_lines())

    def copy(self, default=None):
        # a duplicated quote keeps its lines' configurations (only the lines the ORM copies itself)
        if default and "order_line" in default:
            return super().copy(default)
        return super(SaleOrder, self.with_context(ops_config_internal=_INTERNAL)).copy(default).with_env(self.env)

    def action_confirm(self):
        for order in self.filtered(lambda order: order.state in EDITABLE_STATES):
            order._ops_config_check_configured()
            for line in order.order_line.filtered("ops_config_version_id"):
                line._ops_config_reevaluate({}, self.env._("confirmed"))
        return super().action_confirm()

    def action_ops_config_reprice(self):
        """Re-price the configured lines under their rule sets' active versions; say what changed in the chatter."""
        for order in self:
            order._ops_config_check_editable()
            changes = []
            for line in order._ops_config_outdated_lines():
                old_version, old_price = line.ops_config_version_id, line.price_unit
                version = line.ops_config_ruleset_id.active_version_id
                stored = line._ops_config_input()
                values, quantity = stored.get("values") or {}, line._ops_config_quantity()
                try:
                    output = line._ops_config_evaluate(version, values, quantity)
                except ValidationError as error:
                    raise UserError(
                        self.env._(
                            "%(product)s cannot be re-priced under version %(version)s: %(error)s Configure the line again.",
                            product=line.product_id.display_name,
                            version=version.version,
                            error=error,
                        )
                    ) from error
                line._ops_config_internal().write(line._ops_config_vals(version, values, quantity, output))
                changes.append(
                    self.env._(
                        "%(product)s: version %(old)s → %(new)s, unit price %(old_price)s → %(new_price)s",
                        product=line.product_id.display_name,
                        old=old_version.version,
                        new=version.version,
                        old_price=old_price,
                        new_price=line.price_unit,
                    )
                )
            if not changes:
                raise UserError(
                    self.env._("Every configured line of %(name)s already uses its rule set's active version.", name=order.name)
                )
            order.message_post(
                body=self.env._("Configured lines re-priced under newer rule set versions:") + "\n" + "\n".join(changes)
            )
        return True

    # ------------------------------------------------------------
    # The configurator's RPC
    # ------------------------------------------------------------

    @api.model
    def ops_config_apply(self, order_id, config):
        """Write a configured line on quote `order_id`; the server evaluates and its result wins.

        `config`: {"line_id": id|False, "product_id", "version_id", "values", "quantity", "browser_output"}.
        Returns {"line_id", "output", "differs"}.
        """
        order = self._ops_config_order(order_id)
        config = self._ops_config_payload(config)
        line = self.env["sale.order.line"]
        if config["line_id"]:
            line = line.browse(config["line_id"]).exists()
            if not line or line.order_id != order or line.display_type:
                raise UserError(
                    self.env._("Line %(id)s is not a product line of %(name)s.", id=config["line_id"], name=order.name)
                )
        product = self.env["product.product"].browse(config["product_id"]).exists()
        if not product or not product.sale_ok:
            raise UserError(self.env._("Product %(id)s does not exist or cannot be sold.", id=config["product_id"]))
        ruleset = self.env["ops.config.ruleset"]._ops_for_product(product.product_tmpl_id)
        version = ruleset.active_version_id
        if not version or version.id != config["version_id"] or version.state != "published":
            raise UserError(
                self.env._(
                    "Version %(sent)s is not the published version of %(product)s's rule set%(active)s: reload the "
                    "configurator and try again.",
                    sent=config["version_id"],
                    product=product.display_name,
                    active=self.env._(" (version %(version)s is)", version=version.version) if version else "",
                )
            )
        output = line._ops_config_evaluate(version, config["values"], config["quantity"])
        vals = line._ops_config_vals(version, config["values"], config["quantity"], output)
        vals.update(
            {
                "product_id": product.id,
                "product_uom_qty": float(config["quantity"]),
                "name": self._ops_config_line_name(product, version, output),
            }
        )
        if line:
            line._ops_config_internal().write(vals)
        else:
            line = line._ops_config_internal().create(dict(vals, order_id=order.id)).with_env(self.env)
        found = []
        if config["browser_output"] is not None:
            said = (self.env._("the browser said"), self.env._("the server"))
            found = differences(comparable(config["browser_output"]), comparable(output), "$.output", said)
            if found:
                order._ops_config_log_difference(line, found, self.env._("configured in the browser"))
        return {"line_id": line.id, "output": output, "differs": bool(found)}

    def _ops_config_order(self, order_id):
        if type(order_id) is not int:
            raise ValidationError(self.env._("order_id must be a quotation's id (an integer)."))
        order = self.browse(order_id).exists()
        if not order:
            raise UserError(self.env._("Quotation %(id)s does not exist.", id=order_id))
        order.check_access("write")
        order._ops_config_check_editable()
        return order

    def _ops_config_check_editable(self):
        self.ensure_one()
        if self.state not in EDITABLE_STATES:
            raise UserError(self.env._("%(name)s is no longer a quotation: its lines cannot be configured.", name=self.name))

    @api.model
    def _ops_config_payload(self, config):
        """Return the configurator's payload checked: ids, values (an object), quantity (a decimal > 0)."""
        if not isinstance(config, dict):
            raise ValidationError(
                self.env._("The configuration must be an object with product_id, version_id, values and quantity.")
            )
        unknown = set(config) - APPLY_KEYS
        if unknown:
            raise ValidationError(
                self.env._("Unknown keys in the configuration: %(keys)s.", keys=", ".join(sorted(map(str, unknown))))
            )
        line_id = config.get("line_id") or False
        for name, value in (
            ("product_id", config.get("product_id")),
            ("version_id", config.get("version_id")),
            ("line_id", line_id or 1),
        ):
            if type(value) is not int or not 0 < value < 2**31:
                raise ValidationError(self.env._("%(name)s must be a record id (an integer).", name=name))
        values = config.get("values")
        if not isinstance(values, dict):
            raise ValidationError(self.env._("values must be an object: option key → value."))
        if len(json.dumps(values)) > MAX_INPUT_BYTES:
            raise ValidationError(self.env._("values is larger than %(limit)s KB: it is refused.", limit=MAX_INPUT_BYTES // 1024))
        raw_quantity = config.get("quantity", "1")
        quantity = decimal_text(raw_quantity) if isinstance(raw_quantity, str) or type(raw_quantity) is int else None
        if quantity is None or float(quantity) <= 0 or len(quantity) > 20:
            raise ValidationError(self.env._('quantity must be a decimal above 0, such as "2" or "1.5".'))
        browser_output = config.get("browser_output")
        if browser_output is not None and not isinstance(browser_output, dict):
            raise ValidationError(self.env._("browser_output must be the browser's evaluation (an object) or null."))
        return {
            "line_id": line_id,
            "product_id": config["product_id"],
            "version_id": config["version_id"],
            "values": values,
            "quantity": quantity,
            "browser_output": browser_output,
        }

    @api.model
    def _ops_config_line_name(self, product, version, output):
        """Return the line's description: the product, then each shown option as "Label: value"."""
        labels = {option.get("key"): option for option in version._ops_content().get("options", [])}
        lines = [product.get_product_multiline_description_sale() or product.display_name]
        for key, value in (output.get("values") or {}).items():
            if value is None or key not in labels:
                continue
            option = labels[key]
            names = {item.get("value"): item.get("label") or item.get("value") for item in option.get("values") or []}
            if isinstance(value, list):
                text = ", ".join(names.get(item, item) for item in value)
            elif isinstance(value, bool):
                text = self.env._("Yes") if value else self.env._("No")
            else:
                text = names.get(value, value)
            lines.append(f"{option.get('label') or key}: {text}")
        return "\n".join(lines)

    def _ops_config_check_configured(self):
        """Refuse a line whose product has a published rule set but was not configured: its price skips the rules.

        Orders the sync gateway ingests (as superuser) were priced by the shop, and pass.
        """
        self.ensure_one()
        if self.env.su:
            return
        unconfigured = self.order_line.filtered(
            lambda line: not line.display_type
            and not line.ops_config_version_id
            and line.ops_config_ruleset_id.sudo().active_version_id
        )
        if unconfigured:
            raise UserError(
                self.env._(
                    "Configure %(products)s before confirming %(name)s: its price comes from its rule set.",
                    products=", ".join(unconfigured.mapped("product_id.display_name")),
                    name=self.name,
                )
            )

    def _ops_config_outdated_lines(self):
        self.ensure_one()
        return self.order_line.filtered(
            lambda line: line.ops_config_version_id
            and line.ops_config_ruleset_id == line.ops_config_version_id.ruleset_id
            and line.ops_config_ruleset_id.active_version_id
            and line.ops_config_ruleset_id.active_version_id != line.ops_config_version_id
        )

    def _ops_config_log_difference(self, line, found, when):
        """Write to the audit log that the server's result for `line` differs from what was sent or stored."""
        self.ensure_one()
        shown = found[:MAX_DIFFERENCES_LOGGED]
        if len(found) > len(shown):
            shown.append(self.env._("… and %(count)s more differences.", count=len(found) - len(shown)))
        self.env["ops.audit.log"]._ops_record(
            "config_differs",
            record=self,
            rationale=self.env._(
                "Line %(line)s (%(product)s), %(when)s with %(version)s: the server's result was kept.\n%(diff)s",
                line=line.id,
                product=line.product_id.display_name,
                when=when,
                version=line.ops_config_version_id.display_name,
                diff="\n".join(shown),
            ),
        )
