"""The lead pipeline's entry point: normalize → route → score, in one batch per create.

Each concern (normalization, scoring, routing, lifecycle) lives in its own `crm_lead_*.py` file and
adds its step by overriding `_ops_pipeline_steps`. The shipped `base.automation` rules call
`_ops_run_pipeline`; pausing those rules pauses the pipeline.
"""

import logging

from odoo import api, models

_logger = logging.getLogger(__name__)

PENDING_KEY = "ops_pipeline_pending"
ABSORBED_KEY = "ops_pipeline_absorbed"
PIPELINE_ACTION = "addon_ops_harmony.ops_automation_lead_pipeline_action"
# context keys set while leads are created, and while the pipeline's steps run
CREATING_KEY = "ops_lead_creating"
RUNNING_KEY = "ops_pipeline_running"
# context key of a create whose rows got their team and owner from routing (crm_lead_routing.py)
ROUTED_CREATE_KEY = "ops_routed_create"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model_create_multi
    def create(self, vals_list):
        # CREATING_KEY marks rule runs made while the records are still being created (crm
        # recomputes stored fields such as the probability inside create): the pipeline has not run
        leads = super(CrmLead, self.with_context(**{CREATING_KEY: True})).create(vals_list).with_env(self.env)
        # the pipeline rule runs once per batch (models/leads/base_automation.py); a run on part of this
        # create still processes every lead of it (see _ops_run_pipeline).
        batch = frozenset(leads.ids)
        self.env.cr.cache.setdefault(PENDING_KEY, {}).update(dict.fromkeys(batch, batch))
        return leads

    def _ops_pipeline_steps(self):
        """Override to add a step: return super() plus (sequence, method_name) pairs."""
        return []

    @api.model
    def _ops_skip_action(self, action, lead_ids):
        """Return whether running server `action` on `lead_ids` would do nothing (override to add).

        A run of the pipeline rule on leads an earlier run of their create batch already processed
        only consumes them from the absorbed set.
        """
        absorbed = self.env.cr.cache.get(ABSORBED_KEY)
        if not absorbed or not set(lead_ids) <= absorbed:
            return False
        # the xml id lookup is cached, env.ref would query the action
        if action.id != self.env["ir.model.data"]._xmlid_to_res_id(PIPELINE_ACTION):
            return False
        absorbed.difference_update(lead_ids)
        return True

    def _ops_run_pipeline(self):
        """Run every pipeline step on these leads and on the rest of their create batch.

        Called by the automation rule (once per batch, see models/leads/base_automation.py). A call takes
        the whole create batch that is still pending, so a 2,000-lead import runs each step once
        with 2,000 records.
        """
        cache = self.env.cr.cache
        pending = cache.setdefault(PENDING_KEY, {})  # lead id -> the ids created with it
        absorbed = cache.setdefault(ABSORBED_KEY, set())
        own_ids = set(self.ids)
        if own_ids <= absorbed:
            # already processed with the rest of its create batch; a later edit runs again
            absorbed -= own_ids
            return
        batch_ids = set(own_ids)
        for lead_id in own_ids:
            batch_ids |= pending.get(lead_id, frozenset())
        for lead_id in batch_ids:
            pending.pop(lead_id, None)
        absorbed |= batch_ids - own_ids
        leads = self.browse(sorted(batch_ids)).exists().with_context(**{RUNNING_KEY: True})
        if not leads:
            return
        for _sequence, method_name in sorted(self._ops_pipeline_steps()):
            getattr(leads, method_name)()
