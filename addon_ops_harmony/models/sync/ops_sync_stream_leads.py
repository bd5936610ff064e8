"""Lead stream: CRM leads (Salesforce Leads) → crm.lead of type lead, through the lead pipeline.

A synced lead is created like any other lead: `crm.lead.create` runs the pipeline (normalize →
route → SLA → score → MQL or nurture → lifecycle), so country, industry, size band and source are
sent as typed (`ops_*_input`, `ops_employee_count`) and resolved by the same alias tables as a lead
from the web form, with the same data-quality flags. The bridge's user is nobody's salesperson:
routing picks the team and the owner, which the sync never writes afterwards. A lead the source
converted (into an account, contact and opportunity, which the other streams bring) is archived.

The pipeline rewrites the e-mail (trimmed, lower case) and the phone (E.164) it receives. So that
a re-sync does not write the raw value back over them each time, an incoming e-mail or phone whose
normalized form is what the lead holds counts as that value.
"""

from odoo import api, models
from odoo.tools.mail import email_split_and_normalize

from ..leads.crm_lead_normalize import phonenumbers
from .ops_sync_schema import Boolean, Integer, Text


class OpsSyncStreamLeads(models.AbstractModel):
    _name = "ops.sync.stream.leads"
    _inherit = "ops.sync.stream"
    _description = "Sync stream: leads"

    _ops_stream = "leads"
    _ops_target_model = "crm.lead"
    # canonical key -> crm.lead field, for the keys copied as they are
    _ops_plain_fields = {
        "name": "name",
        "contact_name": "contact_name",
        "partner_name": "partner_name",
        "email": "email_from",
        "phone": "phone",
        "function": "function",
        "website": "website",
        "street": "street",
        "city": "city",
        "zip": "zip",
        "country": "ops_country_input",
        "industry": "ops_industry_input",
        "employees": "ops_employee_count",
        "lead_source": "ops_utm_source_input",
        "description": "description",
    }
    _ops_synced_fields = frozenset({*_ops_plain_fields.values(), "active"})
    _ops_schema = {
        "name": Text(required=True),
        "contact_name": Text(max_length=255),
        "partner_name": Text(max_length=255),
        "email": Text(max_length=254),
        "phone": Text(max_length=64),
        "function": Text(max_length=128),
        "website": Text(max_length=2048),
        "street": Text(max_length=256),
        "city": Text(max_length=128),
        "zip": Text(max_length=32),
        "country": Text(max_length=64),  # name, ISO code or alias: the pipeline resolves it or flags it
        "industry": Text(max_length=128),
        "employees": Integer(minimum=0),
        "lead_source": Text(max_length=128),
        "description": Text(max_length=32000),
        "converted": Boolean(),
    }

    @api.model
    def _ops_prepare(self, source, items):
        lookups = super()._ops_prepare(source, items)
        bound = self._ops_refs(source, self._ops_stream, [item.external_id for item in items], "crm.lead")
        leads = self.env["crm.lead"].browse(list(bound.values()))
        leads.fetch(["email_from", "phone", "country_id"])  # one read for the batch
        by_id = {lead.id: lead for lead in leads}
        lookups["leads"] = {external_id: by_id[lead_id] for external_id, lead_id in bound.items() if lead_id in by_id}
        return lookups

    @api.model
    def _ops_as_held(self, lead, fname, incoming):
        """Return what `lead` holds in `fname` when it is `incoming` as the pipeline normalizes it, else `incoming`."""
        held = lead[fname]
        if not incoming or not held or incoming == held:
            return incoming
        if fname == "email_from":
            pairs = email_split_and_normalize(incoming.strip())
            normalized = pairs[0][1] if len(pairs) == 1 else False
        elif phonenumbers:  # without it the pipeline keeps phones as typed
            normalized, _problem = lead._ops_phone_e164(incoming.strip(), lead.country_id)
        else:
            return incoming
        return held if normalized == held else incoming

    @api.model
    def _ops_map(self, item, lookups):
        values = item.values
        item.vals = {field: values[key] for key, field in self._ops_plain_fields.items()}
        lead = lookups["leads"].get(item.external_id)
        if lead:
            for fname in ("email_from", "phone"):
                item.vals[fname] = self._ops_as_held(lead, fname, item.vals[fname])
        item.vals["active"] = not values["converted"]
        if values["converted"]:
            item.reasons.append("converted at the source: the lead is archived, its opportunity comes with the deals")
        # the bridge's user is nobody's salesperson: routing picks the team and the owner
        item.create_vals = {"type": "lead", "user_id": False}
