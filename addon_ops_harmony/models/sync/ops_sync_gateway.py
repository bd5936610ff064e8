"""The sync gateway: the entry points the bridge calls over JSON-2 or XML-RPC, one call per batch.

The bridge never writes Odoo's business models itself. Each method here first checks that the
caller is the bridge's service user (group Ops Integration) or an Ops Manager, then works as
superuser, limited to the sync's own models and to the fields each stream maps. So the integration
group needs no rights on sale orders or on the sync tables, while `create_uid` and `write_uid`
still name the bridge's user. The batch synchronizer behind `ingest` is in
`ops_sync_gateway_ingest.py`; the stream mappers are the `ops.sync.stream.*` models.

A malformed call (records that are not a list, a bad source name, an unknown stream) is refused
with a ValidationError: that is a bug in the caller. A malformed record never is: it is rejected
on its own, with its category and message, and the rest of the batch goes through.
"""

import json
import re
from collections import Counter

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from .ops_sync_event import CATEGORY_CODES, PAYLOAD_MAX, STATES
from .ops_sync_guard import sync_writer
from .ops_sync_message import CAUSE_MAX
from .ops_sync_run import COUNTS as RUN_COUNTS
from .ops_sync_schema import (
    EXTERNAL_ID_MAX,
    INT_MAX,
    VALIDATION,
    SyncRejected,
    is_safe_text,
    parse_datetime,
    safe_json,
    safe_text,
    type_name,
)

INTEGRATION_GROUP = "addon_ops_harmony.addon_ops_harmony_group_integration"
MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"
SOURCE_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
STREAM_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
MAX_BATCH = 2000
HASH_RE = re.compile(r"[0-9a-f]{64}")
MAX_QUEUE = 1000
# synced records are data, not conversations: no chatter messages, followers or tracking
INGEST_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


class OpsSyncGateway(models.AbstractModel):
    _name = "ops.sync.gateway"
    _description = "Sync gateway"

    @api.model
    @sync_writer
    def ingest(self, source, stream, records, mapping_version=1):
        """Upsert a batch of records of one stream; return one result per record, in order.

        :param records: ``[{"external_id", "values", "payload", "trace_id", "modified_at"}]``
        :return: ``{"results": [{"external_id", "status", "res_id", "category", "reason", "event_id"}]}``
        """
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        records = gateway._ops_check_list(records, "records")
        gateway._ops_check_mapping_version(mapping_version)
        gateway._ops_stream_handler(stream)
        return {"results": gateway._ops_ingest(source, stream, records, mapping_version)}

    @api.model
    def check_unchanged(self, source, stream, records, mapping_version=1):
        """Say which records `ingest` would answer `unchanged`, from their hashes alone.

        A re-sync of records that did not change then sends 70 bytes a record instead of its
        values, and Odoo neither parses nor checks them: the bridge sends only the others to
        `ingest`. The hash is the SHA-256 of the values' canonical JSON (see `content_hash`). An
        item that is malformed, or whose key comes twice, is answered false: `ingest` judges it.
        It reads only, but not as `api.readonly`: a read replica behind the last `ingest` would
        answer for values Odoo no longer holds.

        :param records: ``[{"external_id": str, "hash": str}]``
        :return: ``{"res_ids": [the Odoo id of each record that is unchanged, else false], in order}``
        """
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        records = gateway._ops_check_list(records, "records")
        gateway._ops_check_mapping_version(mapping_version)
        handler = gateway._ops_stream_handler(stream)
        keys = [
            (record.get("external_id"), record.get("hash")) if isinstance(record, dict) else (None, None) for record in records
        ]
        seen = Counter(external_id for external_id, _hash in keys if isinstance(external_id, str))
        hashes = {
            external_id: content_hash
            for external_id, content_hash in keys
            if isinstance(external_id, str)
            and seen[external_id] == 1
            and 0 < len(external_id) <= EXTERNAL_ID_MAX
            and is_safe_text(external_id)
            and isinstance(content_hash, str)
            and HASH_RE.fullmatch(content_hash)
        }
        unchanged = gateway.env["ops.sync.binding"]._ops_unchanged(
            source, stream, hashes, handler._ops_target_model, mapping_version
        )
        return {
            "res_ids": [
                unchanged.get(external_id, False) if isinstance(external_id, str) else False for external_id, _hash in keys
            ]
        }

    @api.model
    @sync_writer
    def report_failures(self, source, stream, failures):
        """Record what the bridge could not validate or map as events; return their ids, in order.

        :param failures: ``[{"external_id", "trace_id", "category", "message", "payload", "event_id"?, "cause"?}]``;
            ``cause`` is the message without the record's own values, to group events by (the
            message's own quoted values are left out when it is not given)
        """
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        failures = gateway._ops_check_list(failures, "failures")
        Event = gateway.env["ops.sync.event"]
        rows = [gateway._ops_failure_row(Event, source, stream, index, failure) for index, failure in enumerate(failures)]
        return {"event_ids": Event._ops_upsert(source, stream, rows).ids}

    @api.model
    @sync_writer
    def attach_payloads(self, source, stream, payloads):
        """Store the vendor payloads of the records `ingest` just rejected or flagged as conflicts.

        `ingest` needs no payload to decide, and most records succeed: the bridge sends the
        payloads of the others afterwards, by the event ids `ingest` answered.

        :param payloads: ``[{"event_id": int, "payload": any}]``
        :return: ``{"stored": the number of open events of (source, stream) that got their payload}``
        """
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        payloads = gateway._ops_check_list(payloads, "payloads")
        by_event = {}
        for item in payloads:
            event_id = item.get("event_id") if isinstance(item, dict) else None
            if isinstance(event_id, bool) or not isinstance(event_id, int):
                raise ValidationError(
                    self.env._("Each payload must be an object with an integer event_id, got %s.", type_name(item))
                )
            by_event[event_id] = item.get("payload")
        Event = gateway.env["ops.sync.event"]
        events = (
            Event.browse(list(by_event))
            .exists()
            .filtered(lambda event: event.source == source and event.stream == stream and event.state != "done")
        )
        for event in events:
            payload = by_event[event.id]
            event.payload = safe_json(payload, PAYLOAD_MAX) if payload not in (None, False) else False
        return {"stored": len(events)}

    @api.model
    @api.readonly
    def get_cursor(self, source, stream):
        """Return ``{"value": the cursor of (source, stream) or false}``."""
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        return {"value": gateway.env["ops.sync.cursor"]._ops_get(source, stream)}

    @api.model
    @sync_writer
    def set_cursor(self, source, stream, value):
        """Move the cursor of (source, stream) to `value` (false for a full read next time)."""
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        if value not in (False, None) and not isinstance(value, str):
            raise ValidationError(self.env._("The cursor value must be a string or false, got %s.", type_name(value)))
        if value and (len(value) > 1024 or safe_text(value) != value):
            raise ValidationError(self.env._("The cursor value must be printable text of at most 1024 characters."))
        return gateway.env["ops.sync.cursor"]._ops_set(source, stream, value or False)

    @api.model
    @api.readonly
    def replay_queue(self, source=False, limit=100):
        """Return the events queued for the bridge (state received), oldest first.

        :return: ``{"events": [{"id", "source", "stream", "external_id", "payload", "payload_json",
            "trace_id", "attempts"}]}``
        """
        gateway = self._ops_authorized()
        domain = Domain("state", "=", "received")
        if source:
            domain &= Domain("source", "=", gateway._ops_check_source(source))
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_QUEUE:
            raise ValidationError(self.env._("limit must be a whole number from 1 to %s.", MAX_QUEUE))
        events = gateway.env["ops.sync.event"].search(domain, order="id", limit=limit)
        return {
            "events": [
                {
                    "id": event.id,
                    "source": event.source,
                    "stream": event.stream,
                    "external_id": event.external_id or False,
                    "payload": _wire_safe(_parse_json(event.payload)),
                    "payload_json": event.payload or False,
                    "trace_id": event.trace_id or False,
                    "attempts": event.attempts,
                }
                for event in events
            ]
        }

    @api.model
    @sync_writer
    def requeue_events(self, event_ids=False, dead=False, source=False):
        """Replay events as the Replay button does, for `ops-bridge replay --event/--dead`.

        Events with stored values are re-ingested in Odoo at once; the others are queued for the
        bridge (state received), which then reads them from `replay_queue`.

        :param event_ids: these events; :param dead: and every dead event (of `source`, if given)
        :return: ``{"requeued": queued for the bridge, "reingested": re-ingested in Odoo, "done": of which done}``
        """
        gateway = self._ops_authorized()
        Event = gateway.env["ops.sync.event"]
        if event_ids in (False, None):
            event_ids = []
        if not isinstance(event_ids, list) or any(isinstance(i, bool) or not isinstance(i, int) for i in event_ids):
            raise ValidationError(self.env._("event_ids must be a list of event ids."))
        events = Event.browse(event_ids).exists()
        if dead:
            domain = Domain("state", "=", "dead")
            if source:
                domain &= Domain("source", "=", gateway._ops_check_source(source))
            events |= Event.search(domain, order="id")
        direct, done, queued, _conflicts = events._ops_replay()
        return {"requeued": len(queued), "reingested": len(direct), "done": len(done)}

    @api.model
    @sync_writer
    def close_events(self, event_ids):
        """Mark these events done (the bridge replayed them successfully).

        Only events queued for the bridge (`replay_queue`) can be closed this way: a failure or a
        conflict is closed by the record going through, or by resolving the conflict.
        """
        gateway = self._ops_authorized()
        if not isinstance(event_ids, list) or any(isinstance(i, bool) or not isinstance(i, int) for i in event_ids):
            raise ValidationError(self.env._("event_ids must be a list of event ids."))
        events = (
            gateway.env["ops.sync.event"]
            .browse(event_ids)
            .exists()
            .filtered(lambda event: event.state == "received" and event.category != "conflict")
        )
        events.write({"state": "done"})
        return True

    @api.model
    @api.readonly
    def status(self):
        """Return the cursors, the event counts per state and the latest dead events."""
        gateway = self._ops_authorized()
        env = gateway.env
        counts = dict.fromkeys((state for state, _label in STATES), 0)
        counts.update(env["ops.sync.event"]._read_group([], ["state"], ["__count"]))
        dead = env["ops.sync.event"].search(Domain("state", "=", "dead"), order="id desc", limit=20)
        return {
            "cursors": [
                {
                    "source": cursor.source,
                    "stream": cursor.stream,
                    "value": cursor.value or False,
                    "write_date": fields.Datetime.to_string(cursor.write_date),
                }
                for cursor in env["ops.sync.cursor"].search([])
            ],
            "events": counts,
            "dead": [
                {
                    "id": event.id,
                    "source": event.source,
                    "stream": event.stream,
                    "external_id": event.external_id or False,
                    "category": event.category or False,
                    "message": event.message or False,
                }
                for event in dead
            ],
            "open_conflicts": env["ops.sync.conflict"].search_count(Domain("state", "=", "open")),
        }

    @api.model
    @sync_writer
    def report_run(self, source, stream, run):
        """Record what one run of (source, stream) did, when the stream ends; return ``{"run_id": its id}``.

        The same run reported twice (a retried call) is updated, not doubled. The health of each
        source (`ops.sync.health`) reads these lines.

        :param run: ``{"run_id": str, "started_at", "finished_at": ISO 8601, "completed": bool,
            "error": str or false, "cursor": str or false, "read", "created", "updated", "unchanged",
            "conflict", "rejected", "dead", "bugs": counts}``
        """
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        vals = gateway._ops_check_run(run)
        return {"run_id": gateway.env["ops.sync.run"]._ops_record(source, stream, vals).id}

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------

    @api.model
    def _ops_check_run(self, run):
        """Return the `ops.sync.run` values of a run the bridge reports; raise ValidationError on junk."""
        if not isinstance(run, dict):
            raise ValidationError(self.env._("run must be an object, got %s.", type_name(run)))
        run_id = run.get("run_id")
        if not isinstance(run_id, str) or not 0 < len(run_id) <= 64 or not is_safe_text(run_id):
            raise ValidationError(self.env._("run_id must be printable text of 1 to 64 characters."))
        try:
            started, finished = (parse_datetime(run.get(key), key) for key in ("started_at", "finished_at"))
        except SyncRejected as exc:
            raise ValidationError(exc.message) from None
        if finished < started:
            raise ValidationError(self.env._("finished_at must not be before started_at."))
        if not isinstance(run.get("completed"), bool):
            raise ValidationError(self.env._("completed must be true or false, got %s.", type_name(run.get("completed"))))
        vals = {"run_id": run_id, "started_at": started, "finished_at": finished, "completed": run["completed"]}
        for key, limit in (("error", 2000), ("cursor", 1024)):
            value = run.get(key)
            if value not in (None, False) and not isinstance(value, str):
                raise ValidationError(self.env._("%(key)s must be text or false, got %(type)s.", key=key, type=type_name(value)))
            vals[key] = safe_text(value, limit) if value else False
        for key in RUN_COUNTS:
            count = run.get(key, 0)
            if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count <= INT_MAX:
                raise ValidationError(self.env._("%(key)s must be a whole number from 0 to %(max)s.", key=key, max=INT_MAX))
            vals[f"{key}_count"] = count
        return vals

    @api.model
    def _ops_authorized(self):
        """Return the gateway as superuser with the sync's context, if the caller may use it."""
        user = self.env.user
        if not (self.env.su or user.has_group(INTEGRATION_GROUP) or user.has_group(MANAGER_GROUP)):
            raise AccessError(
                self.env._("Only the sync bridge's user (Ops Integration) or an Ops Manager may call the sync gateway.")
            )
        return self._ops_ingest_env()

    @api.model
    def _ops_ingest_env(self):
        """Return the gateway as superuser, without chatter or tracking on what it writes."""
        return self.sudo().with_context(**INGEST_CONTEXT)

    @api.model
    def _ops_check_source(self, source):
        if not isinstance(source, str) or not SOURCE_RE.match(source):
            raise ValidationError(
                self.env._(
                    "source must be a short lower-case name such as 'hubspot' (letters, digits, '_', '.', '-'), got %s.",
                    safe_text(source, 80),
                )
            )
        return source

    @api.model
    def _ops_check_stream(self, stream):
        if not isinstance(stream, str) or not STREAM_RE.match(stream):
            raise ValidationError(
                self.env._("stream must be a lower-case name such as 'contacts', got %s.", safe_text(stream, 80))
            )
        return stream

    @api.model
    def _ops_check_mapping_version(self, mapping_version):
        if isinstance(mapping_version, bool) or not isinstance(mapping_version, int) or not 1 <= mapping_version <= INT_MAX:
            raise ValidationError(
                self.env._(
                    "mapping_version must be a whole number from 1 to %(max)s, got %(value)s.",
                    max=INT_MAX,
                    value=safe_text(mapping_version, 40) if isinstance(mapping_version, int) else type_name(mapping_version),
                )
            )

    @api.model
    def _ops_check_list(self, items, name):
        if not isinstance(items, list):
            raise ValidationError(self.env._("%(name)s must be a list, got %(type)s.", name=name, type=type_name(items)))
        if len(items) > MAX_BATCH:
            raise ValidationError(
                self.env._(
                    "%(name)s holds %(count)s items; send at most %(max)s per call.", name=name, count=len(items), max=MAX_BATCH
                )
            )
        return items

    @api.model
    def _ops_stream_handler(self, stream):
        """Return the mapper of `stream`: the model `ops.sync.stream.<stream>`."""
        handler = self.env.get(f"ops.sync.stream.{stream}")
        if handler is None or type(handler)._ops_stream != stream:
            known = sorted(
                model._ops_stream
                for name, model in self.env.registry.items()
                if name.startswith("ops.sync.stream.") and getattr(model, "_ops_stream", None)
            )
            raise ValidationError(
                self.env._("Unknown stream %(stream)s; known streams: %(known)s.", stream=stream, known=", ".join(known))
            )
        return handler

    @api.model
    def _ops_failure_row(self, Event, source, stream, index, failure):
        """Return the ``(external id, event, vals)`` of one failure the bridge reported, whatever its shape."""
        if not isinstance(failure, dict):
            return (
                False,
                None,
                Event._ops_failure_vals(
                    VALIDATION,
                    f"The bridge reported failure #{index} as {type_name(failure)}, not an object. What to do: "
                    "report this to whoever runs the bridge; the item is kept below as it came.",
                    payload=failure,
                    cause="the bridge reported a failure that is not an object",
                ),
            )
        external_id = failure.get("external_id")
        external_id = safe_text(external_id, 255) if isinstance(external_id, str) and external_id.strip() else False
        category, message = failure.get("category"), failure.get("message")
        message = message if isinstance(message, str) and message.strip() else self.env._("No message.")
        cause = failure.get("cause")
        cause = safe_text(cause, CAUSE_MAX) if isinstance(cause, str) and cause.strip() else None
        if category not in CATEGORY_CODES:
            message = f"unknown category {safe_text(category, 40)!r}: {message}"
            category = VALIDATION
        trace_id = failure.get("trace_id")
        event_id = failure.get("event_id")
        event = None
        if isinstance(event_id, int) and not isinstance(event_id, bool):
            event = Event.browse(event_id).exists().filtered(lambda e: e.source == source and e.stream == stream) or None
        return (
            external_id,
            event,
            Event._ops_failure_vals(
                category,
                message,
                payload=failure.get("payload"),
                cause=cause,
                trace_id=safe_text(trace_id, 128) if isinstance(trace_id, str) else False,
            ),
        )


def _wire_safe(payload):
    """Return `payload` as it can travel back: exact over JSON-2, with false for null otherwise.

    XML-RPC cannot carry null at all (Odoo answers without allow_none), and its calls run with no
    HTTP request in sight; the exact JSON text is always in `payload_json`.
    """
    if request and request.httprequest.path.startswith("/json/2/"):
        return payload
    return _null_to_false(payload)


def _null_to_false(value):
    if isinstance(value, dict):
        return {key: _null_to_false(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_null_to_false(item) for item in value]
    return False if value is None else value


def _parse_json(text):
    if not text:
        return False
    try:
        return json.loads(text)
    except ValueError:
        return text
