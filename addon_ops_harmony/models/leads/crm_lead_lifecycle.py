"""Lifecycle: every stage change is timestamped, and leads move forward, never back.

Scoring moves a lead between `lead` and `mql`. This concern advances it further from sales facts:
a quotation makes it `sql`, a conversion to opportunity `opportunity`, a won deal or a confirmed
order `customer`. A stage at or beyond `sql` is never lowered by a later write. Reaching a stage
stamps its date, and the dates of the stages it skipped, so "became MQL" means "reached at least MQL".
"""

from collections import defaultdict

from odoo import fields, models

LIFECYCLE_SELECTION = [
    ("lead", "Lead"),
    ("mql", "Marketing qualified"),
    ("sql", "Sales qualified"),
    ("opportunity", "Opportunity"),
    ("customer", "Customer"),
]
LIFECYCLE_RANK = {stage: rank for rank, (stage, _label) in enumerate(LIFECYCLE_SELECTION)}
LIFECYCLE_DATE_FIELDS = {
    "mql": "ops_mql_date",
    "sql": "ops_sql_date",
    "opportunity": "ops_opportunity_date",
    "customer": "ops_customer_date",
}
# Below this rank scoring may still move a lead back and forth (mql <-> lead); from here on, only up.
PROTECTED_RANK = LIFECYCLE_RANK["sql"]
ALLOW_DOWNGRADE_KEY = "ops_lifecycle_allow_downgrade"
TRACKED_FIELDS = {"stage_id", "ops_lifecycle_stage"}


def lifecycle_rank(stage):
    """Rank of a lifecycle stage; an empty stage counts as `lead`."""
    return LIFECYCLE_RANK.get(stage or "lead", 0)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    ops_lifecycle_stage = fields.Selection(
        LIFECYCLE_SELECTION,
        string="Lifecycle stage",
        default="lead",
        required=True,
        copy=False,
        index=True,
    )
    ops_mql_date = fields.Datetime("Became MQL", readonly=True, copy=False)
    ops_sql_date = fields.Datetime("Became SQL", readonly=True, copy=False)
    ops_opportunity_date = fields.Datetime("Became opportunity", readonly=True, copy=False)
    ops_customer_date = fields.Datetime("Became customer", readonly=True, copy=False)
    ops_stage_log_ids = fields.One2many("ops.lead.stage.log", "lead_id", string="Stage history", readonly=True)

    def write(self, vals):
        stage = vals.get("ops_lifecycle_stage")
        # a value that is no stage at all is left to the ORM's checks, which refuse it (models/core/base.py)
        is_stage = stage in (False, None) or (isinstance(stage, str) and stage in LIFECYCLE_RANK)
        if "ops_lifecycle_stage" in vals and is_stage and not self.env.context.get(ALLOW_DOWNGRADE_KEY):
            new_rank = lifecycle_rank(vals["ops_lifecycle_stage"])
            held = self.filtered(
                lambda lead: PROTECTED_RANK <= lifecycle_rank(lead.ops_lifecycle_stage)
                and new_rank < lifecycle_rank(lead.ops_lifecycle_stage)
            )
            if held:
                other_vals = {key: value for key, value in vals.items() if key != "ops_lifecycle_stage"}
                if other_vals:
                    held._ops_write_logged(other_vals)
                return (self - held)._ops_write_logged(vals)
        return self._ops_write_logged(vals)

    def _ops_write_logged(self, vals):
        """Write `vals` and log the leads whose pipeline or lifecycle stage changed."""
        if not self or not TRACKED_FIELDS & set(vals):
            return super().write(vals)
        before = {lead.id: (lead.stage_id.id, lead.ops_lifecycle_stage) for lead in self}
        result = super().write(vals)
        now = fields.Datetime.now()
        user_id = self.env.uid
        logs = []
        for lead in self:
            old_stage_id, old_lifecycle = before[lead.id]
            if (old_stage_id, old_lifecycle) != (lead.stage_id.id, lead.ops_lifecycle_stage):
                logs.append(
                    {
                        "lead_id": lead.id,
                        "from_stage_id": old_stage_id,
                        "to_stage_id": lead.stage_id.id,
                        "from_lifecycle": old_lifecycle,
                        "to_lifecycle": lead.ops_lifecycle_stage,
                        "changed_at": now,
                        "user_id": user_id,
                    }
                )
        if logs:
            self.env["ops.lead.stage.log"].sudo().create(logs)
        if "ops_lifecycle_stage" in vals:
            self._ops_stamp_lifecycle_dates(now)
        return result

    def _ops_lifecycle(self):
        """Pipeline step: advance each lead to the furthest stage its sales facts prove."""
        orders = (
            self.env["sale.order"]
            .sudo()
            ._read_group(
                [("opportunity_id", "in", self.ids), ("state", "!=", "cancel")],
                ["opportunity_id", "state"],
            )
        )
        order_stage = {}
        for lead, state in orders:
            stage = "customer" if state == "sale" else "sql"
            if lifecycle_rank(stage) > lifecycle_rank(order_stage.get(lead.id)):
                order_stage[lead.id] = stage
        targets = defaultdict(list)
        for lead in self:
            candidates = [order_stage.get(lead.id)]
            if lead.type == "opportunity" and lead.date_conversion:
                candidates.append("opportunity")
            if lead.won_status == "won":
                candidates.append("customer")
            target = max(candidates, key=lifecycle_rank)
            if target and lifecycle_rank(target) > lifecycle_rank(lead.ops_lifecycle_stage):
                targets[target].append(lead.id)
        for stage, lead_ids in targets.items():
            self.browse(lead_ids).write({"ops_lifecycle_stage": stage})

    def _ops_on_won(self):
        """Called by the "stage set to won" automation rule: won leads become customers."""
        self.filtered(lambda lead: lead.won_status == "won")._ops_lifecycle_advance("customer")

    def _ops_lifecycle_advance(self, stage):
        """Move these leads up to `stage`; leads already there or beyond keep their stage."""
        rank = lifecycle_rank(stage)
        to_advance = self.filtered(lambda lead: lifecycle_rank(lead.ops_lifecycle_stage) < rank)
        if to_advance:
            to_advance.write({"ops_lifecycle_stage": stage})
        return to_advance

    def _ops_stamp_lifecycle_dates(self, when):
        """Set the first-reached date of each lead's stage and of the stages it skipped."""
        to_stamp = defaultdict(list)
        for lead in self:
            rank = lifecycle_rank(lead.ops_lifecycle_stage)
            missing = tuple(
                fname for stage, fname in LIFECYCLE_DATE_FIELDS.items() if LIFECYCLE_RANK[stage] <= rank and not lead[fname]
            )
            if missing:
                to_stamp[missing].append(lead.id)
        for fnames, lead_ids in to_stamp.items():
            self.browse(lead_ids).write(dict.fromkeys(fnames, when))
