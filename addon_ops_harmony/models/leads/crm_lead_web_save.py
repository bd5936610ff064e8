"""Saving a lead from the form when routing hands it to someone else.

A salesperson who may only see their own leads (crm's "own documents" rule) can type a lead and
leave its salesperson empty: routing gives it to a colleague in the same transaction, and the form's
read-back of the saved record would fail with an access error. Such a save now ends with the form
showing what was saved and a notification saying where the lead went ("Routed to Rita Rep, Inbound
EMEA", or "Waiting in the Inbound Americas queue: …"); any save that routes the lead says so.

Only that one read-back is widened, only for the lead routing just took away in this very call, and
only its own fields (which the user typed a moment ago, plus what routing wrote): related records
are read with the user's own rights. Opening the lead again later is refused as before.
"""

from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def web_save(self, vals, specification, next_id=None):
        if next_id or len(self) > 1:
            return super().web_save(vals, specification, next_id=next_id)
        before = self.sudo()._ops_routing_snapshot() if self else None
        # an empty specification saves without reading anything back
        lead = self.browse(super().web_save(vals, {})[0]["id"])
        routed = lead.sudo()._ops_routing_snapshot()
        if not routed[2] or routed == before or vals.get("user_id"):  # unchanged, or the owner chosen by hand
            return lead.with_context(bin_size=True).web_read(specification)
        lead._ops_notify_routed()
        if lead.has_access("read"):
            return lead.with_context(bin_size=True).web_read(specification)
        return lead._ops_web_read_routed_away(specification)

    def _ops_routing_snapshot(self):
        """Return (owner id, team id, routing state) of this lead, to tell whether a save routed it."""
        self.ensure_one()
        return (self.user_id.id, self.team_id.id, self.ops_routing_state)

    def _ops_notify_routed(self):
        """Tell the current user, in their browser, where routing just sent this lead."""
        lead = self.sudo()
        if lead.ops_routing_state == "queued":
            flag = lead.ops_flag_ids.filtered(lambda f: f.category == "routing")[:1]
            message = self.env._(
                "Waiting in the %(team)s queue: %(reason)s. It will be assigned as soon as a member is available.",
                team=lead.team_id.name or "—",
                reason=flag.message or "—",
            )
            kind = "warning"
        else:
            owner = self.env._("you") if lead.user_id == self.env.user else lead.user_id.name
            message = self.env._("Routed to %(owner)s, %(team)s", owner=owner, team=lead.team_id.name or "—")
            kind = "success"
        self.env.user._bus_send(
            "simple_notification",
            {
                "type": kind,
                "title": self.env._("Lead saved"),
                "message": message,
                "sticky": False,
            },
        )

    def _ops_web_read_routed_away(self, specification):
        """Return `web_read(specification)` of this lead, which routing just took from the current user.

        The lead's own fields are read as superuser; relational fields give only the ids of records
        the user may read, expanded with the user's own rights as `web_read` would.
        """
        self.ensure_one()
        spec = {
            name: sub
            for name, sub in specification.items()
            if name in self._fields and self._has_field_access(self._fields[name], "read")
        }
        own_spec = {name: {} if self._fields[name].relational else sub for name, sub in spec.items()}
        values = self.sudo().with_context(bin_size=True).web_read(own_spec)[0]
        for name, sub in spec.items():
            field = self._fields[name]
            if field.type == "many2one":
                values[name] = self._ops_read_many2one(field, values[name], sub)
            elif field.type in ("one2many", "many2many"):
                values[name] = self._ops_read_x2many(field, values[name], sub)
        return [values]

    def _ops_read_many2one(self, field, record_id, sub):
        """Return a many2one value as `web_read` gives it, reading the record with the user's rights."""
        if not record_id or "fields" not in sub:
            return record_id
        record = self.env[field.comodel_name].browse(record_id).with_context(**sub.get("context", {}))
        names = dict(sub["fields"])
        if not record.has_access("read"):
            # like web_read, which shows the name of a related record the user cannot open
            return {"id": record_id, "display_name": record.sudo().display_name} if "display_name" in names else {"id": record_id}
        return record.web_read(names)[0]

    def _ops_read_x2many(self, field, record_ids, sub):
        """Return an x2many value as `web_read` gives it, keeping only the records the user may read."""
        records = self.env[field.comodel_name].browse(record_ids).with_context(**sub.get("context", {}))
        if sub.get("order"):
            records = records.with_context(active_test=False).search([("id", "in", records.ids)], order=sub["order"])
        else:
            records = records._filtered_access("read")
        if "fields" not in sub:
            return records.ids
        limit = sub.get("limit")
        shown = records[:limit] if limit is not None else records
        read = {vals["id"]: vals for vals in shown.web_read(sub["fields"])}
        return [read.get(record_id) or {"id": record_id} for record_id in records.ids]
