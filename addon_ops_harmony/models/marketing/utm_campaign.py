"""Campaign ROI: spend, leads, MQLs and attributed revenue, and the ratios between them.

Every figure comes from one grouped query per source for the whole recordset. The revenue follows
one attribution model: context key `ops_attribution_model`, else the parameter
`addon_ops_harmony.attribution_model` (default `linear`). Amounts are in the current company's
currency, over the companies the user has selected.
"""

from odoo import fields, models

ROI_GROUPS = "addon_ops_harmony.addon_ops_harmony_group_finance,addon_ops_harmony.addon_ops_harmony_group_manager"


class UtmCampaign(models.Model):
    _inherit = "utm.campaign"

    ops_currency_id = fields.Many2one("res.currency", compute="_compute_ops_roi", groups=ROI_GROUPS)
    ops_spend = fields.Monetary("Ad spend", compute="_compute_ops_roi", currency_field="ops_currency_id", groups=ROI_GROUPS)
    ops_lead_count = fields.Integer("Leads", compute="_compute_ops_roi", groups=ROI_GROUPS)
    ops_mql_count = fields.Integer("MQLs", compute="_compute_ops_roi", groups=ROI_GROUPS)
    ops_attributed_revenue = fields.Monetary(
        "Attributed revenue", compute="_compute_ops_roi", currency_field="ops_currency_id", groups=ROI_GROUPS
    )
    ops_cpl = fields.Monetary("Cost per lead", compute="_compute_ops_roi", currency_field="ops_currency_id", groups=ROI_GROUPS)
    ops_cost_per_mql = fields.Monetary(
        "Cost per MQL", compute="_compute_ops_roi", currency_field="ops_currency_id", groups=ROI_GROUPS
    )
    ops_roi = fields.Float(
        "ROI",
        compute="_compute_ops_roi",
        groups=ROI_GROUPS,
        help="(Attributed revenue - spend) / spend; 1.0 means the campaign earned twice what it cost.",
    )

    def _compute_ops_roi(self):
        campaign_ids = self.ids
        companies = [("company_id", "in", self.env.companies.ids)]
        env = self.env(su=True)
        spend = dict(
            env["ops.campaign.spend"]._read_group(
                [("campaign_id", "in", campaign_ids), *companies], ["campaign_id"], ["amount:sum"]
            )
        )
        # lost leads were generated too: they count, so archived leads are included
        leads = (
            env["crm.lead"]
            .with_context(active_test=False)
            ._read_group([("campaign_id", "in", campaign_ids)], ["campaign_id"], ["__count", "ops_mql_date:count"])
        )
        lead_counts = {campaign: (count, mqls) for campaign, count, mqls in leads}
        attribution = env["ops.campaign.attribution"]
        revenue = dict(
            attribution._read_group(
                [
                    ("campaign_id", "in", campaign_ids),
                    ("state", "=", "active"),
                    ("attribution_model", "=", attribution._ops_report_model()),
                    *companies,
                ],
                ["campaign_id"],
                ["attributed_revenue:sum"],
            )
        )
        currency = self.env.company.currency_id
        for campaign in self:
            key = campaign._origin  # records compare by model and id, whatever their environment
            campaign_spend = spend.get(key, 0.0)
            lead_count, mql_count = lead_counts.get(key, (0, 0))
            campaign_revenue = revenue.get(key, 0.0)
            campaign.ops_currency_id = currency
            campaign.ops_spend = campaign_spend
            campaign.ops_lead_count = lead_count
            campaign.ops_mql_count = mql_count
            campaign.ops_attributed_revenue = campaign_revenue
            campaign.ops_cpl = campaign_spend / lead_count if lead_count else 0.0
            campaign.ops_cost_per_mql = campaign_spend / mql_count if mql_count else 0.0
            campaign.ops_roi = (campaign_revenue - campaign_spend) / campaign_spend if campaign_spend else 0.0
