"""A contact carries the most advanced lifecycle stage of its leads and of its contacts' leads."""

from odoo import api, fields, models

from .crm_lead_lifecycle import LIFECYCLE_SELECTION, lifecycle_rank


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Lost (archived) leads count too: the stage they reached is history, not a current state.
    ops_lead_ids = fields.One2many(
        "crm.lead",
        "partner_id",
        string="Leads and opportunities",
        context={"active_test": False},
        groups="sales_team.group_sale_salesman",
    )
    ops_lifecycle_stage = fields.Selection(
        LIFECYCLE_SELECTION,
        string="Lifecycle stage",
        compute="_compute_ops_lifecycle_stage",
        store=True,
        help="The most advanced lifecycle stage among the leads of this contact and of its contacts.",
    )

    @api.depends("ops_lead_ids.ops_lifecycle_stage", "child_ids.ops_lead_ids.ops_lifecycle_stage")
    def _compute_ops_lifecycle_stage(self):
        partners = self.filtered("id")
        family = {partner.id: {partner.id, *partner.child_ids.ids} for partner in partners}
        stage_by_partner = {}
        if partners:
            groups = (
                self.env["crm.lead"]
                .with_context(active_test=False)
                ._read_group(
                    [("partner_id", "in", list(set().union(*family.values()))), ("ops_lifecycle_stage", "!=", False)],
                    ["partner_id", "ops_lifecycle_stage"],
                )
            )
            for partner, stage in groups:
                if lifecycle_rank(stage) >= lifecycle_rank(stage_by_partner.get(partner.id)):
                    stage_by_partner[partner.id] = stage
        for partner in self:
            stages = [stage_by_partner[pid] for pid in family.get(partner.id, ()) if pid in stage_by_partner]
            partner.ops_lifecycle_stage = max(stages, key=lifecycle_rank) if stages else False
