import json
from pathlib import Path

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ...models.sync.ops_sync_guard import sync_writes
from ...models.sync.ops_sync_schema import content_hash
from ..common import SyncCase

VECTORS = json.loads((Path(__file__).parent / "content_hash_vectors.json").read_text(encoding="utf-8"))


def probe_item(record):
    """What the bridge sends `check_unchanged` for an ingest record."""
    return {"external_id": record["external_id"], "hash": content_hash(record["values"])[0]}


@tagged("post_install", "-at_install")
class TestSyncCheckUnchanged(SyncCase):
    """`check_unchanged` answers from hashes exactly what `ingest` would answer, and nothing more."""

    def check(self, stream, items, source="hubspot", mapping_version=1):
        return self.gateway.check_unchanged(source, stream, items, mapping_version)["res_ids"]

    def test_01_hash_vectors_shared_with_the_bridge(self):
        """The hash is SHA-256 over Python's canonical JSON; the bridge's jest suite checks the same vectors."""
        self.assertGreaterEqual(len(VECTORS), 10)
        for vector in VECTORS:
            with self.subTest(vector["title"]):
                self.assertEqual(content_hash(vector["values"]), (vector["hash"], len(vector["canonical"])))

    def test_02_agrees_with_ingest_in_every_case(self):
        """For each way a record can stand, the probe answers its id exactly when ingest answers unchanged."""
        records = [self.rec(f"cu{index}", {"name": f"Probe {index}"}) for index in range(7)]
        first = self.ingest("companies", records)
        self.assertEqual({result["status"] for result in first}, {"created"})
        ids = [result["res_id"] for result in first]
        # cu1 changes at the source; cu2's record is deleted in Odoo; cu3 has an open failed event;
        # cu4 has an open conflict (ingest still answers unchanged); cu5 comes twice; cu6 as it was
        records[1] = self.rec("cu1", {"name": "Probe 1, renamed"})
        self.env["res.partner"].browse(ids[2]).unlink()
        self.gateway.report_failures(
            "hubspot",
            "companies",
            [{"external_id": "cu3", "trace_id": "t3", "category": "remote_5xx", "message": "timed out", "payload": {}}],
        )
        with sync_writes():
            self.env["ops.sync.event"].sudo().create(
                {
                    "source": "hubspot",
                    "stream": "companies",
                    "external_id": "cu4",
                    "category": "conflict",
                    "state": "failed",
                    "message": "edited in Odoo",
                }
            )
        batch = [*records, records[5]]
        answer = self.check("companies", [probe_item(record) for record in batch])
        self.assertEqual(answer, [ids[0], False, False, False, ids[4], False, ids[6], False])
        # what ingest says of the same batch, record by record (cu5 twice in one call)
        statuses = [result["status"] for result in self.ingest("companies", batch)]
        self.assertEqual(statuses[0], "unchanged")
        self.assertEqual(statuses[4], "unchanged")
        self.assertEqual(statuses[6], "unchanged")
        self.assertEqual(statuses[1], "updated")
        self.assertEqual(statuses[2], "created")
        self.assertFalse(self.events("companies", "cu3").filtered(lambda event: event.state != "done"))

    def test_03_mapping_version_and_stream_are_part_of_the_answer(self):
        """A hash bound under another mapping version, stream or source is not unchanged."""
        record = self.rec("cu-mv", {"name": "Mapped once"})
        [created] = self.ingest("companies", [record], mapping_version=3)
        item = probe_item(record)
        self.assertEqual(self.check("companies", [item], mapping_version=3), [created["res_id"]])
        self.assertEqual(self.check("companies", [item], mapping_version=4), [False])
        self.assertEqual(self.check("contacts", [item], mapping_version=3), [False])
        self.assertEqual(self.check("companies", [item], source="woocommerce", mapping_version=3), [False])

    def test_04_junk_items_are_answered_false_and_junk_calls_refused(self):
        """Malformed items never break the call: each is false, and ingest judges it. A malformed call is refused."""
        records = [self.rec(f"cu-junk{index}", {"name": f"Junk neighbour {index}"}) for index in range(4)]
        ids = [result["res_id"] for result in self.ingest("companies", records)]
        good, *bound = [probe_item(record) for record in records]
        # each bound key once, with a hash that is almost right
        junk = [
            None,
            7,
            "text",
            [good],
            {},
            {"external_id": ["cu-junk0"], "hash": good["hash"]},
            {"external_id": {"a": 1}, "hash": good["hash"]},
            {**bound[0], "hash": bound[0]["hash"].upper()},
            {**bound[1], "hash": bound[1]["hash"] + "\n"},
            {**bound[2], "hash": 12},
            {"external_id": "nul\x00key", "hash": good["hash"]},
            {"external_id": "x" * 300, "hash": good["hash"]},
            {"external_id": "lone \ud800", "hash": good["hash"]},
            {"external_id": "", "hash": good["hash"]},
        ]
        self.assertEqual(self.check("companies", [*junk, good]), [False] * len(junk) + [ids[0]])
        self.assertEqual(self.check("companies", [good, *bound]), ids)
        for records in ("not a list", {"external_id": "cu-junk"}, [good] * 2001):
            with self.subTest(records=str(records)[:40]), self.assertRaises(ValidationError):
                self.check("companies", records)
        with self.assertRaises(ValidationError):
            self.check("companies", [good], mapping_version=True)
        with self.assertRaises(ValidationError):
            self.check("no_such_stream", [good])

    def test_05_only_the_bridge_or_an_ops_manager_may_ask(self):
        """A salesperson cannot learn which records are bound, and what they hold, by probing hashes."""
        record = self.rec("cu-acl", {"name": "Secret Co"})
        self.ingest("companies", [record])
        salesman = new_test_user(self.env, "t_probe_salesman", groups="sales_team.group_sale_salesman")
        with self.assertRaises(AccessError):
            self.env["ops.sync.gateway"].with_user(salesman).check_unchanged("hubspot", "companies", [probe_item(record)])
        answer = (
            self.env["ops.sync.gateway"].with_user(self.manager).check_unchanged("hubspot", "companies", [probe_item(record)])
        )
        self.assertTrue(answer["res_ids"][0])

    def test_06_reads_only(self):
        """Asking writes nothing: no binding, event or record changes, and no lock is taken."""
        record = self.rec("cu-ro", {"name": "Read only"})
        self.ingest("companies", [record])
        binding = self.binding("companies", "cu-ro")
        before = (binding.write_date, binding.synced_at, len(self.events("companies")))
        self.env.cr.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
        locks_before = self.env.cr.fetchone()[0]
        self.check("companies", [probe_item(record), probe_item(self.rec("cu-new", {"name": "New"}))])
        self.env.invalidate_all()
        self.assertEqual((binding.write_date, binding.synced_at, len(self.events("companies"))), before)
        self.assertFalse(self.binding("companies", "cu-new"))
        self.env.cr.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
        self.assertEqual(self.env.cr.fetchone()[0], locks_before)
