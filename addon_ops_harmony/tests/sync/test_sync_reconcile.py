from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ...models.sync.ops_sync_guard import sync_writes
from ...models.sync.ops_sync_schema import content_hash
from ..common import SyncCase


@tagged("post_install", "-at_install")
class TestSyncReconcile(SyncCase):
    """Reconciliation runs through the gateway: the diff, the lines, deletions, the cron and the claim."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.values = {f"r{i}": {"name": f"Reconcile Co {i}"} for i in range(4)}
        results = cls.gateway.ingest("hubspot", "companies", [cls.rec(key, vals) for key, vals in cls.values.items()])["results"]
        cls.partners = cls.env["res.partner"].browse([result["res_id"] for result in results])

    def start(self):
        return self.gateway.reconcile_start("hubspot", "companies")["run_id"]

    def diff(self, run_id, items):
        records = [{"external_id": key, "hash": content_hash(vals)[0] if vals else False} for key, vals in items.items()]
        return self.gateway.reconcile_diff(run_id, records)["status"]

    def test_01_diff_tells_missing_changed_unchanged_and_unreadable(self):
        """One call answers each record's drift, in order, and counts what it read."""
        run_id = self.start()
        items = {"r0": self.values["r0"], "r1": {"name": "Renamed at the vendor"}, "new1": {"name": "New"}, "bad": None}
        self.assertEqual(self.diff(run_id, items), ["unchanged", "changed", "missing", "unreadable"])
        again = self.diff(run_id, {"r0": self.values["r0"]})
        self.assertEqual(again, ["unchanged"], "an id read twice counts once")
        counts = self.gateway.reconcile_finish(run_id, False)["counts"]
        self.assertEqual((counts["read"], counts["unchanged"]), (4, 1))
        run = self.env["ops.sync.reconcile"].browse(run_id)
        self.assertEqual((run.read_count, run.unchanged_count, run.state, run.complete), (4, 1, "done", False))
        self.assertEqual(run.run_by, self.bridge)

    def test_02_a_bound_record_deleted_in_odoo_is_missing(self):
        """A binding whose Odoo record is gone counts as missing, so that ingest creates it again."""
        with sync_writes():
            self.binding("companies", "r2").sudo().res_id = 0
        run_id = self.start()
        self.assertEqual(self.diff(run_id, {"r2": self.values["r2"]}), ["missing"])

    def test_03_unseen_bound_records_are_archived_after_a_complete_read(self):
        """After a complete read, bound records the vendor lacks are archived and listed with their names."""
        run_id = self.start()
        self.diff(run_id, {key: self.values[key] for key in ("r0", "r1")})
        answer = self.gateway.reconcile_finish(run_id, True)
        self.assertEqual(answer["state"], "done")
        self.assertEqual(answer["counts"]["deleted"], 2)
        self.assertEqual(self.partners[2:].mapped("active"), [False, False])
        self.assertEqual(self.partners[:2].mapped("active"), [True, True])
        run = self.env["ops.sync.reconcile"].browse(run_id)
        self.assertEqual(sorted(run.deleted_line_ids.mapped("record_name")), ["Reconcile Co 2", "Reconcile Co 3"])
        self.assertEqual(set(run.deleted_line_ids.mapped("action")), {"archived"})
        self.assertFalse(self.env["ops.sync.reconcile.seen"].sudo().search_count([("reconcile_id", "=", run_id)]))
        again = self.start()
        self.diff(again, {key: self.values[key] for key in ("r0", "r1")})
        self.assertEqual(self.gateway.reconcile_finish(again, True)["counts"]["deleted"], 0, "archived already")

    def test_04_an_incomplete_read_deletes_nothing(self):
        """A run whose vendor read failed archives nothing it did not see, and says why it failed."""
        run_id = self.start()
        self.diff(run_id, {"r0": self.values["r0"]})
        answer = self.gateway.reconcile_finish(run_id, False, "HubSpot answered 500 three times")
        self.assertEqual((answer["state"], answer["counts"]["deleted"]), ("failed", 0))
        self.assertTrue(all(self.partners.mapped("active")))

    def test_05_flag_only_policy_and_the_deletion_feed(self):
        """With the stream set to flag only, a deletion reported by the vendor is listed, the record kept."""
        self.env["ops.sync.stream.setting"].with_user(self.manager).create(
            {"source": "hubspot", "stream": "companies", "deletion_policy": "flag"}
        )
        run_id = self.start()
        self.assertEqual(self.gateway.reconcile_deleted(run_id, ["r3", "never-bound"])["deleted"], 1)
        self.diff(run_id, dict(self.values))
        counts = self.gateway.reconcile_finish(run_id, True)["counts"]
        self.assertEqual(counts["deleted"], 1, "r3 was seen in the deletion feed, not counted twice")
        line = self.env["ops.sync.reconcile"].browse(run_id).line_ids
        self.assertEqual((line.external_id, line.action, line.res_id), ("r3", "flagged", self.partners[3].id))
        self.assertTrue(self.partners[3].active)

    def test_06_lines_record_what_ingest_did(self):
        """The bridge's report of the re-ingest becomes lines with the record's name and the action."""
        run_id = self.start()
        self.gateway.reconcile_lines(
            run_id,
            [
                {"category": "changed", "external_id": "r1", "status": "updated", "reason": False},
                {"category": "missing", "external_id": "gone", "status": "rejected", "reason": "bad e-mail"},
            ],
        )
        counts = self.gateway.reconcile_finish(run_id, False)["counts"]
        self.assertEqual((counts["changed"], counts["missing"], counts["failed"]), (1, 1, 1))
        lines = self.env["ops.sync.reconcile"].browse(run_id).line_ids.sorted("external_id")
        self.assertEqual(lines.mapped("action"), ["failed", "resynced"])
        self.assertEqual(lines[1].record_name, "Reconcile Co 1")
        self.assertEqual(lines[1].action_open_record()["res_id"], self.partners[1].id)

    def test_07_cron_requests_one_run_per_stream_and_the_bridge_claims_it(self):
        """The nightly cron requests runs once per stream; a claim takes each exactly once."""
        Run = self.env["ops.sync.reconcile"]
        requested = Run._cron_request_reconciles()
        self.assertIn(("hubspot", "companies"), {(run.source, run.stream) for run in requested})
        self.assertFalse(Run._cron_request_reconciles(), "nothing is requested twice")
        claimed = self.gateway.reconcile_claim("hubspot", 50)["runs"]
        self.assertIn("companies", [run["stream"] for run in claimed])
        self.assertEqual(set(Run.browse([run["run_id"] for run in claimed]).mapped("state")), {"running"})
        self.assertEqual(self.gateway.reconcile_claim("hubspot", 50)["runs"], [])

    def test_08_junk_input_is_a_validation_error(self):
        """Malformed calls are refused with a readable ValidationError, never a crash."""
        run_id = self.start()
        for call in (
            lambda: self.gateway.reconcile_diff(run_id, "junk"),
            lambda: self.gateway.reconcile_diff(run_id, [{"external_id": ["x"], "hash": False}]),
            lambda: self.gateway.reconcile_diff(run_id, [{"external_id": "x", "hash": "nothex"}]),
            lambda: self.gateway.reconcile_diff("1", []),
            lambda: self.gateway.reconcile_diff(999999, []),
            lambda: self.gateway.reconcile_lines(run_id, [{"category": ["x"], "external_id": "a", "status": "created"}]),
            lambda: self.gateway.reconcile_lines(run_id, [{"category": "deleted", "external_id": "a", "status": "created"}]),
            lambda: self.gateway.reconcile_finish(run_id, "yes"),
            lambda: self.gateway.reconcile_claim(False, 0),
            lambda: self.gateway.reconcile_start("hubspot", "nosuchstream"),
        ):
            with self.subTest(call=call), self.assertRaises(ValidationError):
                call()
        self.gateway.reconcile_finish(run_id, True)
        with self.assertRaises(ValidationError):
            self.diff(run_id, {"r0": self.values["r0"]})

    def test_09_only_the_bridge_and_managers_write_runs(self):
        """A plain Ops user reads reports but cannot start a run, write one, or forge its counts."""
        user = new_test_user(self.env, "t_reconcile_user", groups="addon_ops_harmony.addon_ops_harmony_group_user")
        run_id = self.start()
        run = self.env["ops.sync.reconcile"].with_user(user).browse(run_id)
        self.assertEqual(run.stream, "companies", "Ops users read the report")
        with self.assertRaises(AccessError):
            self.env["ops.sync.gateway"].with_user(user).reconcile_start("hubspot", "companies")
        with self.assertRaises(AccessError):
            run.write({"missing_count": 0})
        with self.assertRaises(AccessError):
            self.env["ops.sync.reconcile"].with_user(self.manager).browse(run_id).write({"deleted_count": 7})
        with self.assertRaises(AccessError):
            self.env["ops.sync.reconcile.line"].with_user(self.manager).create(
                {"reconcile_id": run_id, "category": "missing", "external_id": "x"}
            )
        manager_run = self.env["ops.sync.gateway"].with_user(self.manager).reconcile_start("hubspot", "companies")
        self.assertTrue(manager_run["run_id"])

    def test_10_kept_ids_are_not_deleted(self):
        """Ids another stream adds (guest customers of orders) are kept as seen, so never archived."""
        run_id = self.start()
        self.assertEqual(self.gateway.reconcile_keep(run_id, ["r2", "r3"])["kept"], 2)
        self.diff(run_id, {key: self.values[key] for key in ("r0", "r1")})
        counts = self.gateway.reconcile_finish(run_id, True)["counts"]
        self.assertEqual((counts["read"], counts["deleted"]), (2, 0))
        self.assertTrue(all(self.partners.mapped("active")))
