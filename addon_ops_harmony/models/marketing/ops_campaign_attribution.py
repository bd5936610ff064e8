"""Campaign attribution: which campaigns earned a confirmed revenue document, under five models.

When revenue is confirmed (a sale order confirmed, or an invoice posted: the ir.config_parameter
`addon_ops_harmony.attribution_trigger`), the touchpoints of the won lead and of its customer are
ordered by time and weighted by each model. A touch without campaign still takes its share of
the weights, so every model always spreads 100% of the revenue over the journey, but it credits
no campaign: its share stays unattributed rather than inflating the campaigns around it. A journey
without any touchpoint credits the document's own campaign (Odoo's single UTM) with everything.
Cancelling the document reverses its rows: they stay for the audit, marked `reversed`.
"""

from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

ATTRIBUTION_MODELS = [
    ("first_touch", "First touch"),
    ("last_touch", "Last touch"),
    ("linear", "Linear"),
    ("time_decay", "Time decay"),
    ("u_shaped", "U-shaped"),
]
TRIGGER_PARAM = "addon_ops_harmony.attribution_trigger"
HALF_LIFE_PARAM = "addon_ops_harmony.attribution_half_life_days"
REPORT_MODEL_PARAM = "addon_ops_harmony.attribution_model"
DEFAULT_HALF_LIFE_DAYS = 7.0
# measures that only add up within one model: each model spreads 100% of every document's revenue
PER_MODEL_MEASURES = ("attributed_revenue", "weight")
ADDING_AGGREGATES = ("sum", "avg", "sum_currency")


def attribution_weights(model, touch_times, conversion_time, half_life_days=DEFAULT_HALF_LIFE_DAYS):
    """Share of the revenue each touch earns under `model`, in the order of `touch_times`."""
    count = len(touch_times)
    if not count:
        return []
    if model == "first_touch":
        return [1.0] + [0.0] * (count - 1)
    if model == "last_touch":
        return [0.0] * (count - 1) + [1.0]
    if model == "linear":
        return [1.0 / count] * count
    if model == "u_shaped":
        if count <= 2:
            return [1.0 / count] * count
        return [0.4] + [0.2 / (count - 2)] * (count - 2) + [0.4]
    if model == "time_decay":
        # a touch half_life_days before the conversion counts half as much as one at the conversion
        raw = [
            2 ** (-max((conversion_time - touch_time).total_seconds(), 0.0) / 86400.0 / half_life_days)
            for touch_time in touch_times
        ]
        total = sum(raw)
        return [weight / total for weight in raw]
    raise ValueError(f"Unknown attribution model {model!r}")


class OpsCampaignAttribution(models.Model):
    _name = "ops.campaign.attribution"
    _description = "Campaign revenue attribution"
    _order = "conversion_date desc, id desc"
    _rec_name = "campaign_id"

    campaign_id = fields.Many2one("utm.campaign", string="Campaign", required=True, index=True, ondelete="cascade")
    attribution_model = fields.Selection(ATTRIBUTION_MODELS, string="Model", required=True, index=True)
    lead_id = fields.Many2one("crm.lead", string="Opportunity", index="btree_not_null", ondelete="set null")
    partner_id = fields.Many2one("res.partner", string="Customer", ondelete="set null")
    sale_order_id = fields.Many2one("sale.order", string="Sales order", index="btree_not_null", ondelete="cascade")
    move_id = fields.Many2one("account.move", string="Invoice", index="btree_not_null", ondelete="cascade")
    revenue_document = fields.Reference(
        [("sale.order", "Sales order"), ("account.move", "Invoice")],
        string="Revenue document",
        compute="_compute_revenue_document",
    )
    touchpoint_id = fields.Many2one("ops.touchpoint", string="Credited touch", ondelete="set null")
    touch_time = fields.Datetime(string="Touch time")
    conversion_date = fields.Datetime(string="Conversion date", required=True, index=True)
    weight = fields.Float(digits=(16, 6), aggregator="sum", help="Share of the document's revenue credited to this touch.")
    revenue = fields.Monetary(string="Document revenue", aggregator=None, help="Untaxed revenue of the document for this lead.")
    attributed_revenue = fields.Monetary(string="Attributed revenue")
    company_id = fields.Many2one("res.company", string="Company", required=True, index=True)
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id", store=True, string="Currency")
    state = fields.Selection([("active", "Active"), ("reversed", "Reversed")], required=True, default="active", index=True)
    reversed_at = fields.Datetime(string="Reversed at", readonly=True)

    @api.depends("sale_order_id", "move_id")
    def _compute_revenue_document(self):
        for row in self:
            document = row.move_id or row.sale_order_id
            row.revenue_document = f"{document._name},{document.id}" if document else False

    def _read_group_select(self, aggregate_spec, query):
        """Leave a per-model measure empty in any group that spans several attribution models.

        Summing the models would count each document's revenue up to five times: the Attribution
        pivot's total across its model columns, a list grouped by campaign, a JSON-2 read_group.
        """
        fname, _sep, func = aggregate_spec.partition(":")
        select = super()._read_group_select(aggregate_spec, query)
        if fname in PER_MODEL_MEASURES and func in ADDING_AGGREGATES:
            model_sql = self._field_to_sql(self._table, "attribution_model", query)
            return SQL("CASE WHEN COUNT(DISTINCT %s) > 1 THEN NULL ELSE %s END", model_sql, select)
        return select

    @api.model
    def _ops_trigger(self):
        """Which document confirms revenue: `sale_order` (default) or `invoice`."""
        return self.env["ir.config_parameter"].sudo().get_param(TRIGGER_PARAM, "sale_order")

    @api.model
    def _ops_report_model(self):
        """The model reports show when none is chosen: context `ops_attribution_model`, then the parameter."""
        return self.env.context.get("ops_attribution_model") or self.env["ir.config_parameter"].sudo().get_param(
            REPORT_MODEL_PARAM, "linear"
        )

    @api.model
    def _ops_attribute(self, conversions):
        """Write the five models' rows for each conversion not attributed yet; return the rows.

        A conversion is a dict: sale_order_id, move_id, lead (crm.lead), partner (commercial
        res.partner), revenue (company currency), when (datetime), company, campaign (fallback).
        """
        self = self.sudo()
        done = {
            (row.sale_order_id.id, row.move_id.id, row.lead_id.id)
            for row in self.search(
                Domain.OR(
                    [
                        [
                            ("sale_order_id", "in", [c["sale_order_id"] for c in conversions if not c["move_id"]]),
                            ("move_id", "=", False),
                        ],
                        [("move_id", "in", [c["move_id"] for c in conversions if c["move_id"]])],
                    ]
                )
                & Domain("state", "=", "active")
            )
        }
        conversions = [
            c
            for c in conversions
            if c["revenue"] and (c["sale_order_id"] or False, c["move_id"] or False, c["lead"].id) not in done
        ]
        if not conversions:
            return self.browse()
        touches_by_lead, touches_by_partner = self._ops_touchpoints(conversions)
        half_life = float(self.env["ir.config_parameter"].get_param(HALF_LIFE_PARAM) or 0) or DEFAULT_HALF_LIFE_DAYS
        vals_list = []
        for conversion in conversions:
            touches = touches_by_lead[conversion["lead"].id] | touches_by_partner[conversion["partner"].id]
            touches = touches.filtered(lambda touch: touch.event_time <= conversion["when"]).sorted(
                lambda touch: (touch.event_time, touch.id)
            )
            vals_list += self._ops_attribution_vals(conversion, touches, half_life)
        return self.create(vals_list)

    @api.model
    def _ops_touchpoints(self, conversions):
        """Touchpoints of the conversions' leads and customers, fetched at once, keyed both ways."""
        lead_ids = list({c["lead"].id for c in conversions if c["lead"]})
        partner_ids = list({c["partner"].id for c in conversions if c["partner"]})
        domains = []
        if lead_ids:
            domains.append(Domain("lead_id", "in", lead_ids))
        if partner_ids:
            domains.append(Domain("partner_id", "child_of", partner_ids))
        Touchpoint = self.env["ops.touchpoint"].sudo()
        touchpoints = Touchpoint.search(Domain.OR(domains)) if domains else Touchpoint
        touches_by_lead = defaultdict(lambda: Touchpoint)
        touches_by_partner = defaultdict(lambda: Touchpoint)
        for touch in touchpoints:
            if touch.lead_id:
                touches_by_lead[touch.lead_id.id] |= touch
            if touch.partner_id:
                touches_by_partner[touch.partner_id.commercial_partner_id.id] |= touch
        return touches_by_lead, touches_by_partner

    @api.model
    def _ops_attribution_vals(self, conversion, touches, half_life):
        """Rows of the five models for one conversion and its time-ordered touches."""
        company = conversion["company"]
        currency = company.currency_id
        revenue = conversion["revenue"]
        if touches:
            credits = [(touch, touch.campaign_id, touch.event_time) for touch in touches]
        elif conversion["campaign"]:
            credits = [(touches, conversion["campaign"], conversion["when"])]
        else:
            return []
        common = {
            "lead_id": conversion["lead"].id,
            "partner_id": conversion["partner"].id,
            "sale_order_id": conversion["sale_order_id"] or False,
            "move_id": conversion["move_id"] or False,
            "conversion_date": conversion["when"],
            "revenue": revenue,
            "company_id": company.id,
        }
        vals_list = []
        for model, _label in ATTRIBUTION_MODELS:
            weights = attribution_weights(model, [when for _t, _c, when in credits], conversion["when"], half_life)
            amounts = [currency.round(revenue * weight) for weight in weights]
            # rounding leftovers go to the heaviest touch so each model sums to the revenue exactly
            heaviest = max(range(len(weights)), key=lambda index: (weights[index], index))
            amounts[heaviest] = currency.round(amounts[heaviest] + revenue - sum(amounts))
            for (touch, campaign, when), weight, amount in zip(credits, weights, amounts):
                if weight and campaign:
                    vals_list.append(
                        {
                            **common,
                            "campaign_id": campaign.id,
                            "attribution_model": model,
                            "touchpoint_id": touch.id,
                            "touch_time": when,
                            "weight": weight,
                            "attributed_revenue": amount,
                        }
                    )
        return vals_list

    @api.model
    def _ops_reverse_documents(self, orders=None, moves=None):
        """Reverse the active rows whose revenue document is one of these orders or invoices."""
        domains = []
        if orders:
            domains.append(Domain("sale_order_id", "in", orders.ids) & Domain("move_id", "=", False))
        if moves:
            domains.append(Domain("move_id", "in", moves.ids))
        if not domains:
            return self.browse()
        rows = self.sudo().search(Domain.OR(domains) & Domain("state", "=", "active"))
        rows.write({"state": "reversed", "reversed_at": fields.Datetime.now()})
        return rows
