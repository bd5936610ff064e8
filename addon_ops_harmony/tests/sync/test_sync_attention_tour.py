from odoo.tests import HttpCase, new_test_user, tagged

INTEGRATION_GROUP = "addon_ops_harmony.addon_ops_harmony_group_integration"
MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"


@tagged("post_install", "-at_install")
class TestSyncAttentionTour(HttpCase):
    """Needs attention in Chromium, as an Ops Manager who is not an administrator."""

    def test_01_replay_a_cause_from_needs_attention(self):
        """The manager opens the grouped dead letters, replays one cause, and the others stay."""
        manager = new_test_user(self.env, "t_tour_sync_manager", groups=MANAGER_GROUP)
        self.assertFalse(manager.has_group("base.group_system"))
        bridge = new_test_user(self.env, "t_tour_sync_bridge", groups=INTEGRATION_GROUP)
        gateway = self.env["ops.sync.gateway"].with_user(bridge)
        deals = [
            {"external_id": f"t{index}", "values": {"name": f"Tour deal {index}", "stage_key": "tour:intro"}}
            for index in range(3)
        ]
        companies = [{"external_id": "tc1", "values": {"name": 5}}]
        self.assertEqual({r["status"] for r in gateway.ingest("hubspot", "deals", deals)["results"]}, {"rejected"})
        self.assertEqual(gateway.ingest("hubspot", "companies", companies)["results"][0]["status"], "rejected")
        self.env["ops.sync.stage.map"].create(
            {"source": "hubspot", "stage_key": "tour:intro", "stage_id": self.env.ref("crm.stage_lead1").id}
        )
        self.start_tour(
            "/odoo/action-addon_ops_harmony.ops_sync_event_action",
            "addon_ops_harmony_sync_attention",
            login="t_tour_sync_manager",
        )
        events = self.env["ops.sync.event"].search([("source", "=", "hubspot"), ("external_id", "in", ["t0", "t1", "t2", "tc1"])])
        self.assertEqual(sorted(events.mapped("state")), ["dead", "done", "done", "done"])
        self.assertEqual(self.env["crm.lead"].search_count([("name", "like", "Tour deal")]), 3)
