from odoo.tests import tagged

from ...models.sync.ops_sync_guard import sync_writes
from ...models.sync.ops_sync_schema import is_safe_text, safe_text
from ..common import SyncCase

# keys that PostgreSQL's array syntax gives a meaning to, and a few that only look odd
AWKWARD_KEYS = [
    'with "quotes"',
    "back\\slash",
    "trailing\\",
    "a,b",
    "{braced}",
    "NULL",
    "null",
    " spaced ",
    "tab\there",
    "new\nline",
    "ünïcødé €",
    "emoji 🙂",
    "'single'",
    "semi;colon",
    "123",
]


@tagged("post_install", "-at_install")
class TestSyncBindingLookup(SyncCase):
    def _table_scans(self):
        """Sequential and index scans of the bindings table in this transaction."""
        self.env.cr.execute(
            "SELECT seq_scan, coalesce(idx_scan, 0) FROM pg_stat_xact_user_tables WHERE relname = 'ops_sync_binding'"
        )
        return self.env.cr.fetchone() or (0, 0)

    def test_01_awkward_keys_are_found_again(self):
        """Keys with quotes, backslashes, commas, braces or "NULL" are found on the next sync, not bound twice."""
        records = [self.rec(key, {"name": f"Key {index}"}) for index, key in enumerate(AWKWARD_KEYS)]
        first = self.ingest("customers", records, source="woocommerce")
        self.assertEqual([result["status"] for result in first], ["created"] * len(AWKWARD_KEYS))
        self.assertEqual([result["external_id"] for result in first], AWKWARD_KEYS)
        second = self.ingest("customers", records, source="woocommerce")
        self.assertEqual([result["status"] for result in second], ["unchanged"] * len(AWKWARD_KEYS))
        self.assertEqual([result["res_id"] for result in second], [result["res_id"] for result in first])
        Binding = self.env["ops.sync.binding"]
        states = Binding._ops_states("woocommerce", "customers", AWKWARD_KEYS + ["not bound"], "res.partner")
        self.assertEqual(set(states), set(AWKWARD_KEYS))
        self.assertTrue(all(state.alive for state in states.values()))

    def test_02_lookup_uses_the_key_index_on_a_large_table(self):
        """A batch's bindings are found through the key's index, even where a scan looks cheaper to PostgreSQL.

        With `external_id = ANY(...)`, a batch of 1,000 among 20,000 bindings was a scan of the whole
        table (in parallel workers: 30 ms a batch, growing with the table).
        """
        partner = self.env["res.partner"].create({"name": "Bound many times"})
        keys = [f"big-{index}" for index in range(20_000)]
        vals = {
            "res_model": "res.partner",
            "res_id": partner.id,
            "content_hash": "h",
            "mapping_version": 1,
            "synced_at": False,
            "source_modified_at": False,
            "written_values": False,
        }
        with sync_writes():
            self.env["ops.sync.binding"].sudo()._ops_insert(
                [{"source": "hubspot", "stream": "contacts", "external_id": key, **vals} for key in keys]
            )
        self.env.cr.execute("ANALYZE ops_sync_binding")
        seq_before, index_before = self._table_scans()
        batch = keys[5_000:6_000]
        states = self.env["ops.sync.binding"]._ops_states("hubspot", "contacts", batch, "res.partner")
        seq_after, index_after = self._table_scans()
        self.assertEqual(set(states), set(batch))
        self.assertEqual({state.res_id for state in states.values()}, {partner.id})
        self.assertEqual(seq_after - seq_before, 0, "no scan of the whole bindings table")
        self.assertGreaterEqual(index_after - index_before, 1)


@tagged("post_install", "-at_install")
class TestSyncSafeText(SyncCase):
    def test_01_is_safe_text_agrees_with_safe_text(self):
        """The quick check of keys and trace ids says "safe" exactly where the clean-up changes nothing."""
        samples = [
            *AWKWARD_KEYS,
            "",
            "plain",
            "nul\x00",
            "bell\x07",
            "esc\x1b[0m",
            "lone \ud800 surrogate",
            "pair 🙂 ok",
            "del\x7f",
            "cr\rlf\n",
            "vt\x0b",
            "\ufffd",
            "\udc00 low",
        ]
        for text in samples:
            with self.subTest(text=text):
                self.assertEqual(is_safe_text(text), safe_text(text) == text)
