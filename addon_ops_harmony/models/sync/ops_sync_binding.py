"""Bindings: the binder of the sync, linking one external record to the Odoo record made from it.

A binding is keyed by (source, stream, external id): the stream is part of the key because one
source can number two kinds of records independently (HubSpot companies and contacts both become
contacts in Odoo). It remembers the hash of the values last ingested, so an unchanged record costs
no write, and the values last written, so a later sync can tell an edit made in Odoo from a change
made at the source (see `ops.sync.ownership`). Only the gateway writes bindings (see
`ops_sync_guard.py`): the model and id they hold are what it writes to as superuser.
"""

import hashlib
import json
from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .ops_sync_guard import sync_writer

# What the synchronizer reads of a binding to decide whether a record changed, in one query per batch.
BindingState = namedtuple("BindingState", "id res_id content_hash mapping_version source_modified_at alive")


def text_array_literal(texts):
    """Return PostgreSQL's literal of a text array holding `texts`, to pass as one parameter.

    PostgreSQL parses one literal much faster than the `ARRAY['a', 'b', ...]` of one constant per
    element that psycopg2 makes of a list: 1,000 keys cost 7 ms of planning that way.
    """
    return "{%s}" % ",".join('"%s"' % text.replace("\\", "\\\\").replace('"', '\\"') for text in texts)


def lock_key(source, stream, external_id):
    """Return the signed 64-bit key of PostgreSQL's advisory lock for one binding key."""
    digest = hashlib.blake2b(f"{source}\x1f{stream}\x1f{external_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class OpsSyncBinding(models.Model):
    _name = "ops.sync.binding"
    _inherit = ["ops.sync.guarded"]
    _description = "Sync binding"
    _order = "synced_at desc, id desc"
    _rec_name = "external_id"

    source = fields.Char(required=True, readonly=True, help="System the record comes from, e.g. hubspot.")
    stream = fields.Char(required=True, readonly=True, help="Kind of record in that system, e.g. contacts.")
    external_id = fields.Char("External ID", required=True, readonly=True)
    res_model = fields.Char("Odoo model", required=True, readonly=True)
    res_id = fields.Many2oneReference("Odoo record ID", model_field="res_model", readonly=True)
    content_hash = fields.Char(help="Hash of the values last ingested; empty forces the next sync to apply the record again.")
    mapping_version = fields.Integer(default=1, readonly=True, help="Version of the bridge's mapping that wrote it.")
    synced_at = fields.Datetime("Last sync", readonly=True)
    source_modified_at = fields.Datetime(
        "Changed at the source", readonly=True, help="When the source last changed the record, as it reported."
    )
    written_values = fields.Json(readonly=True, help="Field values the sync last wrote, to detect edits made in Odoo.")
    trace_id = fields.Char(
        "Last trace ID", readonly=True, index="btree_not_null", help="Trace ID of the sync that last applied the record."
    )
    trace_line_ids = fields.One2many("ops.sync.trace", "binding_id", string="History")
    conflict_ids = fields.One2many("ops.sync.conflict", "binding_id", string="Conflicts")

    _key_uniq = models.Constraint(
        "UNIQUE(source, stream, external_id)",
        "This external record is already bound to an Odoo record.",
    )
    _record_idx = models.Index("(res_model, res_id)")

    @api.depends("source", "stream", "external_id")
    def _compute_display_name(self):
        for binding in self:
            binding.display_name = f"{binding.source}/{binding.stream}/{binding.external_id}"

    def action_open_record(self):
        """Open the Odoo record this binding points to."""
        self.ensure_one()
        self._ops_check_reviewer()
        if not self.env[self.res_model].browse(self.res_id).exists():
            raise UserError(self.env._("The Odoo record of this binding was deleted; the next sync creates it again."))
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }

    @sync_writer
    def action_force_resync(self):
        """Forget the content hash so the next sync applies these records again."""
        self._ops_check_reviewer()
        self.sudo().content_hash = False
        return True

    @api.model
    def _ops_lock(self, source, stream, external_ids):
        """Take the transaction-level advisory locks of these keys, in a fixed order.

        Two bridges ingesting overlapping batches then wait for each other instead of both creating
        the same record; the sorted order keeps them from deadlocking.
        """
        keys = sorted({lock_key(source, stream, external_id) for external_id in external_ids})
        if keys:
            self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) AS k", keys))

    @api.model
    def _ops_states(self, source, stream, external_ids, res_model):
        """Return {external id: BindingState} for the keys already bound, in one query.

        `alive` tells whether the bound record of `res_model` still exists. Only these few columns
        are read, so an unchanged record costs no more than its row: the values last written are
        read later, for the records that changed. Each key is looked up on the unique key's index:
        with `external_id = ANY(...)` PostgreSQL scans the whole table, in parallel workers, once
        the batch is a few percent of it (30 ms a batch at 40,000 bindings, growing with the table).
        The LIMIT keeps the planner from turning the lookups back into such a scan (a hash join).
        """
        if not external_ids:
            return {}
        self.flush_model(["source", "stream", "external_id", *BindingState._fields[1:-1]])
        rows = self.env.execute_query(
            SQL(
                """SELECT binding.external_id, binding.id, binding.res_id, binding.content_hash, binding.mapping_version,
                      binding.source_modified_at, target.id IS NOT NULL
                 FROM unnest(%s::varchar[]) AS key(external_id)
           CROSS JOIN LATERAL (SELECT * FROM ops_sync_binding
                                WHERE source = %s AND stream = %s AND external_id = key.external_id
                                LIMIT 1) binding
            LEFT JOIN %s target ON target.id = binding.res_id""",
                text_array_literal(set(external_ids)),
                source,
                stream,
                SQL.identifier(self.env[res_model]._table),
            )
        )
        return {external_id: BindingState(*state) for external_id, *state in rows}

    @api.model
    def _ops_unchanged(self, source, stream, hashes, res_model, mapping_version):
        """Return {external id: Odoo id} of the keys of `hashes` ({external id: content hash}) that
        `ingest` would answer `unchanged`, in one query, reading and locking nothing else.

        That is: bound with this very hash under this mapping version, to a record that still
        exists, and with no open event but a conflict (`ingest` would close that event).
        """
        if not hashes:
            return {}
        self.flush_model(["source", "stream", "external_id", "res_id", "content_hash", "mapping_version"])
        self.env["ops.sync.event"].flush_model(["source", "stream", "external_id", "state", "category"])
        keys = list(hashes)
        rows = self.env.execute_query(
            SQL(
                """SELECT key.external_id, binding.res_id
                 FROM unnest(%s::varchar[], %s::varchar[]) AS key(external_id, content_hash)
           CROSS JOIN LATERAL (SELECT res_id, content_hash, mapping_version FROM ops_sync_binding
                                WHERE source = %s AND stream = %s AND external_id = key.external_id
                                LIMIT 1) binding
                 JOIN %s target ON target.id = binding.res_id
                WHERE binding.content_hash = key.content_hash AND binding.mapping_version = %s
                  AND NOT EXISTS (SELECT 1 FROM ops_sync_event event
                                   WHERE event.source = %s AND event.stream = %s
                                     AND event.external_id = key.external_id AND event.state != 'done'
                                     AND event.category IS DISTINCT FROM 'conflict')""",
                text_array_literal(keys),
                text_array_literal(hashes[key] for key in keys),
                source,
                stream,
                SQL.identifier(self.env[res_model]._table),
                mapping_version,
                source,
                stream,
            )
        )
        return dict(rows)

    @api.model
    def _ops_to_internal(self, source, stream, external_ids, res_model):
        """Return {external id: Odoo id} for the keys bound to a record that still exists, in one query."""
        states = self._ops_states(source, stream, {external_id for external_id in external_ids if external_id}, res_model)
        return {external_id: state.res_id for external_id, state in states.items() if state.alive}

    @api.model
    def _ops_insert(self, vals_list):
        """Insert new bindings in one SQL statement; return them. For the gateway's trusted code only.

        A batch of 1,000 new records costs one row each here, not a pass of the ORM's create: the
        values are the gateway's own (`_ops_sync_vals` plus the key), so there are no defaults,
        computed fields or constraints to run but the table's unique key, which PostgreSQL checks.
        """
        self._ops_check_sync_write()
        if not vals_list:
            return self.browse()
        now = fields.Datetime.now()
        columns = list(
            zip(
                *(
                    (
                        vals["source"],
                        vals["stream"],
                        vals["external_id"],
                        vals["res_model"],
                        vals["res_id"],
                        vals["content_hash"] or None,
                        vals["mapping_version"],
                        vals["synced_at"] or None,
                        vals["source_modified_at"] or None,
                        json.dumps(vals["written_values"]) if vals["written_values"] else None,
                        vals.get("trace_id") or None,
                    )
                    for vals in vals_list
                )
            )
        )
        ids = self.env.execute_query(
            SQL(
                """INSERT INTO ops_sync_binding (source, stream, external_id, res_model, res_id, content_hash,
                        mapping_version, synced_at, source_modified_at, written_values, trace_id,
                        create_uid, create_date, write_uid, write_date)
               SELECT source, stream, external_id, res_model, res_id, content_hash,
                      mapping_version, synced_at, source_modified_at, written_values, trace_id, %s, %s, %s, %s
                 FROM unnest(%s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], %s::int[], %s::varchar[],
                             %s::int[], %s::timestamp[], %s::timestamp[], %s::jsonb[], %s::varchar[])
                   AS row(source, stream, external_id, res_model, res_id, content_hash,
                          mapping_version, synced_at, source_modified_at, written_values, trace_id)
            RETURNING external_id, id""",
                self.env.uid,
                now,
                self.env.uid,
                now,
                *(list(column) for column in columns),
            )
        )
        by_key = dict(ids)  # the keys of one call are distinct: the unique key would refuse them otherwise
        return self.browse([by_key[vals["external_id"]] for vals in vals_list])

    def _ops_sync_vals(self, item, mapping_version, written_values):
        """Return the binding values that record a successful sync of `item`."""
        return {
            # a record whose references could not all be resolved yet is applied again next time
            "content_hash": False if item.partial else item.hash,
            "mapping_version": mapping_version,
            "synced_at": fields.Datetime.now(),
            "source_modified_at": item.modified_at or False,
            "written_values": written_values,
            "trace_id": item.trace_id or False,
        }
