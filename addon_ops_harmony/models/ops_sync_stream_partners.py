"""Partner streams: CRM companies and contacts (HubSpot) and shop customers (WooCommerce) → res.partner.

Companies come first in a sync: contacts name their company by its external id, resolved through
the company bindings of the same source in one query per batch. A contact whose company is not
synced yet is created without it and applied again at the next sync, when the company is there.
"""

from odoo import api, models
from odoo.fields import Domain
from odoo.tools.sql import escape_psql

from .ops_sync_schema import Text

ADDRESS_SCHEMA = {
    "street": Text(max_length=256),
    "city": Text(max_length=128),
    "zip": Text(max_length=32),
    "country_code": Text(max_length=64),  # ISO code, name or alias; unresolved is a reason
}


class OpsSyncStreamPartner(models.AbstractModel):
    _name = "ops.sync.stream.partner"
    _inherit = "ops.sync.stream"
    _description = "Sync stream base: partners"

    _ops_target_model = "res.partner"

    @api.model
    def _ops_prepare(self, source, items):
        return {**super()._ops_prepare(source, items), "countries": self._ops_countries(items)}

    @api.model
    def _ops_partner_vals(self, item, lookups, keys):
        """Return the plain partner fields of `keys` that `item` carries, with its country resolved."""
        values = item.values
        vals = {key: values[key] for key in keys if key in values}
        if "country_code" in self._ops_schema:
            vals["country_id"] = self._ops_country_id(item, lookups["countries"])
        return vals


class OpsSyncStreamCompanies(models.AbstractModel):
    _name = "ops.sync.stream.companies"
    _inherit = "ops.sync.stream.partner"
    _description = "Sync stream: companies"

    _ops_stream = "companies"
    _ops_schema = {
        "name": Text(required=True),
        "website": Text(max_length=2048),
        "phone": Text(max_length=64),
        "email": Text(max_length=254),
        "industry": Text(max_length=128),
        **ADDRESS_SCHEMA,
    }

    @api.model
    def _ops_prepare(self, source, items):
        lookups = super()._ops_prepare(source, items)
        lookups["industries"] = self._ops_industries({item.values["industry"] for item in items} - {False})
        return lookups

    @api.model
    def _ops_industries(self, labels):
        """Return {casefolded label: industry id}, from the industry aliases first, then industry names."""
        if not labels:
            return {}
        by_label = Domain.OR(Domain("name", "=ilike", escape_psql(label)) for label in labels)
        found = {}
        for alias in self.env["ops.industry.alias"].search_fetch(by_label, ["name", "industry_id"]):
            found.setdefault(alias.name.casefold(), alias.industry_id.id)
        for industry in self.env["res.partner.industry"].search_fetch(by_label, ["name"]):
            found.setdefault(industry.name.casefold(), industry.id)
        return found

    @api.model
    def _ops_map(self, item, lookups):
        item.vals = self._ops_partner_vals(item, lookups, ("name", "website", "phone", "email", "street", "city", "zip"))
        industry = item.values["industry"]
        item.vals["industry_id"] = lookups["industries"].get(industry.casefold(), False) if industry else False
        if industry and not item.vals["industry_id"]:
            item.reasons.append(f"unknown industry '{industry}': industry left empty")
        item.create_vals = {"is_company": True}


class OpsSyncStreamContacts(models.AbstractModel):
    _name = "ops.sync.stream.contacts"
    _inherit = "ops.sync.stream.partner"
    _description = "Sync stream: contacts"

    _ops_stream = "contacts"
    _ops_schema = {
        "name": Text(required=True),
        "email": Text(max_length=254),
        "phone": Text(max_length=64),
        "function": Text(max_length=128),
        "company_external_id": Text(max_length=255),
    }

    @api.model
    def _ops_prepare(self, source, items):
        lookups = super()._ops_prepare(source, items)
        lookups["companies"] = self._ops_refs(
            source, "companies", [item.values["company_external_id"] for item in items], "res.partner")
        return lookups

    @api.model
    def _ops_map(self, item, lookups):
        item.vals = self._ops_partner_vals(item, lookups, ("name", "email", "phone", "function"))
        item.vals["parent_id"] = self._ops_ref_id(item, lookups["companies"], "company_external_id", "company")
        item.create_vals = {"is_company": False, "type": "contact"}

    @api.model
    def _ops_create(self, items, lookups):
        # res.partner's create copies each contact's commercial and address fields from its company
        # one contact at a time: read all the companies' fields in one query first
        Partner = self.env["res.partner"]
        companies = Partner.browse({item.vals["parent_id"] for item in items} - {False})
        if companies:
            synced = {*Partner._commercial_fields(), *Partner._address_fields(), "commercial_partner_id", "is_company", "type"}
            companies.fetch([fname for fname in synced if fname in Partner._fields])
        return super()._ops_create(items, lookups)


class OpsSyncStreamCustomers(models.AbstractModel):
    _name = "ops.sync.stream.customers"
    _inherit = "ops.sync.stream.partner"
    _description = "Sync stream: shop customers"

    _ops_stream = "customers"
    _ops_schema = {
        "name": Text(required=True),
        "email": Text(max_length=254),
        "phone": Text(max_length=64),
        **ADDRESS_SCHEMA,
    }

    @api.model
    def _ops_map(self, item, lookups):
        item.vals = self._ops_partner_vals(item, lookups, ("name", "email", "phone", "street", "city", "zip"))
        item.create_vals = {"is_company": False}
