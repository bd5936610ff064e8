"""Campaign performance: spend, leads, MQLs and each model's attributed revenue side by side, as a SQL view.

One row per campaign, channel, company and month. Spend and leads are counted once; the revenue
of each attribution model is a measure of its own (`revenue_linear`, `revenue_first_touch`, ...),
so any total, in any grouping, adds figures of one model only: a report with the attribution
model as a dimension would repeat spend and leads in each model's slice, and a total over the
slices would count them five times. Leads and revenue carry no channel of their own; they take
their campaign's primary channel, the one with the most spend.

CPL, cost per MQL and each model's ROI are ratios: in any grouping they are computed from the
group's sums (see `_read_group_select`), never summed or averaged row by row.
"""

from odoo import fields, models, tools
from odoo.tools import SQL

from .ops_campaign_attribution import ATTRIBUTION_MODELS
from .ops_campaign_spend import CHANNELS

REVENUE_FIELDS = {model: f"revenue_{model}" for model, _label in ATTRIBUTION_MODELS}
# ratio field -> (fields whose sums are subtracted for the numerator, field summed as denominator)
RATIOS = {
    "cpl": (("spend",), "lead_count"),
    "cost_per_mql": (("spend",), "mql_count"),
    **{f"roi_{model}": ((revenue, "spend"), "spend") for model, revenue in REVENUE_FIELDS.items()},
}


class OpsCampaignPerformance(models.Model):
    _name = "ops.campaign.performance"
    _description = "Campaign performance"
    _auto = False
    _order = "month desc, campaign_id, channel"
    _rec_name = "campaign_id"
    _depends = {
        "ops.campaign.spend": ["campaign_id", "channel", "company_id", "date", "amount", "clicks", "impressions"],
        "crm.lead": ["campaign_id", "company_id", "create_date", "ops_mql_date"],
        "ops.campaign.attribution": [
            "campaign_id",
            "attribution_model",
            "company_id",
            "conversion_date",
            "attributed_revenue",
            "state",
        ],
        "utm.campaign": ["company_id"],
        "res.company": ["currency_id"],
    }

    campaign_id = fields.Many2one("utm.campaign", string="Campaign", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one("res.currency", string="Currency", readonly=True)
    month = fields.Date(readonly=True)
    spend = fields.Monetary(readonly=True)
    clicks = fields.Integer(readonly=True)
    impressions = fields.Integer(readonly=True)
    lead_count = fields.Integer("Leads", readonly=True)
    mql_count = fields.Integer("MQLs", readonly=True)
    revenue_first_touch = fields.Monetary("Revenue (first touch)", readonly=True)
    revenue_last_touch = fields.Monetary("Revenue (last touch)", readonly=True)
    revenue_linear = fields.Monetary("Revenue (linear)", readonly=True)
    revenue_time_decay = fields.Monetary("Revenue (time decay)", readonly=True)
    revenue_u_shaped = fields.Monetary("Revenue (U-shaped)", readonly=True)
    cpl = fields.Monetary("Cost per lead", readonly=True)
    cost_per_mql = fields.Monetary("Cost per MQL", readonly=True)
    roi_first_touch = fields.Float("ROI (first touch)", readonly=True, help="(Revenue (first touch) - spend) / spend.")
    roi_last_touch = fields.Float("ROI (last touch)", readonly=True, help="(Revenue (last touch) - spend) / spend.")
    roi_linear = fields.Float("ROI (linear)", readonly=True, help="(Revenue (linear) - spend) / spend.")
    roi_time_decay = fields.Float("ROI (time decay)", readonly=True, help="(Revenue (time decay) - spend) / spend.")
    roi_u_shaped = fields.Float("ROI (U-shaped)", readonly=True, help="(Revenue (U-shaped) - spend) / spend.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # one column per model: a row of the attribution table feeds its own model's column only
        revenue_facts = SQL(", ").join(
            SQL("CASE WHEN a.attribution_model = %s THEN a.attributed_revenue ELSE 0 END AS %s", model, SQL.identifier(fname))
            for model, fname in REVENUE_FIELDS.items()
        )
        zero_revenues = SQL(", ").join(SQL("0 AS %s", SQL.identifier(fname)) for fname in REVENUE_FIELDS.values())
        revenue_sums = SQL(", ").join(
            SQL("SUM(f.%s) AS %s", SQL.identifier(fname), SQL.identifier(fname)) for fname in REVENUE_FIELDS.values()
        )
        roi_columns = SQL(", ").join(
            SQL(
                "(SUM(f.%s) - SUM(f.spend)) / NULLIF(SUM(f.spend), 0) AS %s",
                SQL.identifier(fname),
                SQL.identifier(f"roi_{model}"),
            )
            for model, fname in REVENUE_FIELDS.items()
        )
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(view)s AS (
            WITH primary_channel AS (
                SELECT DISTINCT ON (campaign_id) campaign_id, channel
                  FROM ops_campaign_spend
              GROUP BY campaign_id, channel
              ORDER BY campaign_id, SUM(amount) DESC, channel
            ),
            facts AS (
                SELECT s.campaign_id, s.channel, s.company_id,
                       date_trunc('month', s.date)::date AS month,
                       COALESCE(s.amount, 0) AS spend, COALESCE(s.clicks, 0) AS clicks,
                       COALESCE(s.impressions, 0) AS impressions,
                       0 AS lead_count, 0 AS mql_count, %(zero_revenues)s
                  FROM ops_campaign_spend s
             UNION ALL
                SELECT l.campaign_id, pc.channel, COALESCE(l.company_id, c.company_id),
                       date_trunc('month', l.create_date)::date,
                       0, 0, 0, 1, CASE WHEN l.ops_mql_date IS NOT NULL THEN 1 ELSE 0 END, %(zero_revenues)s
                  FROM crm_lead l
                  JOIN utm_campaign c ON c.id = l.campaign_id
             LEFT JOIN primary_channel pc ON pc.campaign_id = l.campaign_id
             UNION ALL
                SELECT a.campaign_id, pc.channel, a.company_id,
                       date_trunc('month', a.conversion_date)::date,
                       0, 0, 0, 0, 0, %(revenue_facts)s
                  FROM ops_campaign_attribution a
             LEFT JOIN primary_channel pc ON pc.campaign_id = a.campaign_id
                 WHERE a.state = 'active'
            )
            SELECT ROW_NUMBER() OVER (ORDER BY f.campaign_id, f.channel, f.company_id, f.month) AS id,
                   f.campaign_id, f.channel, f.company_id, rc.currency_id, f.month,
                   SUM(f.spend) AS spend, SUM(f.clicks) AS clicks, SUM(f.impressions) AS impressions,
                   SUM(f.lead_count) AS lead_count, SUM(f.mql_count) AS mql_count,
                   %(revenue_sums)s,
                   SUM(f.spend) / NULLIF(SUM(f.lead_count), 0) AS cpl,
                   SUM(f.spend) / NULLIF(SUM(f.mql_count), 0) AS cost_per_mql,
                   %(roi_columns)s
              FROM facts f
         LEFT JOIN res_company rc ON rc.id = f.company_id
          GROUP BY f.campaign_id, f.channel, f.company_id, rc.currency_id, f.month
            )
            """,
                view=SQL.identifier(self._table),
                zero_revenues=zero_revenues,
                revenue_facts=revenue_facts,
                revenue_sums=revenue_sums,
                roi_columns=roi_columns,
            )
        )

    def _read_group_select(self, aggregate_spec, query):
        fname, _sep, func = aggregate_spec.partition(":")
        if fname in RATIOS and func in ("sum", "sum_currency"):
            numerator_fields, denominator_field = RATIOS[fname]

            def total(name):
                # amounts follow the requested currency conversion; counts are plain sums
                agg = func if self._fields[name].type == "monetary" else "sum"
                return self._read_group_select(f"{name}:{agg}", query)

            numerator = SQL(" - ").join(total(name) for name in numerator_fields)
            return SQL("(%s) / NULLIF(%s, 0)", numerator, total(denominator_field))
        return super()._read_group_select(aggregate_spec, query)
