"""Synced sale orders keep the order date the shop gave them when they are confirmed.

The approval policies hold for synced orders too, though the gateway works as superuser: an order
a policy stops stays a quotation, with its request opened in the ingest's own transaction (nothing
is lost, and the ingest result says why), unless the policy exempts the order's sync source.
"""

from odoo import models

from ..approvals.ops_approval_effect import approval_cleared


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _ops_sync_confirm(self, source=False):
        """Confirm synced orders, keeping their order date (confirming normally sets it to now).

        :param source: the sync source, for the policies that exempt it
        :return: {order id: message} of the orders left as quotations, waiting for approval
        """
        if not self:
            return {}
        held = self.env["ops.approval.policy"]._ops_hold(self, "action_confirm", source)
        to_confirm = self.browse([order.id for order in self if order.id not in held])
        if to_confirm:
            with approval_cleared(to_confirm):
                to_confirm.with_context(ops_sync_keep_date_order=True).action_confirm()
        return held

    def _prepare_confirmation_values(self):
        values = super()._prepare_confirmation_values()
        if self.env.context.get("ops_sync_keep_date_order"):
            values.pop("date_order", None)
        return values
