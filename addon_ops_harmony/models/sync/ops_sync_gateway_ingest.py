"""The batch synchronizer behind `ops.sync.gateway.ingest`: idempotent upserts, one query per lookup.

For a batch of one stream it:

1. checks each record's envelope (external id, values, modified_at) and hashes its values;
2. takes the advisory locks of the batch's keys, then reads all their bindings in one query;
3. answers `unchanged` for records whose hash and mapping version match their binding, without
   checking or writing anything else: that is what makes a re-sync cheap;
4. checks the values of the others, lets the stream resolve their references (one query per
   referenced stream) and map them to Odoo values;
5. creates the new records in one batch, in one savepoint, and updates the others under the
   ownership rules in another. A group that fails is split in halves that are retried, down to
   the single record, so one bad record never fails the batch: it alone is rejected with its reason;
6. records an `ops.sync.event` for each rejected or conflicting record, and closes the open event
   of each record that went through.

A key seen twice in one batch is applied in order, in a second round. Two bridges ingesting the
same key wait on its advisory lock; if the other one bound it after this transaction's snapshot,
the binding's unique constraint fires and a ConcurrencyError makes Odoo retry the whole call.
"""

import logging
from collections import Counter, defaultdict

import psycopg2
from psycopg2 import errors as pg_errors

from odoo import models
from odoo.exceptions import AccessError, ConcurrencyError, UserError

from .ops_sync_message import event_message, generic_cause
from .ops_sync_schema import (
    EXTERNAL_ID_MAX,
    VALIDATION,
    SyncRejected,
    check_unicode,
    content_hash,
    is_safe_text,
    parse_datetime,
    safe_text,
    type_name,
)

_logger = logging.getLogger(__name__)

TRACE_ID_MAX = 128
RECORD_MAX_CHARS = 1_000_000
BINDING_KEY_CONSTRAINT = "ops_sync_binding_key_uniq"
# let Odoo roll back and retry the whole call: another transaction got there first
RETRY_ERRORS = (
    ConcurrencyError,
    pg_errors.SerializationFailure,
    pg_errors.LockNotAvailable,
    pg_errors.DeadlockDetected,
)
SUCCESS = ("created", "updated", "unchanged")


class SyncItem:
    """One record of a batch on its way through the synchronizer, and then its result."""

    def __init__(self, index, record, event=None):
        self.index = index
        self.record = record
        self.event = event  # the event being replayed, if any
        self.external_id = False
        self.raw_values = None
        self.values = None
        self.payload = None
        self.trace_id = False
        self.modified_at = False
        self.hash = None
        self.binding = None  # a binding whose record still exists
        self.stale_binding = None  # a binding whose record was deleted in Odoo
        self.bound = None  # the binding this ingest created or rebound, for the history
        self.vals = {}  # values under ownership rules
        self.create_vals = {}  # values only set when the record is created
        self.reasons = []
        self.causes = []  # the reasons without the record's own values, where quoting them is not enough
        self.partial = False  # a reference could not be resolved yet: apply again next time
        self.status = None
        self.category = False
        self.res_id = False
        self.event_id = False

    def parse(self):
        """Check the record's envelope; raise SyncRejected when it is malformed."""
        record = self.record
        if not isinstance(record, dict):
            raise SyncRejected(VALIDATION, f"the record is {type_name(record)}, not an object with an external_id and values")
        self.payload = record.get("payload")
        self.raw_values = record.get("values")
        trace_id = record.get("trace_id")
        if trace_id not in (None, False, ""):
            if not isinstance(trace_id, str) or len(trace_id) > TRACE_ID_MAX or not is_safe_text(trace_id):
                self.trace_id = safe_text(trace_id, TRACE_ID_MAX)
                raise SyncRejected(VALIDATION, f"the trace id must be printable text of at most {TRACE_ID_MAX} characters")
            self.trace_id = trace_id
        external_id = record.get("external_id")
        if external_id in (None, False, ""):
            raise SyncRejected(VALIDATION, "the external id is missing")
        if not isinstance(external_id, str):
            raise SyncRejected(VALIDATION, f"the external id must be text, but it is {type_name(external_id)}")
        check_unicode(external_id, "external_id")
        if len(external_id) > EXTERNAL_ID_MAX or not external_id.strip() or not is_safe_text(external_id):
            raise SyncRejected(VALIDATION, f"the external id must be printable text of 1 to {EXTERNAL_ID_MAX} characters")
        self.external_id = external_id
        if not isinstance(self.raw_values, dict):
            raise SyncRejected(
                VALIDATION, f"the values must be an object (a set of fields), but they are {type_name(self.raw_values)}"
            )
        modified_at = record.get("modified_at")
        if modified_at not in (None, False, ""):
            self.modified_at = parse_datetime(modified_at, "modified_at")
        try:
            self.hash, size = content_hash(self.raw_values)
        except (TypeError, ValueError) as exc:
            raise SyncRejected(VALIDATION, f"the values cannot be read: {exc}", cause="the values cannot be read") from None
        if size > RECORD_MAX_CHARS:
            raise SyncRejected(
                VALIDATION,
                f"the values are too large: {size} characters, at most {RECORD_MAX_CHARS}",
                cause=f"the values are larger than {RECORD_MAX_CHARS} characters",
            )

    def finish(self, status, res_id=False, category=False):
        self.status = status
        self.res_id = res_id or False
        self.category = category

    def reject(self, category, message, cause=None):
        self.reasons.append(message)
        self.causes.append(cause or message)
        self.finish("rejected", self.binding.res_id if self.binding else False, category)

    def result(self):
        external_id = self.external_id  # checked by parse(); what the record held otherwise, made safe
        if not external_id and isinstance(self.record, dict) and isinstance(self.record.get("external_id"), str):
            external_id = safe_text(self.record["external_id"], EXTERNAL_ID_MAX)
        return {
            "external_id": external_id or False,
            "status": self.status,
            "res_id": self.res_id or False,
            "category": self.category or False,
            "reason": safe_text("; ".join(self.reasons)) if self.reasons else False,
            "event_id": self.event_id or False,
        }


class OpsSyncGateway(models.AbstractModel):
    _inherit = "ops.sync.gateway"

    def _ops_ingest(self, source, stream, records, mapping_version, events=None):
        """Ingest `records` of one stream; return their results. Callers check access first.

        :param events: the events being replayed, one per record, to update in place
        """
        handler = self._ops_stream_handler(stream)
        items = [SyncItem(index, record, events[index] if events else None) for index, record in enumerate(records)]
        for item in items:
            try:
                item.parse()
            except SyncRejected as exc:
                item.reject(exc.category, exc.message, exc.cause)
        seen = Counter()
        rounds = defaultdict(list)
        for item in items:
            if item.status is None:
                rounds[seen[item.external_id]].append(item)
                seen[item.external_id] += 1
        for number in sorted(rounds):
            self._ops_ingest_round(handler, source, stream, rounds[number], mapping_version)
        self._ops_record_outcomes(handler, source, stream, items, mapping_version)
        return [item.result() for item in items]

    def _ops_ingest_round(self, handler, source, stream, items, mapping_version):
        """Apply items whose keys are distinct."""
        Binding = self.env["ops.sync.binding"]
        Binding._ops_lock(source, stream, [item.external_id for item in items])
        states = Binding._ops_states(source, stream, [item.external_id for item in items], handler._ops_target_model)
        todo = []
        for item in items:
            state = states.get(item.external_id)
            if state and state.content_hash == item.hash and state.mapping_version == mapping_version and state.alive:
                item.finish("unchanged", state.res_id)
            elif state and state.alive and item.modified_at and item.modified_at < (state.source_modified_at or item.modified_at):
                item.reasons.append(f"older than the version synced last ({state.source_modified_at} UTC): skipped")
                item.finish("unchanged", state.res_id)
            else:
                todo.append(item)
        # the bindings of the records to write, read together when first used
        bindings = {
            binding.id: binding
            for binding in Binding.browse([states[item.external_id].id for item in todo if item.external_id in states])
        }
        for item in todo:
            if state := states.get(item.external_id):
                setattr(item, "binding" if state.alive else "stale_binding", bindings[state.id])
        for item in todo:
            self._ops_guard(item, VALIDATION, lambda item=item: setattr(item, "values", handler._ops_check(item.raw_values)))
        todo = [item for item in todo if item.status is None]
        lookups = handler._ops_prepare(source, todo) if todo else {}
        for item in todo:
            self._ops_guard(item, "odoo", lambda item=item: handler._ops_map(item, lookups))
        todo = [item for item in todo if item.status is None]
        creates = [item for item in todo if not item.binding]
        updates = [item for item in todo if item.binding]

        def create(group):
            return self._ops_create_items(handler, source, stream, group, mapping_version, lookups)

        def update(group):
            return self._ops_update_items(handler, source, group, mapping_version, lookups)

        self._ops_apply_in_groups(creates, create)
        self._ops_apply_in_groups(updates, update)

    def _ops_guard(self, item, category, step):
        """Run a checking or mapping `step` of `item`; reject the item instead of failing the batch."""
        try:
            step()
        except SyncRejected as exc:
            item.reject(exc.category, exc.message, exc.cause)
        except (psycopg2.Error, *RETRY_ERRORS):
            raise  # the transaction itself is in trouble: nothing sensible to do per record
        except Exception as exc:  # noqa: BLE001 - a mapper bug must not fail the other records
            _logger.warning("sync: record %s could not be mapped", item.external_id, exc_info=True)
            item.reject(category, f"{type(exc).__name__}: {safe_text(str(exc), 500)}")

    def _ops_apply_in_groups(self, items, apply):
        """Apply `items` in one savepoint; when that fails, split them in halves and retry each.

        Records are created in as large a batch as possible (the ORM is much faster that way), and
        k bad records among n cost about k·log2(n) savepoints to isolate, each then rejected alone.
        """
        if items and not self._ops_apply_group(items, apply) and len(items) > 1:
            half = len(items) // 2
            self._ops_apply_in_groups(items[:half], apply)
            self._ops_apply_in_groups(items[half:], apply)

    def _ops_apply_group(self, items, apply):
        """Apply `items` in one savepoint; return whether it worked. A lone failing item is rejected."""
        marks = {item.index: len(item.reasons) for item in items}
        try:
            with self.env.cr.savepoint():
                outcomes = apply(items)
        except RETRY_ERRORS:
            raise
        except Exception as exc:  # noqa: BLE001 - any error of one record must not fail the batch
            if isinstance(exc, pg_errors.UniqueViolation) and exc.diag.constraint_name == BINDING_KEY_CONSTRAINT:
                raise ConcurrencyError("another ingest bound the same external record first") from exc
            for item in items:
                del item.reasons[marks[item.index] :]
            if len(items) == 1:
                if not isinstance(exc, (UserError, AccessError, psycopg2.Error)):
                    _logger.warning("sync: record %s could not be written", items[0].external_id, exc_info=True)
                items[0].reject("odoo", self._ops_error_message(exc))
            return False
        for item, status, res_id in outcomes:
            item.finish(status, res_id, "conflict" if status == "conflict" else False)
        return True

    def _ops_error_message(self, exc):
        """Return a readable message for an error raised while writing a record."""
        if isinstance(exc, (UserError, AccessError)):
            return str(exc.args[0]) if exc.args else type(exc).__name__
        if isinstance(exc, psycopg2.Error) and exc.diag.message_primary:
            model = next(
                (
                    self.env[name]
                    for name, model_class in self.env.registry.items()
                    if model_class._table == exc.diag.table_name and not model_class._abstract
                ),
                None,
            )
            if model is not None and isinstance(exc, psycopg2.IntegrityError):
                return model._sql_error_to_message(exc)
            return f"the database refused the record: {exc.diag.message_primary}"
        return f"{type(exc).__name__}: {exc}"

    def _ops_create_items(self, handler, source, stream, items, mapping_version, lookups):
        """Create (or adopt) the records of `items` and bind them; return their outcomes."""
        Binding = self.env["ops.sync.binding"]
        adopted = handler._ops_adopt(items, lookups)
        new_items = [item for item in items if item.index not in adopted]
        records = handler._ops_create(new_items, lookups) if new_items else self.env[handler._ops_target_model]
        handler._ops_after_create(records, new_items, lookups)
        record_of = dict(zip((item.index for item in new_items), records))
        for item in items:
            if item.index in adopted:
                record = record_of[item.index] = adopted[item.index]
                item.reasons.append(f"matched the existing record {record.display_name!r}")
                handler._ops_write(record, item.vals, item)
                handler._ops_after_update(record, item, lookups)
        to_bind = []
        for item in items:
            record = record_of[item.index]
            vals = Binding._ops_sync_vals(item, mapping_version, handler._ops_written_values(record, item.vals))
            if item.stale_binding:
                item.stale_binding.write({**vals, "res_id": record.id})
                item.bound = item.stale_binding
            else:
                to_bind.append(
                    {
                        **vals,
                        "source": source,
                        "stream": stream,
                        "external_id": item.external_id,
                        "res_model": record._name,
                        "res_id": record.id,
                    }
                )
        unbound = [item for item in items if not item.stale_binding]
        for item, binding in zip(unbound, Binding._ops_insert(to_bind)):
            item.bound = binding
        return [(item, "updated" if item.index in adopted else "created", record_of[item.index].id) for item in items]

    def _ops_update_items(self, handler, source, items, mapping_version, lookups):
        """Update the bound records of `items` under the ownership rules; return their outcomes."""
        Binding = self.env["ops.sync.binding"]
        Ownership = self.env["ops.sync.ownership"]
        Conflict = self.env["ops.sync.conflict"]
        policies = Ownership._ops_policies(source, handler._ops_target_model)
        records = self.env[handler._ops_target_model].browse([item.binding.res_id for item in items])
        record_by_id = {record.id: record for record in records}  # iterating keeps the batch's prefetch
        outcomes = []
        for item in items:
            record = record_by_id[item.binding.res_id]
            written_before = item.binding.written_values or {}
            to_write, written, conflicts = Ownership._ops_merge(record, item.vals, written_before, policies, item.modified_at)
            for fname, value in conflicts:
                Conflict._ops_raise(item.binding, record, fname, value, item.modified_at)
            if to_write:
                handler._ops_write(record, to_write, item)
            changed = handler._ops_after_update(record, item, lookups)
            item.binding.write(Binding._ops_sync_vals(item, mapping_version, {**written_before, **written}))
            if conflicts:
                labels = ", ".join(record._fields[fname]._description_string(self.env) for fname, _value in conflicts)
                item.reasons.append(f"kept Odoo's value of {labels}: see Sync > Conflicts")
            status = "updated" if to_write or changed else "conflict" if conflicts else "unchanged"
            outcomes.append((item, status, record.id))
        return outcomes

    def _ops_record_outcomes(self, handler, source, stream, items, mapping_version):
        """Record an event per rejected or conflicting item; close the open events of the others."""
        Event = self.env["ops.sync.event"]
        failing = [item for item in items if item.status not in SUCCESS]
        failures = []
        for item in failing:
            extra = {
                "trace_id": item.trace_id or False,
                "source_modified_at": item.modified_at or False,
                "mapping_version": mapping_version,
                "res_model": handler._ops_target_model if item.res_id else False,
                "res_id": item.res_id or False,
            }
            external_id = item.external_id or (
                safe_text(item.record.get("external_id"), EXTERNAL_ID_MAX)
                if isinstance(item.record, dict) and item.record.get("external_id")
                else False
            )
            category = item.category or VALIDATION
            vals = Event._ops_failure_vals(
                category,
                event_message(source, stream, external_id, category, "; ".join(item.reasons)),
                payload=item.payload,
                values=item.raw_values,
                cause=generic_cause("; ".join(item.causes or item.reasons)),
                **extra,
            )
            failures.append((external_id, item.event, vals))
        if failures:
            for item, event in zip(failing, Event._ops_upsert(source, stream, failures)):
                item.event_id = event.id
        succeeded = [item for item in items if item.status in SUCCESS]
        if succeeded:
            Event._ops_close(
                source, stream, [item.external_id for item in succeeded], events=[item.event for item in succeeded if item.event]
            )
        self._ops_log_history(handler, source, stream, items)

    def _ops_log_history(self, handler, source, stream, items):
        """Write the history line (and chatter note) of each item that did something, under its trace id."""
        acted = [item for item in items if item.status not in (None, "unchanged") and item.external_id]
        records = self.env[handler._ops_target_model].browse({item.res_id for item in acted if item.res_id}).exists()
        record_by_id = {record.id: record for record in records}
        entries = [(item, item.bound or item.binding, record_by_id.get(item.res_id)) for item in acted]
        self.env["ops.sync.trace"]._ops_log(source, stream, entries)
