"""Root causes: support cases grouped by what they say, across customers, for a person to name.

`_ops_regroup` groups the support cases of the last WINDOW_DAYS days (`ops_support_text.group`)
and keeps the groups stable between runs: a new group takes over the existing root cause that
shares most of its cases (at least half of either), so a name a support lead gave survives. A
root cause a lead confirmed keeps its name; the others are named by their most distinctive words.
Groups that no longer gather cases are archived, never deleted.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError

from .ops_support_text import group

WINDOW_DAYS = 90
LEAD_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"


class OpsSupportRootCause(models.Model):
    _name = "ops.support.root.cause"
    _inherit = ["mail.thread"]
    _description = "Support root cause"
    _order = "case_count desc, id desc"

    name = fields.Char(required=True, tracking=True)
    keywords = fields.Char(readonly=True, help="The words that bring these cases together.")
    confirmed = fields.Boolean(tracking=True, help="Named by a person: regrouping keeps the name.")
    active = fields.Boolean(default=True)
    task_ids = fields.One2many("project.task", "ops_root_cause_id", "Cases")
    case_count = fields.Integer(compute="_compute_case_count", store=True)
    last_grouped = fields.Datetime(readonly=True)

    @api.depends("task_ids")
    def _compute_case_count(self):
        for cause in self:
            cause.case_count = len(cause.task_ids)

    def action_regroup(self):
        if not self.env.user.has_group(LEAD_GROUP):
            raise AccessError(self.env._("Only an Ops Manager regroups root causes."))
        self.sudo()._ops_regroup()
        return True

    @api.model
    def _ops_regroup(self):
        """Regroup the recent support cases into root causes; return the active root causes."""
        since = fields.Datetime.now() - timedelta(days=WINDOW_DAYS)
        cases = self.env["project.task"].search([("ops_is_support", "=", True), ("create_date", ">=", since)], order="id")
        found = group([case._ops_case_text() for case in cases])
        existing = self.search([])
        now = fields.Datetime.now()
        kept = self.browse()
        for indexes, words in found:
            members = cases.browse([cases[index].id for index in indexes])
            cause = self._ops_match(existing - kept, members)
            values = {"keywords": ", ".join(words), "last_grouped": now, "active": True}
            if not cause:
                cause = self.create({"name": " / ".join(words).capitalize(), **values})
            else:
                if not cause.confirmed:
                    values["name"] = " / ".join(words).capitalize()
                cause.write(values)
            (cause.task_ids - members).write({"ops_root_cause_id": False})
            members.write({"ops_root_cause_id": cause.id})
            kept |= cause
        gone = existing - kept
        gone.task_ids.write({"ops_root_cause_id": False})
        gone.write({"active": False})
        return kept

    def _ops_match(self, causes, members):
        """The root cause among `causes` sharing at least half of its cases or of `members`, the most shared first."""
        best, best_shared = self.browse(), 0
        for cause in causes:
            shared = len(cause.task_ids & members)
            if shared and shared * 2 >= min(len(cause.task_ids), len(members)) and shared > best_shared:
                best, best_shared = cause, shared
        return best

    @api.model
    def _cron_regroup(self):
        self._ops_regroup()
