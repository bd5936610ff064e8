"""Ad streams (Google Ads): campaigns → utm.campaign, daily spend → ops.campaign.spend.

A campaign that already exists in Odoo under the same name (typed by someone, or created from a
UTM link) is adopted rather than duplicated. Spend is keyed by "<campaign id>:<date>" at the
source and by (campaign, day, channel) in Odoo: re-reading a day replaces that day's figures, it
never adds to them, and a day someone entered by hand is taken over instead of refused.
"""

from odoo import api, models
from odoo.fields import Domain
from odoo.tools.sql import escape_psql

from .ops_sync_schema import Choice, Date, Integer, Number, Text
from ..marketing.ops_campaign_spend import CHANNELS

CAMPAIGN_STATUSES = ("enabled", "paused", "removed", "unknown", "unspecified")


class OpsSyncStreamCampaigns(models.AbstractModel):
    _name = "ops.sync.stream.campaigns"
    _inherit = "ops.sync.stream"
    _description = "Sync stream: ad campaigns"

    _ops_stream = "campaigns"
    _ops_target_model = "utm.campaign"
    _ops_synced_fields = frozenset({"title", "active"})
    _ops_schema = {
        "name": Text(required=True),
        "status": Choice(CAMPAIGN_STATUSES),
    }

    @api.model
    def _ops_map(self, item, lookups):
        item.vals = {"title": item.values["name"], "active": item.values["status"] != "removed"}

    @api.model
    def _ops_adopt(self, items, lookups):
        """Adopt the unbound campaign that has exactly the item's name, if there is one."""
        names = {item.vals["title"].casefold(): item for item in items}
        Campaign = self.env["utm.campaign"].with_context(active_test=False)
        found = Campaign.search_fetch(
            Domain.OR(Domain("title", "=ilike", escape_psql(item.vals["title"])) for item in items), ["title"]
        )
        found -= self._ops_bound(found, lookups["source"])
        matches = found.grouped(lambda campaign: campaign.title.casefold())
        return {names[title].index: campaigns for title, campaigns in matches.items() if title in names and len(campaigns) == 1}


class OpsSyncStreamCampaignSpend(models.AbstractModel):
    _name = "ops.sync.stream.campaign_spend"
    _inherit = "ops.sync.stream"
    _description = "Sync stream: daily ad spend"

    _ops_stream = "campaign_spend"
    _ops_target_model = "ops.campaign.spend"
    _ops_synced_fields = frozenset({"campaign_id", "date", "channel", "amount", "clicks", "impressions"})
    _ops_schema = {
        "campaign_external_id": Text(required=True, max_length=255),
        "date": Date(required=True),
        "channel": Choice([code for code, _label in CHANNELS], default="other"),
        "amount": Number(required=True, minimum=0),
        "clicks": Integer(minimum=0),
        "impressions": Integer(minimum=0),
    }

    @api.model
    def _ops_prepare(self, source, items):
        lookups = super()._ops_prepare(source, items)
        lookups["campaigns"] = self._ops_refs(
            source, "campaigns", [item.values["campaign_external_id"] for item in items], "utm.campaign"
        )
        return lookups

    @api.model
    def _ops_map(self, item, lookups):
        values = item.values
        item.vals = {
            "campaign_id": self._ops_ref_id(item, lookups["campaigns"], "campaign_external_id", "campaign", required=True),
            "date": values["date"],
            "channel": values["channel"],
            "amount": values["amount"],
            "clicks": values["clicks"],
            "impressions": values["impressions"],
        }

    @api.model
    def _ops_adopt(self, items, lookups):
        """Take over the unbound line of the same campaign, day and channel (entered by hand)."""
        keys = {(item.vals["campaign_id"], item.vals["date"], item.vals["channel"]): item for item in items}
        found = self.env["ops.campaign.spend"].search_fetch(
            Domain("campaign_id", "in", list({key[0] for key in keys}))
            & Domain("date", "in", list({key[1] for key in keys}))
            & Domain("channel", "in", list({key[2] for key in keys})),
            ["campaign_id", "date", "channel"],
        )
        found -= self._ops_bound(found, lookups["source"])
        adopted = {}
        for line in found:
            item = keys.get((line.campaign_id.id, line.date, line.channel))
            if item:
                adopted[item.index] = line
        return adopted
