"""Ad spend per campaign, day and channel: the cost side of CPL, cost per MQL and ROI.

The bridge imports Google Ads and LinkedIn Ads spend into it. One row per (campaign, day,
channel) makes a replayed import update the row it wrote before instead of adding a second one.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..sync.ops_sync_schema import (
    MAPPING,
    VALIDATION,
    Choice,
    Date,
    Integer,
    Number,
    SyncRejected,
    check_values,
    safe_text,
    type_name,
)

CHANNELS = [
    ("google_ads", "Google Ads"),
    ("linkedin_ads", "LinkedIn Ads"),
    ("meta_ads", "Meta Ads"),
    ("other", "Other"),
]

IMPORT_MAX = 2000
IMPORT_SCHEMA = {
    "campaign_id": Integer(required=True, minimum=1),
    "date": Date(required=True),
    "channel": Choice([code for code, _label in CHANNELS], default="other"),
    "amount": Number(minimum=0),
    "clicks": Integer(minimum=0),
    "impressions": Integer(minimum=0),
}


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
        "res.company", string="Company", required=True, index=True, default=lambda self: self.env.company
    )
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
        """Create or update spend lines keyed on (campaign, date, channel); report on each row.

        Public so the bridge can call it over JSON-2; access rights apply as for create/write. A
        payload that is not a list is refused whole; a bad row is reported and the others imported.

        :param vals_list: ``[{"campaign_id", "date", "channel"?, "amount"?, "clicks"?, "impressions"?}]``
        :return: ``{"results": [{"row", "status", "id", "category", "reason"}]}``, one per row, in
            order; status is ``created``, ``updated`` or ``rejected`` (with the reason)
        """
        self.check_access("create")
        self.check_access("write")
        if not isinstance(vals_list, list):
            raise ValidationError(self.env._("The spend rows must be a list of objects, got %s.", type_name(vals_list)))
        if len(vals_list) > IMPORT_MAX:
            raise ValidationError(
                self.env._("%(count)s spend rows in one call; send at most %(max)s.", count=len(vals_list), max=IMPORT_MAX)
            )
        results = [
            {"row": index, "status": False, "id": False, "category": False, "reason": False} for index in range(len(vals_list))
        ]
        rows = {}
        for index, vals in enumerate(vals_list):
            try:
                rows[index] = self._ops_check_spend_row(vals)
            except SyncRejected as exc:
                results[index].update(
                    status="rejected",
                    category=exc.category,
                    reason=self.env._("row %(row)s: %(reason)s", row=index, reason=exc.message),
                )
        known = set(self.env["utm.campaign"].sudo().browse({vals["campaign_id"] for vals in rows.values()}).exists().ids)
        for index, vals in list(rows.items()):
            if vals["campaign_id"] not in known:
                del rows[index]
                results[index].update(
                    status="rejected",
                    category=MAPPING,
                    reason=self.env._("row %(row)s: no campaign with id %(id)s", row=index, id=vals["campaign_id"]),
                )
        existing = (
            self.search(
                [
                    ("campaign_id", "in", list(known)),
                    ("date", "in", list({vals["date"] for vals in rows.values()})),
                    ("channel", "in", list({vals["channel"] for vals in rows.values()})),
                ]
            )
            if rows
            else self.browse()
        )
        by_key = {(line.campaign_id.id, line.date, line.channel): line for line in existing}
        to_create = {}
        for index, vals in rows.items():
            line_key = (vals["campaign_id"], vals["date"], vals["channel"])
            if line_key in by_key:
                by_key[line_key].write(vals)
                results[index].update(status="updated", id=by_key[line_key].id)
            else:
                # a key repeated inside one payload: the last values win, as a replay would
                to_create.setdefault(line_key, []).append(index)
        created = self.create([rows[indexes[-1]] for indexes in to_create.values()])
        for indexes, line in zip(to_create.values(), created):
            for index in indexes:
                results[index].update(status="created", id=line.id)
        return {"results": results}

    @api.model
    def _ops_check_spend_row(self, vals):
        """Return the spend values of one imported row, checked; raise SyncRejected naming the problem."""
        if not isinstance(vals, dict):
            raise SyncRejected(VALIDATION, f"a spend row must be an object, got {type_name(vals)}")
        unknown = sorted(str(key) for key in vals if key not in IMPORT_SCHEMA)
        if unknown:
            raise SyncRejected(
                VALIDATION, f"unknown key(s) {safe_text(', '.join(unknown), 200)}; " f"expected {', '.join(IMPORT_SCHEMA)}"
            )
        checked = check_values(IMPORT_SCHEMA, vals)
        # what a row leaves out stays as it is on the line it updates
        return {key: value for key, value in checked.items() if key in vals or key == "channel"}
