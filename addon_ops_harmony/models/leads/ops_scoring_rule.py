"""Scoring rules: the configurable points that make up a lead's `ops_score`.

Four kinds, all edited by Ops Managers in Operations > Configuration:
- fit: a domain on the lead and/or job-title keywords (who the lead is);
- engagement: points per touchpoint of one type, decayed exponentially with a half-life;
- intent: points once when a touchpoint hits a page or subject, such as '/pricing' or 'demo';
- pls: Odoo's predictive lead scoring probability, weighted.
Each rule knows how to evaluate itself on a batch and to say why it fired; the lead's scoring step
(crm_lead_scoring.py) only orchestrates.
"""

import logging
import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import safe_eval

from ..marketing.ops_touchpoint import EVENT_TYPES

_logger = logging.getLogger(__name__)


def split_keywords(text):
    """Comma-separated keywords as typed, without blanks."""
    return [keyword.strip() for keyword in (text or "").split(",") if keyword.strip()]


class OpsScoringRule(models.Model):
    _name = "ops.scoring.rule"
    _description = "Lead scoring rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        [("fit", "Fit"), ("engagement", "Engagement"), ("intent", "Intent"), ("pls", "Predictive (PLS)")],
        required=True,
        default="fit",
    )
    points = fields.Integer(
        required=True,
        default=10,
        help="Fit and intent: points when the rule fires (negative to penalize). Engagement: points per "
        "event before decay. PLS: points given to a 100% probability.",
    )
    reason = fields.Char(
        translate=True,
        help="Explanation shown on the lead, e.g. 'Visited the pricing page'. Empty: built from the rule.",
    )
    domain = fields.Char(string="Lead condition", default="[]", help="Fit: the leads this rule applies to.")
    job_title_keywords = fields.Char(
        help="Fit: comma-separated whole words matched in the job position, case-insensitive, e.g. 'CTO, founder'.",
    )
    event_type = fields.Selection(EVENT_TYPES, help="Engagement and intent: the touchpoint type counted.")
    half_life_days = fields.Float(
        string="Half-life (days)",
        default=30.0,
        help="Engagement: after this many days an event is worth half its points.",
    )
    max_points = fields.Integer(help="Engagement: cap on this rule's points; 0 means no cap.")
    url_keywords = fields.Char(
        string="Page keywords",
        help="Intent: comma-separated fragments matched in the touchpoint's page or subject, e.g. '/pricing'.",
    )

    @api.constrains("kind", "domain", "job_title_keywords", "event_type", "half_life_days", "url_keywords")
    def _check_kind_settings(self):
        for rule in self:
            if rule.kind == "fit":
                if not rule._ops_domain() and not split_keywords(rule.job_title_keywords):
                    raise ValidationError(self.env._("Fit rule '%s' needs a lead condition or job-title keywords.", rule.name))
            elif rule.kind == "engagement":
                if not rule.event_type or rule.half_life_days <= 0:
                    raise ValidationError(
                        self.env._("Engagement rule '%s' needs a touchpoint type and a positive half-life.", rule.name)
                    )
            elif rule.kind == "intent" and not rule.event_type and not split_keywords(rule.url_keywords):
                raise ValidationError(self.env._("Intent rule '%s' needs a touchpoint type or page keywords.", rule.name))

    @api.constrains("domain")
    def _check_domain(self):
        for rule in self:
            try:
                rule._ops_domain().validate(self.env["crm.lead"])
            # any evaluation, parse or field error means the domain cannot be used
            except Exception as error:
                raise ValidationError(
                    self.env._("Rule '%(rule)s' has an invalid lead condition: %(error)s", rule=rule.name, error=error)
                ) from error

    def _ops_domain(self):
        """The lead condition as a Domain; TRUE when empty."""
        self.ensure_one()
        if not self.domain or self.domain.strip() in ("", "[]"):
            return Domain.TRUE
        context = {
            "datetime": safe_eval.datetime,
            "dateutil": safe_eval.dateutil,
            "time": safe_eval.time,
            "uid": self.env.uid,
            "user": self.env.user,
        }
        return Domain(safe_eval.safe_eval(self.domain, context))

    def _ops_fit_reasons(self, leads):
        """Return {lead id: reason} for the leads of the batch this fit rule matches.

        One SQL query for the condition, then keywords in memory. A condition that no longer fits
        the data model (e.g. a removed field) is logged and skipped: scoring must never block a lead.
        """
        self.ensure_one()
        domain = self._ops_domain()
        matched = leads
        if not domain.is_true():
            try:
                matched = leads.with_context(active_test=False).search(domain & Domain("id", "in", leads.ids))
            except (ValueError, KeyError, TypeError) as error:
                _logger.warning("Scoring rule %s (%s) skipped: %s", self.id, self.name, error)
                return {}
        keywords = split_keywords(self.job_title_keywords)
        reasons = {}
        for lead in matched:
            reason = self.reason or self.name
            if keywords:
                keyword = self._ops_first_keyword(keywords, lead.function)
                if not keyword:
                    continue
                reason = self.reason or self.env._('Job title contains "%s"', keyword)
            reasons[lead.id] = reason
        return reasons

    @staticmethod
    def _ops_first_keyword(keywords, text):
        """The first keyword found as whole words in text ('CTO' is not in 'Director')."""
        if not text:
            return None
        for keyword in keywords:
            if re.search(r"(?<!\w)" + re.escape(keyword) + r"(?!\w)", text, re.IGNORECASE):
                return keyword
        return None

    def _ops_engagement_points(self, touchpoints, now):
        """Return (points, reason) for this engagement rule over one lead's touchpoints, or None.

        Each event is worth `points * 0.5 ** (age_days / half_life)`; events dated in the future
        count as fresh.
        """
        self.ensure_one()
        events = [tp for tp in touchpoints if tp.event_type == self.event_type]
        if not events:
            return None
        decayed = sum(0.5 ** (max((now - tp.event_time).total_seconds(), 0.0) / 86400.0 / self.half_life_days) for tp in events)
        points = self.points * decayed
        capped = bool(self.max_points) and abs(points) > abs(self.max_points)
        if capped:
            points = self.max_points if points > 0 else -abs(self.max_points)
        label = dict(self._fields["event_type"]._description_selection(self.env))[self.event_type]
        what = f"{len(events)} × {label}"
        if self.reason:
            what = f"{self.reason}: {what}"
        if capped:
            reason = self.env._("%(what)s (decayed, capped at %(cap)s)", what=what, cap=self.max_points)
        else:
            reason = self.env._("%(what)s (decayed, half-life %(days)s days)", what=what, days=f"{self.half_life_days:g}")
        return points, reason

    def _ops_intent_points(self, touchpoints, now):
        """Return (points, reason) when any of one lead's touchpoints shows this intent, or None."""
        self.ensure_one()
        keywords = [keyword.lower() for keyword in split_keywords(self.url_keywords)]
        latest = None
        for tp in touchpoints:
            if self.event_type and tp.event_type != self.event_type:
                continue
            haystack = f"{tp.page_url or ''} {tp.name or ''}".lower()
            if keywords and not any(keyword in haystack for keyword in keywords):
                continue
            if latest is None or tp.event_time > latest.event_time:
                latest = tp
        if latest is None:
            return None
        days = max(int((now - latest.event_time).total_seconds() // 86400), 0)
        if days == 0:
            when = self.env._("today")
        elif days == 1:
            when = self.env._("yesterday")
        else:
            when = self.env._("%s days ago", days)
        what = self.reason or f"{self._ops_event_verb(latest.event_type)} {latest.page_url or latest.name or ''}".strip()
        return self.points, f"{what} {when}"

    def _ops_event_verb(self, event_type):
        """How an intent reason starts for a touchpoint type, e.g. 'Visited' for a page view."""
        return {
            "page_view": self.env._("Visited"),
            "form_submit": self.env._("Submitted the form"),
            "ad_click": self.env._("Clicked the ad"),
            "email_open": self.env._("Opened the email"),
            "call_logged": self.env._("Called about"),
        }.get(event_type, "")

    def _ops_pls_points(self, lead):
        """Return (points, reason) weighting the lead's PLS probability, or None when it is zero."""
        self.ensure_one()
        if not lead.probability:
            return None
        points = self.points * lead.probability / 100.0
        reason = self.reason or self.env._(
            "Predicted probability %(probability)s%% (weight %(weight)s)", probability=round(lead.probability), weight=self.points
        )
        return points, reason
