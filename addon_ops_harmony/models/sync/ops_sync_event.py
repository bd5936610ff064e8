"""Sync events: the event log and dead-letter queue of the sync, where people see what failed and why.

Only failures and conflicts make events; a successful record costs none, except that it closes the
open event of its key. One open event per (source, stream, external id): a record that fails again
updates it and counts the attempt. Replay re-ingests an event's stored values right here in Odoo;
an event without values (the bridge could not validate or map the vendor's record) is queued for
the bridge instead, which picks it up through `ops.sync.gateway.replay_queue`. Only the gateway
and the Replay button write events (see `ops_sync_guard.py`).
"""

import json

from odoo import api, fields, models
from odoo.fields import Domain

from .ops_sync_guard import sync_writer
from .ops_sync_message import CAUSE_MAX, generic_cause
from .ops_sync_schema import MAPPING, VALIDATION, safe_json, safe_text

STATES = [("received", "Queued for the bridge"), ("done", "Done"), ("failed", "Failed"), ("dead", "Dead")]
CATEGORIES = [
    ("validation", "Validation"),
    ("mapping", "Mapping"),
    ("auth", "Authentication"),
    ("rate_limit", "Rate limit"),
    ("remote_5xx", "Remote server error"),
    ("odoo", "Odoo error"),
    ("conflict", "Conflict"),
]
CATEGORY_CODES = {code for code, _label in CATEGORIES}
# retrying cannot help these without a fix (data, mapping or credentials): dead letters
DEAD_CATEGORIES = {VALIDATION, MAPPING, "auth"}
OPEN_STATES = ("received", "failed", "dead")
PAYLOAD_MAX = 100_000
MESSAGE_MAX = 2_000


def state_for(category):
    """Return the state a failure of `category` leaves its event in."""
    return "dead" if category in DEAD_CATEGORIES else "failed"


class OpsSyncEvent(models.Model):
    _name = "ops.sync.event"
    _inherit = ["ops.sync.guarded"]
    _description = "Sync event"
    _order = "id desc"

    source = fields.Char(required=True, readonly=True, index=True)
    stream = fields.Char(required=True, readonly=True)
    external_id = fields.Char("External ID", readonly=True)
    trace_id = fields.Char(
        "Trace ID",
        readonly=True,
        index="btree_not_null",
        help="The bridge's identifier of the run and record, to find it in its logs.",
    )
    state = fields.Selection(STATES, required=True, default="received", readonly=True, index=True)
    category = fields.Selection(CATEGORIES, readonly=True, index=True)
    message = fields.Text(readonly=True)
    cause = fields.Char(
        readonly=True,
        index=True,
        help="The message without the record's own values: the events of one cause share one fix.",
    )
    attempts = fields.Integer(default=1, readonly=True)
    last_attempt_at = fields.Datetime("Last attempt", default=fields.Datetime.now, readonly=True)
    payload = fields.Text(readonly=True, help="The vendor's record as the bridge received it.")
    sync_values = fields.Text(
        "Values", readonly=True, help="The canonical values the bridge sent; replaying re-ingests them in Odoo."
    )
    source_modified_at = fields.Datetime("Changed at the source", readonly=True)
    mapping_version = fields.Integer(default=1, readonly=True)
    res_model = fields.Char("Odoo model", readonly=True)
    res_id = fields.Many2oneReference("Odoo record ID", model_field="res_model", readonly=True)
    can_replay_in_odoo = fields.Boolean(compute="_compute_can_replay_in_odoo")

    _open_key_idx = models.Index("(source, stream, external_id) WHERE state != 'done'")

    def init(self):
        """Give the open events recorded before causes existed one, from their message (as `generic_cause` does)."""
        self.env.cr.execute(
            r"""
            UPDATE ops_sync_event
               SET cause = left(regexp_replace(regexp_replace(message, '''[^'']*''', '''…''', 'g'), '\[\d+\]', '[…]', 'g'), %s)
             WHERE cause IS NULL AND message IS NOT NULL AND state != 'done'
            """,
            [CAUSE_MAX],
        )

    @api.depends("source", "stream", "external_id")
    def _compute_display_name(self):
        for event in self:
            event.display_name = f"{event.source}/{event.stream}/{event.external_id or event.id}"

    @api.depends("sync_values")
    def _compute_can_replay_in_odoo(self):
        for event in self:
            event.can_replay_in_odoo = bool(event.sync_values)

    def action_open_record(self):
        """Open the Odoo record this event is about."""
        self.ensure_one()
        self._ops_check_reviewer()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }

    @sync_writer
    def action_replay(self):
        """Replay these events: re-ingest stored values in Odoo, queue the others for the bridge."""
        self._ops_check_reviewer()
        return self.sudo()._ops_replay_notification(*self.sudo()._ops_replay())

    @sync_writer
    def action_replay_groups(self):
        """Replay every open event that shares a source, stream and cause with one of these."""
        self._ops_check_reviewer()
        domain = Domain.OR(
            Domain("source", "=", source) & Domain("stream", "=", stream) & Domain("cause", "=", cause)
            for source, stream, cause in {(event.source, event.stream, event.cause) for event in self}
        )
        events = self.search(domain & Domain("state", "in", ("failed", "dead"))) if self else self
        return events.sudo()._ops_replay_notification(*events.sudo()._ops_replay())

    def _ops_replay_notification(self, direct, done, queued, conflicts):
        """Return the notification that says how many events were replayed or queued, and what comes next."""
        parts = []
        if direct:
            parts.append(self.env._("%(done)s of %(count)s replayed in Odoo.", done=len(done), count=len(direct)))
            if len(done) < len(direct):
                parts.append(
                    self.env._("%s still fail: their message says why; they stay in Needs attention.", len(direct) - len(done))
                )
        if queued:
            parts.append(
                self.env._(
                    "%s queued for the bridge: it reads them again on its next `ops-bridge replay`; "
                    "they leave this list once they are in.",
                    len(queued),
                )
            )
        if conflicts:
            parts.append(self.env._("%s conflicts skipped: accept or reject them under Sync > Conflicts.", len(conflicts)))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Replay of %s events", len(self)),
                "message": " ".join(parts) or self.env._("Nothing to replay: these events are done."),
                "type": "success" if len(done) == len(direct) and not conflicts else "warning",
                "sticky": bool(queued or len(done) < len(direct)),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _ops_replay(self):
        """Re-ingest the events that hold values, queue the others for the bridge; skip conflicts.

        :return: ``(re-ingested, of which done, queued, skipped conflicts)`` events
        """
        events = self.filtered(lambda event: event.state != "done")
        conflicts = events.filtered(lambda event: event.category == "conflict")
        events -= conflicts
        gateway = self.env["ops.sync.gateway"]._ops_ingest_env()
        # without values, or of a stream Odoo no longer maps: the bridge reads the payload again
        queued = events.filtered(
            lambda event: not event.sync_values or gateway.env.get(f"ops.sync.stream.{event.stream}") is None
        )
        queued.write({"state": "received"})
        direct = events - queued
        for (source, stream, mapping_version), batch in direct.grouped(
            lambda event: (event.source, event.stream, event.mapping_version)
        ).items():
            records = [event._ops_replay_record() for event in batch]
            gateway._ops_ingest(source, stream, records, mapping_version, events=list(batch))
        return direct, direct.filtered(lambda event: event.state == "done"), queued, conflicts

    def _ops_replay_record(self):
        """Return this event as an ingest record."""
        self.ensure_one()
        try:
            values = json.loads(self.sync_values)
        except ValueError:
            values = self.sync_values
        try:
            payload = json.loads(self.payload) if self.payload else False
        except ValueError:
            payload = self.payload
        return {
            "external_id": self.external_id,
            "values": values,
            "payload": payload,
            "trace_id": self.trace_id or False,
            "modified_at": fields.Datetime.to_string(self.source_modified_at) if self.source_modified_at else None,
        }

    @api.model
    def _ops_open_events(self, source, stream, external_ids):
        """Return {external id: open event} for these keys, in one query."""
        keys = [key for key in set(external_ids) if key]
        if not keys:
            return {}
        events = self.search(
            Domain("source", "=", source)
            & Domain("stream", "=", stream)
            & Domain("external_id", "in", keys)
            & Domain("state", "in", OPEN_STATES),
            order="id",
        )
        return {event.external_id: event for event in events}

    @api.model
    def _ops_failure_vals(self, category, message, payload=None, values=None, cause=None, **extra):
        """Return the values that record a failure of `category`, safe to store whatever the input held."""
        vals = {
            "category": category if category in CATEGORY_CODES else VALIDATION,
            "state": state_for(category),
            "message": safe_text(message or self.env._("No message."), MESSAGE_MAX),
            "cause": safe_text(cause or generic_cause(message), CAUSE_MAX),
            "payload": safe_json(payload, PAYLOAD_MAX) if payload not in (None, False) else False,
            "sync_values": safe_json(values, PAYLOAD_MAX) if values is not None else False,
            "last_attempt_at": fields.Datetime.now(),
        }
        return {**vals, **extra}

    @api.model
    def _ops_upsert(self, source, stream, failures):
        """Record failures, updating the open event of the same key (or the given event) if there is one.

        :param failures: list of ``(external_id or False, event or None, vals)``
        :return: the events, in the order of `failures`
        """
        open_events = self._ops_open_events(source, stream, [key for key, event, _vals in failures if not event])
        to_create, new_by_key, targets = [], {}, []
        for external_id, event, vals in failures:
            event = event or open_events.get(external_id)
            if event:
                event.write({**vals, "attempts": event.attempts + 1})
                targets.append(event)
            elif external_id and external_id in new_by_key:  # the same key failed twice in one call
                index = new_by_key[external_id]
                to_create[index].update(vals, attempts=to_create[index]["attempts"] + 1)
                targets.append(index)
            else:
                if external_id:
                    new_by_key[external_id] = len(to_create)
                targets.append(len(to_create))
                to_create.append({**vals, "source": source, "stream": stream, "external_id": external_id or False, "attempts": 1})
        created = self.create(to_create)
        return self.browse([created[target].id if isinstance(target, int) else target.id for target in targets])

    @api.model
    def _ops_close(self, source, stream, external_ids, events=()):
        """Mark done the open events of these keys, and `events`, after their record went through."""
        replayed = self.browse([event.id for event in events])
        for event in replayed:
            event.write({"state": "done", "attempts": event.attempts + 1, "last_attempt_at": fields.Datetime.now()})
        to_close = self.browse([event.id for event in self._ops_open_events(source, stream, external_ids).values()])
        to_close = to_close.filtered(lambda event: event.state != "done" and event.category != "conflict")
        if to_close:
            to_close.write({"state": "done"})

    @api.model
    def _ops_close_conflicts(self, bindings):
        """Mark done the conflict events of bindings that have no open conflict left."""
        for binding in bindings:
            events = self.search(
                Domain("source", "=", binding.source)
                & Domain("stream", "=", binding.stream)
                & Domain("external_id", "=", binding.external_id)
                & Domain("category", "=", "conflict")
                & Domain("state", "in", OPEN_STATES)
            )
            events.write({"state": "done"})
