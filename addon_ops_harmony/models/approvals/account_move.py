"""Invoices confirm revenue when the attribution trigger is `invoice`, and undo it when cancelled.

Posting a customer invoice attributes its revenue, split by the opportunity behind each line.
Resetting it to draft, cancelling it, or posting a credit note that reverses it in full reverses
the attribution of that invoice. A partial credit note leaves it in place. An approval of a move
covers its partner, lines and total as they were approved.
"""

from collections import defaultdict

from odoo import fields, models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "ops.approval.state.mixin"]

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        attribution = self.env["ops.campaign.attribution"]
        invoices = posted.filtered(lambda move: move.move_type == "out_invoice")
        if invoices and attribution._ops_trigger() == "invoice":
            attribution._ops_attribute(invoices._ops_attribution_conversions())
        refunded = posted.filtered(
            lambda move: move.move_type == "out_refund"
            and move.reversed_entry_id
            and move.currency_id.compare_amounts(
                abs(move.amount_untaxed_signed), abs(move.reversed_entry_id.amount_untaxed_signed)
            )
            >= 0
        ).reversed_entry_id
        if refunded:
            attribution._ops_reverse_documents(moves=refunded)
        return posted

    def button_draft(self):
        result = super().button_draft()
        self.env["ops.campaign.attribution"]._ops_reverse_documents(moves=self)
        return result

    def _ops_approval_scope(self):
        """An approval covers the partner, the lines (product, account, quantity, price, discount,
        balance), the total and currency."""
        self.ensure_one()
        return {
            "partner": self.partner_id.id,
            "lines": [
                (line.product_id.id, line.account_id.id, line.quantity, line.price_unit, line.discount, line.balance)
                for line in self.line_ids
                if line.display_type not in ("line_section", "line_note")
            ],
            "amount_total": self.amount_total,
            "currency": self.currency_id.id,
        }

    def _ops_attribution_conversions(self):
        """One conversion per invoice and opportunity: the untaxed lines of that opportunity's orders."""
        now = fields.Datetime.now()
        conversions = []
        for move in self:
            revenue_by_lead = defaultdict(float)
            order_by_lead = {}
            for line in move.invoice_line_ids.filtered(lambda line: line.display_type == "product"):
                order = line.sale_line_ids.order_id[:1]
                lead = order.opportunity_id
                revenue_by_lead[lead] -= line.balance
                order_by_lead.setdefault(lead, order)
            for lead, revenue in revenue_by_lead.items():
                order = order_by_lead[lead]
                conversions.append(
                    {
                        "sale_order_id": order.id,
                        "move_id": move.id,
                        "lead": lead,
                        "partner": move.partner_id.commercial_partner_id,
                        "revenue": move.company_id.currency_id.round(revenue),
                        "when": now,
                        "company": move.company_id,
                        "campaign": move.campaign_id or order.campaign_id or lead.campaign_id,
                    }
                )
        return conversions
