"""The AI intake's "procurement request" class opens a draft procurement request once reviewed.

As for leads and bills, nothing is created before a person confirms the job's proposals: the draft
is created as the reviewer, through the normal create and its access rights, so the reviewer is its
requester and the category proposal and anomaly flags run as for a request typed in the form.
"""

import re

from odoo import models
from odoo.exceptions import UserError

from ..ai.ops_ai_job_review import _amount

QUANTITY_RE = re.compile(r"^\d{1,9}([.,]\d{1,6})?$")


class OpsAiJobProcurement(models.Model):
    _inherit = "ops.ai.job"

    def _ops_create_result(self, values):
        if self.document_type_id.code == "inbound_request" and self.class_label == "procurement_request":
            return self._ops_create_procurement_request(values)
        return super()._ops_create_result(values)

    def _ops_create_procurement_request(self, values):
        item = (values.get("item") or "").strip()
        if not item:
            raise UserError(self.env._("Say what is to be bought (the item field) before confirming."))
        quantity = (values.get("quantity") or "1").strip()
        if not QUANTITY_RE.match(quantity):
            raise UserError(self.env._("quantity must be a number such as 3 or 2.5, got %(value)s: correct it.", value=quantity))
        quantity = float(quantity.replace(",", "."))
        budget = _amount(self, values, "budget")
        sender = values.get("email") or self.sender or ""
        reason = "\n\n".join(filter(None, [self.env._("Asked by %s.", sender) if sender else "", self.body_text]))
        return self.env["ops.procurement.request"].create(
            {
                "description": item,
                "quantity": quantity or 1.0,
                "unit_price": budget / quantity if budget and quantity else 0.0,
                "reason": reason or False,
            }
        )
