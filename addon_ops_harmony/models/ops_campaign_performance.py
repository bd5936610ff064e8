"""Campaign performance: spend, leads, MQLs and attributed revenue side by side, as a SQL view.

One row per campaign, channel, attribution model, company and month. Spend and lead facts do not
depend on the attribution model, so they are repeated in each model's slice: filter or group by
model, or the totals count them five times. Leads and revenue carry no channel of their own; they
take their campaign's primary channel, the one with the most spend.

CPL, cost per MQL and ROI are ratios: in any grouping they are computed from the group's sums
(see `_read_group_select`), never summed or averaged row by row.
"""

from odoo import fields, models, tools
from odoo.tools import SQL

from .ops_campaign_attribution import ATTRIBUTION_MODELS
from .ops_campaign_spend import CHANNELS

# ratio aggregate -> (fields whose sums are subtracted for the numerator, field summed as denominator)
RATIOS = {
    "cpl:sum": (("spend",), "lead_count"),
    "cost_per_mql:sum": (("spend",), "mql_count"),
    "roi:sum": (("attributed_revenue", "spend"), "spend"),
}


class OpsCampaignPerformance(models.Model):
    _name = "ops.campaign.performance"
    _description = "Campaign performance"
    _auto = False
    _order = "month desc, campaign_id, channel, attribution_model"
    _rec_name = "campaign_id"
    _depends = {
        "ops.campaign.spend": ["campaign_id", "channel", "company_id", "date", "amount", "clicks", "impressions"],
        "crm.lead": ["campaign_id", "company_id", "create_date", "ops_mql_date"],
        "ops.campaign.attribution": [
            "campaign_id", "attribution_model", "company_id", "conversion_date", "attributed_revenue", "state",
        ],
        "utm.campaign": ["company_id"],
        "res.company": ["currency_id"],
    }

    campaign_id = fields.Many2one("utm.campaign", string="Campaign", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    attribution_model = fields.Selection(ATTRIBUTION_MODELS, string="Model", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    month = fields.Date(readonly=True)
    spend = fields.Monetary(readonly=True)
    clicks = fields.Integer(readonly=True)
    impressions = fields.Integer(readonly=True)
    lead_count = fields.Integer("Leads", readonly=True)
    mql_count = fields.Integer("MQLs", readonly=True)
    attributed_revenue = fields.Monetary("Attributed revenue", readonly=True)
    cpl = fields.Monetary("Cost per lead", readonly=True)
    cost_per_mql = fields.Monetary("Cost per MQL", readonly=True)
    roi = fields.Float("ROI", readonly=True, help="(Attributed revenue - spend) / spend.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        models_values = SQL(", ").join(SQL("(%s)", model) for model, _label in ATTRIBUTION_MODELS)
        self.env.cr.execute(SQL(
            """
            CREATE OR REPLACE VIEW %(view)s AS (
            WITH attribution_models(attribution_model) AS (VALUES %(models)s),
            primary_channel AS (
                SELECT DISTINCT ON (campaign_id) campaign_id, channel
                  FROM ops_campaign_spend
              GROUP BY campaign_id, channel
              ORDER BY campaign_id, SUM(amount) DESC, channel
            ),
            facts AS (
                SELECT s.campaign_id, s.channel, m.attribution_model, s.company_id,
                       date_trunc('month', s.date)::date AS month,
                       COALESCE(s.amount, 0) AS spend, COALESCE(s.clicks, 0) AS clicks,
                       COALESCE(s.impressions, 0) AS impressions,
                       0 AS lead_count, 0 AS mql_count, 0 AS attributed_revenue
                  FROM ops_campaign_spend s
            CROSS JOIN attribution_models m
             UNION ALL
                SELECT l.campaign_id, pc.channel, m.attribution_model, COALESCE(l.company_id, c.company_id),
                       date_trunc('month', l.create_date)::date,
                       0, 0, 0, 1, CASE WHEN l.ops_mql_date IS NOT NULL THEN 1 ELSE 0 END, 0
                  FROM crm_lead l
                  JOIN utm_campaign c ON c.id = l.campaign_id
             LEFT JOIN primary_channel pc ON pc.campaign_id = l.campaign_id
            CROSS JOIN attribution_models m
             UNION ALL
                SELECT a.campaign_id, pc.channel, a.attribution_model, a.company_id,
                       date_trunc('month', a.conversion_date)::date,
                       0, 0, 0, 0, 0, a.attributed_revenue
                  FROM ops_campaign_attribution a
             LEFT JOIN primary_channel pc ON pc.campaign_id = a.campaign_id
                 WHERE a.state = 'active'
            )
            SELECT ROW_NUMBER() OVER (ORDER BY f.campaign_id, f.channel, f.attribution_model, f.company_id, f.month) AS id,
                   f.campaign_id, f.channel, f.attribution_model, f.company_id, rc.currency_id, f.month,
                   SUM(f.spend) AS spend, SUM(f.clicks) AS clicks, SUM(f.impressions) AS impressions,
                   SUM(f.lead_count) AS lead_count, SUM(f.mql_count) AS mql_count,
                   SUM(f.attributed_revenue) AS attributed_revenue,
                   SUM(f.spend) / NULLIF(SUM(f.lead_count), 0) AS cpl,
                   SUM(f.spend) / NULLIF(SUM(f.mql_count), 0) AS cost_per_mql,
                   (SUM(f.attributed_revenue) - SUM(f.spend)) / NULLIF(SUM(f.spend), 0) AS roi
              FROM facts f
         LEFT JOIN res_company rc ON rc.id = f.company_id
          GROUP BY f.campaign_id, f.channel, f.attribution_model, f.company_id, rc.currency_id, f.month
            )
            """,
            view=SQL.identifier(self._table),
            models=models_values,
        ))

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec in RATIOS:
            numerator_fields, denominator_field = RATIOS[aggregate_spec]
            numerator = SQL(" - ").join(self._read_group_select(f"{fname}:sum", query) for fname in numerator_fields)
            denominator = self._read_group_select(f"{denominator_field}:sum", query)
            return SQL("(%s) / NULLIF(%s, 0)", numerator, denominator)
        return super()._read_group_select(aggregate_spec, query)
