"""Synced order lines whose product the shop did not identify, kept for review instead of lost.

The orders stream puts such a line on the "Unmatched shop product" placeholder with the shop's
name, quantity and price, so the order's revenue and attribution stand. The line says why it did
not match; its order shows under Sync > Orders to review until someone sets the right product (or
a later sync finds it), which clears the flag. The placeholder's product stays changeable on a
confirmed order as long as sale's own rule allows it, even with sale_project installed.
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

    @api.depends("ops_sync_unmatched")
    def _compute_product_updatable(self):
        super()._compute_product_updatable()
        # sale_project refuses a new product on a confirmed service line, which may have made a
        # task; the placeholder never makes one, so sale's own rule decides for its lines
        placeholder = self.env.ref("addon_ops_harmony.ops_product_unmatched_shop_line", raise_if_not_found=False)
        for line in self.filtered(lambda line: line.ops_sync_unmatched and line.product_id == placeholder):
            if line.state == "sale" and not (
                line.order_id.locked or line.qty_invoiced or line.qty_delivered or ("task_id" in line._fields and line.task_id)
            ):
                line.product_updatable = True

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
