"""Synced sale orders keep the order date the shop gave them when they are confirmed."""

from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _ops_sync_confirm(self):
        """Confirm synced orders, keeping their order date (confirming normally sets it to now)."""
        if self:
            self.with_context(ops_sync_keep_date_order=True).action_confirm()

    def _prepare_confirmation_values(self):
        values = super()._prepare_confirmation_values()
        if self.env.context.get("ops_sync_keep_date_order"):
            values.pop("date_order", None)
        return values
