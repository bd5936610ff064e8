import json

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ..common import SyncCase


@tagged("post_install", "-at_install")
class TestSyncEvents(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ops_user = new_test_user(cls.env, "t_sync_plain", groups="addon_ops_harmony.addon_ops_harmony_group_user")

    def _unknown_stage_deal(self, external_id="d1"):
        [result] = self.ingest("deals", [self.rec(external_id, {"name": "Pipeline deal", "stage_key": "partners:intro"})])
        self.assertEqual(result["category"], "mapping")
        return self.env["ops.sync.event"].browse(result["event_id"])

    def test_01_cursors(self):
        """A cursor starts empty, keeps what the bridge sets and is reset by false."""
        self.assertEqual(self.gateway.get_cursor("hubspot", "contacts"), {"value": False})
        self.assertTrue(self.gateway.set_cursor("hubspot", "contacts", "2025-05-01T00:00:00Z"))
        self.gateway.set_cursor("hubspot", "contacts", "2025-05-02T00:00:00Z")
        self.assertEqual(self.gateway.get_cursor("hubspot", "contacts"), {"value": "2025-05-02T00:00:00Z"})
        self.assertEqual(self.gateway.get_cursor("hubspot", "deals"), {"value": False}, "one cursor per stream")
        self.assertEqual(self.env["ops.sync.cursor"].search_count([("source", "=", "hubspot")]), 1)
        self.gateway.set_cursor("hubspot", "contacts", False)
        self.assertEqual(self.gateway.get_cursor("hubspot", "contacts"), {"value": False})
        with self.assertRaises(ValidationError):
            self.gateway.set_cursor("hubspot", "contacts", {"page": 2})

    def test_02_report_failures(self):
        """Failures the bridge reports become events, dead or failed by category, updated when they recur."""
        ids = self.gateway.report_failures(
            "hubspot",
            "contacts",
            [
                {
                    "external_id": "p1",
                    "trace_id": "run1-p1",
                    "category": "validation",
                    "message": "email: Invalid email address",
                    "payload": {"id": "p1", "properties": {"email": "nope"}},
                },
                {
                    "external_id": None,
                    "trace_id": "run1-page3",
                    "category": "rate_limit",
                    "message": "429 after 5 tries",
                    "payload": None,
                },
                {"external_id": "p2", "category": "teapot", "message": "I'm a teapot"},
                "garbage",
            ],
        )["event_ids"]
        self.assertEqual(len(ids), 4)
        events = self.env["ops.sync.event"].browse(ids)
        self.assertEqual(events.mapped("state"), ["dead", "failed", "dead", "dead"])
        self.assertEqual(events.mapped("category"), ["validation", "rate_limit", "validation", "validation"])
        self.assertIn("unknown category 'teapot'", events[2].message)
        self.assertIn("failure #3 as a string, not an object. What to do:", events[3].message)
        self.assertEqual(json.loads(events[0].payload)["properties"]["email"], "nope")
        self.assertFalse(events[0].sync_values)

        again = self.gateway.report_failures(
            "hubspot",
            "contacts",
            [{"external_id": "p1", "trace_id": "run2-p1", "category": "validation", "message": "still invalid"}],
        )
        self.assertEqual(again["event_ids"], ids[:1], "the open event of the key is updated")
        self.assertEqual((events[0].attempts, events[0].trace_id, events[0].message), (2, "run2-p1", "still invalid"))

    def test_03_replay_in_odoo(self):
        """Replaying an event with stored values re-ingests it in Odoo, done once the cause is fixed."""
        event = self._unknown_stage_deal()
        self.assertEqual((event.state, event.attempts), ("dead", 1))
        event.with_user(self.manager).action_replay()
        self.assertEqual((event.state, event.attempts), ("dead", 2), "still failing: one more attempt")

        self.env["ops.sync.stage.map"].create(
            {"source": "hubspot", "stage_key": "partners:intro", "stage_id": self.env.ref("crm.stage_lead1").id}
        )
        action = event.with_user(self.manager).action_replay()
        self.assertEqual((event.state, event.attempts), ("done", 3))
        self.assertEqual(action["params"]["type"], "success")
        lead = self.env["crm.lead"].browse(self.binding("deals", "d1").res_id)
        self.assertEqual((lead.name, lead.stage_id), ("Pipeline deal", self.env.ref("crm.stage_lead1")))

    def test_04_replay_queued_for_the_bridge(self):
        """An event without values is queued for the bridge, which reads the queue and closes what it replayed."""
        [event_id] = self.gateway.report_failures(
            "hubspot",
            "contacts",
            [
                {
                    "external_id": "p9",
                    "trace_id": "run1-p9",
                    "category": "mapping",
                    "message": "unknown lifecycle stage",
                    "payload": {"id": "p9", "email": None},
                }
            ],
        )["event_ids"]
        event = self.env["ops.sync.event"].browse(event_id)
        self.assertEqual(self.gateway.replay_queue()["events"], [])
        event.with_user(self.manager).action_replay()
        self.assertEqual(event.state, "received")
        queue = self.gateway.replay_queue(source="hubspot")["events"]
        self.assertEqual(
            queue,
            [
                {
                    "id": event.id,
                    "source": "hubspot",
                    "stream": "contacts",
                    "external_id": "p9",
                    "payload": {"id": "p9", "email": False},
                    "payload_json": event.payload,
                    "trace_id": "run1-p9",
                    "attempts": 1,
                }
            ],
        )
        self.assertEqual(json.loads(queue[0]["payload_json"]), {"id": "p9", "email": None}, "exact, nulls kept")
        self.assertEqual(self.gateway.replay_queue(source="woocommerce")["events"], [])
        self.assertTrue(self.gateway.close_events([event.id]))
        self.assertEqual(event.state, "done")

        # ingesting the record successfully closes its queued event too
        [other_id] = self.gateway.report_failures(
            "hubspot", "contacts", [{"external_id": "p10", "category": "remote_5xx", "message": "502"}]
        )["event_ids"]
        self.ingest("contacts", [self.rec("p10", {"name": "Back again"})])
        self.assertEqual(self.env["ops.sync.event"].browse(other_id).state, "done")

    def test_05_replay_a_selection_from_the_action_menu(self):
        """The Replay server action replays a selection: values in Odoo, the others queued, conflicts skipped."""
        in_odoo = self._unknown_stage_deal("d1") | self._unknown_stage_deal("d2")
        queued = self.env["ops.sync.event"].browse(
            self.gateway.report_failures(
                "hubspot", "deals", [{"external_id": "d3", "category": "validation", "message": "amount: Expected number"}]
            )["event_ids"]
        )
        self.env["ops.sync.stage.map"].create(
            {"source": "hubspot", "stage_key": "partners:intro", "stage_id": self.env.ref("crm.stage_lead1").id}
        )
        selection = in_odoo | queued
        server_action = self.env.ref("addon_ops_harmony.ops_sync_event_action_replay")
        result = server_action.with_user(self.manager).with_context(active_model="ops.sync.event", active_ids=selection.ids).run()
        self.assertEqual(in_odoo.mapped("state"), ["done", "done"])
        self.assertEqual(queued.state, "received")
        self.assertIn("2 of 2 replayed in Odoo", result["params"]["message"])
        self.assertIn("1 queued for the bridge", result["params"]["message"])

    def test_06_status(self):
        """Status reports the cursors, the events per state and the latest dead letters."""
        self.gateway.set_cursor("google_ads", "campaign_spend", "2025-05-01")
        self._unknown_stage_deal()
        self.gateway.report_failures("hubspot", "contacts", [{"external_id": "p1", "category": "auth", "message": "401"}])
        status = self.gateway.status()
        self.assertEqual(
            [(c["source"], c["stream"], c["value"]) for c in status["cursors"]], [("google_ads", "campaign_spend", "2025-05-01")]
        )
        self.assertTrue(status["cursors"][0]["write_date"])
        self.assertEqual(status["events"], {"received": 0, "done": 0, "failed": 0, "dead": 2})
        self.assertEqual([(d["stream"], d["category"]) for d in status["dead"]], [("contacts", "auth"), ("deals", "mapping")])
        self.assertEqual(status["open_conflicts"], 0)

    def test_07_plain_users_see_and_call_nothing(self):
        """An ordinary ops user can neither call the gateway nor read or replay events."""
        event = self._unknown_stage_deal()
        gateway = self.env["ops.sync.gateway"].with_user(self.ops_user)
        for call in (
            lambda: gateway.ingest("hubspot", "contacts", []),
            gateway.status,
            lambda: gateway.get_cursor("hubspot", "contacts"),
            lambda: gateway.replay_queue(),
        ):
            with self.assertRaises(AccessError):
                call()
        with self.assertRaises(AccessError):
            self.env["ops.sync.event"].with_user(self.ops_user).search([])
        with self.assertRaises(AccessError):
            event.with_user(self.ops_user).action_replay()
        self.assertTrue(self.env["ops.sync.gateway"].with_user(self.manager).status(), "managers may call it")

    def test_08_requeue_from_the_bridge_cli(self):
        """requeue_events replays chosen or all dead events: stored values in Odoo, the others queued."""
        in_odoo = self._unknown_stage_deal("d1")
        bridge_side = self.env["ops.sync.event"].browse(
            self.gateway.report_failures(
                "hubspot", "deals", [{"external_id": "d2", "category": "validation", "message": "amount: Expected number"}]
            )["event_ids"]
        )
        other_source = self.env["ops.sync.event"].browse(
            self.gateway.report_failures(
                "woocommerce", "orders", [{"external_id": "o1", "category": "mapping", "message": "unknown status"}]
            )["event_ids"]
        )
        self.assertEqual(self.gateway.requeue_events(dead=True, source="hubspot"), {"requeued": 1, "reingested": 1, "done": 0})
        self.assertEqual((in_odoo.state, in_odoo.attempts), ("dead", 2), "its stage is still unmapped")
        self.assertEqual((bridge_side.state, other_source.state), ("received", "dead"))
        self.env["ops.sync.stage.map"].create(
            {"source": "hubspot", "stage_key": "partners:intro", "stage_id": self.env.ref("crm.stage_lead1").id}
        )
        self.assertEqual(
            self.gateway.requeue_events(event_ids=[in_odoo.id, other_source.id]), {"requeued": 1, "reingested": 1, "done": 1}
        )
        self.assertEqual((in_odoo.state, other_source.state), ("done", "received"))
        with self.assertRaises(ValidationError):
            self.gateway.requeue_events(event_ids="all")
