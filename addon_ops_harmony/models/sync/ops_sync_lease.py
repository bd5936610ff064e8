"""Sync leases: which bridge reads which stream, or which window of it, so that several share the work.

When several bridges sync the same source (replicas behind one proxy, or a scheduled run meeting
a manual one), each piece of a stream is read by one bridge at a time. The piece is either the whole
stream (a first sync, a source that cannot read a time window), or a window of modification times
on a grid every bridge computes alike: [00:00, 06:00), [06:00, 12:00), … up to an open last window.
A bridge plans the windows between the stream's cursor and now (rows in state `todo`, shared by
every bridge that plans the same grid), takes each free one, renews it while it reads, and marks it
done with the cursor it reached. The stream's cursor moves when the windows before it are all done,
to the cursor of the last of them; those rows are then deleted. A lease that is not renewed expires,
so a bridge killed mid-window never blocks the others for longer than its time to live: the next
one reads the window again, and `ingest` answers `unchanged` for what is already in.

Taking a lease is one SQL statement (`INSERT … ON CONFLICT DO UPDATE … WHERE`, or `UPDATE … WHERE`):
PostgreSQL decides between two bridges asking at once, in any worker, without a lock held
across requests.
"""

from odoo import api, fields, models

from .ops_sync_guard import sync_writer

HOLDER_MAX = 128
WINDOW_MAX = 1024
TTL_MIN, TTL_MAX = 5, 3600


class OpsSyncLease(models.Model):
    _name = "ops.sync.lease"
    _inherit = ["ops.sync.guarded"]
    _description = "Sync lease"
    _order = "source, stream"

    source = fields.Char(required=True, readonly=True)
    stream = fields.Char(required=True, readonly=True)
    window_start = fields.Char(
        required=True, readonly=True, default="", help="Where the window starts; empty for the whole stream."
    )
    window_end = fields.Char(readonly=True, help="Where the window ends; empty for the last, open one.")
    state = fields.Selection(
        [("todo", "To read"), ("held", "Being read"), ("done", "Read")], required=True, readonly=True, default="held"
    )
    holder = fields.Char(readonly=True, help="The bridge reading it: its host, process and run.")
    acquired_at = fields.Datetime(readonly=True)
    expires_at = fields.Datetime(readonly=True, help="Unless renewed, another bridge may take it then.")
    done_cursor = fields.Char(readonly=True, help="The cursor its reader reached; the stream's once the windows before are read.")

    _source_stream_window_uniq = models.Constraint(
        "UNIQUE(source, stream, window_start)", "A stream or window has one lease at a time."
    )

    @api.depends("source", "stream", "window_start")
    def _compute_display_name(self):
        for lease in self:
            piece = f" from {lease.window_start}" if lease.window_start else ""
            lease.display_name = f"{lease.source}/{lease.stream}{piece}"

    @sync_writer
    def action_release(self):
        """Free these leases now (a bridge that died while holding one): the next bridge reads them again."""
        self._ops_check_reviewer()
        whole = self.filtered(lambda lease: not lease.window_start)
        whole.sudo().unlink()
        (self - whole).filtered(lambda lease: lease.state == "held").sudo().write(
            {"state": "todo", "holder": False, "expires_at": False}
        )
        return True

    @api.model
    def _ops_acquire(self, source, stream, holder, ttl, window="", takeover=""):
        """Take or renew the lease of (source, stream, window) for `holder`; return who holds it.

        The whole stream (`window` empty) goes to `holder` when nobody holds it, when its lease
        expired, or when `holder` already holds it. A window goes to `holder` when it was planned
        and is still to read, or expired, or is `holder`'s; a window already read, or no longer
        planned because the cursor passed it, is answered `done`. Either also goes to `holder` when
        `takeover` names its current holder: a bridge that saw that holder's process is gone.
        """
        self._ops_check_sync_write()
        now = fields.Datetime.now()
        params = {"source": source, "stream": stream, "window": window, "holder": holder, "now": now, "ttl": ttl}
        params["takeover"] = takeover or None
        params["uid"] = self.env.uid
        if window:
            self.env.cr.execute(
                """UPDATE ops_sync_lease
                      SET state = 'held', holder = %(holder)s, acquired_at = %(now)s, write_uid = %(uid)s,
                          write_date = %(now)s, expires_at = %(now)s + make_interval(secs => %(ttl)s)
                    WHERE source = %(source)s AND stream = %(stream)s AND window_start = %(window)s
                      AND (state = 'todo' OR (state = 'held' AND (expires_at < %(now)s OR holder = %(holder)s
                                                                   OR holder = %(takeover)s)))
                RETURNING holder, expires_at, state""",
                params,
            )
        else:
            self.env.cr.execute(
                """INSERT INTO ops_sync_lease (source, stream, window_start, state, holder, acquired_at, expires_at,
                                              create_uid, create_date, write_uid, write_date)
                   VALUES (%(source)s, %(stream)s, '', 'held', %(holder)s, %(now)s,
                           %(now)s + make_interval(secs => %(ttl)s), %(uid)s, %(now)s, %(uid)s, %(now)s)
                   ON CONFLICT (source, stream, window_start) DO UPDATE
                      SET holder = EXCLUDED.holder, acquired_at = EXCLUDED.acquired_at, expires_at = EXCLUDED.expires_at,
                          write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
                    WHERE ops_sync_lease.expires_at < %(now)s OR ops_sync_lease.holder = EXCLUDED.holder
                       OR ops_sync_lease.holder = %(takeover)s
                RETURNING holder, expires_at, state""",
                params,
            )
        row = self.env.cr.fetchone()
        if row is None:
            self.env.cr.execute(
                "SELECT holder, expires_at, state FROM ops_sync_lease WHERE source = %s AND stream = %s AND window_start = %s",
                [source, stream, window],
            )
            row = self.env.cr.fetchone() or (None, None, "done")
        self.invalidate_model()
        current, expires_at, state = row
        return {
            "granted": current == holder and state == "held",
            "holder": current or False,
            "expires_at": fields.Datetime.to_string(expires_at) if expires_at else False,
            "done": state == "done",
        }

    @api.model
    def _ops_plan(self, source, stream, windows):
        """Add the windows `[(start, end or False)]` of (source, stream) that are not planned yet."""
        self._ops_check_sync_write()
        if not windows:
            return 0
        now = fields.Datetime.now()
        starts, ends = zip(*windows)
        self.env.cr.execute(
            """INSERT INTO ops_sync_lease (source, stream, window_start, window_end, state,
                                          create_uid, create_date, write_uid, write_date)
               SELECT %s, %s, start, NULLIF(finish, ''), 'todo', %s, %s, %s, %s
                 FROM unnest(%s::varchar[], %s::varchar[]) AS planned(start, finish)
               ON CONFLICT (source, stream, window_start) DO NOTHING""",
            [source, stream, self.env.uid, now, self.env.uid, now, list(starts), [end or "" for end in ends]],
        )
        return self.env.cr.rowcount

    @api.model
    def _ops_renew(self, source, stream, holder, ttl, window=""):
        """Extend `holder`'s lease of (source, stream, window); return whether it still held it."""
        self._ops_check_sync_write()
        self.env.cr.execute(
            """UPDATE ops_sync_lease SET expires_at = %(now)s + make_interval(secs => %(ttl)s), write_date = %(now)s
                WHERE source = %(source)s AND stream = %(stream)s AND window_start = %(window)s AND holder = %(holder)s
                  AND state = 'held' AND expires_at >= %(now)s
            RETURNING id""",
            {
                "source": source,
                "stream": stream,
                "window": window,
                "holder": holder,
                "ttl": ttl,
                "now": fields.Datetime.now(),
            },
        )
        renewed = bool(self.env.cr.fetchone())
        self.invalidate_model()
        return renewed

    @api.model
    def _ops_release(self, source, stream, holder, window="", done=True, cursor=False):
        """Give back `holder`'s lease; a window read to the end (`done`) may move the stream's cursor.

        :return: ``(whether holder held it, the stream's new cursor or False)``
        """
        self._ops_check_sync_write()
        key = [source, stream, window, holder]
        if not window:
            self.env.cr.execute(
                """DELETE FROM ops_sync_lease WHERE source = %s AND stream = %s AND window_start = %s AND holder = %s
                RETURNING id""",
                key,
            )
            released = bool(self.env.cr.fetchone())
            self.invalidate_model()
            return released, False
        if done:
            self.env.cr.execute(
                """UPDATE ops_sync_lease SET state = 'done', done_cursor = %s, holder = NULL, expires_at = NULL
                    WHERE source = %s AND stream = %s AND window_start = %s AND holder = %s AND state = 'held'
                RETURNING id""",
                [cursor or None, *key],
            )
        else:
            self.env.cr.execute(
                """UPDATE ops_sync_lease SET state = 'todo', holder = NULL, expires_at = NULL
                    WHERE source = %s AND stream = %s AND window_start = %s AND holder = %s AND state = 'held'
                RETURNING id""",
                key,
            )
        released = bool(self.env.cr.fetchone())
        self.invalidate_model()
        return released, self._ops_advance(source, stream) if released and done else False

    @api.model
    def _ops_advance(self, source, stream):
        """Move the stream's cursor past the windows read without a gap before them; return it or False."""
        self.env.cr.execute(
            """SELECT id, state, done_cursor FROM ops_sync_lease
                WHERE source = %s AND stream = %s AND window_start <> '' ORDER BY window_start FOR UPDATE""",
            [source, stream],
        )
        read = []
        for lease_id, state, done_cursor in self.env.cr.fetchall():
            if state != "done":
                break
            read.append((lease_id, done_cursor))
        if not read:
            return False
        self.env.cr.execute("DELETE FROM ops_sync_lease WHERE id = ANY(%s)", [[lease_id for lease_id, _cursor in read]])
        self.invalidate_model()
        cursor = next((done_cursor for _id, done_cursor in reversed(read) if done_cursor), False)
        Cursor = self.env["ops.sync.cursor"]
        # windowed streams have ISO datetime cursors, which sort as text: a cursor only moves forward
        current = Cursor._ops_get(source, stream)
        if not cursor or (current and cursor <= current):
            return False
        Cursor._ops_set(source, stream, cursor)
        return cursor
