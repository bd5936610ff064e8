"""Subscription renewal on Community: an order's term, the renewal quote, its risk and its terms.

Odoo Community has no subscriptions, so a confirmed order carries a term end and a renewal
period. A daily scheduled action opens the renewal quote `notice` days before the end (the
`addon_ops_harmony.renewal_notice_days` parameter, 30 by default): the same lines, the configured
ones re-priced under their rule set's active version, the others at the customer's current prices
and discounts. The quote gets the risk score and account summary (`ops_renewal_risk.py`), the
salesperson an activity, and the customer the renewal quote from a mail template.

A renewal whose terms are not standard (a discount, a price under the list price, another payment
term) needs approval to be confirmed: the shipped "Renewal on non-standard terms" policy reads
`ops_renewal_nonstandard`. The link to the renewed order is written by this code only, so a
renewal cannot be made to look like a new sale to slip past that policy.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from .ops_renewal_risk import account_summary, renewal_risk

NOTICE_PARAM = "addon_ops_harmony.renewal_notice_days"
NOTICE_DEFAULT = 30
TEMPLATE = "addon_ops_harmony.ops_mail_template_renewal_quote"
SERVER_FIELDS = {"ops_renewal_of_id", "ops_renewal_risk", "ops_renewal_risk_band", "ops_renewal_risk_note", "ops_account_summary"}
_INTERNAL = object()


class SaleOrderRenewal(models.Model):
    _inherit = "sale.order"

    ops_term_end = fields.Date("Term ends", tracking=True, copy=False, help="The end of the period this order covers.")
    ops_renewal_months = fields.Integer("Renews for (months)", default=12)
    ops_renewal_of_id = fields.Many2one("sale.order", "Renewal of", readonly=True, copy=False, index="btree_not_null")
    ops_renewal_ids = fields.One2many("sale.order", "ops_renewal_of_id", "Renewals", readonly=True)
    ops_renewal_risk = fields.Integer("Renewal risk", readonly=True, copy=False)
    ops_renewal_risk_band = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")], "Risk", readonly=True, copy=False
    )
    ops_renewal_risk_note = fields.Text("Why this risk", readonly=True, copy=False)
    ops_account_summary = fields.Text("Account summary", readonly=True, copy=False)
    ops_renewal_nonstandard = fields.Boolean(
        "Non-standard terms",
        compute="_compute_ops_renewal_deviations",
        help="A renewal with a discount, a price under list or another payment term.",
    )
    ops_renewal_deviations = fields.Text("How the terms differ", compute="_compute_ops_renewal_deviations")

    @api.depends("ops_renewal_of_id", "order_line.price_unit", "order_line.discount", "order_line.product_id", "payment_term_id")
    def _compute_ops_renewal_deviations(self):
        for order in self:
            deviations = order._ops_renewal_deviation_list() if order.ops_renewal_of_id else []
            order.ops_renewal_deviations = "\n".join(deviations) or False
            order.ops_renewal_nonstandard = bool(deviations)

    def _ops_renewal_deviation_list(self):
        self.ensure_one()
        deviations = []
        for line in self.order_line.filtered(lambda line: not line.display_type and line.product_id):
            if line.discount:
                deviations.append(
                    self.env._(
                        "%(product)s: %(discount)s %% discount", product=line.product_id.display_name, discount=line.discount
                    )
                )
            if "ops_config_version_id" in line._fields and line.ops_config_version_id:
                continue  # priced by its rule set's active version: standard by definition
            list_price = line.with_context(force_price_recomputation=True)._get_display_price()
            if float_compare(line.price_unit, list_price, precision_rounding=self.currency_id.rounding) < 0:
                deviations.append(
                    self.env._(
                        "%(product)s: unit price %(price)s under the list price %(list)s",
                        product=line.product_id.display_name,
                        price=line.price_unit,
                        list=round(list_price, 2),
                    )
                )
        standard_term = self.partner_id.property_payment_term_id
        if self.payment_term_id and self.payment_term_id != standard_term:
            deviations.append(
                self.env._(
                    "payment term %(term)s instead of the customer's %(standard)s",
                    term=self.payment_term_id.name,
                    standard=standard_term.name or self.env._("default"),
                )
            )
        return deviations

    def write(self, vals):
        if self.env.context.get("ops_renewal_internal") is not _INTERNAL and SERVER_FIELDS & set(vals):
            raise AccessError(
                self.env._("These fields are set by Odoo, not by you: %s.", ", ".join(sorted(SERVER_FIELDS & set(vals))))
            )
        return super().write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("ops_renewal_internal") is not _INTERNAL and not self.env.su:
            for vals in vals_list:
                if SERVER_FIELDS & set(vals):
                    raise AccessError(self.env._("A renewal is opened by Odoo from the order it renews."))
        return super().create(vals_list)

    # ------------------------------------------------------------
    # Opening renewals
    # ------------------------------------------------------------

    @api.model
    def _ops_notice_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(NOTICE_PARAM, NOTICE_DEFAULT)
        try:
            return max(0, int(value))
        except (TypeError, ValueError):
            return NOTICE_DEFAULT

    @api.model
    def _cron_open_renewals(self):
        """Open the renewal quote of every confirmed order whose term ends within the notice period."""
        horizon = fields.Date.context_today(self) + relativedelta(days=self._ops_notice_days())
        due = self.search([("state", "=", "sale"), ("ops_term_end", "!=", False), ("ops_term_end", "<=", horizon)])
        renewals = self.browse()
        for order in due.filtered(lambda order: not order.ops_renewal_ids.filtered(lambda r: r.state != "cancel")):
            renewals |= order._ops_open_renewal()
        return renewals

    def _ops_open_renewal(self):
        self.ensure_one()
        internal = self.with_context(ops_renewal_internal=_INTERNAL)
        renewal = internal.copy(
            {
                "origin": self.name,
                "date_order": fields.Datetime.now(),
                "ops_renewal_of_id": self.id,
                "ops_term_end": self.ops_term_end + relativedelta(months=self.ops_renewal_months or 12),
                "ops_renewal_months": self.ops_renewal_months,
            }
        ).with_env(
            self.env
        )  # the caller's context: never hand the internal marker back
        if "ops_config_version_id" in renewal.order_line._fields and renewal._ops_config_outdated_lines():
            renewal.action_ops_config_reprice()
        score, band, reasons = renewal_risk(renewal)
        renewal.with_context(ops_renewal_internal=_INTERNAL).write(
            {
                "ops_renewal_risk": score,
                "ops_renewal_risk_band": band,
                "ops_renewal_risk_note": "\n".join(reasons),
                "ops_account_summary": account_summary(renewal),
            }
        )
        renewal.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.ops_term_end,
            summary=self.env._("Renewal to agree with the customer"),
            note=self.env._("Risk %(score)s (%(band)s): %(reasons)s", score=score, band=band, reasons="; ".join(reasons)),
            user_id=renewal.user_id.id or self.env.uid,
        )
        template = self.env.ref(TEMPLATE, raise_if_not_found=False)
        if template and renewal.partner_id.email:
            renewal.message_post_with_source(
                template, message_type="comment", subtype_xmlid="mail.mt_comment", partner_ids=renewal.partner_id.ids
            )
        self.message_post(body=self.env._("Renewal quote %(name)s opened.", name=renewal.name))
        return renewal

    def action_ops_open_renewal(self):
        """Open the renewal now, from the order's form (the scheduled action does it at the notice date)."""
        self.ensure_one()
        if self.state != "sale" or not self.ops_term_end:
            raise UserError(self.env._("Only a confirmed order with a term end can be renewed."))
        renewal = self.ops_renewal_ids.filtered(lambda r: r.state != "cancel")[:1] or self._ops_open_renewal()
        return {"type": "ir.actions.act_window", "res_model": "sale.order", "res_id": renewal.id, "views": [(False, "form")]}
