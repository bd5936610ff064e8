"""Sync runs: what each run of a stream did, as the bridge reports it when the stream ends.

One line per (source, stream, run): the records read and what became of them, whether the stream
was read to its end, and why it stopped if not. The health of each source (`ops_sync_health.py`)
is read from these lines, the open events and the cursors. Only the gateway writes runs (see
`ops_sync_guard.py`), for the bridge's user or an Ops Manager; Ops users and Ops Finance read them.
Reconciliation runs are kept apart, in their own model.
"""

from odoo import api, fields, models
from odoo.fields import Domain

COUNTS = ("read", "created", "updated", "unchanged", "conflict", "rejected", "dead", "bugs")


class OpsSyncRun(models.Model):
    _name = "ops.sync.run"
    _inherit = ["ops.sync.guarded"]
    _description = "Sync run"
    _order = "finished_at desc, id desc"

    source = fields.Char(required=True, readonly=True, index=True)
    stream = fields.Char(required=True, readonly=True)
    run_id = fields.Char("Run ID", required=True, readonly=True, help="The bridge's id of the run, in its logs.")
    started_at = fields.Datetime("Started", required=True, readonly=True)
    finished_at = fields.Datetime("Finished", required=True, readonly=True)
    duration = fields.Float("Duration (s)", compute="_compute_duration", digits=(16, 1))
    completed = fields.Boolean(
        readonly=True, help="The stream was read to its end and its cursor moved: a good run, whatever its records did."
    )
    error = fields.Text("Why it stopped", readonly=True)
    cursor = fields.Char("Cursor after the run", readonly=True)
    read_count = fields.Integer("Read", readonly=True)
    created_count = fields.Integer("Created", readonly=True)
    updated_count = fields.Integer("Updated", readonly=True)
    unchanged_count = fields.Integer("Unchanged", readonly=True)
    conflict_count = fields.Integer("Conflicts", readonly=True)
    rejected_count = fields.Integer("Refused by Odoo", readonly=True)
    dead_count = fields.Integer("Refused by the bridge", readonly=True)
    bugs_count = fields.Integer("Bridge bugs", readonly=True)
    failed_count = fields.Integer("Failed records", compute="_compute_failed_count")

    _run_uniq = models.Constraint(
        "UNIQUE(source, stream, run_id)",
        "This run of this stream is already recorded.",
    )
    _recent_idx = models.Index("(source, stream, finished_at DESC)")

    @api.depends("source", "stream", "run_id")
    def _compute_display_name(self):
        for run in self:
            run.display_name = f"{run.source}/{run.stream} {run.run_id}"

    @api.depends("started_at", "finished_at")
    def _compute_duration(self):
        for run in self:
            span = run.finished_at and run.started_at and run.finished_at - run.started_at
            run.duration = span.total_seconds() if span else 0.0

    @api.depends("rejected_count", "dead_count")
    def _compute_failed_count(self):
        for run in self:
            run.failed_count = run.rejected_count + run.dead_count

    @api.model
    def _ops_record(self, source, stream, vals):
        """Store the run `vals` of (source, stream); the same run reported twice is updated, not doubled."""
        existing = self.search(
            Domain("source", "=", source) & Domain("stream", "=", stream) & Domain("run_id", "=", vals["run_id"]), limit=1
        )
        if existing:
            existing.write(vals)
            return existing
        return self.create({**vals, "source": source, "stream": stream})
