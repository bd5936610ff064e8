"""Touchpoints: what a lead or contact did (a page view, a form, an ad click, an email, a call).

They feed engagement and intent scoring and, later, campaign attribution. The bridge imports them
idempotently: `external_id` is unique per source, so replaying an import never duplicates one.
Creating or changing touchpoints re-scores their leads straight away, which is how a nurtured lead
leaves nurture the moment it crosses its team's threshold. Scoring runs as superuser, so a
touchpoint may be created, changed or deleted only by someone who can read its lead, before and
after the change: otherwise it would re-score, and move in or out of nurture, a lead they cannot see.
"""

from odoo import api, fields, models

EVENT_TYPES = [
    ("page_view", "Page view"),
    ("form_submit", "Form submission"),
    ("ad_click", "Ad click"),
    ("email_open", "Email open"),
    ("call_logged", "Call logged"),
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
