"""Normalization, the pipeline's first step: what people typed becomes clean, linked data.

Country, industry, size band, email, phone and UTM are resolved through the alias tables that
admins edit under Operations > Configuration; nothing is hard-coded here. A value that cannot be
normalized is kept exactly as typed and a data-quality flag says why. Every table is read once per
batch and identical updates are written together, so a 2,000-lead import costs a handful of queries.
"""

import json
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mail import email_split_and_normalize, single_email_re

from odoo.addons.phone_validation.tools import phone_validation

from .crm_lead_flags import short_input
from ..core.ops_normalizer import lookup_key
from ..sync.ops_sync_schema import is_safe_text, safe_text, type_name

try:
    import phonenumbers
except ImportError:  # phone_validation degrades the same way
    phonenumbers = None

# utm type: (raw input field, lead field); `ops.normalizer` knows the models and how to match them
UTM_INPUTS = {
    "source": ("ops_utm_source_input", "source_id"),
    "medium": ("ops_utm_medium_input", "medium_id"),
    "campaign": ("ops_utm_campaign_input", "campaign_id"),
}
# what the normalizers read, as plain values (many2one as ids): from a lead, or from create values
ROW_FIELDS = (
    "country_id",
    "ops_country_input",
    "ops_industry_id",
    "ops_industry_input",
    "email_from",
    "email_normalized",
    "contact_name",
    "phone",
    "phone_sanitized",
    *(f for spec in UTM_INPUTS.values() for f in spec[:2]),
)
# a lead's partner decides its country, email and phone after create: such values are left to the step
PARTNER_FIELDS = ("partner_id", "commercial_partner_id")
PIPELINE_RULE = "addon_ops_harmony.ops_automation_lead_pipeline"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ops_country_input = fields.Char("Country (as typed)", help="Country as received; resolved into Country.")
    ops_industry_input = fields.Char("Industry (as typed)", help="Industry as received; resolved into Industry.")
    ops_industry_id = fields.Many2one("res.partner.industry", string="Industry", index="btree_not_null")
    ops_employee_count = fields.Integer("Employees")
    ops_size_band_id = fields.Many2one(
        "ops.size.band",
        string="Size band",
        compute="_compute_ops_size_band_id",
        store=True,
        index="btree_not_null",
    )
    ops_size_band = fields.Char("Size band code", related="ops_size_band_id.code", store=True)
    ops_utm_source_input = fields.Char("Source (as typed)")
    ops_utm_medium_input = fields.Char("Medium (as typed)")
    ops_utm_campaign_input = fields.Char("Campaign (as typed)")
    ops_free_mail = fields.Boolean(
        "Free-mail address",
        compute="_compute_ops_free_mail",
        store=True,
        help="The email is on a free-mail domain (gmail.com, ...): a person's mailbox, not a company's.",
    )

    @api.depends("ops_employee_count")
    def _compute_ops_size_band_id(self):
        ranges = self.env["ops.size.band"]._ops_ranges() if any(lead.ops_employee_count > 0 for lead in self) else []
        for lead in self:
            count = lead.ops_employee_count
            lead.ops_size_band_id = self.env["ops.size.band"]._ops_band_for(ranges, count)

    @api.depends("email_normalized")
    def _compute_ops_free_mail(self):
        domains = self.env["ops.free.mail.domain"]._ops_domains() if any(self.mapped("email_normalized")) else set()
        for lead in self:
            lead.ops_free_mail = bool(lead.email_normalized) and lead.email_normalized.rpartition("@")[2] in domains

    def write(self, vals):
        [vals], input_flags = self._ops_text_inputs([vals])
        result = super().write(vals)
        if input_flags:
            self._ops_add_input_flags(dict.fromkeys(self.ids, input_flags[0]))
        return result

    @api.model
    def _ops_text_inputs(self, vals_list):
        """Turn the non-text values of text fields into their JSON text; flag each.

        :return: ``(vals_list, {index: [(code, message)]})``, the values copied where they change
        """
        if not isinstance(vals_list, list):
            return vals_list, {}
        flags = {}
        result = []
        for index, vals in enumerate(vals_list):
            odd = (
                {
                    fname: value
                    for fname, value in vals.items()
                    if value is not None
                    and value is not False
                    and (not isinstance(value, str) or not is_safe_text(value))
                    and fname in self._fields
                    and self._fields[fname].type in ("char", "text", "html")
                }
                if isinstance(vals, dict)
                else {}
            )
            if not odd:
                result.append(vals)
                continue
            texts = {}
            pairs = []
            for fname, value in odd.items():
                label = self._fields[fname]._description_string(self.env)
                if isinstance(value, str):
                    # NUL, other control characters and lone surrogates cannot be stored as they are
                    texts[fname] = safe_text(value)
                    pairs.append(
                        (
                            "unreadable_characters",
                            self.env._(
                                '%(field)s held characters that cannot be stored: kept as "%(typed)s"',
                                field=label,
                                typed=short_input(texts[fname]),
                            ),
                        )
                    )
                else:
                    texts[fname] = safe_text(json.dumps(value, ensure_ascii=False, default=str))
                    pairs.append(
                        (
                            "not_text",
                            self.env._(
                                '%(field)s was sent as %(type)s, not text: kept as "%(typed)s"',
                                field=label,
                                type=type_name(value),
                                typed=short_input(texts[fname]),
                            ),
                        )
                    )
            result.append({**vals, **texts})
            flags[index] = pairs
        return result, flags

    @api.model
    def _ops_pipeline_active(self):
        """Return whether the pipeline's automation rule runs (an admin may pause it)."""
        rule = self.env.ref(PIPELINE_RULE, raise_if_not_found=False)
        return bool(rule) and rule.sudo().active

    @api.model
    def _ops_normalize_vals_list(self, vals_list):
        """Normalize create values; the raw `*_input` stay as typed.

        :return: ``(vals_list, flags)``: copies of `vals_list` with the normalized values, and
            ``{index: {category: [(code, message)]}}`` for every row normalized (rows whose partner
            decides their contact data are left to the pipeline step)
        """
        defaults = self.default_get([*ROW_FIELDS, *PARTNER_FIELDS])
        if any(defaults.get(fname) for fname in PARTNER_FIELDS):
            return vals_list, {}
        rows = {
            index: {fname: vals.get(fname, defaults.get(fname)) for fname in ROW_FIELDS}
            for index, vals in enumerate(vals_list)
            if not any(vals.get(fname) for fname in PARTNER_FIELDS)
        }
        updates, flags = self._ops_normalize_rows(rows)
        flags_by_index = {index: {category: by_key.get(index, []) for category, by_key in flags.items()} for index in rows}
        vals_list = [{**vals, **updates[index]} if index in updates else vals for index, vals in enumerate(vals_list)]
        return vals_list, flags_by_index

    def _ops_normalize(self, create_flags):
        """Normalize these leads in one batch; bad data becomes flags, never an exception.

        :param create_flags: {lead id: {category: [(code, message)]}} of the leads normalized in
            their create values: only the flags found then are left to record
        """
        flags = defaultdict(dict)
        todo_ids = []
        for lead_id in self.ids:
            lead_flags = create_flags.get(lead_id)
            if lead_flags is None:
                todo_ids.append(lead_id)
                continue
            for category, pairs in lead_flags.items():
                flags[category][lead_id] = pairs
        todo = self.browse(todo_ids)
        rows = {
            lead.id: {fname: lead[fname].id if lead._fields[fname].type == "many2one" else lead[fname] for fname in ROW_FIELDS}
            for lead in todo
        }
        updates, todo_flags = self._ops_normalize_rows(rows) if rows else ({}, {})
        for category, by_lead in todo_flags.items():
            flags[category].update(by_lead)
        flags["size"] = self._ops_check_size()
        groups = defaultdict(list)
        for lead_id, vals in updates.items():
            groups[tuple(sorted(vals.items()))].append(lead_id)
        # normalizing is not an edit worth a chatter line; the raw inputs keep what was typed
        leads = self.with_context(mail_notrack=True)
        for vals, lead_ids in groups.items():
            leads.browse(lead_ids).write(dict(vals))
        for category, flags_by_lead in flags.items():
            self._ops_set_flags(category, flags_by_lead)

    @api.model
    def _ops_normalize_rows(self, rows):
        """Normalize `rows` ({key: {field: value}} of ROW_FIELDS, many2one as ids).

        :return: ``(updates, flags)``: ``{key: {field: normalized value}}`` with only what changes,
            and ``{category: {key: [(code, message)]}}`` for what cannot be normalized
        """
        updates = defaultdict(dict)
        flags = {
            "country": self._ops_normalize_country(rows, updates),
            "industry": self._ops_normalize_industry(rows, updates),
            "email": self._ops_normalize_email(rows, updates),
            "phone": self._ops_normalize_phone(rows, updates),  # after country: it reads the country just resolved
        }
        self._ops_normalize_utm(rows, updates)
        return updates, flags

    # ------------------------------------------------------------
    # Country and industry
    # ------------------------------------------------------------

    @api.model
    def _ops_normalize_country(self, rows, updates):
        """Resolve `ops_country_input` of rows without a country, as the normalizer does (`ops.normalizer`)."""
        keys = [key for key, row in rows.items() if not row["country_id"] and lookup_key(row["ops_country_input"])]
        if not keys:
            return {}
        found = self.env["ops.normalizer"]._ops_countries(rows[key]["ops_country_input"] for key in keys)
        flags = {}
        for row_key in keys:
            typed = rows[row_key]["ops_country_input"]
            if typed in found:
                updates[row_key]["country_id"] = found[typed]
            else:
                flags[row_key] = [
                    (
                        "unknown_country",
                        self.env._('Unknown country "%(typed)s": kept as typed', typed=short_input(typed.strip())),
                    )
                ]
        return flags

    @api.model
    def _ops_normalize_industry(self, rows, updates):
        """Resolve `ops_industry_input` of rows without an industry, as the normalizer does (`ops.normalizer`)."""
        keys = [key for key, row in rows.items() if not row["ops_industry_id"] and lookup_key(row["ops_industry_input"])]
        if not keys:
            return {}
        found = self.env["ops.normalizer"]._ops_industries(rows[key]["ops_industry_input"] for key in keys)
        flags = {}
        for row_key in keys:
            typed = rows[row_key]["ops_industry_input"]
            if typed in found:
                updates[row_key]["ops_industry_id"] = found[typed]
            else:
                flags[row_key] = [
                    (
                        "unknown_industry",
                        self.env._('Unknown industry "%(typed)s": kept as typed', typed=short_input(typed.strip())),
                    )
                ]
        return flags

    # ------------------------------------------------------------
    # Size, email, phone
    # ------------------------------------------------------------

    def _ops_check_size(self):
        """Flag employee counts that no size band can hold."""
        flags = {}
        for lead in self:
            count = lead.ops_employee_count
            if count < 0:
                flags[lead.id] = [
                    ("negative_employee_count", self.env._("Employee count %(count)s is negative: no size band", count=count))
                ]
            elif count > 0 and not lead.ops_size_band_id:
                flags[lead.id] = [("no_size_band", self.env._("No size band holds %(count)s employees", count=count))]
        return flags

    @api.model
    def _ops_normalize_email(self, rows, updates):
        """Trim and lowercase `email_from`, the way Odoo normalizes emails; flag what is no address."""
        flags = {}
        for key, row in rows.items():
            typed = row["email_from"]
            if not typed or not typed.strip() or (typed == row["email_normalized"] and single_email_re.match(typed)):
                continue  # nothing typed, or already clean: the common case on every later edit
            pairs = email_split_and_normalize(typed.strip())
            display_name, normalized = pairs[0] if len(pairs) == 1 else ("", False)
            # Odoo's normalization accepts "a@b"; a lead's address needs a real domain (idna ones are non-ascii)
            if normalized and (single_email_re.match(normalized) or not normalized.isascii()):
                if normalized != typed:
                    updates[key]["email_from"] = normalized
                if display_name.strip() and not row["contact_name"]:
                    updates[key]["contact_name"] = display_name.strip()
            else:
                flags[key] = [("invalid_email", self.env._('Invalid email "%(typed)s": kept as typed', typed=short_input(typed)))]
        return flags

    @api.model
    def _ops_normalize_phone(self, rows, updates):
        """Format `phone` to E.164 with the row's country (as just resolved); flag it with the reason."""
        keys = [key for key, row in rows.items() if row["phone"] and row["phone"].strip()]
        if not keys or not phonenumbers:
            return {}
        country_ids = {key: updates.get(key, {}).get("country_id") or rows[key]["country_id"] for key in keys}
        countries = self.env["res.country"].sudo().browse(set(filter(None, country_ids.values())))
        country_by_id = {country.id: country for country in countries}
        # phone_sanitized is Odoo's E.164 of the first valid number field: reusable when that can only be `phone`
        reuse_sanitized = self._phone_get_number_fields() == ["phone"]
        flags = {}
        for key in keys:
            phone, sanitized = rows[key]["phone"], rows[key]["phone_sanitized"]
            same_country = "country_id" not in updates.get(key, {})
            if reuse_sanitized and same_country and sanitized and (phone == sanitized or rows[key]["country_id"]):
                # Odoo already formatted it to E.164 with this very country: no need to parse it again
                formatted, problem = sanitized, False
            else:
                formatted, problem = self._ops_phone_e164(phone.strip(), country_by_id.get(country_ids[key]))
            if formatted:
                if formatted != phone:
                    updates[key]["phone"] = formatted
            else:
                code, reason = problem
                flags[key] = [
                    (code, self.env._('Phone "%(typed)s" kept as typed: %(reason)s', typed=short_input(phone), reason=reason))
                ]
        return flags

    @api.model
    def _ops_phone_e164(self, number, country):
        """Return (E.164 number, False), or (False, (flag code, reason)) when it cannot be formatted."""
        if number.startswith("00"):
            number = "+" + number[2:]
        if not country and not number.startswith("+"):
            return False, ("phone_no_country", self.env._("no country to interpret a local number"))
        region = country.code if country else None
        try:
            parsed = phone_validation.phone_parse(number, region)
        except UserError:
            return False, ("invalid_phone", self._ops_phone_problem(number, region, country))
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), False

    @api.model
    def _ops_phone_problem(self, number, region, country):
        """Return a short, readable reason why phonenumbers rejects `number`."""
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException as error:
            reasons = {
                phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: self.env._("unknown country prefix"),
                phonenumbers.NumberParseException.TOO_SHORT_NSN: self.env._("too short"),
                phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: self.env._("too short"),
                phonenumbers.NumberParseException.TOO_LONG: self.env._("too long"),
            }
            return reasons.get(error.error_type, self.env._("not a phone number"))
        reasons = {
            phonenumbers.ValidationResult.TOO_SHORT: self.env._("too short"),
            phonenumbers.ValidationResult.TOO_LONG: self.env._("too long"),
            phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: self.env._("unknown country prefix"),
            phonenumbers.ValidationResult.INVALID_LENGTH: self.env._("wrong number of digits"),
        }
        reason = reasons.get(phonenumbers.is_possible_number_with_reason(parsed))
        if reason:
            return reason
        if country:
            return self.env._("not a valid number in %(country)s", country=country.name)
        return self.env._("not a valid number")

    # ------------------------------------------------------------
    # UTM
    # ------------------------------------------------------------

    @api.model
    def _ops_normalize_utm(self, rows, updates):
        """Link the typed UTM values by name or alias, case-insensitively; create the unknown ones (`ops.normalizer`)."""
        for utm_type, (input_fname, fname) in UTM_INPUTS.items():
            typed = {key: row[input_fname] for key, row in rows.items() if not row[fname] and lookup_key(row[input_fname])}
            if not typed:
                continue
            ids = self.env["ops.normalizer"]._ops_utm(utm_type, typed.values())
            for key, text in typed.items():
                updates[key][fname] = ids[text]
