"""Data-quality flags on leads: the API every pipeline step uses to say what it could not do.

Flags belong to the pipeline, not to whoever created the lead, so they are written as superuser;
users only need read access to see them on the lead form.
"""

from odoo import api, fields, models

# what a flag quotes of a typed value, and the longest message a flag keeps
QUOTE_MAX = 200
MESSAGE_MAX = 1000


def short_input(text, limit=QUOTE_MAX):
    """Return `text` as a flag quotes it: whole when short, else its start and its full length."""
    text = text if isinstance(text, str) else str(text)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ops_flag_ids = fields.One2many("ops.lead.flag", "lead_id", string="Data-quality flags")
    ops_has_flags = fields.Boolean(
        "Has data-quality flags",
        compute="_compute_ops_has_flags",
        store=True,
        index="btree_not_null",
    )
    ops_data_quality = fields.Text(
        "Data quality",
        compute="_compute_ops_data_quality",
        help="One line per problem found while normalizing, scoring or routing this lead.",
    )

    @api.depends("ops_flag_ids")
    def _compute_ops_has_flags(self):
        for lead in self:
            lead.ops_has_flags = bool(lead.ops_flag_ids)

    @api.depends("ops_flag_ids.category", "ops_flag_ids.message")
    def _compute_ops_data_quality(self):
        labels = dict(self.env["ops.lead.flag"]._fields["category"]._description_selection(self.env))
        for lead in self:
            lines = [f"{labels.get(flag.category, flag.category)}: {flag.message}" for flag in lead.ops_flag_ids]
            lead.ops_data_quality = "\n".join(lines) or False

    def _ops_set_flags(self, category, flags_by_lead):
        """Replace the `category` flags of these leads by `flags_by_lead`, in one batch.

        :param str category: an `ops.lead.flag` category, e.g. ``"routing"``
        :param dict flags_by_lead: ``{lead id: [(code, message), ...]}``; a lead of ``self`` absent
            from it (or mapped to an empty list) has its flags of that category cleared.
        """
        # a dict keeps the callers' order and drops duplicates in O(1)
        wanted = dict.fromkeys(
            (lead_id, code, short_input(message, MESSAGE_MAX))
            for lead_id, pairs in flags_by_lead.items()
            for code, message in pairs or ()
        )
        lead_ids = set(self.ids) | {lead_id for lead_id, _code, _message in wanted}
        if not lead_ids:
            return
        flags = self.env["ops.lead.flag"].sudo()
        existing = flags.search_fetch(
            [("lead_id", "in", list(lead_ids)), ("category", "=", category)],
            ["lead_id", "code", "message"],
        )
        present = {(flag.lead_id.id, flag.code, flag.message) for flag in existing}
        stale = existing.filtered(lambda flag: (flag.lead_id.id, flag.code, flag.message) not in wanted)
        if stale:
            stale.unlink()
        new_flags = [key for key in wanted if key not in present]
        if new_flags:
            flags.create(
                [
                    {"lead_id": lead_id, "category": category, "code": code, "message": message}
                    for lead_id, code, message in new_flags
                ]
            )

    def _ops_add_flag(self, category, code, message):
        """Add one flag to each of these leads, keeping their other flags of that category."""
        message = short_input(message, MESSAGE_MAX)
        flags = self.env["ops.lead.flag"].sudo()
        existing = flags.search_fetch(
            [("lead_id", "in", self.ids), ("category", "=", category), ("code", "=", code), ("message", "=", message)],
            ["lead_id"],
        )
        flagged = set(existing.lead_id.ids)
        flags.create(
            [
                {"lead_id": lead.id, "category": category, "code": code, "message": message}
                for lead in self
                if lead.id not in flagged
            ]
        )

    def _ops_add_input_flags(self, flags_by_lead):
        """Record the `input` flags found in create or write values: ``{lead id: [(code, message)]}``."""
        flags_by_lead = {lead_id: pairs for lead_id, pairs in flags_by_lead.items() if pairs}
        if not flags_by_lead:
            return
        existing = {
            (flag.lead_id.id, flag.message)
            for flag in self.env["ops.lead.flag"]
            .sudo()
            .search_fetch([("lead_id", "in", list(flags_by_lead)), ("category", "=", "input")], ["lead_id", "message"])
        }
        self.env["ops.lead.flag"].sudo().create(
            [
                {"lead_id": lead_id, "category": "input", "code": code, "message": message}
                for lead_id, pairs in flags_by_lead.items()
                for code, message in dict.fromkeys((code, short_input(message, MESSAGE_MAX)) for code, message in pairs)
                if (lead_id, message) not in existing
            ]
        )
