"""Synced order lines whose product the shop did not identify, kept for review instead of lost.

The orders stream puts such a line on the "Unmatched shop product" placeholder with the shop's
name, quantity and price, so the order's revenue and attribution stand. The line says why it did
not match; its order shows under Sync > Orders to review until someone sets the right product (or
a later sync finds it), which clears the flag.
"""

from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    ops_sync_product_ref = fields.Char(
        "Shop product", readonly=True, copy=False, help="How the shop identified the product: its SKU and product id."
    )
    ops_sync_unmatched = fields.Boolean(
        "Product to review", readonly=True, copy=False, help="The shop's product matched no product in Odoo."
    )
    ops_sync_unmatched_reason = fields.Char("Why unmatched", readonly=True, copy=False)

    def write(self, vals):
        # a person (or a sync) who sets the real product has reviewed the line
        if "product_id" in vals and "ops_sync_unmatched" not in vals:
            placeholder = self.env.ref("addon_ops_harmony.ops_product_unmatched_shop_line", raise_if_not_found=False)
            if not placeholder or vals["product_id"] != placeholder.id:
                vals = {**vals, "ops_sync_unmatched": False, "ops_sync_unmatched_reason": False}
        return super().write(vals)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    ops_sync_to_review = fields.Boolean(
        "Lines to review",
        compute="_compute_ops_sync_to_review",
        store=True,
        index="btree_not_null",
        help="A line synced from a shop matched no product: set its product.",
    )

    @api.depends("order_line.ops_sync_unmatched")
    def _compute_ops_sync_to_review(self):
        for order in self:
            order.ops_sync_to_review = any(order.order_line.mapped("ops_sync_unmatched"))
