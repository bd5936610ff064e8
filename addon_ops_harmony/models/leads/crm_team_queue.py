"""A sales team's queue: the leads waiting for one of its members, and assigning them on demand."""

from odoo import fields, models
from odoo.exceptions import AccessError

# who may run the queue assigner by hand: it assigns leads they may not be able to read
QUEUE_MANAGER_GROUPS = "sales_team.group_sale_manager,addon_ops_harmony.addon_ops_harmony_group_manager"


class CrmTeam(models.Model):
    _inherit = "crm.team"

    ops_queue_count = fields.Integer("Leads waiting", compute="_compute_ops_queue_count")

    def _compute_ops_queue_count(self):
        counts = dict(
            self.env["crm.lead"]._read_group(
                [("team_id", "in", self.ids), ("ops_routing_state", "=", "queued")], ["team_id"], ["__count"]
            )
        )
        for team in self:
            team.ops_queue_count = counts.get(team, 0)

    def action_ops_view_queue(self):
        """Open the leads waiting in these teams' queues, oldest deadline first."""
        action = self.env["ir.actions.actions"]._for_xml_id("addon_ops_harmony.crm_lead_action_ops_queue")
        action["domain"] = [("ops_routing_state", "=", "queued"), ("team_id", "in", self.ids)]
        return action

    def action_ops_assign_queue(self):
        """Assign the queued leads of these teams that a member can take now; sales or Ops managers only."""
        if not self.env.user.has_groups(QUEUE_MANAGER_GROUPS):
            raise AccessError(self.env._("Only sales managers and Ops managers can assign a team's queued leads."))
        self.check_access("read")
        assigned = self.env["crm.lead"].sudo()._ops_assign_queue(self)
        waiting = self.env["crm.lead"].sudo().search_count([("team_id", "in", self.ids), ("ops_routing_state", "=", "queued")])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if assigned else "info",
                "message": self.env._(
                    "%(assigned)s queued leads assigned, %(waiting)s still waiting.", assigned=len(assigned), waiting=waiting
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
