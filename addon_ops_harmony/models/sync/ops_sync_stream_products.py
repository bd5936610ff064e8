"""Shop product stream (WooCommerce): products → product.product, so order lines without SKU match.

Shops do not require SKUs. A shop product is bound to the Odoo product with its SKU as internal
reference when exactly one unbound product has it (adopted, never duplicated); otherwise it is
created, as goods sold at the shop's price, because without a SKU nothing else could ever tie the
shop's product to one in Odoo and its order lines would stay unmatched. Name and internal reference
follow the shop under the ownership rules; the price is only the starting sales price, since Odoo's
prices and pricelists are Odoo's to manage. Order lines then match by SKU first, then through
this binding (`ops.sync.stream.orders`).
"""

from odoo import api, models
from odoo.fields import Domain

from .ops_sync_schema import Number, Text


class OpsSyncStreamProducts(models.AbstractModel):
    _name = "ops.sync.stream.products"
    _inherit = "ops.sync.stream"
    _description = "Sync stream: shop products"

    _ops_stream = "products"
    _ops_target_model = "product.product"
    _ops_synced_fields = frozenset({"name", "default_code"})
    _ops_schema = {
        "name": Text(required=True, max_length=2000),
        "sku": Text(max_length=128),
        "list_price": Number(minimum=0),
    }

    @api.model
    def _ops_map(self, item, lookups):
        values = item.values
        item.vals = {"name": values["name"]}
        if values["sku"]:
            # a product without SKU keeps whatever reference Odoo gave it
            item.vals["default_code"] = values["sku"]
        item.create_vals = {"type": "consu", "sale_ok": True, "list_price": values["list_price"]}

    @api.model
    def _ops_adopt(self, items, lookups):
        """Adopt the one unbound product whose internal reference is the item's SKU."""
        by_sku = {item.values["sku"]: item for item in items if item.values["sku"]}
        if not by_sku:
            return {}
        found = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search_fetch(Domain("default_code", "in", list(by_sku)), ["default_code"])
        )
        found -= self._ops_bound(found, lookups["source"])
        return {by_sku[sku].index: products for sku, products in found.grouped("default_code").items() if len(products) == 1}
