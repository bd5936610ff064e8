"""Routing, the pipeline's second step: new leads get a team and an owner, or wait in a queue.

Which leads are routed: active, not won, and without a salesperson chosen by a person. A lead whose
salesperson only came from the field's default (the user who created it, e.g. the bridge's service
user or an import without a Salesperson column) counts as unassigned. A salesperson given explicitly
(in the create values or as `default_user_id` in the context, as the lead form does) is kept: such a
lead is never re-routed. A lead waiting in a queue is routed again on its next pipeline run.

Rules are tried in order (see `ops.routing.rule`). The first matching rule's team gets the lead and
its strategy picks the owner among the members at work with room. When nobody can take it now, the
lead waits in that team's queue; a lead no rule matches waits in the default queue (the team in the
system parameter `addon_ops_harmony.default_team_id`, else crm's default team). A waiting lead has
no salesperson and a "routing" data-quality flag that says why; `crm_lead_queue.py` assigns it as
soon as a member becomes available.
"""

from collections import defaultdict
from typing import NamedTuple

from odoo import api, fields, models

from .crm_lead_pipeline import ROUTED_CREATE_KEY
from .crm_team_sla import DEFAULT_SLA_MINUTES

DEFAULT_TEAM_PARAM = "addon_ops_harmony.default_team_id"
# the values a routing rule matches on, as ids
MATCH_FIELDS = ("country_id", "state_id", "ops_industry_id", "ops_employee_count")
# create values that decide the owner, or whether the lead is open: such rows are routed after create
ROUTED_AFTER_CREATE = frozenset({"user_id", "stage_id", "probability", "active", "partner_id"})


class Route(NamedTuple):
    """Where routing sends one lead: a team, an owner (False: the team's queue) and its SLA minutes."""

    team_id: int
    user_id: int
    minutes: int
    flag: tuple  # (code, message) saying why nobody took it, or None


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _ops_routing_candidates(self, defaulted_owner):
        """Return the leads of self that routing may assign: open and without a chosen owner.

        :param defaulted_owner: ids of leads whose salesperson is only the field's default
        """
        return self.filtered(
            lambda lead: lead.active and lead.won_status == "pending" and (not lead.user_id or lead.id in defaulted_owner)
        )

    def write(self, vals):
        if vals.keys() == {"date_automation_last"} and not self.env.su:
            routed = self._ops_pending().routed
            if all(lead_id in routed for lead_id in self.ids):
                # base.automation stamps each rule it runs, as the user who saved; routing may
                # just have given the lead to someone else, whose lead this user cannot write
                return super(CrmLead, self.sudo()).write(vals)
        return super().write(vals)

    @api.model
    def _ops_default_queue(self):
        """Return the team that holds leads routing could not assign."""
        teams = self.env["crm.team"].sudo()
        param = self.env["ir.config_parameter"].sudo().get_param(DEFAULT_TEAM_PARAM, "")
        team = teams.browse(int(param)).exists() if param.strip().isdigit() else teams
        return team or teams._get_default_team_id(domain=[("use_leads", "=", True)])

    def _ops_unrouted_reason(self, rule):
        """Return the (code, message) flag explaining why nobody took this lead."""
        self.ensure_one()
        if not rule:
            country = self.country_id.name or "—"
            if self.state_id:
                country = f"{country} ({self.state_id.name})"
            return (
                "no_routing_rule",
                self.env._(
                    "No routing rule matches country %(country)s, industry %(industry)s, size %(size)s",
                    country=country,
                    industry=self.ops_industry_id.name or "—",
                    size=self.ops_size_band or "—",
                ),
            )
        members = rule.team_id.crm_team_member_ids
        if not members:
            return (
                "no_team_member",
                self.env._("Rule %(rule)s matches but %(team)s has no members", rule=rule.name, team=rule.team_id.name),
            )
        return (
            "no_available_member",
            self.env._(
                "All %(count)s members of %(team)s are out of office, off hours or at capacity",
                count=len(members),
                team=rule.team_id.name,
            ),
        )

    def _ops_routed_at_create(self, vals_list, picks_by_index):
        """Finish a create whose rows at the indexes of `picks_by_index` were routed in their values.

        These leads were created with ROUTED_CREATE_KEY, so that mail did not subscribe each owner
        and each team's followers lead by lead (see `_message_auto_subscribe`): it is done here once
        per team and owner given in the values, as routing's write would, without crm's "assigned to
        you": the follow-up activity tells them. The picks wait for the routing step (see
        `crm_lead_pipeline.py`), which applies the rest of the routes.
        """
        by_target = defaultdict(list)
        for lead, vals in zip(self, vals_list):
            if "team_id" in vals or "user_id" in vals:
                by_target[vals.get("team_id"), vals.get("user_id")].append(lead.id)
        leads = self.with_context(mail_auto_subscribe_no_notify=True)
        for (team_id, user_id), lead_ids in by_target.items():
            leads.browse(lead_ids)._message_auto_subscribe({"team_id": team_id, "user_id": user_id})

    def _message_auto_subscribe(self, updated_values, followers_existing_policy="skip"):
        if self.env.context.get(ROUTED_CREATE_KEY):
            # subscribed per team and owner after create (_ops_routed_at_create)
            updated_values = {key: value for key, value in updated_values.items() if key not in ("team_id", "user_id")}
        return super()._message_auto_subscribe(updated_values, followers_existing_policy=followers_existing_policy)

    def _ops_route(self, now, create_picks, defaulted_owner):
        """Give each unassigned lead a team and an owner by the first matching rule, or queue it.

        :param create_picks: {lead id: (rule, member)} of the leads routed in their create values,
            whose routes are only applied here
        :param defaulted_owner: ids of leads whose salesperson is only the field's default
        :return: {lead id: Route} of the leads routed
        """
        leads = self._ops_routing_candidates(defaulted_owner)
        if not leads:
            return {}
        picked = leads.filtered(lambda lead: lead.id in create_picks)
        plan = picked._ops_routes_from_picks({lead_id: create_picks[lead_id] for lead_id in picked.ids})
        plan.update((leads - picked)._ops_routing_plan(now))
        leads._ops_apply_routes(plan, now)
        return plan

    def _ops_routing_plan(self, now):
        """Return {lead id: Route} for these leads, in the order of self (the first get the free room).

        A lead no member can take gets its rule's team, or the default queue when no rule matches,
        with no owner and the flag saying why.
        """
        values = {
            lead.id: (lead.country_id.id, lead.state_id.id, lead.ops_industry_id.id, lead.ops_size_band_id.id) for lead in self
        }
        return self._ops_routes_from_picks(self._ops_pick_routes(values, now))

    @api.model
    def _ops_pick_routes(self, match_values, now):
        """Return {key: (rule, member)} for `match_values` ({key: (country, state, industry, size band)}).

        Keys are taken in order, so the first get the free room; the rule is empty when none matches,
        the member when nobody can take the lead now.
        """
        rules = self.env["ops.routing.rule"].sudo().search([])
        criteria = rules._ops_criteria()
        state = rules.team_id.crm_team_member_ids._ops_routing_state(now)
        pointers = {}
        picks = {}
        for key, values in match_values.items():
            rule = rules._ops_first_match(criteria, values)
            member = rule._ops_pick_member(state, pointers) if rule else self.env["crm.team.member"]
            if member:
                state[member.id].open_count += 1
            picks[key] = (rule, member)
        for rule_id, member_id in pointers.items():
            rules.browse(rule_id).last_member_id = member_id
        return picks

    @api.model
    def _ops_targets(self, picks):
        """Return {key: (team, owner id)} for `(rule, member)` picks: the rule's team and member, else
        the rule's team's queue, else the default queue (owner False)."""
        queue = self._ops_default_queue() if any(not rule for rule, _member in picks.values()) else None
        return {
            key: (rule.team_id, member.user_id.id) if member else (rule.team_id if rule else queue, False)
            for key, (rule, member) in picks.items()
        }

    def _ops_routes_from_picks(self, picks):
        """Return {lead id: Route} for these leads from their `(rule, member)` picks."""
        targets = self._ops_targets(picks)
        plan = {}
        for lead in self:
            rule, member = picks[lead.id]
            team, user_id = targets[lead.id]
            if member:
                plan[lead.id] = Route(team.id, user_id, rule.sla_minutes or team._ops_sla_minutes(), None)
                continue
            minutes = (rule.sla_minutes if rule else 0) or (team._ops_sla_minutes() if team else DEFAULT_SLA_MINUTES)
            plan[lead.id] = Route(team.id, False, minutes, lead._ops_unrouted_reason(rule))
        return plan

    @api.model
    def _ops_route_vals_list(self, vals_list, indexes):
        """Give the rows at `indexes` of these normalized create values their team and owner.

        Routing in the create values spares crm a default team for each lead, and the batch a second
        write of team and owner, after which crm would compute the company, the phone and email
        states and the PLS probability of every lead again. Rows whose owner or openness is decided
        by their values, context defaults or partner are left to the pipeline step.

        :return: ``(vals_list, {index: (rule, member)})``
        """
        context = self.env.context
        if any(context.get(f"default_{fname}") for fname in (*ROUTED_AFTER_CREATE, *MATCH_FIELDS)):
            return vals_list, {}
        if any("user_id" in vals for vals in vals_list):
            # an owner chosen by a person is told by crm; routed ones are created without that notice
            return vals_list, {}
        rows = [index for index in indexes if not ROUTED_AFTER_CREATE & vals_list[index].keys()]
        if not rows:
            return vals_list, {}
        bands = self.env["ops.size.band"]
        ranges = bands._ops_ranges()
        match_values = {}
        for index in rows:
            vals = vals_list[index]
            values = [vals.get(fname) or 0 for fname in MATCH_FIELDS]
            if not all(type(value) is int for value in values):
                continue  # junk: create refuses it with a validation error
            country_id, state_id, industry_id, count = values
            match_values[index] = (
                country_id or False,
                state_id or False,
                industry_id or False,
                bands._ops_band_for(ranges, count),
            )
        if not match_values:
            return vals_list, {}
        picks = self._ops_pick_routes(match_values, fields.Datetime.now())
        vals_list = list(vals_list)
        for index, (team, user_id) in self._ops_targets(picks).items():
            vals_list[index] = {**vals_list[index], "team_id": team.id, "user_id": user_id}
        return vals_list, picks

    def _ops_apply_routes(self, plan, now):
        """Write the owners and queues of `plan` (from `_ops_routing_plan`); the caller starts the SLA clocks."""
        plan = {lead.id: plan[lead.id] for lead in self}
        # for the leads that were waiting: since when, and in which team's queue
        queued = {lead.id: (lead.ops_queued_since, lead.team_id) for lead in self if lead.ops_routing_state == "queued"}
        self._ops_write_routes(plan)
        owned = self.filtered(lambda lead: plan[lead.id].user_id)
        self._ops_set_flags("routing", {lead_id: [route.flag] if route.flag else [] for lead_id, route in plan.items()})
        self._ops_queue_update(owned, queued, plan, now)

    def _ops_write_routes(self, routes):
        """Write the team and owner of each lead's Route, with one write per (team, owner) pair."""
        by_target = defaultdict(list)
        for lead in self:
            team_id, user_id = routes[lead.id].team_id, routes[lead.id].user_id
            if (lead.team_id.id, lead.user_id.id) != (team_id, user_id):
                by_target[team_id, user_id].append(lead.id)
        # the follow-up activity notifies the owner, with the deadline: skip crm's "assigned to you"
        # routing gives leads that had no owner: no capacity is freed, so the queue is not woken
        leads = self.sudo().with_context(mail_auto_subscribe_no_notify=True, ops_queue_no_wake=True)
        for (team_id, user_id), lead_ids in by_target.items():
            leads.browse(lead_ids).write({"team_id": team_id, "user_id": user_id})
        self._ops_pending().routed.update(self.ids)
