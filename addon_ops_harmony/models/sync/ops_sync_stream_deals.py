"""Deal stream: CRM deals (HubSpot) → crm.lead opportunities.

The deal's pipeline stage is mapped through `ops.sync.stage.map`; a stage nobody mapped rejects the
deal with a mapping error. The customer is the deal's contact if it has one, else its company,
both resolved through their bindings. Amounts in another currency are converted to the company's
at today's rate, since an opportunity's expected revenue is in the company currency.
"""

from odoo import api, fields, models
from odoo.fields import Domain

from .ops_sync_schema import MAPPING, Code, Date, Number, SyncRejected, Text


class OpsSyncStreamDeals(models.AbstractModel):
    _name = "ops.sync.stream.deals"
    _inherit = "ops.sync.stream"
    _description = "Sync stream: deals"

    _ops_stream = "deals"
    _ops_target_model = "crm.lead"
    _ops_synced_fields = frozenset({"name", "expected_revenue", "date_deadline", "partner_id", "active", "stage_id", "team_id"})
    _ops_schema = {
        "name": Text(required=True),
        "expected_revenue": Number(minimum=0),
        "stage_key": Text(required=True),
        "date_deadline": Date(),
        "company_external_id": Text(max_length=255),
        "contact_external_id": Text(max_length=255),
        "currency_code": Code(3),
    }

    @api.model
    def _ops_prepare(self, source, items):
        lookups = super()._ops_prepare(source, items)
        lookups["stages"] = self.env["ops.sync.stage.map"]._ops_lookup(source, [item.values["stage_key"] for item in items])
        lookups["companies"] = self._ops_refs(
            source, "companies", [item.values["company_external_id"] for item in items], "res.partner"
        )
        lookups["contacts"] = self._ops_refs(
            source, "contacts", [item.values["contact_external_id"] for item in items], "res.partner"
        )
        lookups["rates"] = self._ops_rates({item.values["currency_code"] for item in items} - {False})
        return lookups

    @api.model
    def _ops_rates(self, codes):
        """Return {currency code: rate to the company currency, today} for the codes that exist."""
        if not codes:
            return {}
        company = self.env.company
        today = fields.Date.context_today(self)
        currencies = self.env["res.currency"].with_context(active_test=False).search(Domain("name", "in", list(codes)))
        return {
            currency.name: currency._convert(1.0, company.currency_id, company, today, round=False) for currency in currencies
        }

    @api.model
    def _ops_map(self, item, lookups):
        values = item.values
        mapping = lookups["stages"].get(values["stage_key"])
        if not mapping:
            raise SyncRejected(
                MAPPING, f"unknown deal stage '{values['stage_key']}': map it under Operations > Configuration > Deal stages"
            )
        revenue = values["expected_revenue"]
        code = values["currency_code"]
        if code and code != self.env.company.currency_id.name:
            if code not in lookups["rates"]:
                raise SyncRejected(MAPPING, f"unknown currency '{code}'")
            revenue = self.env.company.currency_id.round(revenue * lookups["rates"][code])
        company_id = self._ops_ref_id(item, lookups["companies"], "company_external_id", "company")
        contact_id = self._ops_ref_id(item, lookups["contacts"], "contact_external_id", "contact")
        item.vals = {
            "name": values["name"],
            "expected_revenue": revenue,
            "date_deadline": values["date_deadline"],
            "partner_id": contact_id or company_id,
            "active": not mapping.mark_lost,
        }
        if mapping.stage_id:
            item.vals["stage_id"] = mapping.stage_id.id
        if mapping.team_id:
            item.vals["team_id"] = mapping.team_id.id
        # the bridge's user is nobody's salesperson: routing picks the owner
        item.create_vals = {"type": "opportunity", "user_id": False}
