"""Routing rules: which sales team gets a new lead, and how the team picks the owner.

Rules are tried in sequence order and the first whose criteria all match wins. An empty criterion
matches anything, so a rule without criteria is a catch-all. The member is chosen by the rule's
strategy among the team members who are at work right now and below their capacity (see
`crm.team.member._ops_routing_state`).
"""

from odoo import fields, models

STRATEGIES = [
    ("round_robin", "Round-robin"),
    ("weighted_capacity", "Weighted by capacity"),
]


class OpsRoutingRule(models.Model):
    _name = "ops.routing.rule"
    _description = "Lead routing rule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    country_ids = fields.Many2many("res.country", string="Countries", help="Empty: any country.")
    state_ids = fields.Many2many("res.country.state", string="States", help="Empty: any state.")
    industry_ids = fields.Many2many("res.partner.industry", string="Industries", help="Empty: any industry.")
    size_band_ids = fields.Many2many("ops.size.band", string="Size bands", help="Empty: any company size.")
    team_id = fields.Many2one("crm.team", string="Sales team", required=True, ondelete="cascade")
    strategy = fields.Selection(STRATEGIES, required=True, default="round_robin")
    sla_minutes = fields.Integer("SLA (minutes)", help="Business minutes the owner has to follow up. 0: use the team's SLA.")
    last_member_id = fields.Many2one(
        "crm.team.member",
        string="Last assigned member",
        readonly=True,
        ondelete="set null",
        help="Round-robin pointer: the next lead goes to the member after this one.",
    )

    _sla_minutes_positive = models.Constraint("CHECK(sla_minutes >= 0)", "The SLA cannot be negative.")

    def _ops_criteria(self):
        """Return (rule, countries, states, industries, bands) id sets, in matching order."""
        return [
            (rule, set(rule.country_ids.ids), set(rule.state_ids.ids), set(rule.industry_ids.ids), set(rule.size_band_ids.ids))
            for rule in self.sorted(lambda r: (r.sequence, r.id))
        ]

    def _ops_first_match(self, criteria, values):
        """Return the first rule of `criteria` (from `_ops_criteria`) matching a lead's `values`, or an empty recordset.

        `values` are the lead's (country, state, industry, size band) ids, False where it has none.
        """
        for rule, *sets in criteria:
            if all(not allowed or value in allowed for allowed, value in zip(sets, values)):
                return rule
        return self.browse()

    def _ops_pick_member(self, state, pointers):
        """Return the member of this rule's team that gets the next lead, or an empty recordset.

        `state` is `crm.team.member._ops_routing_state()`; `pointers` maps rule ids to the last member
        id given a lead by round-robin, and is updated in place.
        """
        self.ensure_one()
        members = self.team_id.crm_team_member_ids.sorted("id")
        eligible = members.filtered(lambda m: state.get(m.id) and state[m.id].has_room())
        if not eligible:
            return eligible
        if self.strategy == "weighted_capacity":
            return min(eligible, key=lambda m: (-state[m.id].room_ratio(), state[m.id].open_count, m.id))
        last_id = pointers.get(self.id, self.last_member_id.id)
        ordered_ids = members.ids
        start = ordered_ids.index(last_id) + 1 if last_id in ordered_ids else 0
        rotation = ordered_ids[start:] + ordered_ids[:start]
        member = next(m for m in (members.browse(i) for i in rotation) if m in eligible)
        pointers[self.id] = member.id
        return member
