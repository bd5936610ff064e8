"""Sync conflicts: an incoming change that lost to an edit made in Odoo, kept for review.

Accept writes the incoming value; Reject keeps Odoo's. Either way the binding remembers the
incoming value as seen, so the same source value does not raise the same conflict again. When a
binding has no open conflict left, the conflict events of its record are closed.

Only the gateway raises conflicts (see `ops_sync_guard.py`). Accepting one writes as the accepting
user, never as superuser, and only a field its stream maps: an Ops Manager cannot reach through a
conflict what they could not write in Odoo's own screens.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.models import BaseModel

from .ops_sync_guard import sync_writer
from .ops_sync_message import record_label, source_label
from .ops_sync_ownership import comparable
from .ops_sync_schema import safe_text

STATES = [("open", "Open"), ("accepted", "Accepted"), ("rejected", "Rejected")]


def display_value(record, fname, value):
    """Return a short human-readable form of `value` for field `fname` of `record`."""
    field = record._fields[fname]
    if field.type == "many2one" and value and not isinstance(value, BaseModel):
        value = record.env[field.comodel_name].browse(value).exists()
    if isinstance(value, BaseModel):
        return value.display_name or ""
    if field.type == "selection" and value:
        return dict(field._description_selection(record.env)).get(value, value)
    if value is False or value is None:
        return ""
    return safe_text(value, 500)


class OpsSyncConflict(models.Model):
    _name = "ops.sync.conflict"
    _inherit = ["ops.sync.guarded"]
    _description = "Sync conflict"
    _order = "state, create_date desc, id desc"

    binding_id = fields.Many2one("ops.sync.binding", string="Binding", required=True, ondelete="cascade", index=True)
    source = fields.Char(related="binding_id.source", store=True)
    stream = fields.Char(related="binding_id.stream", store=True)
    external_id = fields.Char(related="binding_id.external_id", string="External ID")
    res_model = fields.Char(related="binding_id.res_model", string="Odoo model", store=True)
    res_id = fields.Many2oneReference(related="binding_id.res_id", string="Odoo record ID")
    field_name = fields.Char("Field", required=True, readonly=True)
    field_label = fields.Char("Field label", readonly=True)
    odoo_value = fields.Char("Value in Odoo", readonly=True, help="The value Odoo held when the change came in.")
    incoming_value = fields.Char("Incoming value", readonly=True)
    incoming_raw = fields.Json(readonly=True, help="The incoming value as it would be written.")
    source_modified_at = fields.Datetime("Changed at the source", readonly=True)
    state = fields.Selection(STATES, required=True, default="open", readonly=True, index=True)
    resolved_by_id = fields.Many2one("res.users", string="Resolved by", readonly=True)
    resolved_at = fields.Datetime("Resolved at", readonly=True)
    record_name = fields.Char("Record", compute="_compute_record_name")
    source_label = fields.Char("From", compute="_compute_record_name")
    record_conflict_ids = fields.Many2many(
        "ops.sync.conflict",
        string="Conflicts on this record",
        compute="_compute_record_conflict_ids",
        help="Every open conflict of the same record, field by field: Odoo's value beside the source's.",
    )

    @api.depends("res_model", "res_id", "binding_id")
    def _compute_record_name(self):
        for conflict in self:
            conflict.source_label = source_label(conflict.source)
            conflict.record_name = conflict._ops_record_name()

    @api.depends("binding_id")
    def _compute_record_conflict_ids(self):
        open_conflicts = self.search(Domain("binding_id", "in", self.binding_id.ids) & Domain("state", "=", "open"))
        for conflict in self:
            conflict.record_conflict_ids = open_conflicts.filtered(lambda other: other.binding_id == conflict.binding_id)

    @api.depends("record_name", "field_label", "field_name")
    def _compute_display_name(self):
        for conflict in self:
            conflict.display_name = f"{conflict.record_name}: {conflict.field_label or conflict.field_name}"

    def _ops_record_name(self):
        """Return the name of the record in conflict as the user may read it, else its source record's."""
        self.ensure_one()
        if self.res_model in self.env and self.res_id:
            record = self.env[self.res_model].browse(self.res_id)
            try:
                if record.exists() and record.has_access("read"):
                    return record.display_name
            except AccessError:
                pass
        return record_label(self.source, self.stream, self.sudo().binding_id.external_id)

    def action_open_record(self):
        """Open the Odoo record in conflict."""
        self.ensure_one()
        return self.binding_id.action_open_record()

    @sync_writer
    def action_accept(self):
        """Write the incoming values on their records, as the accepting user."""
        conflicts = self._ops_open()
        for conflict in conflicts:
            record = conflict._ops_record()
            value = (conflict.incoming_raw or {}).get("value", False)
            record.write({conflict.field_name: value})
            conflict._ops_audit("conflict_accept", record)
        conflicts.sudo()._ops_resolve("accepted")
        return True

    @sync_writer
    def action_reject(self):
        """Keep Odoo's values; the source's values are remembered as seen."""
        conflicts = self._ops_open()
        for conflict in conflicts:
            conflict._ops_audit("conflict_reject", self.env[conflict.res_model].browse(conflict.res_id))
        conflicts.sudo()._ops_resolve("rejected")
        return True

    def _ops_audit(self, event, record):
        """Write the reviewer's decision on this conflict in the audit log, with both values."""
        self.ensure_one()
        self.env["ops.audit.log"]._ops_record(
            event,
            record=record,
            rationale=self.env._(
                "%(origin)s/%(stream)s %(external_id)s, %(field)s: Odoo's value %(odoo)s, incoming value %(incoming)s",
                origin=self.source,
                stream=self.stream,
                external_id=self.sudo().binding_id.external_id or "",
                field=self.field_name,
                odoo=self.odoo_value or "—",
                incoming=self.incoming_value or "—",
            ),
        )

    def _ops_open(self):
        """Return the open conflicts among these, once the user is proven to be a reviewer."""
        self._ops_check_reviewer()
        if not self:
            return self
        open_conflicts = self.filtered(lambda conflict: conflict.state == "open")
        if not open_conflicts:
            raise UserError(self.env._("These conflicts are already resolved."))
        return open_conflicts

    def _ops_record(self):
        """Return the record in conflict, as the user, once they may write the conflict's field on it."""
        self.ensure_one()
        if self.field_name not in self._ops_mapped_fields():
            raise UserError(
                self.env._(
                    "The field %(field)s of %(model)s is not synced by the stream %(stream)s: this conflict cannot be accepted.",
                    field=self.field_name,
                    model=self.res_model,
                    stream=self.stream,
                )
            )
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("The record of conflict %s was deleted.", self.display_name))
        record.check_access("write")
        return record

    def _ops_mapped_fields(self):
        """Return the fields the conflict's stream maps on its model; none for an unknown stream or model."""
        self.ensure_one()
        handler = self.env.get(f"ops.sync.stream.{self.stream}")
        if handler is None or type(handler)._ops_stream != self.stream or handler._ops_target_model != self.res_model:
            return frozenset()
        return frozenset(handler._ops_synced_fields) & set(self.env[self.res_model]._fields)

    def _ops_resolve(self, state):
        """Close these conflicts and remember their incoming values on the bindings."""
        for conflict in self:
            binding = conflict.binding_id.sudo()
            field = self.env[conflict.res_model]._fields.get(conflict.field_name)
            if field:
                value = (conflict.incoming_raw or {}).get("value", False)
                binding.written_values = {**(binding.written_values or {}), conflict.field_name: comparable(field, value)}
        self.write({"state": state, "resolved_by_id": self.env.uid, "resolved_at": fields.Datetime.now()})
        bindings = self.binding_id
        still_open = self.search(Domain("binding_id", "in", bindings.ids) & Domain("state", "=", "open")).binding_id
        self.env["ops.sync.event"].sudo()._ops_close_conflicts(bindings - still_open)

    @api.model
    def _ops_raise(self, binding, record, fname, value, modified_at):
        """Record (or refresh) the open conflict of `binding` on field `fname` with the incoming `value`."""
        field = record._fields[fname]
        vals = {
            "odoo_value": display_value(record, fname, record[fname]),
            "incoming_value": display_value(record, fname, value),
            "incoming_raw": {"value": comparable(field, value)},
            "source_modified_at": modified_at or False,
        }
        existing = self.search(
            Domain("binding_id", "=", binding.id) & Domain("field_name", "=", fname) & Domain("state", "=", "open"), limit=1
        )
        if existing:
            existing.write(vals)
            return existing
        return self.create(
            {
                **vals,
                "binding_id": binding.id,
                "field_name": fname,
                "field_label": field._description_string(self.env),
            }
        )
