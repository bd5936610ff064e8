"""Partner streams: CRM companies and contacts (HubSpot) and shop customers (WooCommerce) → res.partner.

Companies come first in a sync: contacts name their company by its external id, resolved through
the company bindings of the same source in one query per batch. A contact whose company is not
synced yet is created without it and applied again at the next sync, when the company is there.
"""

from odoo import api, models

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
    def _ops_create(self, items, lookups):
        """Create the partners of `items` in one batch, with what they take from their parent folded in.

        res.partner's create syncs each new child with its parent one record at a time, with up to
        three writes each: its commercial fields, its address and its language. Odoo's own import
        path (`_load_records_create`) batches that by parent. This goes one step further for the
        children that carry no address, no commercial field and no language of their own, the
        contacts every CRM sends: the values that sync would write go into the create itself. A
        partner without a parent has nothing to sync. Any other partner takes the usual create.
        """
        Partner = self.env["res.partner"]
        vals_list = [{**item.create_vals, **item.vals} for item in items]
        own_fields = {*Partner._address_fields(), *Partner._commercial_fields(), "lang"}
        usual = ["child_ids" in vals or bool(vals.get("parent_id") and own_fields & vals.keys()) for vals in vals_list]
        records = [None] * len(vals_list)
        for take_usual, create in ((False, self._ops_create_folded), (True, Partner.create)):
            indexes = [index for index, flag in enumerate(usual) if flag == take_usual]
            if indexes:
                for index, record in zip(indexes, create([vals_list[index] for index in indexes])):
                    records[index] = record.id
        return Partner.browse(records)

    @api.model
    def _ops_create_folded(self, vals_list):
        """Create partners that carry none of the synced fields, with their parent's values added."""
        Partner = self.env["res.partner"]
        parents = Partner.browse({vals["parent_id"] for vals in vals_list if vals.get("parent_id")})
        if parents:  # one read of all the parents' fields, not one per child
            synced = {*Partner._commercial_fields(), *Partner._address_fields(), "commercial_partner_id", "lang"}
            parents.fetch([fname for fname in synced if fname in Partner._fields])
        inherited = {}
        folded = []
        default_lang = Partner.default_get(["lang"]).get("lang") or self.env.lang
        for vals in vals_list:
            if vals.get("parent_id"):
                key = (vals["parent_id"], bool(vals.get("is_company")), vals.get("type", "contact"))
                if key not in inherited:
                    inherited[key] = self._ops_parent_values(Partner.browse(key[0]), *key[1:], default_lang)
                vals = {**vals, **inherited[key]}
            folded.append(vals)
        partners = Partner.with_context(_partners_skip_fields_sync=True).create(folded)
        self._ops_sync_other_companies(partners.filtered("parent_id"))
        return partners

    @api.model
    def _ops_parent_values(self, parent, is_company, partner_type, default_lang):
        """Return what a new child of `parent` takes from it: what `_fields_sync` and `_compute_lang` write."""
        inherited = {}
        if not is_company:  # a company is its own commercial entity
            inherited.update(parent.commercial_partner_id._get_commercial_values())
        if partner_type == "contact":
            inherited.update(parent._get_address_values())
        inherited["lang"] = parent.lang or default_lang
        return inherited

    @api.model
    def _ops_sync_other_companies(self, partners):
        """Copy the company-dependent commercial fields of `partners`' parents in the other companies too."""
        Partner = self.env["res.partner"]
        fnames = Partner._company_dependent_commercial_fields()
        if not (fnames and partners):
            return
        for company in self.env["res.company"].sudo().search([("id", "!=", self.env.company.id)]):
            for commercial, children in partners.sudo().with_company(company).grouped("commercial_partner_id").items():
                children = children.filtered(lambda child, commercial=commercial: child != commercial)
                if children:
                    children.write(commercial._convert_fields_to_values(fnames))

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
    _ops_synced_fields = frozenset({"name", "website", "phone", "email", "street", "city", "zip", "country_id", "industry_id"})
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
        """Return {label as sent: industry id}: names in any installed language, then aliases (`ops.normalizer`)."""
        return self.env["ops.normalizer"]._ops_industries(labels)

    @api.model
    def _ops_map(self, item, lookups):
        item.vals = self._ops_partner_vals(item, lookups, ("name", "website", "phone", "email", "street", "city", "zip"))
        industry = item.values["industry"]
        item.vals["industry_id"] = lookups["industries"].get(industry, False) if industry else False
        if industry and not item.vals["industry_id"]:
            item.reasons.append(f"unknown industry '{industry}': industry left empty")
        item.create_vals = {"is_company": True}


class OpsSyncStreamContacts(models.AbstractModel):
    _name = "ops.sync.stream.contacts"
    _inherit = "ops.sync.stream.partner"
    _description = "Sync stream: contacts"

    _ops_stream = "contacts"
    _ops_synced_fields = frozenset({"name", "email", "phone", "function", "parent_id"})
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
            source, "companies", [item.values["company_external_id"] for item in items], "res.partner"
        )
        return lookups

    @api.model
    def _ops_map(self, item, lookups):
        item.vals = self._ops_partner_vals(item, lookups, ("name", "email", "phone", "function"))
        item.vals["parent_id"] = self._ops_ref_id(item, lookups["companies"], "company_external_id", "company")
        item.create_vals = {"is_company": False, "type": "contact"}


class OpsSyncStreamCustomers(models.AbstractModel):
    _name = "ops.sync.stream.customers"
    _inherit = "ops.sync.stream.partner"
    _description = "Sync stream: shop customers"

    _ops_stream = "customers"
    _ops_synced_fields = frozenset({"name", "email", "phone", "street", "city", "zip", "country_id"})
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
