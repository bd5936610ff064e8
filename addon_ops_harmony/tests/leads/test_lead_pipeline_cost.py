from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestLeadPipelineCost(TransactionCase):
    """The pipeline's per-lead work inside one batch create stays free of per-lead queries."""

    def test_01_absorbed_rule_runs_cost_no_query(self):
        """Skipping the rule run of a lead its batch already processed issues no SQL query."""
        leads = self.env["crm.lead"].create([{"name": f"Cost lead {index}", "type": "lead"} for index in range(3)])
        lead_model = self.env["crm.lead"]
        action = self.env.ref("addon_ops_harmony.ops_automation_lead_pipeline_action")
        absorbed = lead_model._ops_pending().absorbed
        absorbed.update(leads.ids)
        self.addCleanup(absorbed.difference_update, leads.ids)
        self.assertTrue(lead_model._ops_skip_action(action, leads[:1].ids))  # warms the cached lookups
        with self.assertQueryCount(0):
            skipped = [lead_model._ops_skip_action(action, [lead_id]) for lead_id in leads[1:].ids]
        self.assertEqual(skipped, [True, True])
        self.assertFalse(absorbed & set(leads.ids), "each skipped run consumes its lead")

    def test_02_other_actions_are_not_skipped(self):
        """Another rule's run on an absorbed lead still runs, and the lead stays absorbed for the pipeline's."""
        lead = self.env["crm.lead"].create({"name": "Cost lead", "type": "lead"})
        absorbed = self.env["crm.lead"]._ops_pending().absorbed
        absorbed.add(lead.id)
        self.addCleanup(absorbed.discard, lead.id)
        won_action = self.env.ref("addon_ops_harmony.ops_automation_lead_won_action")
        self.assertFalse(self.env["crm.lead"]._ops_skip_action(won_action, lead.ids))
        self.assertIn(lead.id, absorbed)
