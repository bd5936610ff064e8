from datetime import timedelta

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..common import SyncCase
from ..json2 import json2_post

USER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_user"
FINANCE_GROUP = "addon_ops_harmony.addon_ops_harmony_group_finance"


def run(run_id, finished_at, completed=True, read=100, rejected=0, dead=0, **extra):
    """A run as the bridge reports it: started a minute before it finished."""
    return {
        "run_id": run_id,
        "started_at": finished_at.replace("T10:00", "T09:59"),
        "finished_at": finished_at,
        "completed": completed,
        "error": False if completed else "HubSpot answered 401: the token was refused",
        "cursor": "2025-05-01T00:00:00Z",
        "read": read,
        "created": read - rejected - dead,
        "updated": 0,
        "unchanged": 0,
        "conflict": 0,
        "rejected": rejected,
        "dead": dead,
        "bugs": 0,
        **extra,
    }


@tagged("post_install", "-at_install")
class TestSyncHealth(SyncCase):
    """The run log the bridge reports to, and the health line of each source and stream."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ops_user = new_test_user(cls.env, "t_health_user", groups=USER_GROUP)
        cls.finance = new_test_user(cls.env, "t_health_finance", groups=FINANCE_GROUP)

    def _health(self, user=None, **where):
        self.env["ops.sync.health"].invalidate_model()  # a new request reads it afresh
        lines = self.env["ops.sync.health"].with_user(user or self.ops_user).search([])
        return {(line.source, line.stream): line for line in lines if all(line[key] == value for key, value in where.items())}

    def test_01_the_bridge_reports_a_run_once_even_when_it_retries(self):
        """report_run stores one line per run and stream; the same run reported again updates it."""
        first = self.gateway.report_run("hubspot", "contacts", run("r1", "2025-05-01T10:00:00Z", read=10))
        again = self.gateway.report_run("hubspot", "contacts", run("r1", "2025-05-01T10:00:00Z", read=12))
        self.assertEqual(first, again)
        line = self.env["ops.sync.run"].browse(first["run_id"])
        self.assertEqual((line.read_count, line.created_count, line.completed, line.duration), (12, 12, True, 60.0))
        self.assertEqual(str(line.finished_at), "2025-05-01 10:00:00")
        self.assertEqual(self.env["ops.sync.run"].search_count([("run_id", "=", "r1")]), 1)

    def test_02_junk_runs_are_refused_with_a_reason(self):
        """A malformed run is a ValidationError naming the problem, and nothing is stored."""
        good = run("r2", "2025-05-01T10:00:00Z")
        for junk, fragment in (
            ("a run", "run must be an object"),
            ({**good, "run_id": ""}, "run_id must be printable text"),
            ({**good, "run_id": "x" * 65}, "run_id must be printable text"),
            ({**good, "started_at": "yesterday"}, "is not an ISO 8601 date-time"),
            ({**good, "finished_at": "2025-05-01T09:00:00Z"}, "finished_at must not be before started_at"),
            ({**good, "completed": "yes"}, "completed must be true or false"),
            ({**good, "read": -1}, "read must be a whole number from 0"),
            ({**good, "dead": True}, "dead must be a whole number from 0"),
            ({**good, "rejected": 2**40}, "rejected must be a whole number from 0"),
            ({**good, "error": {"nested": 1}}, "error must be text or false"),
        ):
            with self.assertRaisesRegex(ValidationError, fragment):
                self.gateway.report_run("hubspot", "contacts", junk)
        with self.assertRaises(ValidationError):
            self.gateway.report_run("HubSpot!", "contacts", good)
        self.assertFalse(self.env["ops.sync.run"].search_count([]))

    def test_03_each_stream_has_a_health_line(self):
        """Last good run, error rate over the last runs, backlog, dead letters and cursor lag, per source and stream."""
        self.gateway.report_run("hubspot", "contacts", run("r1", "2025-05-01T10:00:00Z", read=100, rejected=2, dead=3))
        self.gateway.report_run("hubspot", "contacts", run("r2", "2025-05-02T10:00:00Z", read=300, dead=5))
        self.gateway.report_run("hubspot", "deals", run("r2", "2025-05-02T10:00:00Z", read=50))
        self.gateway.report_run("hubspot", "deals", run("r3", "2025-05-03T09:00:00Z", completed=False, read=0))
        twelve_hours_ago = self.env.cr.now() - timedelta(hours=12)
        self.gateway.set_cursor("hubspot", "contacts", twelve_hours_ago.isoformat() + "Z")
        self.gateway.set_cursor("hubspot", "deals", "opaque-page-token")
        self.gateway.report_failures(
            "hubspot",
            "contacts",
            [
                {"external_id": "p1", "category": "remote_5xx", "message": "502"},
                {"external_id": "p2", "category": "rate_limit", "message": "429"},
                {"external_id": "p3", "category": "validation", "message": "bad email"},
            ],
        )
        self.gateway.report_failures("woocommerce", "orders", [{"external_id": "7", "category": "mapping", "message": "no SKU"}])
        health = self._health()
        contacts, deals, orders = health["hubspot", "contacts"], health["hubspot", "deals"], health["woocommerce", "orders"]
        self.assertEqual(
            (contacts.state, str(contacts.last_good_run_at), contacts.recent_runs, contacts.recent_read, contacts.recent_failed),
            ("attention", "2025-05-02 10:00:00", 2, 400, 10),
        )
        self.assertEqual((contacts.error_rate, contacts.backlog, contacts.dead_count), (2.5, 2, 1))
        self.assertEqual((contacts.cursor_lag_hours, contacts.cursor_lag), (12.0, "12 h 00 min"))
        self.assertEqual(
            (deals.state, str(deals.last_run_at), str(deals.last_good_run_at)),
            ("failing", "2025-05-03 09:00:00", "2025-05-02 10:00:00"),
        )
        self.assertEqual(deals.last_error, "HubSpot answered 401: the token was refused")
        self.assertEqual(deals.cursor_lag, "0 min", "an opaque cursor lags from when it last moved: just now")
        self.assertEqual((orders.state, orders.dead_count, orders.last_good_run_at), ("no_run", 1, False))

        # a healthy stream: its runs lost under 5 % and nothing waits for a person
        self.gateway.report_run("google_ads", "campaign_spend", run("r4", "2025-05-03T08:00:00Z", read=1000, rejected=4))
        self.assertEqual(self._health()["google_ads", "campaign_spend"].state, "healthy")

    def test_04_the_error_rate_covers_the_last_ten_runs(self):
        """Old runs drop out of the error rate; the last good run stays."""
        self.gateway.report_run("csv", "contacts", run("old", "2025-04-01T10:00:00Z", read=100, dead=100))
        for day in range(1, 11):
            self.gateway.report_run("csv", "contacts", run(f"r{day}", f"2025-05-{day:02d}T10:00:00Z", read=10))
        line = self._health()["csv", "contacts"]
        self.assertEqual((line.recent_runs, line.recent_read, line.recent_failed, line.error_rate), (10, 100, 0, 0.0))

    def test_05_who_reads_and_who_writes(self):
        """Ops users and Ops Finance read runs and health; only the gateway writes runs, for the bridge or a manager."""
        self.gateway.report_run("hubspot", "contacts", run("r1", "2025-05-01T10:00:00Z"))
        for user in (self.ops_user, self.finance, self.manager):
            self.assertTrue(self.env["ops.sync.run"].with_user(user).search([]), user.login)
            self.assertTrue(self._health(user), user.login)
        self.assertTrue(
            self.env["ops.sync.gateway"]
            .with_user(self.manager)
            .report_run("hubspot", "contacts", run("r2", "2025-05-02T10:00:00Z"))
        )
        for user in (self.ops_user, self.finance):
            with self.assertRaises(AccessError):
                self.env["ops.sync.gateway"].with_user(user).report_run("hubspot", "contacts", run("r3", "2025-05-03T10:00:00Z"))
        line = self.env["ops.sync.run"].search([("run_id", "=", "r1")])
        for user in (self.ops_user, self.manager, self.bridge):
            with self.assertRaises(AccessError):
                line.with_user(user).write({"read_count": 0})
            with self.assertRaises(AccessError):
                self.env["ops.sync.run"].with_user(user).create({**line.copy_data()[0], "run_id": "forged"})
        with self.assertRaises(AccessError):
            line.sudo().write({"completed": False})
        self.assertEqual(self.env["ops.sync.run"].search_count([]), 2)


@tagged("post_install", "-at_install")
class TestSyncHealthJson2(HttpCase):
    """The run log and the health over JSON-2, tried as the bridge, a plain ops user and a finance user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bridge_key = cls.env["res.users"]._ops_bridge_provision_key(login="t_health_bridge")
        cls.ops_user = new_test_user(cls.env, "t_health_json2_user", groups=USER_GROUP)
        cls.finance = new_test_user(cls.env, "t_health_json2_finance", groups=FINANCE_GROUP)
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "health test", None)
            for user in (cls.ops_user, cls.finance)
        }

    def test_01_the_bridge_reports_runs_and_junk_is_a_422(self):
        """The bridge's key reports a run; a malformed run is a 422 with the reason, never a 500."""
        ok = json2_post(
            self,
            "ops.sync.gateway",
            "report_run",
            self.bridge_key,
            source="hubspot",
            stream="contacts",
            run=run("j1", "2025-05-01T10:00:00Z"),
        )
        self.assertEqual(ok.status_code, 200, ok.text)
        self.assertTrue(ok.json()["run_id"])
        for junk in (None, [], {"run_id": 5}, {**run("j2", "2025-05-01T10:00:00Z"), "finished_at": 17}):
            response = json2_post(
                self, "ops.sync.gateway", "report_run", self.bridge_key, source="hubspot", stream="contacts", run=junk
            )
            self.assertEqual(response.status_code, 422, response.text)
            self.assertEqual(response.json()["name"], "odoo.exceptions.ValidationError")
        raw = json2_post(
            self,
            "ops.sync.gateway",
            "report_run",
            self.bridge_key,
            raw='{"source": "hubspot", "stream": "contacts", "run": {"run_id": "\\ud800"}}',
        )
        self.assertEqual(raw.status_code, 422, raw.text)

    @mute_logger("odoo.http")
    def test_02_plain_users_cannot_write_runs_forge_health_or_replay(self):
        """An ops user or a finance user reads the health but cannot report a run, write one, forge health or replay."""
        bridge = self.env["res.users"].search([("login", "=", "t_health_bridge")])
        self.env["ops.sync.gateway"].with_user(bridge).report_run("hubspot", "contacts", run("j3", "2025-05-01T10:00:00Z"))
        event_ids = (
            self.env["ops.sync.gateway"]
            .sudo()
            .report_failures("hubspot", "contacts", [{"external_id": "p1", "category": "validation", "message": "bad"}])[
                "event_ids"
            ]
        )
        health_id = self.env["ops.sync.health"].search([("source", "=", "hubspot")], limit=1).id
        run_id = self.env["ops.sync.run"].search([("run_id", "=", "j3")]).id
        for user, key in self.keys.items():
            read = json2_post(self, "ops.sync.health", "search_read", key, domain=[], fields=["source", "stream", "state"])
            self.assertEqual(read.status_code, 200, read.text)
            self.assertIn({"id": health_id, "source": "hubspot", "stream": "contacts", "state": "attention"}, read.json())
            for model, method, params in (
                (
                    "ops.sync.gateway",
                    "report_run",
                    {"source": "hubspot", "stream": "contacts", "run": run("forged", "2025-05-02T10:00:00Z")},
                ),
                (
                    "ops.sync.run",
                    "create",
                    {
                        "vals_list": [
                            {
                                "source": "hubspot",
                                "stream": "contacts",
                                "run_id": "forged",
                                "started_at": "2025-05-02 10:00:00",
                                "finished_at": "2025-05-02 10:00:00",
                                "completed": True,
                            }
                        ]
                    },
                ),
                ("ops.sync.run", "write", {"ids": [run_id], "vals": {"completed": False}}),
                ("ops.sync.health", "write", {"ids": [health_id], "vals": {"state": "healthy"}}),
                ("ops.sync.event", "action_replay", {"ids": event_ids}),
                ("ops.sync.event", "action_replay_groups", {"ids": event_ids}),
            ):
                response = json2_post(self, model, method, key, **params)
                self.assertIn(response.status_code, (403, 422), f"{user.login} {model}.{method}: {response.text}")
                self.assertNotEqual(response.status_code, 500)
        self.assertFalse(self.env["ops.sync.run"].search_count([("run_id", "=", "forged")]))
        self.assertTrue(self.env["ops.sync.run"].browse(run_id).completed)
        self.assertEqual(self.env["ops.sync.event"].browse(event_ids).state, "dead", "not replayed")
