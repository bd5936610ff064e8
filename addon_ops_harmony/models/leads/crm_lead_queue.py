"""Team queues: a lead nobody can take now waits in its team's queue, and is assigned, oldest SLA
deadline first, as soon as a member becomes available.

A queued lead (`ops_routing_state = 'queued'`) has its team, no salesperson, a routing flag and a
chatter note that say why; its team leader is told once per batch, and the Control room counts it.
Its SLA runs from intake on the company's calendar, and it keeps that deadline when assigned.

The assigner (`_ops_assign_queue`) runs the normal routing rules on the queued leads:
- every five minutes, from the scheduled action `ops_cron_assign_queue`;
- soon after room frees up: a lead changes owner or team, is won or lost, or a team member is added,
  comes back from opt-out or gets more capacity (a trigger of that scheduled action);
- when the next member's working time begins, after hours or a leave (a trigger at that moment);
- on demand, from the team's "Assign queued leads" button (`crm.team.action_ops_assign_queue`).
Assigners running at once (the cron and a manager, on two workers) never take the same lead: each
locks the queued leads it looks at with SELECT ... FOR UPDATE SKIP LOCKED and skips the others'.
"""

from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

QUEUE_CRON = "addon_ops_harmony.ops_cron_assign_queue"
ROUTING_STATES = [("assigned", "Assigned"), ("queued", "Waiting in queue")]
# writing one of these on a lead can give a member room again
CAPACITY_FIELDS = frozenset({"user_id", "team_id", "active", "stage_id", "probability"})


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ops_routing_state = fields.Selection(
        ROUTING_STATES,
        string="Routing",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Assigned: routing gave the lead an owner. Waiting in queue: nobody in its team could take it "
        "yet; it is assigned automatically as soon as a member becomes available.",
    )
    ops_queued_since = fields.Datetime("Queued since", readonly=True, copy=False)

    def write(self, vals):
        queued = self.browse()
        if vals.get("user_id") and "ops_routing_state" not in vals:
            queued = self.filtered(lambda lead: lead.ops_routing_state == "queued")
        result = super().write(vals)
        if queued:
            # taken out of the queue by hand or by an SLA hand-over
            queued.sudo().write({"ops_routing_state": "assigned", "ops_queued_since": False})
        if CAPACITY_FIELDS & vals.keys() and not self.env.context.get("ops_queue_no_wake"):
            self._ops_queue_wake()
        return result

    # ------------------------------------------------------------
    # Entering and leaving the queue
    # ------------------------------------------------------------

    def _ops_queue_update(self, owned, queued, plan, now):
        """Mark these just-routed leads assigned or queued, and say so in their chatter.

        `owned` got an owner, the others wait; `queued` gives {lead id: (since, team)} for the leads
        that were waiting before this routing.
        """
        leads = self.sudo()
        owned = owned.sudo()
        was_queued = leads.browse(list(queued))
        waiting = leads - owned
        newly_owned = owned.filtered(lambda lead: lead.ops_routing_state != "assigned")
        if newly_owned:
            newly_owned.write({"ops_routing_state": "assigned", "ops_queued_since": False})
        newly_queued = waiting - was_queued
        if newly_queued:
            newly_queued.write({"ops_routing_state": "queued", "ops_queued_since": now})
            newly_queued._ops_queue_log_waiting(plan)
            newly_queued._ops_queue_notify_leaders(plan)
            newly_queued._ops_queue_plan_wake(now)
        (owned & was_queued)._ops_queue_log_assigned(queued)

    def _ops_queue_log_waiting(self, plan):
        """Post a note on each lead saying whose queue it waits in and why."""
        bodies = {
            lead.id: self.env._(
                "Waiting in the %(team)s queue: %(reason)s. It will be assigned automatically, oldest deadline "
                "first, as soon as a member becomes available.",
                team=lead.team_id.name or "—",
                reason=plan[lead.id].flag[1],
            )
            for lead in self
        }
        self._message_log_batch(bodies=bodies, author_id=self.env.ref("base.partner_root").id)

    def _ops_queue_log_assigned(self, queued):
        """Post a note on each lead taken out of its queue saying who got it and since when it waited."""
        if not self:
            return
        bodies = {}
        for lead in self:
            owner = lead.user_id
            since, team = queued[lead.id]
            bodies[lead.id] = self.env._(
                "Assigned to %(owner)s from the %(team)s queue, where it waited since %(since)s.",
                owner=owner.name,
                team=team.name or "—",
                since=self._ops_format_time(since, owner.tz) if since else "—",
            )
        self._message_log_batch(bodies=bodies, author_id=self.env.ref("base.partner_root").id)

    def _ops_queue_notify_leaders(self, plan):
        """Tell each team leader once how many leads of this batch wait in their team's queue."""
        by_team = defaultdict(list)
        for lead in self:
            by_team[lead.team_id].append(lead.id)
        for team, lead_ids in by_team.items():
            leads = self.browse(lead_ids)
            leader = team.user_id
            if not leader:
                continue
            self.env["mail.thread"].sudo().message_notify(
                partner_ids=leader.partner_id.ids,
                subject=self.env._("%(count)s leads waiting in the %(team)s queue", count=len(leads), team=team.name),
                body=self.env._(
                    "Nobody in %(team)s can take %(count)s new leads now (%(reason)s). They are assigned "
                    "automatically, oldest deadline first, as soon as a member becomes available; the Control "
                    "room lists them under Leads waiting in queues.",
                    team=team.name,
                    count=len(leads),
                    reason=plan[leads[:1].id].flag[1],
                ),
            )

    # ------------------------------------------------------------
    # Waking the assigner
    # ------------------------------------------------------------

    @api.model
    def _ops_queue_wake(self, at=None):
        """Have the queue assigner run soon (or at `at`, naive UTC) if any lead is waiting."""
        if not self.sudo().search_count([("ops_routing_state", "=", "queued")], limit=1):
            return
        cron = self.env.ref(QUEUE_CRON, raise_if_not_found=False)
        if not cron:
            return
        # a run already planned for that moment (or, for "soon", one still pending) is enough
        planned = ("call_at", "=", at) if at else ("call_at", "<=", fields.Datetime.now())
        if self.env["ir.cron.trigger"].sudo().search_count([("cron_id", "=", cron.id), planned], limit=1):
            return
        cron.sudo()._trigger(at)

    def _ops_queue_plan_wake(self, now):
        """Plan a run of the assigner when the next member of these leads' teams starts working."""
        members = self.sudo().team_id.crm_team_member_ids
        at = members._ops_next_start(now)
        if at:
            self._ops_queue_wake(at)

    # ------------------------------------------------------------
    # The assigner
    # ------------------------------------------------------------

    @api.model
    def _ops_assign_queue(self, teams=None):
        """Assign the queued leads (of `teams`, else all) a member can take now, oldest deadline first.

        Locks the queued leads with SKIP LOCKED, so an assigner running at the same time in another
        transaction skips them. Return the leads assigned.
        """
        now = fields.Datetime.now()
        self.flush_model(["ops_routing_state", "team_id", "ops_sla_deadline", "ops_queued_since"])
        in_teams = SQL("AND team_id IN %s", tuple(teams.ids)) if teams else SQL()
        self.env.cr.execute(
            SQL(
                """SELECT id FROM crm_lead
                WHERE ops_routing_state = 'queued' %s
             ORDER BY ops_sla_deadline NULLS LAST, ops_queued_since NULLS LAST, id
                  FOR UPDATE SKIP LOCKED""",
                in_teams,
            )
        )
        leads = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        if not leads:
            return leads
        # leads won, lost or given an owner without this module's write (e.g. SQL) leave the queue
        closed = leads.filtered(lambda lead: not lead.active or lead.won_status != "pending" or lead.user_id)
        if closed:
            closed.filtered("user_id").write({"ops_routing_state": "assigned", "ops_queued_since": False})
            closed.filtered(lambda lead: not lead.user_id).write({"ops_routing_state": False})
        waiting = leads - closed
        if not waiting:
            return waiting
        plan = waiting._ops_routing_plan(now)
        taken = waiting.filtered(lambda lead: plan[lead.id].user_id)
        if taken:
            taken._ops_apply_routes(plan, now)
            # the clock ran from intake while the lead waited: it keeps its deadline (crm_lead_sla.py)
            taken._ops_sla_start(now, {lead.id: plan[lead.id].minutes for lead in taken})
        still_waiting = waiting - taken
        if still_waiting:
            still_waiting._ops_queue_plan_wake(now)
        return taken

    @api.model
    def _ops_cron_assign_queue(self):
        """Scheduled action: assign every queued lead someone can take now."""
        self.sudo()._ops_assign_queue()
