"""Lead scoring and nurture: the pipeline's score and MQL-or-nurture steps.

The score step evaluates every active `ops.scoring.rule` on the whole batch (one query per fit
condition, one for all touchpoints), stores the clamped 0–100 `ops_score` and one explanation line
per rule that fired. Both steps run after routing, on the lead's final team, which decides
Odoo's PLS probability (a PLS rule's input) and the MQL threshold: at or above the team's threshold
a lead becomes `mql`; below it, it is nurtured with a tag and a mailing-list subscription. Later
lifecycle stages belong to the lifecycle step and are never downgraded here.

After intake, the rule `ops_automation_lead_rescore` scores a lead again when a scoring input the
pipeline does not watch changes: its industry, or crm's PLS probability (stage, team, contact data).
"""

import math
from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Command, Domain

from .crm_lead_pipeline import CREATING_KEY, RUNNING_KEY

SCORED_STAGES = ("lead", "mql")
RESCORE_ACTION = "addon_ops_harmony.ops_automation_lead_rescore_action"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ops_score = fields.Integer(
        string="Score",
        default=0,
        readonly=True,
        copy=False,
        index=True,
        aggregator="avg",
        help="Fit, engagement, intent and PLS points from the scoring rules, clamped to 0-100.",
    )
    ops_score_line_ids = fields.One2many(
        "ops.lead.score.line",
        "lead_id",
        string="Score explanation",
        readonly=True,
        copy=False,
    )
    ops_nurture = fields.Boolean(
        string="In nurture",
        readonly=True,
        copy=False,
        index=True,
        help="Scored below the team's MQL threshold: tagged and subscribed to the nurture mailing list.",
    )
    ops_touchpoint_ids = fields.One2many("ops.touchpoint", "lead_id", string="Touchpoints")
    ops_touchpoint_count = fields.Integer(compute="_compute_ops_touchpoint_count", string="Touchpoint count")

    def _compute_ops_touchpoint_count(self):
        counts = dict(
            self.env["ops.touchpoint"]._read_group(
                [("lead_id", "in", self.ids)],
                ["lead_id"],
                ["__count"],
            )
        )
        for lead in self:
            lead.ops_touchpoint_count = counts.get(lead, 0)

    def action_ops_view_touchpoints(self):
        """Open the lead's touchpoints, new ones prefilled with the lead."""
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("addon_ops_harmony.ops_touchpoint_action")
        action["domain"] = [("lead_id", "=", self.id)]
        action["context"] = {"default_lead_id": self.id}
        return action

    @api.model
    def _ops_skip_action(self, action, lead_ids):
        # while leads are created or the pipeline runs, the pipeline's own score step comes after;
        # base.automation runs its rules on a create with `old_values=None` in the context
        context = self.env.context
        created = "old_values" in context and context["old_values"] is None
        # the xml id lookup is cached; env.ref would query the action's existence on every run
        if (created or context.get(CREATING_KEY) or context.get(RUNNING_KEY)) and action.id == self.env[
            "ir.model.data"
        ]._xmlid_to_res_id(RESCORE_ACTION):
            return True
        return super()._ops_skip_action(action, lead_ids)

    def _ops_rescore(self):
        """Score these leads again and move them across the MQL threshold (touchpoints call this)."""
        leads = self.exists()
        if leads:
            leads._ops_score()
            leads._ops_apply_mql_threshold()

    def _ops_score_now(self):
        """The moment engagement decay is measured from. Override (or patch in tests) to change it."""
        return fields.Datetime.now()

    def _ops_score(self):
        """Score the batch: replace its explanation lines and write the changed scores."""
        leads = self.sudo()
        if not leads:
            return
        # crm recomputes the PLS probability lazily: do it now, while the re-score rule knows it
        # runs inside the pipeline, rather than at the next flush, once per lead
        leads.mapped("probability")
        rules = self.env["ops.scoring.rule"].sudo().search([])
        fired = leads._ops_evaluate_rules(rules)
        leads._ops_replace_score_lines(fired)
        ids_by_score = defaultdict(list)
        for lead in leads:
            total = sum(points for _rule, points, _reason in fired.get(lead.id, ()))
            score = min(max(math.floor(total + 0.5), 0), 100)
            if score != lead.ops_score:
                ids_by_score[score].append(lead.id)
        for score, ids in ids_by_score.items():
            leads.browse(ids).write({"ops_score": score})

    def _ops_replace_score_lines(self, fired):
        """Store the explanation lines; leads whose explanation did not change are left alone."""
        line_model = self.env["ops.lead.score.line"].sudo()
        existing = line_model.search_fetch([("lead_id", "in", self.ids)], ["lead_id", "rule_id", "points", "reason"])
        current = defaultdict(set)
        lines_by_lead = defaultdict(list)
        for line in existing:
            current[line.lead_id.id].add((line.rule_id.id, line.points, line.reason))
            lines_by_lead[line.lead_id.id].append(line.id)
        stale_ids, new_lines = [], []
        for lead_id in self.ids:
            wanted = {(rule.id, round(points, 1), reason) for rule, points, reason in fired.get(lead_id, ())}
            if wanted == current.get(lead_id, set()):
                continue
            stale_ids += lines_by_lead.get(lead_id, [])
            new_lines += [
                {"lead_id": lead_id, "rule_id": rule_id, "points": points, "reason": reason} for rule_id, points, reason in wanted
            ]
        line_model.browse(stale_ids).unlink()
        line_model.create(new_lines)

    def _ops_evaluate_rules(self, rules):
        """Return {lead id: [(rule, points, reason)]} for the rules that fire on these leads."""
        fired = defaultdict(list)

        def add(lead_id, rule, result):
            points, reason = result
            if abs(points) >= 0.05:
                fired[lead_id].append((rule, points, reason))

        for rule in rules.filtered(lambda r: r.kind == "fit"):
            for lead_id, reason in rule._ops_fit_reasons(self).items():
                add(lead_id, rule, (rule.points, reason))
        touchpoint_rules = rules.filtered(lambda r: r.kind in ("engagement", "intent"))
        if touchpoint_rules:
            now = self._ops_score_now()
            touchpoints = (
                self.env["ops.touchpoint"]
                .sudo()
                .search_fetch(
                    [("lead_id", "in", self.ids)],
                    ["lead_id", "event_type", "event_time", "page_url", "name"],
                )
            )
            by_lead = defaultdict(list)
            for touchpoint in touchpoints:
                by_lead[touchpoint.lead_id.id].append(touchpoint)
            for lead_id, lead_touchpoints in by_lead.items():
                for rule in touchpoint_rules:
                    if rule.kind == "engagement":
                        result = rule._ops_engagement_points(lead_touchpoints, now)
                    else:
                        result = rule._ops_intent_points(lead_touchpoints, now)
                    if result:
                        add(lead_id, rule, result)
        pls_rules = rules.filtered(lambda r: r.kind == "pls")
        if pls_rules:
            for lead in self:
                for rule in pls_rules:
                    result = rule._ops_pls_points(lead)
                    if result:
                        add(lead.id, rule, result)
        return fired

    def _ops_apply_mql_threshold(self):
        """Move scored leads between `lead` and `mql`, and in or out of nurture, by their team's threshold."""
        leads = self.sudo()
        default_threshold = self.env["crm.team"]._ops_default_mql_threshold()
        to_mql, to_lead, enter, leave = [], [], [], []
        for lead in leads:
            if lead.ops_lifecycle_stage not in SCORED_STAGES:
                # sales owns it now: stop nurturing, never touch the stage
                if lead.ops_nurture:
                    leave.append(lead.id)
                continue
            threshold = lead.team_id.ops_mql_threshold if lead.team_id else default_threshold
            qualified = lead.ops_score >= threshold
            if qualified and lead.ops_lifecycle_stage == "lead":
                to_mql.append(lead.id)
            elif not qualified and lead.ops_lifecycle_stage == "mql":
                to_lead.append(lead.id)
            if qualified and lead.ops_nurture:
                leave.append(lead.id)
            elif not qualified and not lead.ops_nurture:
                enter.append(lead.id)
        if to_mql:
            leads.browse(to_mql).write({"ops_lifecycle_stage": "mql"})
        if to_lead:
            leads.browse(to_lead).write({"ops_lifecycle_stage": "lead"})
        tag = self.env.ref("addon_ops_harmony.ops_nurture_tag", raise_if_not_found=False)
        if enter:
            entering = leads.browse(enter)
            entering.write({"ops_nurture": True, "tag_ids": [Command.link(tag.id)] if tag else []})
            entering._ops_nurture_subscribe()
        if leave:
            leaving = leads.browse(leave)
            leaving.write({"ops_nurture": False, "tag_ids": [Command.unlink(tag.id)] if tag else []})
            leaving._ops_nurture_unsubscribe()

    @api.model
    def _ops_cron_rescore(self, batch_size=1000):
        """Daily: re-score open leads that have touchpoints, so that engagement decays over time."""
        domain = Domain("ops_lifecycle_stage", "in", SCORED_STAGES) & Domain("ops_touchpoint_ids", "!=", False)
        leads = self.search(domain)
        cron = self.env["ir.cron"]
        for start in range(0, len(leads), batch_size):
            batch = leads[start : start + batch_size]
            batch._ops_rescore()
            if not cron._commit_progress(len(batch), remaining=len(leads) - start - len(batch)):
                break

    def _ops_nurture_subscribe(self):
        """Subscribe the emails of these leads to the nurture mailing list (leads without email are skipped).

        A subscription we opted out when a lead left nurture is reactivated; one the person opted
        out of themselves is respected.
        """
        mailing_list = self.env.ref("addon_ops_harmony.ops_nurture_mailing_list", raise_if_not_found=False)
        leads_by_email = {}
        for lead in self:
            if lead.email_normalized:
                leads_by_email.setdefault(lead.email_normalized, lead)
        if not mailing_list or not leads_by_email:
            return
        our_reason = self.env.ref("addon_ops_harmony.ops_nurture_optout_reason", raise_if_not_found=False)
        # nurture contacts are bookkeeping: no chatter message or tracking for each of them
        contact_model = self.env["mailing.contact"].sudo().with_context(tracking_disable=True, mail_create_nolog=True)
        subscription_model = self.env["mailing.subscription"].sudo()
        contacts = contact_model.search([("email_normalized", "in", list(leads_by_email))], order="id")
        subscriptions = subscription_model.search([("list_id", "=", mailing_list.id), ("contact_id", "in", contacts.ids)])
        subscriptions.filtered(lambda s: s.opt_out and our_reason and s.opt_out_reason_id == our_reason).write(
            {"opt_out": False, "opt_out_reason_id": False},
        )
        subscribed_emails = set(subscriptions.contact_id.mapped("email_normalized"))
        contact_by_email = {}
        for contact in contacts:
            contact_by_email.setdefault(contact.email_normalized, contact)
        new_subscriptions, new_contacts = [], []
        for email, lead in leads_by_email.items():
            if email in subscribed_emails:
                continue
            if email in contact_by_email:
                new_subscriptions.append({"contact_id": contact_by_email[email].id, "list_id": mailing_list.id})
                continue
            new_contacts.append(
                {
                    "name": lead.contact_name or lead.partner_name or email,
                    "email": lead.email_from,
                    "company_name": lead.partner_name,
                    "country_id": lead.country_id.id,
                    "subscription_ids": [Command.create({"list_id": mailing_list.id})],
                }
            )
        subscription_model.create(new_subscriptions)
        contact_model.create(new_contacts)

    def _ops_nurture_unsubscribe(self):
        """Opt these leads' emails out of the nurture list, unless another nurtured lead shares the email."""
        mailing_list = self.env.ref("addon_ops_harmony.ops_nurture_mailing_list", raise_if_not_found=False)
        emails = set(self.filtered("email_normalized").mapped("email_normalized"))
        if not mailing_list or not emails:
            return
        still_nurtured = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("ops_nurture", "=", True),
                    ("email_normalized", "in", list(emails)),
                    ("id", "not in", self.ids),
                ]
            )
        )
        emails -= set(still_nurtured.mapped("email_normalized"))
        if not emails:
            return
        our_reason = self.env.ref("addon_ops_harmony.ops_nurture_optout_reason", raise_if_not_found=False)
        self.env["mailing.subscription"].sudo().search(
            [
                ("list_id", "=", mailing_list.id),
                ("opt_out", "=", False),
                ("contact_id.email_normalized", "in", list(emails)),
            ]
        ).write({"opt_out": True, "opt_out_reason_id": our_reason.id if our_reason else False})
