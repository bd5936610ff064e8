"""One normalizer for every value that arrives: typed leads, every sync stream, the AI intake next.

Countries, industries and UTM sources, mediums and campaigns are resolved by the same rules wherever
they come from, through the alias tables admins edit under Operations > Configuration:

- a country by its ISO code (two letters), then by its name in every installed language, then by an
  alias, dots ignored ("U.K", "U.K." and "UK" are one spelling);
- an industry by its name or full name in every installed language, then by an alias;
- a UTM value by its name (a campaign also by its title), then by an alias; the values still unknown
  are created, as Odoo's own UTM links do.

Whitespace and case never matter. Each resolver takes a batch of texts and answers {text: id}, one
query per table whatever the batch: a text it cannot resolve is left out, and the caller says so
where a person sees it (a data-quality flag on a lead, a reason on a sync event).
"""

from odoo import api, models
from odoo.fields import Domain
from odoo.tools.sql import escape_psql

# utm type: (model, the name fields a typed value is matched against)
UTM_MODELS = {
    "source": ("utm.source", ("name",)),
    "medium": ("utm.medium", ("name",)),
    "campaign": ("utm.campaign", ("name", "title")),
}


def lookup_key(text):
    """Return the form under which typed text is compared: trimmed, single-spaced, casefolded."""
    return " ".join((text or "").split()).casefold()


def _present(texts):
    """Return the distinct texts of `texts` that hold more than whitespace, in their first order."""
    return list(dict.fromkeys(text for text in texts if isinstance(text, str) and lookup_key(text)))


class OpsNormalizer(models.AbstractModel):
    _name = "ops.normalizer"
    _description = "Normalizer of incoming values"

    @api.model
    def _ops_countries(self, texts):
        """Return {text: country id} for the texts naming a country: ISO code, name, then alias."""
        texts = _present(texts)
        if not texts:
            return {}
        countries = self.env["res.country"].sudo().search_fetch([], ["code", "name"])
        by_code = {country.code.casefold(): country.id for country in countries if country.code}
        by_name = self._ops_names_in_all_languages(countries, ["name"])
        by_alias = {
            lookup_key(alias.name).replace(".", ""): alias.country_id.id
            for alias in self.env["ops.country.alias"].sudo().search_fetch([], ["name", "country_id"])
        }
        found = {}
        for text in texts:
            key = lookup_key(text)
            country_id = (len(key) == 2 and by_code.get(key)) or by_name.get(key) or by_alias.get(key.replace(".", ""))
            if country_id:
                found[text] = country_id
        return found

    @api.model
    def _ops_industries(self, texts):
        """Return {text: industry id} for the texts naming an industry: name or full name, then alias."""
        texts = _present(texts)
        if not texts:
            return {}
        industries = self.env["res.partner.industry"].sudo().search_fetch([], ["name", "full_name"])
        by_name = self._ops_names_in_all_languages(industries, ["name", "full_name"])
        by_alias = {
            lookup_key(alias.name): alias.industry_id.id
            for alias in self.env["ops.industry.alias"].sudo().search_fetch([], ["name", "industry_id"])
        }
        found = {}
        for text in texts:
            key = lookup_key(text)
            industry_id = by_name.get(key) or by_alias.get(key)
            if industry_id:
                found[text] = industry_id
        return found

    @api.model
    def _ops_utm(self, utm_type, texts):
        """Return {text: id} of the UTM `utm_type` ("source", "medium", "campaign") each text names.

        Matched by name (a campaign also by title), archived records included, then by alias; the
        values still unknown are created (a campaign as an automatic one), once per spelling, named as
        first written.
        """
        texts = _present(texts)
        if not texts:
            return {}
        model, name_fnames = UTM_MODELS[utm_type]
        typed_by_key = {}
        for text in texts:
            typed_by_key.setdefault(lookup_key(text), " ".join(text.split()))
        domain = Domain.OR(
            Domain(fname, "=ilike", escape_psql(typed)) for typed in typed_by_key.values() for fname in name_fnames
        )
        records = self.env[model].sudo().with_context(active_test=False).search_fetch(domain, list(name_fnames), order="id")
        ids_by_key = {}
        for record in records:
            for fname in name_fnames:
                key = lookup_key(record[fname])
                if key in typed_by_key:
                    ids_by_key.setdefault(key, record.id)
        aliases = self.env["ops.utm.alias"]._ops_targets(utm_type)
        for key in typed_by_key:
            if key not in ids_by_key and key in aliases:
                ids_by_key[key] = aliases[key]
        missing = [key for key in typed_by_key if key not in ids_by_key]
        if missing:
            extra = {"is_auto_campaign": True} if utm_type == "campaign" else {}
            created = self.env[model].sudo().create([{"name": typed_by_key[key], **extra} for key in missing])
            ids_by_key.update(zip(missing, created.ids))
        return {text: ids_by_key[lookup_key(text)] for text in texts}

    @api.model
    def _ops_names_in_all_languages(self, records, fnames):
        """Return {lookup key: record id} for the translated `fnames` of `records` in every installed language."""
        installed = [code for code, _name in self.env["res.lang"].get_installed()]
        langs = dict.fromkeys(["en_US", self.env.lang or "en_US", *installed])
        result = {}
        for lang in langs:
            for record in records.with_context(lang=lang):
                for fname in fnames:
                    if record[fname]:
                        result.setdefault(lookup_key(record[fname]), record.id)
        return result
