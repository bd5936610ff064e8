import ast

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ...models.sync.ops_sync_message import event_message, generic_cause, record_label
from ..common import SyncCase

FINANCE_GROUP = "addon_ops_harmony.addon_ops_harmony_group_finance"


@tagged("post_install", "-at_install")
class TestSyncAttention(SyncCase):
    """What a person sees in Needs attention: events grouped by cause, readable messages, bulk replay, conflicts."""

    def _deals(self, stages, prefix="d"):
        """Ingest one deal per stage key (none of them mapped yet); return their events."""
        results = self.ingest(
            "deals",
            [self.rec(f"{prefix}{index}", {"name": f"Deal {index}", "stage_key": stage}) for index, stage in enumerate(stages)],
        )
        self.assertEqual({result["category"] for result in results}, {"mapping"})
        return self.env["ops.sync.event"].browse([result["event_id"] for result in results])

    def test_01_needs_attention_groups_by_source_stream_and_cause_with_counts(self):
        """2 unknown stages, 3 bad names and a bridge failure make 3 groups, counted, under source > stream > cause."""
        self._deals(["partners:intro", "partners:intro", "enterprise:demo"])
        self.ingest("companies", [self.rec(f"c{index}", {"name": 100 + index}) for index in range(3)])
        self.gateway.report_failures(
            "woocommerce",
            "orders",
            [
                {
                    "external_id": "731",
                    "category": "validation",
                    "message": "WooCommerce order 731 could not be read: total is missing. What to do: …",
                    "cause": "total is missing (a number expected)",
                }
            ],
        )
        action = self.env.ref("addon_ops_harmony.ops_sync_event_action")
        context = ast.literal_eval(action.context)
        ranks = [context[f"search_default_group_{name}"] for name in ("source", "stream", "cause")]
        self.assertEqual(ranks, sorted(ranks), "source first, then stream, then cause")
        self.assertTrue(context["search_default_attention"])
        groups = (
            self.env["ops.sync.event"]
            .with_user(self.manager)
            ._read_group([("state", "in", ("failed", "dead"))], ["source", "stream", "cause"], ["__count"])
        )
        self.assertEqual(
            sorted(groups),
            [
                ("hubspot", "companies", 'the field "name" must be text, but it is a number', 3),
                ("hubspot", "deals", "unknown deal stage '…': map it under Operations > Configuration > Deal stages", 3),
                ("woocommerce", "orders", "total is missing (a number expected)", 1),
            ],
        )

    def test_02_messages_say_which_record_what_happened_and_what_to_do(self):
        """An event's message names the record as people do, says what happened, then what to do."""
        [result] = self.ingest("companies", [self.rec("42", {"name": ["not", "text"]})])
        event = self.env["ops.sync.event"].browse(result["event_id"])
        self.assertEqual(
            event.message,
            'HubSpot company 42 was not synced: the field "name" must be text, but it is an array. What to do: correct '
            "the record in HubSpot (or the bridge's mapping, if the value is valid there), then Replay it.",
        )
        [junk] = self.ingest("contacts", [7])
        self.assertIn(
            "A HubSpot contact was not synced: the record is a number, not an object",
            self.env["ops.sync.event"].browse(junk["event_id"]).message,
        )
        self.assertEqual(record_label("google_ads", "campaign_spend", "9:2025-01-01"), "Google Ads spend row 9:2025-01-01")
        self.assertEqual(record_label("shopify_plus", "refunds", "5"), "Shopify Plus refund 5", "unknown names still read well")
        self.assertIn("What to do: nothing: the next run retries it", event_message("hubspot", "deals", "1", "rate_limit", "429"))
        self.assertEqual(
            generic_cause("unknown SKU 'A1'; unknown SKU 'B2'; 'lines[3].sku' is empty"), "unknown SKU '…'; '…' is empty"
        )
        self.assertEqual(generic_cause('the field "lines[3].qty" must be a number'), 'the field "lines[…].qty" must be a number')
        long_name = self.ingest("companies", [self.rec("43", {"name": "A" * 300}), self.rec("44", {"name": "B" * 400})])
        causes = self.env["ops.sync.event"].browse([result["event_id"] for result in long_name]).mapped("cause")
        self.assertEqual(causes, ['the field "name" is longer than 256 characters'] * 2, "the length is the record's own")

    def test_03_replaying_whole_groups_confirms_what_was_queued_and_what_comes_next(self):
        """Replay their groups replays every open event of the selected events' causes, and says how many and what next."""
        intro = self._deals(["partners:intro", "partners:intro", "partners:intro"])
        [bad_name] = self.ingest("companies", [self.rec("c1", {"name": 5})])
        other = self.env["ops.sync.event"].browse(bad_name["event_id"])
        queued = self.env["ops.sync.event"].browse(
            self.gateway.report_failures(
                "hubspot",
                "contacts",
                [
                    {
                        "external_id": f"p{index}",
                        "category": "validation",
                        "message": f"p{index} is bad",
                        "cause": "email is a number",
                    }
                    for index in range(4)
                ],
            )["event_ids"]
        )
        self.env["ops.sync.stage.map"].create(
            {"source": "hubspot", "stage_key": "partners:intro", "stage_id": self.env.ref("crm.stage_lead1").id}
        )
        server_action = self.env.ref("addon_ops_harmony.ops_sync_event_action_replay_groups")
        selection = intro[:1] | queued[:1]
        result = server_action.with_user(self.manager).with_context(active_model="ops.sync.event", active_ids=selection.ids).run()
        self.assertEqual(intro.mapped("state"), ["done"] * 3, "the whole group, not just the selected event")
        self.assertEqual(queued.mapped("state"), ["received"] * 4)
        self.assertEqual(other.state, "dead", "another cause is left alone")
        params = result["params"]
        self.assertEqual(params["title"], "Replay of 7 events")
        self.assertIn("3 of 3 replayed in Odoo.", params["message"])
        self.assertIn("4 queued for the bridge: it reads them again on its next `ops-bridge replay`", params["message"])
        self.assertEqual((params["type"], params["sticky"]), ("success", True))

        again = intro.with_user(self.manager).action_replay_groups()
        self.assertEqual(again["params"]["message"], "Nothing to replay: these events are done.")
        failing = other.with_user(self.manager).action_replay()
        self.assertIn("0 of 1 replayed in Odoo. 1 still fail", failing["params"]["message"])
        self.assertEqual(failing["params"]["type"], "warning")

    def test_04_conflicts_show_the_record_name_and_both_values_side_by_side(self):
        """A conflict is named by its record, and lists Odoo's value beside the source's for each field in conflict."""
        self.env["ops.sync.ownership"].create(
            {"source": "hubspot", "model_id": self.env["ir.model"]._get("res.partner").id, "policy": "odoo_wins"}
        )
        [created] = self.ingest("companies", [self.rec("co1", {"name": "Acme", "phone": "+1 555 0100", "city": "Paris"})])
        partner = self.env["res.partner"].browse(created["res_id"])
        partner.write({"phone": "+1 555 0199", "city": "Lyon"})
        self.ingest("companies", [self.rec("co1", {"name": "Acme", "phone": "+1 555 0111", "city": "Nice"})])
        conflicts = (
            self.env["ops.sync.conflict"]
            .with_user(self.manager)
            .search([("binding_id.external_id", "=", "co1")], order="field_name")
        )
        self.assertEqual(len(conflicts), 2, "one per field edited on both sides")
        self.assertEqual(conflicts.mapped("record_name"), ["Acme", "Acme"])
        self.assertEqual(conflicts.mapped("display_name"), ["Acme: City", "Acme: Phone"])
        self.assertEqual(conflicts[0].source_label, "HubSpot")
        side_by_side = [
            (c.field_label, c.odoo_value, c.incoming_value) for c in conflicts[0].record_conflict_ids.sorted("field_name")
        ]
        self.assertEqual(side_by_side, [("City", "Lyon", "Nice"), ("Phone", "+1 555 0199", "+1 555 0111")])
        list_arch = self.env["ops.sync.conflict"].get_view(view_type="list")["arch"]
        order = [list_arch.index(f'name="{fname}"') for fname in ("record_name", "field_label", "odoo_value", "incoming_value")]
        self.assertEqual(order, sorted(order), "the record, the field, then Odoo's value beside the source's")
        partner.unlink()
        self.assertEqual(
            conflicts[0].with_user(self.manager).record_name, "HubSpot company co1", "a deleted record is named by its source"
        )

    def test_05_finance_sees_health_but_cannot_replay(self):
        """An Ops Finance user cannot read or replay dead letters."""
        event = self._deals(["partners:intro"])
        finance = new_test_user(self.env, "t_attention_finance", groups=FINANCE_GROUP)
        with self.assertRaises(AccessError):
            event.with_user(finance).action_replay_groups()
        with self.assertRaises(AccessError):
            event.with_user(finance).action_replay()
        with self.assertRaises(AccessError):
            self.env["ops.sync.event"].with_user(finance).search([])
        self.assertEqual(event.state, "dead")
