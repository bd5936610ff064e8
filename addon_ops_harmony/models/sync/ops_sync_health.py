"""Sync health: one line per source and stream, read from the runs, the open events and the cursors.

For each (source, stream) that has a cursor, a run or an event: when it last ran, when it last ran
to its end (the last good run), the share of records that failed over its last runs, the events
waiting for a retry or a replay (the backlog), the dead letters waiting for a person, the open
conflicts, and how far behind its cursor is. A read-only SQL query, no table: it is always up to
date. Ops users and Ops Finance read it; nobody writes it.
"""

from datetime import datetime, timezone

from odoo import api, fields, models
from odoo.tools import SQL

# the error rate is measured over this many last runs of each stream
RECENT_RUNS = 10
# a stream whose last runs lost this share of records, or that has dead letters, needs attention
ATTENTION_RATE = 5.0
STATES = [
    ("healthy", "Healthy"),
    ("attention", "Needs attention"),
    ("failing", "Failing"),
    ("no_run", "No run yet"),
]


def parse_cursor(value):
    """Return the moment a cursor stands at, as naive UTC, when it is an ISO date or date-time; else None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment


def format_lag(hours):
    """Return `hours` the way a person reads a lag: "45 min", "5 h", "3 d 4 h"."""
    minutes = round(hours * 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        return f"{minutes // 60} h {minutes % 60:02d} min"
    return f"{minutes // (24 * 60)} d {minutes % (24 * 60) // 60} h"


class OpsSyncHealth(models.Model):
    _name = "ops.sync.health"
    _description = "Sync health"
    _auto = False
    _order = "source, stream"

    source = fields.Char(readonly=True)
    stream = fields.Char(readonly=True)
    state = fields.Selection(STATES, readonly=True)
    last_run_at = fields.Datetime("Last run", readonly=True)
    last_good_run_at = fields.Datetime(
        "Last good run", readonly=True, help="The last run that read the stream to its end and moved its cursor."
    )
    last_error = fields.Text("Last run stopped because", readonly=True)
    recent_runs = fields.Integer("Runs measured", readonly=True, help=f"The last {RECENT_RUNS} runs, at most.")
    recent_read = fields.Integer("Records read", readonly=True, help=f"Over the last {RECENT_RUNS} runs.")
    recent_failed = fields.Integer("Records failed", readonly=True, help=f"Over the last {RECENT_RUNS} runs.")
    error_rate = fields.Float(
        "Error rate (%)", readonly=True, digits=(16, 1), help=f"Records failed per 100 read, over the last {RECENT_RUNS} runs."
    )
    backlog = fields.Integer(readonly=True, help="Events waiting for the next run or for the bridge's replay.")
    dead_count = fields.Integer("Dead letters", readonly=True, help="Events that wait for a person: see Needs attention.")
    open_conflicts = fields.Integer("Open conflicts", readonly=True)
    cursor_value = fields.Char("Cursor", readonly=True)
    cursor_moved_at = fields.Datetime("Cursor moved", readonly=True)
    cursor_lag_hours = fields.Float(
        "Cursor lag (h)",
        compute="_compute_cursor_lag",
        digits=(16, 1),
        help="How far behind now the cursor stands: its date, or when it last moved for a cursor that is no date.",
    )
    cursor_lag = fields.Char("Cursor lag", compute="_compute_cursor_lag")

    @property
    def _table_query(self):
        return SQL(
            """
            WITH keys AS (
                SELECT source, stream FROM ops_sync_cursor
                UNION SELECT source, stream FROM ops_sync_run
                UNION SELECT source, stream FROM ops_sync_event
            ), ranked AS (
                SELECT run.*, row_number() OVER (
                    PARTITION BY run.source, run.stream ORDER BY run.finished_at DESC, run.id DESC
                ) AS rank
                FROM ops_sync_run run
            ), runs AS (
                SELECT source, stream,
                       max(finished_at) AS last_run_at,
                       max(finished_at) FILTER (WHERE completed) AS last_good_run_at,
                       bool_or(completed) FILTER (WHERE rank = 1) AS last_completed,
                       max(error) FILTER (WHERE rank = 1) AS last_error,
                       count(*) FILTER (WHERE rank <= %(recent)s) AS recent_runs,
                       coalesce(sum(read_count) FILTER (WHERE rank <= %(recent)s), 0) AS recent_read,
                       coalesce(sum(rejected_count + dead_count) FILTER (WHERE rank <= %(recent)s), 0) AS recent_failed
                  FROM ranked
                 GROUP BY source, stream
            ), events AS (
                SELECT source, stream,
                       count(*) FILTER (WHERE state IN ('received', 'failed')) AS backlog,
                       count(*) FILTER (WHERE state = 'dead') AS dead_count
                  FROM ops_sync_event
                 WHERE state != 'done'
                 GROUP BY source, stream
            ), conflicts AS (
                SELECT source, stream, count(*) AS open_conflicts
                  FROM ops_sync_conflict
                 WHERE state = 'open'
                 GROUP BY source, stream
            ), lines AS (
                SELECT keys.source, keys.stream, runs.last_run_at, runs.last_good_run_at, runs.last_completed,
                       runs.last_error, coalesce(runs.recent_runs, 0) AS recent_runs,
                       coalesce(runs.recent_read, 0) AS recent_read, coalesce(runs.recent_failed, 0) AS recent_failed,
                       CASE WHEN runs.recent_read > 0
                            THEN round(100.0 * runs.recent_failed / runs.recent_read, 1) ELSE 0 END AS error_rate,
                       coalesce(events.backlog, 0) AS backlog, coalesce(events.dead_count, 0) AS dead_count,
                       coalesce(conflicts.open_conflicts, 0) AS open_conflicts,
                       cursor.value AS cursor_value, cursor.write_date AS cursor_moved_at
                  FROM keys
                  LEFT JOIN runs ON runs.source = keys.source AND runs.stream = keys.stream
                  LEFT JOIN events ON events.source = keys.source AND events.stream = keys.stream
                  LEFT JOIN conflicts ON conflicts.source = keys.source AND conflicts.stream = keys.stream
                  LEFT JOIN ops_sync_cursor cursor ON cursor.source = keys.source AND cursor.stream = keys.stream
            )
            -- an id that stays the same for a source and stream, whatever other lines come and go
            SELECT ('x' || substr(md5(source || '/' || stream), 1, 7))::bit(28)::int AS id, lines.*,
                   CASE WHEN last_run_at IS NULL THEN 'no_run'
                        WHEN NOT last_completed THEN 'failing'
                        WHEN dead_count > 0 OR error_rate >= %(attention)s THEN 'attention'
                        ELSE 'healthy' END AS state
              FROM lines
            """,
            recent=RECENT_RUNS,
            attention=ATTENTION_RATE,
            to_flush=self._ops_sources_read(),
        )

    def _ops_sources_read(self):
        """Return the fields the query reads, so that pending writes to them reach the database first."""
        read = {
            "ops.sync.run": (
                "source",
                "stream",
                "finished_at",
                "completed",
                "error",
                "read_count",
                "rejected_count",
                "dead_count",
            ),
            "ops.sync.event": ("source", "stream", "state"),
            "ops.sync.conflict": ("source", "stream", "state"),
            "ops.sync.cursor": ("source", "stream", "value", "write_date"),
        }
        return [self.env[model]._fields[fname] for model, fnames in read.items() for fname in fnames]

    @api.depends("cursor_value", "cursor_moved_at")
    def _compute_cursor_lag(self):
        now = self.env.cr.now()  # the transaction's clock, the one write_date is stamped with
        for line in self:
            moment = parse_cursor(line.cursor_value) or line.cursor_moved_at
            if moment:
                line.cursor_lag_hours = max(0.0, (now - moment).total_seconds() / 3600)
                line.cursor_lag = format_lag(line.cursor_lag_hours)
            else:
                line.cursor_lag_hours = 0.0
                line.cursor_lag = False
