"""The sync's own records (bindings, conflicts, events, cursors) change only through trusted code.

Their ids, models and fields decide what the gateway writes as superuser, so nobody may edit them
over RPC, not even an administrator: the gateway's entry points and the review buttons (accept,
reject, replay, re-sync, reset) run their own checks first, then open `sync_writes()` and work as
superuser. A context key would not do: JSON-2 lets a caller send any context. A context variable
lives in this thread's Python state, which no RPC payload can reach.
"""

import contextvars
import functools
from contextlib import contextmanager

from odoo import api, models
from odoo.exceptions import AccessError

_SYNC_WRITES = contextvars.ContextVar("ops_sync_writes", default=False)
MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"


@contextmanager
def sync_writes():
    """Let the code inside write the sync's records, as superuser only."""
    token = _SYNC_WRITES.set(True)
    try:
        yield
    finally:
        _SYNC_WRITES.reset(token)


def sync_writer(method):
    """Decorate a gateway or review method whose checks are done: it may write the sync's records."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        with sync_writes():
            return method(*args, **kwargs)

    return wrapper


class OpsSyncGuarded(models.AbstractModel):
    _name = "ops.sync.guarded"
    _description = "Sync record written only by the gateway"

    @api.model_create_multi
    def create(self, vals_list):
        self._ops_check_sync_write()
        return super().create(vals_list)

    def write(self, vals):
        self._ops_check_sync_write()
        return super().write(vals)

    def unlink(self):
        self._ops_check_sync_write()
        return super().unlink()

    @api.model
    def _ops_check_sync_write(self):
        """Refuse any change made outside the gateway's trusted code, whoever asks."""
        if not (self.env.su and _SYNC_WRITES.get()):
            raise AccessError(
                self.env._(
                    "%(model)s records are written only by the sync gateway; use its buttons (accept, reject, "
                    "replay, re-sync) instead.",
                    model=self._description,
                )
            )

    def _ops_check_reviewer(self):
        """Raise unless the user is an Ops Manager who may read these records."""
        if not (self.env.su or self.env.user.has_group(MANAGER_GROUP)):
            raise AccessError(self.env._("Only an Ops Manager may review %s records.", self._description))
        self.check_access("read")
