"""Pipeline step 30: route new leads to a team and an owner, then start their SLA clock.

Which leads are routed: active, not won, and without a salesperson chosen by a person. A lead whose
salesperson only came from the field's default (the user who created it, e.g. the bridge's service
user or an import without a Salesperson column) counts as unassigned. A salesperson given explicitly
(in the create values or as `default_user_id` in the context, as the lead form does) is kept: such a
lead is never re-routed. A lead left in the default queue is routed again on its next pipeline run.

Rules are tried in order (see `ops.routing.rule`). A lead no rule matches, or whose rule's team has
nobody available, goes to the default queue: the team in the system parameter
`addon_ops_harmony.default_team_id`, else crm's default team, with no salesperson, and a "routing"
data-quality flag that says why.
"""

from collections import defaultdict

from odoo import api, fields, models

from .crm_team_sla import DEFAULT_SLA_MINUTES

DEFAULTED_OWNER_KEY = "ops_routing_defaulted_owner"
DEFAULT_TEAM_PARAM = "addon_ops_harmony.default_team_id"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model_create_multi
    def create(self, vals_list):
        explicit_default = bool(self.env.context.get("default_user_id"))
        defaulted = [not explicit_default and "user_id" not in vals for vals in vals_list]
        leads = super().create(vals_list)
        defaulted_ids = [lead.id for lead, is_defaulted in zip(leads, defaulted) if is_defaulted]
        if defaulted_ids:
            # remembered for this transaction only: the routing step runs right after create
            self.env.cr.cache.setdefault(DEFAULTED_OWNER_KEY, set()).update(defaulted_ids)
        return leads

    def _ops_pipeline_steps(self):
        return super()._ops_pipeline_steps() + [(30, "_ops_route")]

    def _ops_routing_candidates(self):
        """Return the leads of self that routing may assign: open and without a chosen owner."""
        defaulted = self.env.cr.cache.get(DEFAULTED_OWNER_KEY, set())
        leads = self.filtered(
            lambda lead: lead.active and lead.won_status == "pending"
            and (not lead.user_id or lead.id in defaulted))
        defaulted.difference_update(self.ids)
        return leads

    @api.model
    def _ops_default_queue(self):
        """Return the team that holds leads routing could not assign."""
        teams = self.env["crm.team"].sudo()
        param = self.env["ir.config_parameter"].sudo().get_param(DEFAULT_TEAM_PARAM, "")
        team = teams.browse(int(param)).exists() if param.strip().isdigit() else teams
        return team or teams._get_default_team_id(domain=[("use_leads", "=", True)])

    def _ops_unrouted_reason(self, rule, state):
        """Return the (code, message) flag explaining why this lead went to the default queue."""
        self.ensure_one()
        if not rule:
            country = self.country_id.name or "—"
            if self.state_id:
                country = f"{country} ({self.state_id.name})"
            return ("no_routing_rule", self.env._(
                "No routing rule matches country %(country)s, industry %(industry)s, size %(size)s",
                country=country, industry=self.ops_industry_id.name or "—",
                size=self.ops_size_band or "—"))
        members = rule.team_id.crm_team_member_ids
        if not members:
            return ("no_team_member", self.env._(
                "Rule %(rule)s matches but %(team)s has no members", rule=rule.name, team=rule.team_id.name))
        return ("no_available_member", self.env._(
            "All %(count)s members of %(team)s are out of office, off hours or at capacity",
            count=len(members), team=rule.team_id.name))

    def _ops_route(self):
        """Give each unassigned lead a team and an owner by the first matching rule, then start its SLA."""
        leads = self._ops_routing_candidates()
        if not leads:
            return
        now = fields.Datetime.now()
        rules = self.env["ops.routing.rule"].sudo().search([])
        criteria = rules._ops_criteria()
        state = rules.team_id.crm_team_member_ids._ops_routing_state(now)
        pointers = {}
        routes = {}
        flags = {}
        queue = None
        for lead in leads:
            rule = rules._ops_first_match(criteria, lead)
            member = rule._ops_pick_member(state, pointers) if rule else None
            if member:
                state[member.id].open_count += 1
                minutes = rule.sla_minutes or rule.team_id._ops_sla_minutes()
                routes[lead.id] = (rule.team_id.id, member.user_id.id, minutes)
                flags[lead.id] = []
                continue
            if queue is None:
                queue = self._ops_default_queue()
            minutes = queue._ops_sla_minutes() if queue else DEFAULT_SLA_MINUTES
            routes[lead.id] = (queue.id, False, minutes)
            flags[lead.id] = [lead._ops_unrouted_reason(rule, state)]
        for rule_id, member_id in pointers.items():
            rules.browse(rule_id).last_member_id = member_id
        leads._ops_write_routes(routes)
        leads._ops_set_flags("routing", flags)
        leads._ops_sla_start(now, {lead_id: minutes for lead_id, (_t, _u, minutes) in routes.items()})

    def _ops_write_routes(self, routes):
        """Write {lead id: (team id, user id, _)} with one write per (team, owner) pair."""
        by_target = defaultdict(list)
        for lead in self:
            team_id, user_id, _minutes = routes[lead.id]
            if (lead.team_id.id, lead.user_id.id) != (team_id, user_id):
                by_target[team_id, user_id].append(lead.id)
        # the follow-up activity notifies the owner, with the deadline: skip crm's "assigned to you"
        leads = self.sudo().with_context(mail_auto_subscribe_no_notify=True)
        for (team_id, user_id), lead_ids in by_target.items():
            leads.browse(lead_ids).write({"team_id": team_id, "user_id": user_id})
