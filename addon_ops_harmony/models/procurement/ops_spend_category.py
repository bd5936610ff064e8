"""Spend categories: what a procurement request buys, for routing, reporting and the PO's product.

A category lists the words its requests use (its keywords) and the product its purchase orders
carry when the request names none. The categories ship as editable data; the proposal
(`ops_procurement_category_ai.py`) learns from the categories requesters confirm.
"""

from odoo import fields, models


class OpsSpendCategory(models.Model):
    _name = "ops.spend.category"
    _description = "Spend category"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="A short stable code, e.g. it_hardware.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    keywords = fields.Text(
        help="Words requests of this category use, separated by commas or new lines, e.g. laptop, monitor, "
        "docking station. The category proposal starts from them and learns from confirmed requests."
    )
    product_id = fields.Many2one(
        "product.product",
        "Product on purchase orders",
        domain=[("purchase_ok", "=", True)],
        help="The product a purchase order line carries when the request names none.",
    )
    company_id = fields.Many2one("res.company", "Company", help="Empty: every company.")

    _code_unique = models.Constraint("UNIQUE(code)", "A spend category code is used once.")

    def _ops_keywords(self):
        """Return this category's keywords, lower-cased, without blanks."""
        self.ensure_one()
        text = (self.keywords or "").replace("\n", ",")
        return [word.strip().lower() for word in text.split(",") if word.strip()]
