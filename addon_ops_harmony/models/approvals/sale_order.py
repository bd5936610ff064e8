"""Sale orders keep the campaign links of their opportunity, move its lifecycle, and confirm revenue.

A quotation makes its opportunity `sql` at least, a confirmed order makes it `customer`. With the
default trigger (`sale_order`), confirming an order attributes its revenue; cancelling reverses it.
An approval of an order covers its lines and total as they were approved.
"""

from odoo import api, fields, models

UTM_FIELDS = ("campaign_id", "source_id", "medium_id")


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "ops.approval.state.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        opportunities = self.env["crm.lead"].browse({vals["opportunity_id"] for vals in vals_list if vals.get("opportunity_id")})
        if opportunities:
            # sale_crm fills these from the opportunity only through the UI's action context
            for vals in vals_list:
                if vals.get("opportunity_id"):
                    opportunity = opportunities.browse(vals["opportunity_id"])
                    for fname in UTM_FIELDS:
                        if not vals.get(fname) and opportunity[fname]:
                            vals[fname] = opportunity[fname].id
        orders = super().create(vals_list)
        orders.opportunity_id.sudo()._ops_lifecycle_advance("sql")
        return orders

    def write(self, vals):
        result = super().write(vals)
        if vals.get("opportunity_id"):
            self.filtered(lambda order: order.state != "cancel").opportunity_id.sudo()._ops_lifecycle_advance("sql")
        return result

    def _action_confirm(self):
        result = super()._action_confirm()
        self.opportunity_id.sudo()._ops_lifecycle_advance("customer")
        attribution = self.env["ops.campaign.attribution"]
        if attribution._ops_trigger() == "sale_order":
            attribution._ops_attribute(self._ops_attribution_conversions())
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        self.env["ops.campaign.attribution"]._ops_reverse_documents(orders=self)
        return result

    def _ops_approval_scope(self):
        """An approval covers the lines (product, quantity, unit price, discount), the total and currency."""
        self.ensure_one()
        return {
            "lines": [
                (line.product_id.id, line.product_uom_qty, line.price_unit, line.discount)
                for line in self.order_line
                if not line.display_type
            ],
            "amount_total": self.amount_total,
            "currency": self.currency_id.id,
        }

    def _ops_attribution_conversions(self):
        """One conversion per order: its untaxed amount in company currency, at its order date."""
        conversions = []
        for order in self:
            company = order.company_id
            when = order.date_order or fields.Datetime.now()
            conversions.append(
                {
                    "sale_order_id": order.id,
                    "move_id": False,
                    "lead": order.opportunity_id,
                    "partner": order.partner_id.commercial_partner_id,
                    "revenue": order.currency_id._convert(order.amount_untaxed, company.currency_id, company, when.date()),
                    "when": when,
                    "company": company,
                    "campaign": order.campaign_id or order.opportunity_id.campaign_id,
                }
            )
        return conversions
