"""Sync streams: the mappers that turn a stream's canonical values into Odoo values.

A stream is an AbstractModel named `ops.sync.stream.<stream>` that inherits this one and sets
`_ops_stream`, `_ops_target_model` and `_ops_schema`; the gateway finds it by that name, so adding
a stream needs no glue code. The synchronizer calls the hooks below once per batch or per group,
never once per query: `_ops_prepare` resolves everything a batch refers to in a few queries, and
`_ops_map` is then pure work on what it found.
"""

from odoo import api, models
from odoo.fields import Domain

from .ops_sync_ownership import comparable
from .ops_sync_schema import MAPPING, SyncRejected, check_values


class OpsSyncStream(models.AbstractModel):
    _name = "ops.sync.stream"
    _description = "Sync stream"

    _ops_stream = None  # the stream's name, as the bridge sends it
    _ops_target_model = None  # the Odoo model its records become
    _ops_schema = {}  # {key: spec} of its canonical values, see ops_sync_schema
    # the fields of the target model `_ops_map` may put in `item.vals`: the only ones a conflict can
    # be raised on, so the only ones accepting a conflict may write
    _ops_synced_fields = frozenset()

    @api.model
    def _ops_check(self, values):
        """Return `values` checked against the stream's schema; raise SyncRejected if they do not fit."""
        return check_values(self._ops_schema, values)

    @api.model
    def _ops_prepare(self, source, items):
        """Override to look up, in one query per kind, what the batch's `items` refer to.

        :return: a dict of lookups handed to the other hooks
        """
        return {"source": source}

    @api.model
    def _ops_map(self, item, lookups):
        """Override to set `item.vals` (values under ownership rules) and `item.create_vals`.

        Add a note to `item.reasons` for what could not be mapped but does not stop the record, set
        `item.partial` when a reference may resolve later, and raise SyncRejected when the record
        cannot be ingested at all.
        """
        raise NotImplementedError

    @api.model
    def _ops_adopt(self, items, lookups):
        """Override to return {item index: existing record} for new items matching an unbound record."""
        return {}

    @api.model
    def _ops_create(self, items, lookups):
        """Create the records of `items` in one batch; return them in the same order."""
        return self.env[self._ops_target_model].create([{**item.create_vals, **item.vals} for item in items])

    @api.model
    def _ops_after_create(self, records, items, lookups):
        """Override to finish newly created `records` (one per item, in order) as a batch."""

    @api.model
    def _ops_write(self, record, vals, item):
        """Write `vals` that the ownership rules let through on `record`."""
        record.write(vals)

    @api.model
    def _ops_after_update(self, record, item, lookups):
        """Override to apply what is not a plain field on an existing record; return whether it changed."""
        return False

    @api.model
    def _ops_written_values(self, record, vals):
        """Return `vals` in the comparable form a binding remembers."""
        return {fname: comparable(record._fields[fname], value) for fname, value in vals.items()}

    # ------------------------------------------------------------------
    # lookups shared by the streams
    # ------------------------------------------------------------------

    @api.model
    def _ops_refs(self, source, stream, external_ids, res_model):
        """Return {external id: Odoo id} of records of another stream of the same source."""
        return self.env["ops.sync.binding"]._ops_to_internal(source, stream, external_ids, res_model)

    @api.model
    def _ops_bound(self, records, source):
        """Return those of `records` already bound to a record of `source` in this stream."""
        bindings = self.env["ops.sync.binding"].search_fetch(
            Domain("source", "=", source)
            & Domain("stream", "=", self._ops_stream)
            & Domain("res_model", "=", records._name)
            & Domain("res_id", "in", records.ids),
            ["res_id"],
        )
        return records.browse(bindings.mapped("res_id"))

    @api.model
    def _ops_countries(self, items, key="country_code"):
        """Return {value as sent: country id} for the countries the items carry.

        A value is an ISO code ("BE"), a country name in any installed language ("Belgium") or an
        alias from the normalization tables ("U.S.A.", "Deutschland"): the rules of `ops.normalizer`,
        the same as for a typed lead.
        """
        return self.env["ops.normalizer"]._ops_countries(item.values.get(key) for item in items)

    @api.model
    def _ops_country_id(self, item, countries, key="country_code"):
        """Return the country id of `item`; an unknown country is left empty and said in the reasons."""
        value = item.values.get(key)
        if not value:
            return False
        if value not in countries:
            item.reasons.append(f"unknown country '{value}': country left empty")
            return False
        return countries[value]

    @api.model
    def _ops_ref_id(self, item, refs, key, label, required=False):
        """Return the Odoo id `item` refers to through `key`; reject or note a reference not synced yet."""
        external_id = item.values.get(key)
        if not external_id:
            return False
        if external_id in refs:
            return refs[external_id]
        if required:
            raise SyncRejected(MAPPING, f"{label} '{external_id}' is not synced yet")
        item.reasons.append(f"{label} '{external_id}' is not synced yet: left empty until the next sync")
        item.partial = True
        return False
