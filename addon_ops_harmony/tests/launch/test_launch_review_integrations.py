from datetime import timedelta

from odoo.tests import TransactionCase, new_test_user, tagged

from ...models.sync.ops_sync_guard import sync_writes
from ..common import MANAGER_GROUP

SOURCE = "t_launch_vendor"


@tagged("post_install", "-at_install")
class TestLaunchReviewIntegrations(TransactionCase):
    """The launch review finds dead letters, failing streams and reconcile drift, and lists them resolved once fixed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_launch_integrations", groups=MANAGER_GROUP)
        cls.Review = cls.env["ops.launch.review"].with_user(cls.manager)
        # runs of the last hours: a run older than a day would also be a stale stream
        cls.clock = cls.env.cr.now() - timedelta(hours=12)

    def _run(self):
        self.env["ops.sync.health"].invalidate_model()  # the health lines are a query, read afresh
        return self.Review.run_review()

    def _found(self, review, code):
        return review.finding_ids.filtered(lambda finding: finding.code == code)

    def _sync(self, model, vals):
        """Write sync records the way the gateway does (superuser, inside sync_writes)."""
        with sync_writes():
            return self.env[model].sudo().create(vals)

    def _event(self, stream, state, external_id):
        return self._sync(
            "ops.sync.event",
            {"source": SOURCE, "stream": stream, "state": state, "external_id": external_id, "message": "bad"},
        )

    def _sync_run(self, stream, completed=True, read=100, rejected=0):
        self.clock += timedelta(hours=1)
        return self._sync(
            "ops.sync.run",
            {
                "source": SOURCE,
                "stream": stream,
                "run_id": f"t-{self.clock.isoformat()}",
                "started_at": self.clock - timedelta(minutes=1),
                "finished_at": self.clock,
                "completed": completed,
                "error": False if completed else "the vendor refused the token",
                "read_count": read,
                "rejected_count": rejected,
                "dead_count": 0,  # the bridge reports every count; the health adds them up
            },
        )

    def _reconcile(self, stream, state="done", missing=0, changed=0):
        return self._sync(
            "ops.sync.reconcile",
            {"source": SOURCE, "stream": stream, "state": state, "missing_count": missing, "changed_count": changed},
        )

    def _health_line(self, stream):
        self.env["ops.sync.health"].invalidate_model()
        return self.env["ops.sync.health"].search([("source", "=", SOURCE), ("stream", "=", stream)])

    def _assert_resolved(self, before, after, code, res_ids):
        """`code` found exactly `res_ids` in `before`, nothing of them in `after`, and after lists it resolved."""
        finding = self._found(before, code).filtered(lambda item: item._ops_record_ids() == sorted(res_ids))
        self.assertEqual(len(finding), 1, code)
        self.assertEqual(finding.category, "integrations")
        self.assertFalse(self._found(after, code).filtered(lambda item: set(item._ops_record_ids()) & set(res_ids)))
        self.assertIn(finding, after.resolved_finding_ids)

    def test_01_dead_events_are_found_per_stream_then_resolved(self):
        """Dead events make one high finding per stream with exactly those events; once done, it is resolved."""
        dead = self._event("contacts", "dead", "c1") | self._event("contacts", "dead", "c2")
        self._event("contacts", "failed", "c3")  # will be retried: not a dead letter
        other = self._event("deals", "dead", "d1")
        before = self._run()
        findings = self._found(before, "integrations.dead_events").filtered(lambda item: item.res_model == "ops.sync.event")
        by_ids = {tuple(finding._ops_record_ids()): finding for finding in findings}
        self.assertEqual(by_ids[tuple(sorted(dead.ids))].severity, "high")
        self.assertIn(tuple(other.ids), by_ids)
        with sync_writes():
            dead.sudo().write({"state": "done"})
        after = self._run()
        self._assert_resolved(before, after, "integrations.dead_events", dead.ids)
        self.assertIn(other.ids, [finding._ops_record_ids() for finding in self._found(after, "integrations.dead_events")])

    def test_02_a_failing_stream_is_high_until_a_run_completes(self):
        """A stream whose last run stopped is a high finding on its health line; a completed run resolves it."""
        self._sync_run("orders")
        self._sync_run("orders", completed=False)
        line = self._health_line("orders")
        self.assertEqual(line.state, "failing")
        before = self._run()
        finding = self._found(before, "integrations.stream_failing").filtered(lambda item: item._ops_record_ids() == line.ids)
        self.assertEqual((finding.severity, finding.res_model), ("high", "ops.sync.health"))
        self.assertIn("refused the token", finding.detail)
        self._sync_run("orders")
        self._assert_resolved(before, self._run(), "integrations.stream_failing", line.ids)

    def test_03_a_stream_that_loses_records_is_medium_until_its_rate_drops(self):
        """A stream above the attention error rate is a medium finding; once its rate drops, it is resolved."""
        self._sync_run("products", read=100, rejected=10)
        line = self._health_line("products")
        self.assertEqual((line.state, line.error_rate), ("attention", 10.0))
        before = self._run()
        finding = self._found(before, "integrations.stream_error_rate").filtered(lambda item: item._ops_record_ids() == line.ids)
        self.assertEqual(finding.severity, "medium")
        self.assertFalse(self._found(before, "integrations.stream_failing") & finding)
        self._sync_run("products", read=1000)
        self._assert_resolved(before, self._run(), "integrations.stream_error_rate", line.ids)

    def test_04_the_latest_finished_reconcile_with_drift_is_found_then_resolved(self):
        """Only the latest finished reconciliation of a stream counts: drift there is medium; a clean one resolves it."""
        self._reconcile("partners", missing=3)  # older drift, superseded below
        drifted = self._reconcile("partners", changed=2, missing=1)
        self._reconcile("partners", state="requested")  # not finished: does not count
        before = self._run()
        findings = self._found(before, "integrations.reconcile_drift").filtered(
            lambda item: item.res_model == "ops.sync.reconcile" and SOURCE in item.title
        )
        self.assertEqual([finding._ops_record_ids() for finding in findings], [drifted.ids])
        self.assertEqual(findings.severity, "medium")
        self.assertIn("3 records", findings.title)
        self._reconcile("partners")
        self._assert_resolved(before, self._run(), "integrations.reconcile_drift", drifted.ids)

    def test_05_clean_sync_data_finds_nothing(self):
        """With completed runs, closed events and reconciliations without drift, no integration finding is left."""
        with sync_writes():
            for model in ("ops.sync.event", "ops.sync.run", "ops.sync.reconcile"):
                self.env[model].sudo().search([]).unlink()
        self._sync_run("contacts")
        self._event("contacts", "done", "c1")
        self._reconcile("contacts", missing=2)
        self._reconcile("contacts")
        review = self._run()
        self.assertEqual(self._health_line("contacts").state, "healthy")
        self.assertFalse(review.finding_ids.filtered(lambda finding: finding.category == "integrations"))
