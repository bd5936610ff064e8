"""Team members as routing targets: who is at work right now, and who still has room.

A member can take a routed lead when their user is active, assignment is not paused
(`assignment_optout`), `now` falls inside their working hours minus their time off, and their open
leads in the team are below `assignment_max` (0 means no limit). Working hours come from the user's
`resource.resource` (its calendar, timezone and leaves); a user without one follows the company's
working calendar, and a resource without a calendar works any time except on leave.

A member who becomes available (added, back from opt-out, given more room) wakes the queue assigner
(see `crm_lead_queue.py`); so does the start of their working time, planned by `_ops_next_start`.
"""

from datetime import timedelta

import pytz

from odoo import api, models

# how far ahead `_ops_next_start` looks for a member's next working time
NEXT_START_HORIZON = timedelta(days=14)
# changing one of these can let a member take queued leads
AVAILABILITY_FIELDS = frozenset({"assignment_optout", "assignment_max", "active", "user_id", "crm_team_id"})


class MemberState:
    """What routing knows about one member during a batch; `open_count` grows as leads are given."""

    __slots__ = ("available", "capacity", "open_count")

    def __init__(self, available, capacity, open_count):
        self.available = available
        self.capacity = capacity
        self.open_count = open_count

    def has_room(self):
        return self.available and (not self.capacity or self.open_count < self.capacity)

    def room_ratio(self):
        """Share of the capacity still free; an unlimited member is always fully free."""
        if not self.capacity:
            return 1.0
        return (self.capacity - self.open_count) / self.capacity


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        self.env["crm.lead"]._ops_queue_wake()
        return members

    def write(self, vals):
        result = super().write(vals)
        if AVAILABILITY_FIELDS & vals.keys():
            self.env["crm.lead"]._ops_queue_wake()
        return result

    @api.model
    def _ops_user_schedules(self, users):
        """Return {user id: (calendar, resource)} giving each user's working time and leaves."""
        users = users.sudo()
        resources = (
            self.env["resource.resource"]
            .sudo()
            .search_fetch([("user_id", "in", users.ids)], ["user_id", "calendar_id", "company_id", "tz"])
        )
        by_user = {}
        for resource in resources:
            current = by_user.get(resource.user_id.id)
            # several companies give several resources: prefer the one of the user's own company
            if not current or resource.company_id == resource.user_id.company_id:
                by_user[resource.user_id.id] = resource
        schedules = {}
        for user in users:
            resource = by_user.get(user.id, self.env["resource.resource"])
            calendar = resource.calendar_id or user.company_id.resource_calendar_id
            schedules[user.id] = (calendar, resource)
        return schedules

    @api.model
    def _ops_working_users(self, users, now):
        """Return the ids of `users` at work at `now` (naive UTC): in working hours and not on leave."""
        start = pytz.utc.localize(now)
        end = start + timedelta(minutes=1)
        by_calendar = {}
        working = set()
        for user_id, (calendar, resource) in self._ops_user_schedules(users).items():
            if not calendar:
                working.add(user_id)  # no calendar anywhere: treat as always at work
                continue
            by_calendar.setdefault(calendar, []).append((user_id, resource))
        for calendar, entries in by_calendar.items():
            resources = self.env["resource.resource"].union(*(resource for _user, resource in entries))
            intervals = calendar.sudo()._work_intervals_batch(start, end, resources=resources)
            for user_id, resource in entries:
                if any(begin <= start < stop for begin, stop, _meta in intervals[resource.id]):
                    working.add(user_id)
        return working

    def _ops_routing_state(self, now):
        """Return {member id: MemberState} for these members at `now`, in a few grouped queries."""
        members = self.sudo()
        counts = {
            (user.id, team.id): count
            for user, team, count in self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("user_id", "in", members.user_id.ids),
                    ("team_id", "in", members.crm_team_id.ids),
                    ("won_status", "=", "pending"),
                ],
                ["user_id", "team_id"],
                ["__count"],
            )
        }
        candidates = members.filtered(lambda m: m.user_id.active and not m.assignment_optout)
        working = self._ops_working_users(candidates.user_id, now)
        return {
            member.id: MemberState(
                available=member in candidates and member.user_id.id in working,
                capacity=member.assignment_max,
                open_count=counts.get((member.user_id.id, member.crm_team_id.id), 0),
            )
            for member in members
        }

    def _ops_next_start(self, now):
        """Return when the first of these members next starts working after `now` (naive UTC), or None.

        Only members who could take leads (active user, not opted out) count; working time minus
        leaves, up to two weeks ahead.
        """
        candidates = self.sudo().filtered(lambda m: m.user_id.active and not m.assignment_optout)
        start = pytz.utc.localize(now)
        by_calendar = {}
        for calendar, resource in self._ops_user_schedules(candidates.user_id).values():
            if calendar:  # a member without a calendar works any time: nothing to wait for
                by_calendar.setdefault(calendar, []).append(resource)
        starts = []
        for calendar, resources in by_calendar.items():
            intervals = calendar.sudo()._work_intervals_batch(
                start, start + NEXT_START_HORIZON, resources=self.env["resource.resource"].union(*resources)
            )
            for resource in resources:
                starts += [begin for begin, _stop, _meta in intervals[resource.id] if begin > start][:1]
        return min(starts).astimezone(pytz.utc).replace(tzinfo=None) if starts else None
