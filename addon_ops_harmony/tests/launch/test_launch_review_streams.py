from datetime import timedelta

from odoo.tests import TransactionCase, new_test_user, tagged

from ...models.launch.ops_launch_checks_integrations import CURSOR_LAG_HOURS, STALE_AFTER_HOURS
from ...models.sync.ops_sync_guard import sync_writes
from ..common import MANAGER_GROUP

SOURCE = "t_launch_streams"


@tagged("post_install", "-at_install")
class TestLaunchReviewStreams(TransactionCase):
    """Stale streams and lagging cursors: planted, found on their health line, fixed, gone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_launch_streams", groups=MANAGER_GROUP)
        cls.Review = cls.env["ops.launch.review"].with_user(cls.manager)

    def _run(self):
        return self.Review.run_review()

    def _found(self, review, code, line):
        return review.finding_ids.filtered(lambda finding: finding.code == code and finding._ops_record_ids() == line.ids)

    def _sync(self, model, vals):
        """Write sync records the way the gateway does (superuser, inside sync_writes)."""
        with sync_writes():
            return self.env[model].sudo().create(vals)

    def _sync_run(self, stream, hours_ago, completed=True):
        """A run of `stream` that finished `hours_ago` before the transaction's clock (the one the checks read)."""
        finished = self.env.cr.now() - timedelta(hours=hours_ago)
        return self._sync(
            "ops.sync.run",
            {
                "source": SOURCE,
                "stream": stream,
                "run_id": f"t-{stream}-{hours_ago}-{completed}",
                "started_at": finished - timedelta(minutes=1),
                "finished_at": finished,
                "completed": completed,
                "error": False if completed else "the vendor is down",
                "read_count": 10,
            },
        )

    def _cursor(self, stream, hours_ago):
        value = (self.env.cr.now() - timedelta(hours=hours_ago)).isoformat() + "Z"
        with sync_writes():
            return self.env["ops.sync.cursor"].sudo()._ops_set(SOURCE, stream, value)

    def _line(self, stream):
        self.env["ops.sync.health"].invalidate_model()
        return self.env["ops.sync.health"].search([("source", "=", SOURCE), ("stream", "=", stream)])

    def test_01_a_stream_without_a_good_run_for_a_day_is_stale_until_it_runs(self):
        """A last good run older than the threshold is a high finding on its line; a run now resolves it."""
        self._sync_run("contacts", STALE_AFTER_HOURS + 6)
        self._sync_run("deals", 2)  # synced lately: not stale
        line = self._line("contacts")
        before = self._run()
        finding = self._found(before, "integrations.stream_stale", line)
        self.assertEqual((finding.severity, finding.category, finding.res_model), ("high", "integrations", "ops.sync.health"))
        self.assertIn("has not synced for 1 d 6 h", finding.title)
        self.assertFalse(self._found(before, "integrations.stream_stale", self._line("deals")))
        self._sync_run("contacts", 0)
        after = self._run()
        self.assertFalse(self._found(after, "integrations.stream_stale", line))
        self.assertIn(finding, after.resolved_finding_ids)

    def test_02_a_failing_stream_is_not_also_stale_and_webhook_streams_are_not_scheduled(self):
        """A failing stream keeps its own finding only; a stream with events but no run is never stale."""
        self._sync_run("orders", STALE_AFTER_HOURS * 3)
        self._sync_run("orders", 1, completed=False)
        self._sync("ops.sync.event", {"source": SOURCE, "stream": "webhooks", "state": "done", "external_id": "w1"})
        review = self._run()
        self.assertTrue(self._found(review, "integrations.stream_failing", self._line("orders")))
        self.assertFalse(self._found(review, "integrations.stream_stale", self._line("orders")))
        self.assertEqual(self._line("webhooks").state, "no_run")
        self.assertFalse(self._found(review, "integrations.stream_stale", self._line("webhooks")))

    def test_03_a_date_cursor_far_behind_a_stream_that_runs_is_low_until_it_moves(self):
        """Runs complete but the cursor stands days behind: a low finding; once the cursor moves up, resolved."""
        self._sync_run("products", 1)
        self._cursor("products", CURSOR_LAG_HOURS + 24)
        line = self._line("products")
        self.assertGreater(line.cursor_lag_hours, CURSOR_LAG_HOURS)
        before = self._run()
        finding = self._found(before, "integrations.cursor_lag", line)
        self.assertEqual((finding.severity, finding.res_model), ("low", "ops.sync.health"))
        self.assertIn("4 d 0 h", finding.title)
        self._cursor("products", 2)
        after = self._run()
        self.assertFalse(self._found(after, "integrations.cursor_lag", line))
        self.assertIn(finding, after.resolved_finding_ids)

    def test_04_a_stale_stream_is_not_also_reported_for_its_cursor(self):
        """A stream without a good run lately is the stale finding only, whatever its cursor says."""
        self._sync_run("campaigns", STALE_AFTER_HOURS * 2)
        self._cursor("campaigns", CURSOR_LAG_HOURS * 2)
        review = self._run()
        line = self._line("campaigns")
        self.assertTrue(self._found(review, "integrations.stream_stale", line))
        self.assertFalse(self._found(review, "integrations.cursor_lag", line))
