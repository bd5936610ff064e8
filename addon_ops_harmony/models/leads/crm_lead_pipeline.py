"""The lead pipeline, in one place: normalize → route → SLA → score → MQL or nurture → lifecycle.

`STEPS` below is the whole pipeline, in order; each step is a method of this file with a one-line
docstring, which calls into the file of its concern (`crm_lead_normalize.py`, `crm_lead_routing.py`,
`crm_lead_sla.py`, `crm_lead_scoring.py`, `crm_lead_lifecycle.py`). The steps hand over through the
`PipelineRun` they all receive: routing leaves there the routes the SLA step starts clocks from.

The shipped `base.automation` rule runs `_ops_run_pipeline`; pausing the rule pauses the pipeline.
`_ops_run_pipeline` is the one place that decides which leads a run takes: the leads the rule gives
it and the rest of their create batch, so a 2,000-lead import runs each step once with 2,000 records
(base.automation still calls the rule per batch, see `base_automation.py`).

`create` is the only override of `crm.lead.create`. What normalizing and routing would write only
depends on the create values, so it goes into them; what the steps must still know about such a
batch (the flags found, the routes picked, whose owner was only the field's default) waits for the
rule's run in `PendingLeads`, the one piece of state kept in the transaction between create and run.
"""

from dataclasses import dataclass, field
from datetime import datetime

from odoo import api, fields, models

PIPELINE_ACTION = "addon_ops_harmony.ops_automation_lead_pipeline_action"
# context keys set while leads are created, and while the pipeline's steps run
CREATING_KEY = "ops_lead_creating"
RUNNING_KEY = "ops_pipeline_running"
# context key of a create whose rows got their team and owner from routing (crm_lead_routing.py)
ROUTED_CREATE_KEY = "ops_routed_create"
# where PendingLeads lives in the transaction's cache
PENDING_KEY = "ops_pipeline_pending"

STEPS = (
    "_ops_step_normalize",
    "_ops_step_route",
    "_ops_step_start_sla",
    "_ops_step_score",
    "_ops_step_mql_or_nurture",
    "_ops_step_lifecycle",
)


@dataclass
class PendingLeads:
    """What creates of this transaction leave for the pipeline rule's runs, by lead id."""

    batches: dict = field(default_factory=dict)  # lead id -> the ids created with it, until a run takes them
    absorbed: set = field(default_factory=set)  # ids a run took with their batch: their own rule run is skipped
    flags: dict = field(default_factory=dict)  # lead id -> {category: [(code, message)]} found in its create values
    picks: dict = field(default_factory=dict)  # lead id -> (rule, member) routing picked in its create values
    defaulted_owner: set = field(default_factory=set)  # ids whose salesperson is only the field's default
    routed: set = field(default_factory=set)  # ids routing gave an owner or a queue in this transaction


@dataclass
class PipelineRun:
    """One run of the pipeline: its leads, its moment, and what its steps hand over."""

    now: datetime
    flags: dict  # from PendingLeads, for these leads only
    picks: dict
    defaulted_owner: set
    routes: dict = field(default_factory=dict)  # lead id -> Route, from the route step for the SLA step


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model_create_multi
    def create(self, vals_list):
        explicit_default = bool(self.env.context.get("default_user_id"))
        defaulted = [not explicit_default and "user_id" not in vals for vals in vals_list]
        # a number, list or object sent for a text field is kept as text and flagged, before
        # anything (Odoo's own create included) reads it as a string
        vals_list, input_flags = self._ops_text_inputs(vals_list)
        flags_by_index, picks_by_index = {}, {}
        if vals_list and self._ops_pipeline_active():
            vals_list, flags_by_index = self._ops_normalize_vals_list(vals_list)
            vals_list, picks_by_index = self._ops_route_vals_list(vals_list, list(flags_by_index))
        # CREATING_KEY marks rule runs made while the records are still being created (crm
        # recomputes stored fields such as the probability inside create): the pipeline has not run
        creator = self.with_context(**{CREATING_KEY: True, **({ROUTED_CREATE_KEY: True} if picks_by_index else {})})
        leads = super(CrmLead, creator).create(vals_list).with_env(self.env)
        pending = self._ops_pending()
        batch = frozenset(leads.ids)
        pending.batches.update(dict.fromkeys(batch, batch))
        pending.flags.update((leads[index].id, flags) for index, flags in flags_by_index.items())
        if picks_by_index:
            pending.picks.update((leads[index].id, pick) for index, pick in picks_by_index.items())
            leads._ops_routed_at_create(vals_list, picks_by_index)
        leads._ops_add_input_flags({leads[index].id: pairs for index, pairs in input_flags.items()})
        pending.defaulted_owner.update(lead.id for lead, is_defaulted in zip(leads, defaulted) if is_defaulted)
        leads._ops_stamp_lifecycle_dates(fields.Datetime.now())
        return leads

    @api.model
    def _ops_pending(self):
        """Return this transaction's PendingLeads."""
        return self.env.cr.cache.setdefault(PENDING_KEY, PendingLeads())

    @api.model
    def _ops_skip_action(self, action, lead_ids):
        """Return whether running server `action` on `lead_ids` would do nothing (override to add).

        A run of the pipeline rule on leads an earlier run of their create batch already processed
        only consumes them from the absorbed set.
        """
        absorbed = self._ops_pending().absorbed
        if not absorbed or not set(lead_ids) <= absorbed:
            return False
        # the xml id lookup is cached, env.ref would query the action
        if action.id != self.env["ir.model.data"]._xmlid_to_res_id(PIPELINE_ACTION):
            return False
        absorbed.difference_update(lead_ids)
        return True

    def _ops_run_pipeline(self):
        """Run the pipeline on these leads and on the rest of their create batch."""
        pending = self._ops_pending()
        own_ids = set(self.ids)
        if own_ids <= pending.absorbed:
            # already processed with the rest of its create batch; a later edit runs again
            pending.absorbed -= own_ids
            return
        batch_ids = set(own_ids)
        for lead_id in own_ids:
            batch_ids |= pending.batches.get(lead_id, frozenset())
        for lead_id in batch_ids:
            pending.batches.pop(lead_id, None)
        pending.absorbed |= batch_ids - own_ids
        leads = self.browse(sorted(batch_ids)).exists().with_context(**{RUNNING_KEY: True})
        run = PipelineRun(
            now=fields.Datetime.now(),
            flags={lead_id: pending.flags.pop(lead_id) for lead_id in batch_ids if lead_id in pending.flags},
            picks={lead_id: pending.picks.pop(lead_id) for lead_id in batch_ids if lead_id in pending.picks},
            defaulted_owner=pending.defaulted_owner & batch_ids,
        )
        pending.defaulted_owner -= batch_ids
        if not leads:
            return
        for step in STEPS:
            getattr(leads, step)(run)

    def _ops_step_normalize(self, run):
        """Normalize country, industry, size, email, phone and UTM; flag what cannot be normalized."""
        self._ops_normalize(run.flags)

    def _ops_step_route(self, run):
        """Give each unassigned lead a team and an owner by the routing rules, or a place in a queue."""
        run.routes = self._ops_route(run.now, run.picks, run.defaulted_owner)

    def _ops_step_start_sla(self, run):
        """Start the SLA clock of the leads routing placed, and give each owner a follow-up activity."""
        routed = self.browse(list(run.routes))
        routed._ops_sla_start(run.now, {lead_id: route.minutes for lead_id, route in run.routes.items()})

    def _ops_step_score(self, run):
        """Score fit, engagement, intent and PLS on the lead's final team, one explanation line per rule."""
        self._ops_score()

    def _ops_step_mql_or_nurture(self, run):
        """Make leads at or above their team's threshold MQLs; tag and subscribe the others to nurture."""
        self._ops_apply_mql_threshold()

    def _ops_step_lifecycle(self, run):
        """Advance each lead to the furthest lifecycle stage its sales facts prove."""
        self._ops_lifecycle()
