"""Reconciliation runs: what a full comparison of a stream with its vendor found, and what was done.

`ops-bridge reconcile <source>` reads everything a stream holds at the vendor and compares it, by
external id and content hash, with the stream's bindings: records missing in Odoo, records deleted
at the source, and records changed there without a sync. Each run is one `ops.sync.reconcile` with
its counts and one line per record that drifted, the drift report a person reads. The nightly cron
cannot run the bridge: it marks runs as requested, and the bridge claims them
(`ops-bridge reconcile --pending`). Only the gateway writes runs and lines (see `ops_sync_guard.py`).
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from .ops_sync_guard import sync_writer, sync_writes
from .ops_sync_stream_setting import DELETION_POLICIES

RUN_STATES = [
    ("requested", "Requested"),
    ("running", "Running"),
    ("done", "Done"),
    ("failed", "Failed"),
]
LINE_CATEGORIES = [
    ("missing", "Missing in Odoo"),
    ("deleted", "Deleted at the source"),
    ("changed", "Changed without a sync"),
]
LINE_ACTIONS = [
    ("reingested", "Re-ingested"),
    ("resynced", "Re-synced"),
    ("kept", "Kept Odoo's values (ownership rules)"),
    ("conflict", "Conflict to review"),
    ("archived", "Archived in Odoo"),
    ("flagged", "Flagged only"),
    ("failed", "Failed"),
]
# A run still `running` after this long lost its bridge: the next cron marks it failed.
STALE_AFTER = timedelta(hours=12)


class OpsSyncReconcile(models.Model):
    _name = "ops.sync.reconcile"
    _inherit = ["ops.sync.guarded"]
    _description = "Sync reconciliation run"
    _order = "id desc"

    source = fields.Char(required=True, readonly=True, index=True)
    stream = fields.Char(required=True, readonly=True)
    state = fields.Selection(RUN_STATES, required=True, default="requested", readonly=True, index=True)
    requested_by = fields.Many2one("res.users", readonly=True, help="Who asked for the run (the nightly cron's user).")
    run_by = fields.Many2one("res.users", readonly=True, help="The bridge's user that ran it.")
    started_at = fields.Datetime(readonly=True)
    finished_at = fields.Datetime(readonly=True)
    deletion_policy = fields.Selection(
        DELETION_POLICIES,
        readonly=True,
        help="What this run did with records deleted at the source (set per stream in the sync settings).",
    )
    read_count = fields.Integer("Read at the source", readonly=True)
    unchanged_count = fields.Integer("Unchanged", readonly=True)
    missing_count = fields.Integer("Missing in Odoo", readonly=True)
    deleted_count = fields.Integer("Deleted at the source", readonly=True)
    changed_count = fields.Integer("Changed without a sync", readonly=True)
    failed_count = fields.Integer("Failed", readonly=True, help="Drifted records the run could not repair.")
    complete = fields.Boolean(readonly=True, help="The vendor's full set was read: bound records it lacks count as deleted.")
    error = fields.Text(readonly=True)
    line_ids = fields.One2many("ops.sync.reconcile.line", "reconcile_id", string="Drift", readonly=True)
    # the drift report's pages, one per category
    missing_line_ids = fields.One2many("ops.sync.reconcile.line", compute="_compute_category_lines")
    deleted_line_ids = fields.One2many("ops.sync.reconcile.line", compute="_compute_category_lines")
    changed_line_ids = fields.One2many("ops.sync.reconcile.line", compute="_compute_category_lines")

    @api.depends("source", "stream", "started_at")
    def _compute_display_name(self):
        for run in self:
            when = fields.Datetime.to_string(run.started_at or run.create_date) or ""
            run.display_name = f"{run.source}/{run.stream} {when[:16]}".strip()

    @api.depends("line_ids.category")
    def _compute_category_lines(self):
        for run in self:
            for category, _label in LINE_CATEGORIES:
                run[f"{category}_line_ids"] = run.line_ids.filtered(lambda line, c=category: line.category == c)

    # ------------------------------------------------------------------
    # requesting runs: the nightly cron and the Run again button
    # ------------------------------------------------------------------

    @api.model
    def _ops_stream_keys(self):
        """Return the sorted (source, stream) pairs that have bindings or a cursor."""
        rows = self.env.execute_query(
            SQL("SELECT source, stream FROM ops_sync_binding UNION SELECT source, stream FROM ops_sync_cursor")
        )
        return sorted(tuple(row) for row in rows)

    @api.model
    def _ops_request(self, keys):
        """Request a run of each (source, stream) of `keys` that has none requested or running; return them."""
        with sync_writes():
            Run = self.sudo()
            busy = {(run.source, run.stream) for run in Run.search(Domain("state", "in", ["requested", "running"]))}
            wanted = [key for key in dict.fromkeys(keys) if key not in busy]
            return Run.create([{"source": source, "stream": stream, "requested_by": self.env.uid} for source, stream in wanted])

    @api.model
    def _cron_request_reconciles(self):
        """Nightly: give up on runs whose bridge vanished, then request one run per stream with data."""
        with sync_writes():
            stale = self.sudo().search(
                Domain("state", "=", "running") & Domain("started_at", "<", fields.Datetime.now() - STALE_AFTER)
            )
            stale.write(
                {
                    "state": "failed",
                    "finished_at": fields.Datetime.now(),
                    "error": self.env._("The bridge stopped before finishing this run; the next run starts over."),
                }
            )
        return self._ops_request(self._ops_stream_keys())

    @sync_writer
    def action_request_again(self):
        """Request a new run of these runs' streams, for the bridge's next `reconcile --pending`."""
        self._ops_check_reviewer()
        self._ops_request([(run.source, run.stream) for run in self])
        return self.env["ir.actions.act_window"]._for_xml_id("addon_ops_harmony.ops_sync_reconcile_action")

    # ------------------------------------------------------------------
    # the gateway's side (trusted code: the caller's rights are checked there)
    # ------------------------------------------------------------------

    def _ops_start(self, caller_uid):
        """Mark these runs running for the bridge user `caller_uid`; the stream's deletion policy is fixed now."""
        Setting = self.env["ops.sync.stream.setting"].sudo()
        for run in self:
            run.write(
                {
                    "state": "running",
                    "run_by": caller_uid,
                    "started_at": fields.Datetime.now(),
                    "deletion_policy": Setting._ops_deletion_policy(run.source, run.stream),
                }
            )

    def _ops_finish(self, complete, error):
        """Count the lines, close the run, and forget which ids it saw."""
        self.ensure_one()
        counts = dict.fromkeys(("missing", "deleted", "changed", "failed"), 0)
        Line = self.env["ops.sync.reconcile.line"].sudo()
        for category, count in Line._read_group(Domain("reconcile_id", "=", self.id), ["category"], ["__count"]):
            counts[category] = count
        counts["failed"] = Line.search_count(Domain("reconcile_id", "=", self.id) & Domain("action", "=", "failed"))
        [(counts["read"], counts["unchanged"])] = self.env.execute_query(
            SQL(
                """SELECT count(*) FILTER (WHERE status NOT IN ('kept', 'deleted')), count(*) FILTER (WHERE status = 'unchanged')
                     FROM ops_sync_reconcile_seen WHERE reconcile_id = %s""",
                self.id,
            )
        )
        self.write(
            {
                "state": "failed" if error else "done",
                "complete": bool(complete),
                "error": error or False,
                "finished_at": fields.Datetime.now(),
                **{f"{key}_count": value for key, value in counts.items()},
            }
        )
        self.env.execute_query(SQL("DELETE FROM ops_sync_reconcile_seen WHERE reconcile_id = %s", self.id))
        return counts


class OpsSyncReconcileLine(models.Model):
    _name = "ops.sync.reconcile.line"
    _inherit = ["ops.sync.guarded"]
    _description = "Sync reconciliation line"
    _order = "category, record_name, id"
    _rec_name = "external_id"

    reconcile_id = fields.Many2one("ops.sync.reconcile", required=True, readonly=True, index=True, ondelete="cascade")
    category = fields.Selection(LINE_CATEGORIES, required=True, readonly=True)
    external_id = fields.Char("External ID", required=True, readonly=True)
    res_model = fields.Char("Odoo model", readonly=True)
    res_id = fields.Many2oneReference("Odoo record ID", model_field="res_model", readonly=True)
    record_name = fields.Char("Record", readonly=True)
    action = fields.Selection(LINE_ACTIONS, string="Done", readonly=True)
    message = fields.Text(readonly=True)

    def action_open_record(self):
        """Open the Odoo record this line is about (with the reader's own rights)."""
        self.ensure_one()
        if not self.res_model or not self.res_id or not self.env[self.res_model].browse(self.res_id).exists():
            raise UserError(self.env._("This line has no Odoo record, or it was deleted since."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }


class OpsSyncReconcileSeen(models.Model):
    """The external ids a running reconciliation read at the vendor: bound ids not among them were
    deleted at the source. Written and read by SQL in the gateway only; emptied when the run ends."""

    _name = "ops.sync.reconcile.seen"
    _description = "External id read by a running reconciliation"
    _log_access = False

    reconcile_id = fields.Many2one("ops.sync.reconcile", required=True, ondelete="cascade")
    external_id = fields.Char(required=True)
    status = fields.Char(help="missing, changed, unchanged or unreadable as compared; kept or deleted otherwise.")

    _run_key_uniq = models.Constraint("UNIQUE(reconcile_id, external_id)", "An id is seen once per run.")
