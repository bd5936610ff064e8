"""Server actions: skip the lead rules' runs that would do nothing, before they cost anything.

base.automation runs a rule's server action once per record: 5,000 runs for a 5,000-lead create,
each building a full evaluation context. The lead rules batch their work, so most of those runs
have nothing left to do; `crm.lead._ops_skip_action` tells which, from the records alone.
"""

from odoo import models


class IrActionsServer(models.Model):
    _inherit = "ir.actions.server"

    def run(self):
        context = self.env.context
        if len(self) == 1 and context.get("active_model") == "crm.lead":
            lead_ids = context.get("active_ids") or ([context["active_id"]] if context.get("active_id") else [])
            if lead_ids and self.env["crm.lead"]._ops_skip_action(self, lead_ids):
                return False
        return super().run()
