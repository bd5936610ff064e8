"""Sync history: one line per thing a sync did to one record, under the trace id it came with.

A trace id is born where a record enters the bridge (a page read, a webhook delivery) and travels
with it through `ingest`. The gateway writes it on the record's event (when it failed), on its
binding (the last one applied), in a note in the chatter of the Odoo record it touched, and here.
Searching a trace id finds the record; "Record history" then shows everything every run did to
that external record, oldest first. Lines are written by the gateway only, and never changed.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

STATUSES = [
    ("created", "Created"),
    ("updated", "Updated"),
    ("conflict", "Kept Odoo's value"),
    ("rejected", "Rejected"),
]
MESSAGE_MAX = 2000


class OpsSyncTrace(models.Model):
    _name = "ops.sync.trace"
    _inherit = ["ops.sync.guarded"]
    _description = "Sync history line"
    _order = "id desc"
    _rec_name = "trace_id"

    trace_id = fields.Char("Trace ID", readonly=True, index="btree_not_null")
    source = fields.Char(required=True, readonly=True)
    stream = fields.Char(required=True, readonly=True)
    external_id = fields.Char("External ID", required=True, readonly=True)
    binding_id = fields.Many2one("ops.sync.binding", readonly=True, index="btree_not_null", ondelete="set null")
    res_model = fields.Char("Odoo model", readonly=True)
    res_id = fields.Many2oneReference("Odoo record ID", model_field="res_model", readonly=True)
    record_name = fields.Char("Record", readonly=True)
    status = fields.Selection(STATUSES, required=True, readonly=True)
    message = fields.Text(readonly=True)

    _key_idx = models.Index("(source, stream, external_id, id)")

    def action_record_history(self):
        """Open every history line of this line's external record, across runs."""
        self.ensure_one()
        self._ops_check_reviewer()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("History of %(key)s", key=f"{self.source}/{self.stream}/{self.external_id}"),
            "res_model": self._name,
            "view_mode": "list,form",
            "domain": [("source", "=", self.source), ("stream", "=", self.stream), ("external_id", "=", self.external_id)],
        }

    def action_open_record(self):
        """Open the Odoo record this line touched."""
        self.ensure_one()
        self._ops_check_reviewer()
        if not self.res_model or not self.env[self.res_model].browse(self.res_id).exists():
            raise UserError(self.env._("This line touched no Odoo record, or the record was deleted since."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }

    @api.model
    def _ops_log(self, source, stream, entries):
        """Write history lines and chatter notes for `entries`; trusted gateway code only.

        :param entries: ``[(item, binding or None, record or None)]`` of items that did something
        """
        if not entries:
            return self.browse()
        label = f"{source}/{stream}"
        lines = []
        notes = {}  # {model: {res_id: body}}
        for item, binding, record in entries:
            message = "; ".join(item.reasons)[:MESSAGE_MAX] if item.reasons else False
            lines.append(
                {
                    "trace_id": item.trace_id or False,
                    "source": source,
                    "stream": stream,
                    "external_id": item.external_id,
                    "binding_id": binding.id if binding else False,
                    "res_model": record._name if record else False,
                    "res_id": record.id if record else False,
                    "record_name": record.display_name if record else False,
                    "status": item.status,
                    "message": message,
                }
            )
            if record is not None and item.status in ("created", "updated") and "message_ids" in record._fields:
                notes.setdefault(record._name, {})[record.id] = self._ops_note(label, item)
        for model, bodies in notes.items():
            self.env[model].browse(list(bodies))._message_log_batch(bodies)
        return self.create(lines)

    @api.model
    def _ops_note(self, label, item):
        """Return the chatter note of one synced record, naming its source and trace id."""
        verb = self.env._("Created") if item.status == "created" else self.env._("Updated")
        trace = html_escape(item.trace_id) if item.trace_id else self.env._("none")
        return self.env._(
            "%(verb)s by the sync from %(label)s (external ID %(external_id)s, trace %(trace)s).",
            verb=verb,
            label=html_escape(label),
            external_id=html_escape(item.external_id),
            trace=trace,
        )
