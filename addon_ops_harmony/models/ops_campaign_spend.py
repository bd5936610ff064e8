"""Ad spend per campaign, day and channel: the cost side of CPL, cost per MQL and ROI.

The bridge imports Google Ads and LinkedIn Ads spend into it. One row per (campaign, day,
channel) makes a replayed import update the row it wrote before instead of adding a second one.
"""

from odoo import api, fields, models

CHANNELS = [
    ("google_ads", "Google Ads"),
    ("linkedin_ads", "LinkedIn Ads"),
    ("meta_ads", "Meta Ads"),
    ("other", "Other"),
]


class OpsCampaignSpend(models.Model):
    _name = "ops.campaign.spend"
    _description = "Campaign ad spend"
    _order = "date desc, campaign_id, channel"
    _rec_name = "campaign_id"

    campaign_id = fields.Many2one("utm.campaign", string="Campaign", required=True, index=True, ondelete="cascade")
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    channel = fields.Selection(CHANNELS, required=True, default="other", index=True)
    amount = fields.Monetary(string="Spend", currency_field="currency_id", help="Spend in the company currency.")
    clicks = fields.Integer()
    impressions = fields.Integer()
    company_id = fields.Many2one(
        "res.company", string="Company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id", string="Currency")

    _campaign_date_channel_uniq = models.Constraint(
        "UNIQUE(campaign_id, date, channel)",
        "There is already a spend line for this campaign, day and channel: update it instead.",
    )
    _amount_positive = models.Constraint(
        "CHECK(amount >= 0 AND clicks >= 0 AND impressions >= 0)",
        "Spend, clicks and impressions cannot be negative.",
    )

    @api.model
    def ops_import_spend(self, vals_list):
        """Create or update spend lines keyed on (campaign, date, channel); return their ids.

        Public so the bridge can call it over JSON-2; access rights apply as for create/write.
        """
        def key(campaign_id, date, channel):
            return campaign_id, fields.Date.to_date(date), channel

        existing = self.search([
            ("campaign_id", "in", [vals["campaign_id"] for vals in vals_list]),
            ("date", "in", [vals["date"] for vals in vals_list]),
            ("channel", "in", [vals.get("channel", "other") for vals in vals_list]),
        ])
        by_key = {key(line.campaign_id.id, line.date, line.channel): line for line in existing}
        updated = self.browse()
        to_create = {}
        for vals in vals_list:
            line_key = key(vals["campaign_id"], vals["date"], vals.get("channel", "other"))
            if line_key in by_key:
                by_key[line_key].write(vals)
                updated |= by_key[line_key]
            else:
                # a key repeated inside one payload: the last values win, as a replay would
                to_create[line_key] = vals
        return (updated | self.create(list(to_create.values()))).ids
