"""Automation rules: the lead pipeline's own rules run their action once per batch, not once per lead.

base.automation runs a rule's server action once per record: a 5,000-lead create means 5,000 runs,
each building a new environment and a full evaluation context. Each new environment is compared
with the transaction's others, whose contexts carry base.automation's `__action_done` recordsets
of the whole batch, so the cost grows with the square of the batch. The lead rules' actions are
written for batches (`records._ops_run_pipeline()`, ...), so for them, and only them,
`_process` runs each action once with all the records (`active_ids`), exactly as base.automation
does otherwise: same recursion guard, same trigger-field filter, same `date_automation_last` stamp.
`crm.lead._ops_skip_action` may skip a run that would do nothing (a re-score while the lead is
being created, before the pipeline scores it).

base.automation also evaluates a rule's filter on every record each time any stored field of a
batch is recomputed, before it looks at which records had a trigger field changed. For the won
rule, whose filter reads `won_status`, that forced crm's PLS probability to be computed again and
again inside one create. For these rules the filter is evaluated only on the records whose trigger
fields changed: the records kept are the same, since `_process` drops the others anyway.
"""

from odoo import models

# the shipped rules whose server actions take a batch of leads
BATCH_RULES = (
    "addon_ops_harmony.ops_automation_lead_pipeline",
    "addon_ops_harmony.ops_automation_lead_rescore",
    "addon_ops_harmony.ops_automation_lead_won",
)


class BaseAutomation(models.Model):
    _inherit = "base.automation"

    def _ops_runs_in_batch(self):
        """Return whether this rule is one of the lead pipeline's, whose actions take a whole batch."""
        self.ensure_one()
        # _xmlid_to_res_id is cached: no query for every recompute that consults the rules
        data = self.env["ir.model.data"]
        return any(self.id == data._xmlid_to_res_id(xmlid, raise_if_not_found=False) for xmlid in BATCH_RULES)

    def _filter_post_export_domain(self, records, feedback=False):
        if records and len(self) == 1 and self.sudo().filter_domain and self._ops_runs_in_batch():
            records = records.filtered(self._check_trigger_fields)
        return super()._filter_post_export_domain(records, feedback=feedback)

    def _process(self, records, domain_post=None):
        if len(self) != 1 or not self._ops_runs_in_batch():
            return super()._process(records, domain_post=domain_post)
        # base.automation's _process, step by step, but for the last
        automation_done = self.env.context.get("__action_done", {})
        records_done = automation_done.get(self, records.browse())
        records -= records_done
        if not records:
            return
        if self.env.context.get("__action_feedback"):
            automation_done[self] = records_done + records
        else:
            automation_done = dict(automation_done)
            automation_done[self] = records_done + records
            self = self.with_context(__action_done=automation_done)
            records = records.with_context(__action_done=automation_done)
        records = records.filtered(self._check_trigger_fields)
        automation_done[self] = records_done + records
        if not records:
            return
        if "date_automation_last" in records._fields:
            records.date_automation_last = self.env.cr.now()
        context = {
            "active_model": records._name,
            "active_ids": records.ids,
            "active_id": records.ids[0],
            "domain_post": domain_post,
        }
        for action in self.sudo().action_server_ids:
            if records._name == "crm.lead" and self.env["crm.lead"]._ops_skip_action(action, records.ids):
                continue
            try:
                action.with_context(**context).run()
            except Exception as e:
                self._add_postmortem(e)
                raise
