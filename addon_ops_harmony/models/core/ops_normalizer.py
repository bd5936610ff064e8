"""One normalizer for every value that arrives: typed leads, every sync stream, the AI intake next.

Countries, industries and UTM sources, mediums and campaigns are resolved by the same rules wherever
they come from, through the alias tables admins edit under Operations > Configuration:

- a country by its ISO code (two letters), then by its name in every installed language, then by an
  alias, dots ignored ("U.K", "U.K." and "UK" are one spelling);
- an industry by its name or full name in every installed language, then by an alias;
- a UTM value by its name (a campaign also by its title), then by an alias; a campaign then by a
  slug of its name ("spring_sale", "Spring-Sale" and "Spring Sale" are one), a year at either end
  left out when that leaves one campaign ("spring_sale" finds "Spring Sale 2024" alone, not beside
  "Spring Sale 2023"); campaigns the normalizer created itself come last. The values still unknown
  are created, as Odoo's own UTM links do.

Whitespace and case never matter. Each resolver takes a batch of texts and answers {text: id}, one
query per table whatever the batch: a text it cannot resolve is left out, and the caller says so
where a person sees it (a data-quality flag on a lead, a reason on a sync event).
"""

import re

from odoo import api, models
from odoo.fields import Domain
from odoo.tools.sql import escape_psql

# utm type: (model, the name fields a typed value is matched against)
UTM_MODELS = {
    "source": ("utm.source", ("name",)),
    "medium": ("utm.medium", ("name",)),
    "campaign": ("utm.campaign", ("name", "title")),
}


NOT_SLUG_RE = re.compile(r"[^0-9a-z]+")
YEAR_ENDS_RE = re.compile(r"^((19|20)\d\d_)+|(_(19|20)\d\d)+$")


def slug_key(text):
    """Return a name's slug: lower-case letters and digits, runs of anything else one underscore."""
    return NOT_SLUG_RE.sub("_", lookup_key(text)).strip("_")


def yearless_key(slug):
    """Return a slug without the years at its ends: "spring_sale_2024" → "spring_sale"."""
    return YEAR_ENDS_RE.sub("", slug) or slug


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

        Matched by name (a campaign also by title), archived records included, then by alias (a
        campaign then by slug); the values still unknown are created (a campaign as an automatic
        one), once per spelling, named as first written.
        """
        return {text: found[0] for text, found in self._ops_utm_matched(utm_type, texts).items()}

    @api.model
    def _ops_utm_matched(self, utm_type, texts):
        """Return {text: (id, how)} like `_ops_utm`; how is "name", "alias", "slug" or "created"."""
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
        fnames = [*name_fnames, "is_auto_campaign"] if utm_type == "campaign" else list(name_fnames)
        records = self.env[model].sudo().with_context(active_test=False).search_fetch(domain, fnames, order="id")
        # a campaign someone made wins over one the normalizer made for an earlier spelling
        automatic = set()
        if utm_type == "campaign":
            automatic = {record.id for record in records if record.is_auto_campaign}
            records = records.sorted(lambda record: (record.id in automatic, record.id))
        found = {}
        for record in records:
            for fname in name_fnames:
                key = lookup_key(record[fname])
                if key in typed_by_key:
                    found.setdefault(key, (record.id, "name"))
        aliases = self.env["ops.utm.alias"]._ops_targets(utm_type)
        for key in typed_by_key:
            if (key not in found or found[key][0] in automatic) and key in aliases:
                found[key] = (aliases[key], "alias")
        if utm_type == "campaign":
            unresolved = [key for key in typed_by_key if key not in found or found[key][0] in automatic]
            found.update(self._ops_campaigns_by_slug(unresolved))
        missing = [key for key in typed_by_key if key not in found]
        if missing:
            extra = {"is_auto_campaign": True} if utm_type == "campaign" else {}
            created = self.env[model].sudo().create([{"name": typed_by_key[key], **extra} for key in missing])
            found.update((key, (record_id, "created")) for key, record_id in zip(missing, created.ids))
        return {text: found[lookup_key(text)] for text in texts}

    @api.model
    def _ops_campaigns_by_slug(self, keys):
        """Return {key: (campaign id, "slug")} for the keys whose slug names one campaign made by someone.

        The slug of the key against the campaigns' slugs first, then both without the years at their
        ends; a slug shared by several campaigns matches none of them.
        """
        if not keys:
            return {}
        campaigns = (
            self.env["utm.campaign"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch(Domain("is_auto_campaign", "=", False), ["name", "title"], order="id")
        )
        exact, yearless = {}, {}
        for campaign in campaigns:
            slugs = {slug_key(campaign.name), slug_key(campaign.title)} - {""}
            for slug in slugs:
                exact.setdefault(slug, set()).add(campaign.id)
                yearless.setdefault(yearless_key(slug), set()).add(campaign.id)
        found = {}
        for key in keys:
            slug = slug_key(key)
            candidates = exact.get(slug) or yearless.get(yearless_key(slug)) or set()
            if slug and len(candidates) == 1:
                found[key] = (next(iter(candidates)), "slug")
        return found

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
