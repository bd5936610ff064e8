"""The gateway's reconciliation calls, for `ops-bridge reconcile` (see `ops_sync_reconcile.py`).

A run of 20,000 records costs Odoo one indexed query per batch of hashes (`reconcile_diff`), which
also notes the ids it saw, and at the end one query for the bound ids the vendor no longer has
(`reconcile_finish`). Records missing in Odoo or changed at the source are not written here: the
bridge sends them through the normal `ingest`, under the ownership rules, then reports what
`ingest` did (`reconcile_lines`) for the drift report.
"""

from collections import defaultdict

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from .ops_sync_binding import text_array_literal
from .ops_sync_gateway import HASH_RE
from .ops_sync_guard import sync_writer
from .ops_sync_schema import EXTERNAL_ID_MAX, is_safe_text, safe_text, type_name

MAX_CLAIM = 50
# What `ingest` answered, for each drift category → what the run did about it.
LINE_ACTIONS = {
    ("missing", "created"): "reingested",
    ("missing", "updated"): "reingested",
    ("missing", "unchanged"): "reingested",
    ("changed", "created"): "resynced",
    ("changed", "updated"): "resynced",
    ("changed", "unchanged"): "kept",
    ("missing", "conflict"): "conflict",
    ("changed", "conflict"): "conflict",
    ("missing", "rejected"): "failed",
    ("changed", "rejected"): "failed",
}
DELETE_CHUNK = 1000


class OpsSyncGateway(models.AbstractModel):
    _inherit = "ops.sync.gateway"

    @api.model
    @sync_writer
    def reconcile_start(self, source, stream):
        """Start a reconciliation of (source, stream) now; return ``{"run_id", "deletion_policy"}``."""
        gateway = self._ops_authorized()
        source, stream = gateway._ops_check_source(source), gateway._ops_check_stream(stream)
        gateway._ops_stream_handler(stream)
        run = gateway.env["ops.sync.reconcile"].create({"source": source, "stream": stream, "requested_by": self.env.uid})
        run._ops_start(self.env.uid)
        return {"run_id": run.id, "deletion_policy": run.deletion_policy}

    @api.model
    @sync_writer
    def reconcile_claim(self, source=False, limit=10):
        """Claim requested runs (of `source`, if given) for this bridge, oldest first.

        Two bridges claiming at once get different runs: the rows are locked, skipping locked ones.

        :return: ``{"runs": [{"run_id", "source", "stream", "deletion_policy"}]}``
        """
        gateway = self._ops_authorized()
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_CLAIM:
            raise ValidationError(self.env._("limit must be a whole number from 1 to %s.", MAX_CLAIM))
        where = SQL("state = 'requested'")
        if source:
            where = SQL("%s AND source = %s", where, gateway._ops_check_source(source))
        Run = gateway.env["ops.sync.reconcile"]
        Run.flush_model(["state", "source"])
        ids = [
            row[0]
            for row in self.env.execute_query(
                SQL("SELECT id FROM ops_sync_reconcile WHERE %s ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED", where, limit)
            )
        ]
        runs = Run.browse(ids)
        runs._ops_start(self.env.uid)
        return {
            "runs": [
                {"run_id": run.id, "source": run.source, "stream": run.stream, "deletion_policy": run.deletion_policy}
                for run in runs
            ]
        }

    @api.model
    @sync_writer
    def reconcile_diff(self, run_id, records, mapping_version=1):
        """Compare a batch of the vendor's records with the bindings, and note them as seen.

        :param records: ``[{"external_id": str, "hash": str or false}]``; false for a record the
            bridge could not validate or map (it exists at the vendor, and was dead-lettered)
        :return: ``{"status": ["missing" | "changed" | "unchanged" | "unreadable", in order]}``
        """
        gateway = self._ops_authorized()
        run = gateway._ops_running_run(run_id)
        records = gateway._ops_check_list(records, "records")
        gateway._ops_check_mapping_version(mapping_version)
        handler = gateway._ops_stream_handler(run.stream)
        keys = [gateway._ops_diff_key(index, record) for index, record in enumerate(records)]
        hashed = [external_id for external_id, content_hash in keys if content_hash]
        Binding = gateway.env["ops.sync.binding"]
        Binding.flush_model(["source", "stream", "external_id", "res_id", "content_hash", "mapping_version"])
        rows = self.env.execute_query(
            SQL(
                """SELECT key.external_id, binding.content_hash, binding.mapping_version
                     FROM unnest(%s::varchar[]) AS key(external_id)
               CROSS JOIN LATERAL (SELECT res_id, content_hash, mapping_version FROM ops_sync_binding
                                    WHERE source = %s AND stream = %s AND external_id = key.external_id
                                    LIMIT 1) binding
                     JOIN %s target ON target.id = binding.res_id""",
                text_array_literal(set(hashed)),
                run.source,
                run.stream,
                SQL.identifier(gateway.env[handler._ops_target_model]._table),
            )
        )
        bound = {external_id: (content_hash, version) for external_id, content_hash, version in rows}
        statuses = []
        for external_id, content_hash in keys:
            if not content_hash:
                statuses.append("unreadable")
            elif external_id not in bound:
                statuses.append("missing")
            elif bound[external_id] == (content_hash, mapping_version):
                statuses.append("unchanged")
            else:
                statuses.append("changed")
        gateway._ops_mark_seen(run, [external_id for external_id, _hash in keys], statuses)
        return {"status": statuses}

    @api.model
    @sync_writer
    def reconcile_lines(self, run_id, lines):
        """Record what `ingest` did with the drifted records of a run, for its drift report.

        :param lines: ``[{"category": "missing" | "changed", "external_id", "status": ingest's status,
            "reason": str or false}]``
        :return: ``{"stored": the number of lines}``
        """
        gateway = self._ops_authorized()
        run = gateway._ops_running_run(run_id)
        lines = gateway._ops_check_list(lines, "lines")
        checked = [gateway._ops_check_line(index, line) for index, line in enumerate(lines)]
        targets = gateway.env["ops.sync.binding"].search_fetch(
            Domain("source", "=", run.source)
            & Domain("stream", "=", run.stream)
            & Domain("external_id", "in", [line[1] for line in checked]),
            ["external_id", "res_model", "res_id"],
        )
        by_key = {binding.external_id: (binding.res_model, binding.res_id) for binding in targets}
        names = _record_names(gateway.env, by_key.values())
        gateway.env["ops.sync.reconcile.line"].create(
            [
                {
                    "reconcile_id": run.id,
                    "category": category,
                    "external_id": external_id,
                    "res_model": by_key.get(external_id, (False, False))[0],
                    "res_id": by_key.get(external_id, (False, False))[1],
                    "record_name": names.get(by_key.get(external_id)) or False,
                    "action": LINE_ACTIONS[category, status],
                    "message": reason or False,
                }
                for category, external_id, status, reason in checked
            ]
        )
        return {"stored": len(checked)}

    @api.model
    @sync_writer
    def reconcile_keep(self, run_id, external_ids):
        """Note ids as present at the vendor without comparing them: records another stream of the
        source adds to this one (the guest customers of orders), which this stream's read never returns.

        :return: ``{"kept": the number of ids}``
        """
        gateway = self._ops_authorized()
        run = gateway._ops_running_run(run_id)
        external_ids = gateway._ops_check_list(external_ids, "external_ids")
        keys = [gateway._ops_diff_key(index, {"external_id": value})[0] for index, value in enumerate(external_ids)]
        gateway._ops_mark_seen(run, keys)
        return {"kept": len(keys)}

    @api.model
    @sync_writer
    def reconcile_deleted(self, run_id, external_ids):
        """Apply the run's deletion policy to the bound records the vendor reports deleted.

        :param external_ids: the ids the vendor's deletion feed reports (unbound ones are ignored)
        :return: ``{"deleted": the number of bound records archived or flagged}``
        """
        gateway = self._ops_authorized()
        run = gateway._ops_running_run(run_id)
        external_ids = gateway._ops_check_list(external_ids, "external_ids")
        keys = [
            gateway._ops_diff_key(index, {"external_id": value, "hash": False})[0] for index, value in enumerate(external_ids)
        ]
        rows = self.env.execute_query(
            SQL(
                """SELECT binding.external_id, binding.res_model, binding.res_id
                     FROM unnest(%s::varchar[]) AS key(external_id)
               CROSS JOIN LATERAL (SELECT external_id, res_model, res_id FROM ops_sync_binding
                                    WHERE source = %s AND stream = %s AND external_id = key.external_id
                                    LIMIT 1) binding
                    WHERE NOT EXISTS (SELECT 1 FROM ops_sync_reconcile_seen seen
                                       WHERE seen.reconcile_id = %s AND seen.external_id = key.external_id)""",
                text_array_literal(set(keys)),
                run.source,
                run.stream,
                run.id,
            )
        )
        gateway._ops_mark_seen(run, keys, ["deleted"] * len(keys))
        return {"deleted": gateway._ops_apply_deletions(run, rows)}

    @api.model
    @sync_writer
    def reconcile_finish(self, run_id, complete, error=False):
        """Close a run. After a complete read, bound records it did not see were deleted at the source.

        Only bindings made before the run started count: a sync running meanwhile may bind a record
        the vendor created after this run read past it.

        :param complete: whether the bridge read the vendor's whole set (no request failed for good)
        :param error: why the run stopped early, if it did
        :return: ``{"state", "counts": {"read", "unchanged", "missing", "deleted", "changed", "failed"}}``
        """
        gateway = self._ops_authorized()
        run = gateway._ops_running_run(run_id)
        if not isinstance(complete, bool):
            raise ValidationError(self.env._("complete must be true or false, got %s.", type_name(complete)))
        if error is not False and not isinstance(error, str):
            raise ValidationError(self.env._("error must be a text or false, got %s.", type_name(error)))
        if complete and not error:
            gateway.env["ops.sync.binding"].flush_model(["source", "stream", "external_id", "res_model", "res_id"])
            rows = self.env.execute_query(
                SQL(
                    """SELECT binding.external_id, binding.res_model, binding.res_id FROM ops_sync_binding binding
                        WHERE binding.source = %s AND binding.stream = %s AND binding.create_date <= %s
                          AND NOT EXISTS (SELECT 1 FROM ops_sync_reconcile_seen seen
                                           WHERE seen.reconcile_id = %s AND seen.external_id = binding.external_id)
                     ORDER BY binding.id""",
                    run.source,
                    run.stream,
                    run.started_at,
                    run.id,
                )
            )
            for start in range(0, len(rows), DELETE_CHUNK):
                gateway._ops_apply_deletions(run, rows[start : start + DELETE_CHUNK])
        counts = run._ops_finish(complete, safe_text(error, 2000) if error else False)
        return {"state": run.state, "counts": {"read": run.read_count, "unchanged": run.unchanged_count, **counts}}

    # ------------------------------------------------------------------
    # checks and helpers
    # ------------------------------------------------------------------

    @api.model
    def _ops_running_run(self, run_id):
        if isinstance(run_id, bool) or not isinstance(run_id, int):
            raise ValidationError(self.env._("run_id must be the id of a reconciliation run, got %s.", type_name(run_id)))
        run = self.env["ops.sync.reconcile"].browse(run_id).exists()
        if not run or run.state != "running":
            raise ValidationError(
                self.env._("Reconciliation run %s is not running; start one with reconcile_start or reconcile_claim.", run_id)
            )
        return run

    @api.model
    def _ops_diff_key(self, index, record):
        """Return ``(external id, hash or False)`` of one item of `reconcile_diff`; raise if it is malformed."""
        external_id = record.get("external_id") if isinstance(record, dict) else None
        content_hash = record.get("hash") if isinstance(record, dict) else None
        if not (isinstance(external_id, str) and 0 < len(external_id) <= EXTERNAL_ID_MAX and is_safe_text(external_id)):
            raise ValidationError(
                self.env._(
                    "Item #%(index)s needs a printable external_id, got %(value)s.", index=index, value=safe_text(external_id, 80)
                )
            )
        if content_hash not in (False, None) and not (isinstance(content_hash, str) and HASH_RE.fullmatch(content_hash)):
            raise ValidationError(self.env._("Item #%s: hash must be 64 lower-case hex digits or false.", index))
        return external_id, content_hash or False

    @api.model
    def _ops_check_line(self, index, line):
        if not isinstance(line, dict):
            raise ValidationError(
                self.env._("Line #%(index)s must be an object, got %(type)s.", index=index, type=type_name(line))
            )
        category, status, reason = line.get("category"), line.get("status"), line.get("reason") or False
        external_id = self._ops_diff_key(index, {"external_id": line.get("external_id")})[0]
        if not isinstance(category, str) or not isinstance(status, str) or (category, status) not in LINE_ACTIONS:
            raise ValidationError(
                self.env._(
                    "Line #%(index)s: category must be missing or changed, and status what ingest answered, "
                    "got %(category)s/%(status)s.",
                    index=index,
                    category=safe_text(category, 40),
                    status=safe_text(status, 40),
                )
            )
        if reason is not False and not isinstance(reason, str):
            raise ValidationError(self.env._("Line #%s: reason must be a text or false.", index))
        return category, external_id, status, safe_text(reason, 2000) if reason else False

    @api.model
    def _ops_mark_seen(self, run, external_ids, statuses=None):
        """Note `external_ids` as seen by `run`, with their drift status ("kept" when not compared).

        A plain insert, no lock on the run: batches of one run may be diffed at once. An id seen
        twice (a vendor paging through a moving set) counts once.
        """
        if external_ids:
            statuses = statuses or ["kept"] * len(external_ids)
            self.env.execute_query(
                SQL(
                    """INSERT INTO ops_sync_reconcile_seen (reconcile_id, external_id, status)
                       SELECT %s, key.external_id, key.status
                         FROM unnest(%s::varchar[], %s::varchar[]) AS key(external_id, status)
                           ON CONFLICT DO NOTHING""",
                    run.id,
                    text_array_literal(external_ids),
                    text_array_literal(statuses),
                )
            )

    @api.model
    def _ops_apply_deletions(self, run, rows):
        """Archive or flag the records of `rows` (external id, model, id) as the run's policy says; return how many.

        A record already archived, or deleted in Odoo, needs nothing. A model without an archive
        (sales orders) is flagged; so is a record Odoo refuses to archive, with Odoo's reason.
        """
        by_model = defaultdict(list)
        for external_id, res_model, res_id in rows:
            if res_model in self.env:
                by_model[res_model].append((external_id, res_id))
        vals_list = []
        for res_model, items in by_model.items():
            Model = self.env[res_model].with_context(active_test=False)
            archivable = "active" in Model._fields
            records = Model.browse([res_id for _external_id, res_id in items]).exists()
            live = records.filtered("active") if archivable else records
            live_ids = set(live.ids)
            action, message = "flagged", False
            if run.deletion_policy == "archive" and not archivable:
                message = self.env._("%s records cannot be archived: flagged only.", Model._description)
            elif run.deletion_policy == "archive" and live:
                try:
                    with self.env.cr.savepoint():
                        live.write({"active": False})
                    action = "archived"
                except (UserError, ValidationError, AccessError) as error:
                    message = self.env._("Odoo refused to archive it: %s", safe_text(str(error), 500))
            names = dict(live.mapped(lambda record: (record.id, record.display_name)))
            vals_list += [
                {
                    "reconcile_id": run.id,
                    "category": "deleted",
                    "external_id": external_id,
                    "res_model": res_model,
                    "res_id": res_id,
                    "record_name": names[res_id],
                    "action": action,
                    "message": message,
                }
                for external_id, res_id in items
                if res_id in live_ids
            ]
        self.env["ops.sync.reconcile.line"].create(vals_list)
        return len(vals_list)


def _record_names(env, targets):
    """Return {(model, id): display name} of the records `targets` names that still exist."""
    by_model = defaultdict(set)
    for res_model, res_id in targets:
        if res_model in env and res_id:
            by_model[res_model].add(res_id)
    names = {}
    for res_model, ids in by_model.items():
        for record in env[res_model].with_context(active_test=False).browse(list(ids)).exists():
            names[res_model, record.id] = record.display_name
    return names
