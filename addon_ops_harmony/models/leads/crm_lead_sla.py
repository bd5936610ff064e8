"""First-response SLA on routed leads: a deadline in business time, met, or breached and escalated.

The clock counts from intake (the lead's creation), whenever routing gives it a team: the deadline is
the SLA minutes (rule, else team, else 15) counted on the owner's working calendar and leaves, or on
the company's calendar for a lead waiting in a queue, which keeps that deadline when it is assigned.
A lead is `met` when its owner completes the follow-up activity (or a Call or Email activity), or when
an internal user sends an email from its chatter, by the deadline. A once-a-minute cron marks overdue
leads `breached`, tells the team leader in the chatter, optionally reassigns the lead to the next
available member who has not breached it yet (telling the previous and the new owner), and records
when and why. Times written for people carry their time zone.
"""

from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import Command, api, fields, models
from odoo.tools import format_datetime

SLA_STATES = [
    ("none", "No SLA"),
    ("running", "Running"),
    ("met", "Met"),
    ("breached", "Breached"),
]
FOLLOW_UP_TYPE = "addon_ops_harmony.ops_activity_type_follow_up"
# completing one of these activity types on a lead counts as its first response
RESPONSE_ACTIVITY_TYPES = (FOLLOW_UP_TYPE, "mail.mail_activity_data_call", "mail.mail_activity_data_email")
# above this many leads for one owner in one batch, the owner gets one digest, not one notification each
NOTIFY_EACH_MAX = 10


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ops_sla_deadline = fields.Datetime("SLA deadline", readonly=True, copy=False, index="btree_not_null")
    ops_sla_state = fields.Selection(
        SLA_STATES, string="SLA", default="none", required=True, readonly=True, copy=False, index=True
    )
    ops_sla_responded_at = fields.Datetime("First response", readonly=True, copy=False)
    ops_sla_escalated_at = fields.Datetime("Escalated on", readonly=True, copy=False)
    ops_sla_escalation_reason = fields.Char("SLA breach", readonly=True, copy=False)
    ops_sla_breached_user_ids = fields.Many2many(
        "res.users",
        "crm_lead_ops_sla_breached_user_rel",
        "lead_id",
        "user_id",
        string="Breached by",
        readonly=True,
        copy=False,
        help="Owners who let this lead's SLA pass: a breach never hands it back to them.",
    )

    # ------------------------------------------------------------
    # Starting the clock
    # ------------------------------------------------------------

    @api.model
    def _ops_format_time(self, value, tz):
        """Return naive UTC `value` as a short date and time in `tz`, followed by that zone: "… (UTC)"."""
        tz = tz or "UTC"
        return f"{format_datetime(self.env, value, tz=tz, dt_format='short')} ({tz})"

    def _ops_intake_starts(self, now):
        """Return {lead id: when its SLA counts from}: its creation, never later than `now`."""
        return {lead.id: min(lead.create_date or now, now) for lead in self}

    def _ops_sla_deadlines(self, starts, minutes_by_lead):
        """Return {lead id: deadline}: `starts[lead id]` plus its SLA minutes in its owner's business time."""
        schedules = self.env["crm.team.member"]._ops_user_schedules(self.user_id)
        planned = {}
        deadlines = {}
        for lead in self:
            if lead.user_id:
                calendar, resource = schedules[lead.user_id.id]
            else:
                calendar = (lead.company_id or self.env.company).resource_calendar_id
                resource = self.env["resource.resource"]
            minutes = minutes_by_lead[lead.id]
            start = starts[lead.id]
            key = (calendar.id, resource.id, minutes, start)
            if key not in planned:
                deadline = calendar and calendar.sudo().plan_hours(
                    minutes / 60, pytz.utc.localize(start), compute_leaves=True, resource=resource
                )
                if deadline:
                    # plan_hours works in float hours: round off the microseconds it leaves
                    deadline = (deadline + timedelta(microseconds=500000)).replace(microsecond=0)
                    planned[key] = deadline.astimezone(pytz.utc).replace(tzinfo=None)
                else:
                    planned[key] = start + timedelta(minutes=minutes)
            deadlines[lead.id] = planned[key]
        return deadlines

    def _ops_sla_start(self, now, minutes_by_lead):
        """Start the SLA clock of leads without one, from intake, and give each owner a follow-up activity."""
        fresh = self.filtered(lambda lead: lead.ops_sla_state == "none")
        deadlines = fresh._ops_sla_deadlines(fresh._ops_intake_starts(now), minutes_by_lead)
        by_deadline = defaultdict(list)
        for lead_id, deadline in deadlines.items():
            by_deadline[deadline].append(lead_id)
        for deadline, lead_ids in by_deadline.items():
            self.browse(lead_ids).sudo().write({"ops_sla_deadline": deadline, "ops_sla_state": "running"})
        # a lead already on the clock (e.g. assigned out of a queue) keeps its deadline
        running = self.filtered(lambda lead: lead.ops_sla_state == "running")
        follow_ups = {lead.id: lead.ops_sla_deadline for lead in running}
        # one that breached while waiting gets a fresh SLA from now for its new owner, as on a hand-over
        late = self.filtered(lambda lead: lead.ops_sla_state == "breached" and lead.user_id)
        follow_ups.update(late._ops_sla_deadlines(dict.fromkeys(late.ids, now), minutes_by_lead))
        (running | late)._ops_schedule_follow_up(follow_ups)

    def _ops_schedule_follow_up(self, deadlines):
        """Give each owned lead one open follow-up activity for its owner, due at `deadlines[lead id]`."""
        leads = self.filtered("user_id")
        if not leads:
            return
        activity_type = self.env.ref(FOLLOW_UP_TYPE, raise_if_not_found=False) or self.env.ref("mail.mail_activity_data_todo")
        activities = self.env["mail.activity"].sudo()
        activities.search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", leads.ids),
                ("activity_type_id", "=", activity_type.id),
            ]
        ).unlink()
        model_id = self.env["ir.model"]._get_id(self._name)
        summary = self.env._("First response due")
        # a batch shares a few deadlines and time zones: date and note once per pair, not per lead
        dated = {}
        vals_by_owner = defaultdict(list)
        for lead in leads:
            deadline = deadlines[lead.id]
            tz = lead.user_id.tz or "UTC"
            if (deadline, tz) not in dated:
                dated[deadline, tz] = (
                    pytz.utc.localize(deadline).astimezone(pytz.timezone(tz)).date(),
                    self.env._(
                        "Follow up this lead by %(deadline)s (first response SLA).", deadline=self._ops_format_time(deadline, tz)
                    ),
                )
            date_deadline, note = dated[deadline, tz]
            vals_by_owner[lead.user_id].append(
                {
                    "res_model_id": model_id,
                    "res_id": lead.id,
                    "activity_type_id": activity_type.id,
                    "user_id": lead.user_id.id,
                    "summary": summary,
                    "date_deadline": date_deadline,
                    "note": note,
                }
            )
        # one notification per activity, except for an owner getting a whole import: one digest
        each = [vals for vals_list in vals_by_owner.values() if len(vals_list) <= NOTIFY_EACH_MAX for vals in vals_list]
        activities.create(each)
        for owner, vals_list in vals_by_owner.items():
            if len(vals_list) > NOTIFY_EACH_MAX:
                activities.with_context(mail_activity_quick_update=True).create(vals_list)
                owner_leads = self.browse([vals["res_id"] for vals in vals_list])
                owner_leads._ops_notify_follow_up_digest(owner, min(deadlines[lead.id] for lead in owner_leads))

    def _ops_notify_follow_up_digest(self, owner, first_deadline):
        """Tell `owner` once that these leads are theirs, the first one due at `first_deadline`."""
        self.env["mail.thread"].sudo().message_notify(
            partner_ids=owner.partner_id.ids,
            subject=self.env._("%(count)s new leads assigned to you", count=len(self)),
            body=self.env._(
                "Routing assigned you %(count)s new leads, each with an Ops follow-up activity. "
                "The first response is due by %(deadline)s.",
                count=len(self),
                deadline=self._ops_format_time(first_deadline, owner.tz),
            ),
        )

    # ------------------------------------------------------------
    # First response
    # ------------------------------------------------------------

    def _ops_sla_record_response(self, when=None):
        """Stop the clock of running leads: `met` if `when` is by the deadline, else `breached`."""
        when = when or fields.Datetime.now()
        running = self.sudo().filtered(lambda lead: lead.ops_sla_state == "running")
        met = running.filtered(lambda lead: lead.ops_sla_deadline and when <= lead.ops_sla_deadline)
        met.write({"ops_sla_state": "met", "ops_sla_responded_at": when})
        (running - met).write(
            {
                "ops_sla_state": "breached",
                "ops_sla_responded_at": when,
                "ops_sla_escalation_reason": self.env._("First response after the deadline"),
            }
        )

    def _ops_sla_is_response_message(self, message, msg_vals):
        """Return whether a posted message is an email sent to the customer by an internal user."""
        message_type = msg_vals.get("message_type", message.message_type)
        subtype_id = msg_vals.get("subtype_id", message.subtype_id.id)
        if message_type not in ("comment", "email_outgoing"):
            return False
        if subtype_id != self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment"):
            return False  # internal notes (escalations included) are not a response
        author = self.env["res.partner"].browse(msg_vals.get("author_id", message.author_id.id))
        return any(not user.share for user in author.sudo().user_ids)

    def _message_post_after_hook(self, message, msg_vals):
        running = self.filtered(lambda lead: lead.ops_sla_state == "running")
        if running and self._ops_sla_is_response_message(message, msg_vals):
            running._ops_sla_record_response()
        return super()._message_post_after_hook(message, msg_vals)

    # ------------------------------------------------------------
    # Breach and escalation
    # ------------------------------------------------------------

    @api.model
    def _ops_check_sla(self):
        """Breach and escalate the leads of self whose SLA is running past its deadline.

        Called by the time-based automation rule `ops_automation_lead_sla` every minute.
        """
        now = fields.Datetime.now()
        overdue = self.sudo().filtered(
            lambda lead: lead.ops_sla_state == "running" and lead.ops_sla_deadline and lead.ops_sla_deadline < now
        )
        if overdue:
            overdue._ops_sla_escalate(now)

    def _ops_sla_next_owners(self, now):
        """Return {lead id: user} giving each lead of a reassigning team to the next member with room.

        Nobody who already let this lead's SLA pass gets it back: no Sam → Olivia → Sam.
        """
        leads = self.filtered(lambda lead: lead.team_id.ops_sla_reassign)
        state = leads.team_id.crm_team_member_ids._ops_routing_state(now)
        owners = {}
        for lead in leads:
            members = lead.team_id.crm_team_member_ids.sorted("id")
            current = members.filtered(lambda m: m.user_id == lead.user_id)[:1]
            start = members.ids.index(current.id) + 1 if current else 0
            excluded = lead.user_id | lead.ops_sla_breached_user_ids
            for member in members[start:] + members[:start]:
                if member.user_id not in excluded and state[member.id].has_room():
                    state[member.id].open_count += 1
                    owners[lead.id] = member.user_id
                    break
        return owners

    def _ops_sla_escalate(self, now):
        """Mark these leads breached, tell their team leader, and reassign them when the team wants it.

        The chatter note goes to the leader and, on a reassignment, to the previous and the new owner.
        """
        new_owners = self._ops_sla_next_owners(now)
        by_reason = defaultdict(list)
        for lead in self:
            leader = lead.team_id.user_id
            previous = lead.user_id
            deadline = self._ops_format_time(lead.ops_sla_deadline, leader.tz)
            reason = self.env._(
                "No first response by %(deadline)s from %(owner)s",
                deadline=deadline,
                owner=previous.name or self.env._("the %(team)s queue", team=lead.team_id.name or "—"),
            )
            new_owner = new_owners.get(lead.id, self.env["res.users"])
            if new_owner:
                reason += self.env._("; reassigned to %(user)s", user=new_owner.name)
            elif lead.team_id.ops_sla_reassign:
                reason += self.env._("; nobody else in %(team)s is available", team=lead.team_id.name)
            if not leader:
                reason += self.env._("; the team has no leader to notify")
            by_reason[reason].append(lead.id)
            lead.message_post(
                body=self.env._("SLA breached: %(reason)s.", reason=reason),
                partner_ids=(leader | previous | new_owner).partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        for reason, lead_ids in by_reason.items():
            self.browse(lead_ids).write(
                {
                    "ops_sla_state": "breached",
                    "ops_sla_escalated_at": now,
                    "ops_sla_escalation_reason": reason,
                }
            )
        by_previous = defaultdict(list)
        for lead in self.filtered("user_id"):
            by_previous[lead.user_id.id].append(lead.id)
        for user_id, lead_ids in by_previous.items():
            self.browse(lead_ids).write({"ops_sla_breached_user_ids": [Command.link(user_id)]})
        self._ops_sla_hand_over(now, new_owners)

    def _ops_sla_hand_over(self, now, new_owners):
        """Give breached leads to their new owners, each with a fresh follow-up activity."""
        by_owner = defaultdict(list)
        for lead_id, user in new_owners.items():
            by_owner[user.id].append(lead_id)
        leads = self.with_context(mail_auto_subscribe_no_notify=True)
        for user_id, lead_ids in by_owner.items():
            leads.browse(lead_ids).write({"user_id": user_id})
        moved = self.browse(list(new_owners))
        minutes = {lead.id: lead.team_id._ops_sla_minutes() for lead in moved}
        moved._ops_schedule_follow_up(moved._ops_sla_deadlines(dict.fromkeys(moved.ids, now), minutes))
