"""Sync cursors: the incremental state of each (source, stream), kept in Odoo so the bridge stays stateless.

The bridge reads a cursor when a run starts and moves it only after every record up to it was
ingested or dead-lettered, so a bridge killed at any moment resumes where the data is safe. Only the
gateway moves a cursor (see `ops_sync_guard.py`); an Ops Manager may only reset one to a full read.
"""

from odoo import api, fields, models
from odoo.fields import Domain

from .ops_sync_guard import sync_writer

CURSOR_MAX = 1024


class OpsSyncCursor(models.Model):
    _name = "ops.sync.cursor"
    _inherit = ["ops.sync.guarded"]
    _description = "Sync cursor"
    _order = "source, stream"

    source = fields.Char(required=True, readonly=True)
    stream = fields.Char(required=True, readonly=True)
    value = fields.Char(
        readonly=True, help="Opaque to Odoo: a date, a page token, an id, as the bridge needs. Empty means a full read."
    )

    _source_stream_uniq = models.Constraint(
        "UNIQUE(source, stream)",
        "There is already a cursor for this source and stream.",
    )

    @api.depends("source", "stream")
    def _compute_display_name(self):
        for cursor in self:
            cursor.display_name = f"{cursor.source}/{cursor.stream}"

    @sync_writer
    def action_reset(self):
        """Empty these cursors, so that the next sync of their streams reads everything again."""
        self._ops_check_reviewer()
        self.sudo().value = False
        return True

    @api.model
    def _ops_find(self, source, stream):
        return self.search(Domain("source", "=", source) & Domain("stream", "=", stream), limit=1)

    @api.model
    def _ops_get(self, source, stream):
        """Return the cursor value of (source, stream), or False when there is none."""
        return self._ops_find(source, stream).value or False

    @api.model
    def _ops_set(self, source, stream, value):
        """Store the cursor value of (source, stream); a row lock serializes two bridges moving it."""
        cursor = self._ops_find(source, stream)
        if cursor:
            self.env.cr.execute("SELECT 1 FROM ops_sync_cursor WHERE id = %s FOR UPDATE", [cursor.id])
            cursor.value = value
        else:
            self.create({"source": source, "stream": stream, "value": value})
        return True
