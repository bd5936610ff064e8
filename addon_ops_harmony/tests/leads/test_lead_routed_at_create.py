from unittest.mock import patch

from odoo.tests import tagged

from ..common import OpsRoutingCase


@tagged("post_install", "-at_install")
class TestLeadRoutedAtCreate(OpsRoutingCase):
    """A batch of new leads gets its teams and owners in the create, and the lead rules run once per batch."""

    def _belgian_leads(self, count):
        return [{"name": f"Batch lead {index}", "type": "lead", "ops_country_input": "Belgium"} for index in range(count)]

    def test_01_owner_and_team_are_create_values_not_a_second_write(self):
        """Routing gives owner and team in the create: no write of the owner follows it."""
        lead_class = self.registry["crm.lead"]
        origin = lead_class.write
        written = []

        def spy(records, vals):
            written.append(set(vals))
            return origin(records, vals)

        with patch.object(lead_class, "write", spy):
            leads = self.env["crm.lead"].create(self._belgian_leads(6))
        self.assertEqual(leads.team_id, self.team)
        self.assertEqual(leads.user_id, self.ann | self.bob | self.cid, "round robin shares the batch")
        self.assertEqual(set(leads.mapped("ops_routing_state")), {"assigned"})
        self.assertFalse([vals for vals in written if vals & {"user_id", "team_id"}])

    def test_02_owner_follows_without_crm_assignment_notice(self):
        """The owner follows the lead and gets the follow-up activity, not crm's "assigned to you"."""
        lead = self.env["crm.lead"].create(self._belgian_leads(1))
        self.assertIn(lead.user_id.partner_id, lead.message_partner_ids)
        self.assertEqual(lead.activity_ids.user_id, lead.user_id)
        assigned = self.env["mail.message"].search(
            [("model", "=", "crm.lead"), ("res_id", "=", lead.id), ("subject", "=like", "You have been assigned to%")]
        )
        self.assertFalse(assigned)

    def test_03_pipeline_action_runs_once_for_the_whole_batch(self):
        """base.automation's one run per record becomes one run per batch for the pipeline's rules."""
        action_class = self.registry["ir.actions.server"]
        origin = action_class.run
        pipeline_action = self.env.ref("addon_ops_harmony.ops_automation_lead_pipeline_action")
        runs = []

        def spy(actions):
            if actions == pipeline_action:
                runs.append(len(actions.env.context.get("active_ids") or ()))
            return origin(actions)

        with patch.object(action_class, "run", spy):
            leads = self.env["crm.lead"].create(self._belgian_leads(20))
        self.assertEqual(runs, [20])
        self.assertEqual(len(leads.filtered("user_id")), 20)

    def test_04_a_batch_with_a_chosen_owner_is_routed_after_create(self):
        """When a person chose an owner for one row, the others are still routed, and that owner kept."""
        vals_list = self._belgian_leads(3)
        vals_list[0]["user_id"] = self.dan.id
        chosen, *others = self.env["crm.lead"].create(vals_list)
        self.assertEqual(chosen.user_id, self.dan)
        self.assertTrue(all(lead.user_id in self.ann | self.bob | self.cid for lead in others))
