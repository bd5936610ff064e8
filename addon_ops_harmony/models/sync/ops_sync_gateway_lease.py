"""The gateway's lease calls: several bridges agree, through Odoo, on who reads which stream or window.

See `ops_sync_lease.py` for what a lease is. The bridge calls `plan_windows` for a windowed read,
`acquire_lease` before it reads the stream or a window, `renew_lease` while it works and
`release_lease` when it is done.
"""

from odoo import api, models
from odoo.exceptions import ValidationError

from .ops_sync_guard import sync_writer
from .ops_sync_lease import HOLDER_MAX, TTL_MAX, TTL_MIN, WINDOW_MAX
from .ops_sync_schema import safe_text, type_name

MAX_WINDOWS = 1000


class OpsSyncGateway(models.AbstractModel):
    _inherit = "ops.sync.gateway"

    @api.model
    @sync_writer
    def acquire_lease(self, source, stream, holder, ttl=120, window=False, takeover=False):
        """Take the lease of (source, stream), or of one planned window of it, for `holder`.

        :param holder: who asks: the bridge's host, process and run, at most 128 characters
        :param ttl: seconds before the lease expires unless renewed (5 to 3600)
        :param window: a window's start as planned with `plan_windows`; false for the whole stream
        :param takeover: the holder to take the lease from at once, before it expires: for a bridge
            that saw that holder's process is gone (same host, no such process)
        :return: ``{"granted": bool, "holder": who holds it now or false, "expires_at": "YYYY-MM-DD HH:MM:SS"
            or false, "done": whether the window was read already}``
        """
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        holder, ttl = gateway._ops_check_holder(holder), gateway._ops_check_ttl(ttl)
        window = gateway._ops_check_window(window, "window")
        takeover = gateway._ops_check_holder(takeover) if takeover else ""
        return gateway.env["ops.sync.lease"]._ops_acquire(source, stream, holder, ttl, window or "", takeover)

    @api.model
    @sync_writer
    def plan_windows(self, source, stream, windows):
        """Plan the windows of (source, stream) a read must cover; those planned already are kept.

        :param windows: ``[{"start": "…", "end": "…" or false}]``, at most 1000; the last may be open
        :return: ``{"planned": how many were new}``
        """
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        if not isinstance(windows, list) or len(windows) > MAX_WINDOWS:
            raise ValidationError(self.env._("windows must be a list of at most %s windows.", MAX_WINDOWS))
        planned = []
        for window in windows:
            if not isinstance(window, dict) or not window.get("start"):
                raise ValidationError(self.env._('Each window must be an object with a "start" and an "end" (or false).'))
            planned.append(
                (gateway._ops_check_window(window["start"], "start"), gateway._ops_check_window(window.get("end"), "end"))
            )
        return {"planned": gateway.env["ops.sync.lease"]._ops_plan(source, stream, planned)}

    @api.model
    @sync_writer
    def renew_lease(self, source, stream, holder, ttl=120, window=False):
        """Extend `holder`'s lease; return ``{"renewed": false}`` when it expired or another bridge took it."""
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        holder, ttl = gateway._ops_check_holder(holder), gateway._ops_check_ttl(ttl)
        window = gateway._ops_check_window(window, "window") or ""
        return {"renewed": gateway.env["ops.sync.lease"]._ops_renew(source, stream, holder, ttl, window)}

    @api.model
    @sync_writer
    def release_lease(self, source, stream, holder, window=False, done=True, cursor=False):
        """Give back `holder`'s lease of (source, stream) or of one window of it.

        :param done: the window was read to its end (otherwise it is read again by the next bridge)
        :param cursor: the cursor its read reached; the stream's once every window before it is read
        :return: ``{"released": whether holder held it, "cursor": the stream's new cursor or false}``
        """
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        holder = gateway._ops_check_holder(holder)
        window = gateway._ops_check_window(window, "window") or ""
        cursor = gateway._ops_check_window(cursor, "cursor")
        if not isinstance(done, bool):
            raise ValidationError(self.env._("done must be true or false."))
        released, moved = gateway.env["ops.sync.lease"]._ops_release(source, stream, holder, window, done, cursor)
        return {"released": released, "cursor": moved}

    @api.model
    def _ops_check_holder(self, holder):
        if not isinstance(holder, str) or not holder.strip() or len(holder) > HOLDER_MAX or safe_text(holder) != holder:
            raise ValidationError(
                self.env._(
                    "holder must be printable text of 1 to %(max)s characters, got %(value)s.",
                    max=HOLDER_MAX,
                    value=safe_text(holder, 40) if isinstance(holder, str) else type_name(holder),
                )
            )
        return holder

    @api.model
    def _ops_check_ttl(self, ttl):
        if isinstance(ttl, bool) or not isinstance(ttl, int) or not TTL_MIN <= ttl <= TTL_MAX:
            raise ValidationError(
                self.env._("ttl must be a whole number of seconds from %(min)s to %(max)s.", min=TTL_MIN, max=TTL_MAX)
            )
        return ttl

    @api.model
    def _ops_check_window(self, value, name):
        if value in (False, None, ""):
            return False
        if not isinstance(value, str) or len(value) > WINDOW_MAX or safe_text(value) != value:
            raise ValidationError(
                self.env._("%(name)s must be printable text of at most %(max)s characters or false.", name=name, max=WINDOW_MAX)
            )
        return value
