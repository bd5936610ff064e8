"""Touchpoints: what a lead or contact did (a page view, a form, an ad click, an email, a call).

They feed engagement and intent scoring and, later, campaign attribution. The bridge imports them
idempotently: `external_id` is unique per source, so replaying an import never duplicates one.
Creating or changing touchpoints re-scores their leads straight away, which is how a nurtured lead
leaves nurture the moment it crosses its team's threshold. Scoring runs as superuser, so a
touchpoint may be created, changed or deleted only by someone who can read its lead, before and
after the change: otherwise it would re-score, and move in or out of nurture, a lead they cannot see.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"

EVENT_TYPES = [
    ("page_view", "Page view"),
    ("form_submit", "Form submission"),
    ("ad_click", "Ad click"),
    ("email_open", "Email open"),
    ("call_logged", "Call logged"),
]

CAMPAIGN_MATCHES = [
    ("utm_id", "Ad campaign id"),
    ("name", "Name"),
    ("alias", "Alias"),
    ("slug", "Slug of the name"),
    ("created", "New campaign"),
]

# Changing any of these can change a lead's engagement or intent points.
SCORED_FIELDS = {"lead_id", "event_type", "event_time", "page_url", "name"}


class OpsTouchpoint(models.Model):
    _name = "ops.touchpoint"
    _description = "Marketing touchpoint"
    _order = "event_time desc, id desc"

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    lead_id = fields.Many2one("crm.lead", string="Lead", index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index="btree_not_null",
        ondelete="set null",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
    )
    event_type = fields.Selection(EVENT_TYPES, required=True, default="page_view", index=True)
    event_time = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    page_url = fields.Char(string="Page or subject", help="Visited page, submitted form, clicked ad or email subject.")
    source_id = fields.Many2one("utm.source", string="Source", ondelete="set null", index="btree_not_null")
    medium_id = fields.Many2one("utm.medium", string="Medium", ondelete="set null")
    campaign_id = fields.Many2one("utm.campaign", string="Campaign", ondelete="set null", index="btree_not_null")
    # the visit's parameters as they came: they join the revenue to the ad spend (see campaign_match)
    utm_campaign_text = fields.Char("utm_campaign", help="The campaign as the link named it, before matching.")
    utm_id = fields.Char("utm_id", help="The ad platform's campaign id the link carried.")
    utm_term = fields.Char("utm_term", help="The keyword or audience of the ad.")
    utm_content = fields.Char("utm_content", help="The ad or link variant.")
    gclid = fields.Char("Google click id", help="gclid: the Google Ads click that brought the visit.")
    campaign_match = fields.Selection(
        CAMPAIGN_MATCHES,
        string="Campaign matched by",
        help="How the campaign was found: the ad platform's campaign id (utm_id) first, then the name, an alias or "
        "a slug of the campaign's name; a new campaign when none matched.",
    )
    external_id = fields.Char(
        string="External ID",
        copy=False,
        help="Identifier in the source system; unique per source so that imports are idempotent.",
    )

    # A plain UNIQUE (source_id, external_id) would let duplicates through when the source is
    # empty, because NULLs never compare equal in PostgreSQL.
    _external_id_source_uniq = models.UniqueIndex(
        "(COALESCE(source_id, 0), external_id) WHERE external_id IS NOT NULL",
        "A touchpoint with this external ID already exists for this source.",
    )

    @api.depends("event_type", "page_url")
    def _compute_name(self):
        labels = dict(self._fields["event_type"]._description_selection(self.env))
        for touchpoint in self:
            label = labels.get(touchpoint.event_type, "")
            touchpoint.name = f"{label}: {touchpoint.page_url}" if touchpoint.page_url else label

    @api.depends("lead_id")
    def _compute_partner_id(self):
        for touchpoint in self:
            touchpoint.partner_id = touchpoint.lead_id.partner_id or touchpoint.partner_id

    @api.model_create_multi
    def create(self, vals_list):
        touchpoints = super().create(vals_list)
        touchpoints._ops_check_lead_access()
        touchpoints.lead_id._ops_rescore()
        return touchpoints

    def write(self, vals):
        self._ops_check_lead_access()
        rescore = SCORED_FIELDS & set(vals)
        leads_before = self.lead_id if rescore else None
        result = super().write(vals)
        if "lead_id" in vals:
            self._ops_check_lead_access()
        if rescore:
            (leads_before | self.lead_id)._ops_rescore()
        return result

    def unlink(self):
        self._ops_check_lead_access()
        leads = self.lead_id
        result = super().unlink()
        leads.exists()._ops_rescore()
        return result

    def _ops_check_lead_access(self):
        """Raise AccessError unless the user can read the leads of these touchpoints."""
        if not self.env.su:
            self.lead_id.check_access("read")

    @api.model
    def _ops_match_campaigns(self, visits):
        """Return {(utm_id, utm_campaign): (campaign id, how)} for the visits' (utm_id, utm_campaign) pairs.

        The ad campaign whose platform id (its `campaigns` sync binding, any source) is the visit's
        `utm_id` comes first: the id the ad platform put in the link does not depend on spelling,
        and it is what the campaign's spend is keyed by. Otherwise `utm_campaign` is resolved as
        typed values are (`ops.normalizer`): by name, alias or slug, created when unknown.
        """
        keys = {(utm_id or False, name or False) for utm_id, name in visits if utm_id or name}
        ad_ids = list({utm_id for utm_id, _name in keys if utm_id})
        by_id = {}
        if ad_ids:
            # read as superuser: only which campaign an ad platform id is bound to
            bindings = (
                self.env["ops.sync.binding"]
                .sudo()
                .search_fetch(
                    Domain("stream", "=", "campaigns")
                    & Domain("res_model", "=", "utm.campaign")
                    & Domain("external_id", "in", ad_ids),
                    ["external_id", "res_id"],
                    order="id",
                )
            )
            for binding in bindings:
                by_id.setdefault(binding.external_id, binding.res_id)
        names = [name for utm_id, name in keys if name and utm_id not in by_id]
        by_name = self.env["ops.normalizer"]._ops_utm_matched("campaign", names)
        found = {}
        for utm_id, name in keys:
            if utm_id in by_id:
                found[utm_id, name] = (by_id[utm_id], "utm_id")
            elif name in by_name:
                found[utm_id, name] = by_name[name]
        return found

    def action_ops_rematch_campaigns(self):
        """Match these touchpoints' campaigns again from their visit's parameters; re-attribute what they credited.

        For touchpoints that came before their ad campaign was synced, or before an alias said which
        campaign a slug means: the revenue they credited moves to the campaign found now.
        """
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only Ops Managers can match campaigns again and re-attribute revenue."))
        touches = self.filtered(lambda touch: touch.utm_id or touch.utm_campaign_text)
        found = self._ops_match_campaigns((touch.utm_id, touch.utm_campaign_text) for touch in touches)
        moved = self.browse()
        for touch in touches:
            campaign_id, how = found.get((touch.utm_id or False, touch.utm_campaign_text or False), (False, False))
            if campaign_id and campaign_id != touch.campaign_id.id:
                touch.write({"campaign_id": campaign_id, "campaign_match": how})
                moved |= touch
        Attribution = self.env["ops.campaign.attribution"].sudo()
        rows = Attribution.search(Domain("touchpoint_id", "in", moved.ids) & Domain("state", "=", "active"))
        orders = rows.filtered(lambda row: not row.move_id).sale_order_id
        moves = rows.move_id
        Attribution._ops_reverse_documents(orders=orders, moves=moves)
        Attribution._ops_attribute(orders._ops_attribution_conversions() + moves._ops_attribution_conversions())
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if moved else "info",
                "message": self.env._(
                    "%(moved)s of %(count)s touchpoints moved to another campaign; %(documents)s revenue documents "
                    "re-attributed.",
                    moved=len(moved),
                    count=len(self),
                    documents=len(orders) + len(moves),
                ),
            },
        }
