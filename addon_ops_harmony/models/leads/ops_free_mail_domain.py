"""Free-mail domains: an address on one of these is a person's mailbox, not a company's."""

from odoo import api, fields, models


class OpsFreeMailDomain(models.Model):
    _name = "ops.free.mail.domain"
    _description = "Free-mail domain"
    _order = "name"

    name = fields.Char("Domain", required=True, help="e.g. gmail.com")
    active = fields.Boolean(default=True)

    _name_unique = models.UniqueIndex("(lower(name))", "This free-mail domain already exists.")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name"):
                vals["name"] = self._ops_clean_domain(vals["name"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("name"):
            vals["name"] = self._ops_clean_domain(vals["name"])
        return super().write(vals)

    @api.model
    def _ops_clean_domain(self, domain):
        if not isinstance(domain, str):
            return domain  # not text: the field's own check answers, readably
        return domain.strip().lstrip("@").lower()

    @api.model
    def _ops_domains(self):
        """Return the set of active free-mail domains, lowercased."""
        return set(self.sudo().search_fetch([], ["name"]).mapped("name"))
