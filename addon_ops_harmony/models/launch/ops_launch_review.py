"""A launch review run: every check run once, its findings kept, and compared with the run before it.

A run also keeps the data flows map of that moment (see `ops_launch_data_flows.py`).

A run is history: it is created by run_review() only (on demand or by the weekly scheduled action)
and never edited. Each run points to the run before it, so a finding is new or already there, and
the findings of the previous run that are gone now are listed as resolved.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Command

from .ops_launch_checks_access import ACCESS_CHECKS
from .ops_launch_checks_access_roles import ACCESS_ROLE_CHECKS
from .ops_launch_checks_changes import CHANGE_CHECKS, PREVIOUS_RUN_KEY
from .ops_launch_checks_deployment import DEPLOYMENT_CHECKS
from .ops_launch_checks_environment import ENVIRONMENT_CHECKS
from .ops_launch_checks_integrations import INTEGRATION_CHECKS
from .ops_launch_checks_rules import RULES_CHECKS
from .ops_launch_data_flows import data_flow_html
from .ops_launch_review_finding import finding_key

MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"
FINDING = "ops.launch.review.finding"


class OpsLaunchReview(models.Model):
    _name = "ops.launch.review"
    _description = "Launch review"
    _order = "date desc, id desc"

    name = fields.Char(required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one("res.users", "Run by", readonly=True)
    state = fields.Selection([("done", "Done")], default="done", required=True, readonly=True)
    previous_id = fields.Many2one("ops.launch.review", "Previous run", readonly=True, ondelete="set null")
    finding_ids = fields.One2many(FINDING, "review_id", "Findings", readonly=True)
    critical_finding_ids = fields.One2many(FINDING, "review_id", domain=[("severity", "=", "critical")], readonly=True)
    high_finding_ids = fields.One2many(FINDING, "review_id", domain=[("severity", "=", "high")], readonly=True)
    medium_finding_ids = fields.One2many(FINDING, "review_id", domain=[("severity", "=", "medium")], readonly=True)
    low_finding_ids = fields.One2many(FINDING, "review_id", domain=[("severity", "=", "low")], readonly=True)
    critical_count = fields.Integer("Critical", compute="_compute_counts", store=True)
    high_count = fields.Integer("High", compute="_compute_counts", store=True)
    medium_count = fields.Integer("Medium", compute="_compute_counts", store=True)
    low_count = fields.Integer("Low", compute="_compute_counts", store=True)
    new_count = fields.Integer("New", compute="_compute_changes")
    resolved_finding_ids = fields.Many2many(
        FINDING,
        string="Resolved since the previous run",
        compute="_compute_changes",
        help="Findings of the previous run that this run no longer finds.",
    )
    resolved_count = fields.Integer("Resolved", compute="_compute_changes")
    data_flow_html = fields.Html(
        "Data flows", readonly=True, sanitize=True, help="Which system owned which synced field when this run ran."
    )

    @api.depends("finding_ids.severity")
    def _compute_counts(self):
        for review in self:
            severities = review.finding_ids.mapped("severity")
            for severity in ("critical", "high", "medium", "low"):
                review[f"{severity}_count"] = severities.count(severity)

    @api.depends("finding_ids.key", "previous_id.finding_ids.key")
    def _compute_changes(self):
        for review in self:
            keys = set(review.finding_ids.mapped("key"))
            previous = review.previous_id.finding_ids
            previous_keys = set(previous.mapped("key"))
            review.resolved_finding_ids = previous.filtered(lambda finding: finding.key not in keys)
            review.resolved_count = len(review.resolved_finding_ids)
            review.new_count = len(keys - previous_keys)

    def action_run(self):
        """Run a review now and open it."""
        review = self.run_review()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": review.id,
            "views": [(False, "form")],
            "target": "current",
        }

    @api.model
    def run_review(self):
        """Run every check, keep the findings as a new review and return it (Ops Managers only)."""
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only an Ops Manager can run the launch review."))
        # sudo: the checks read every user, every API key and the mail servers, and findings are
        # written by the runner only; the caller was checked to be an Ops Manager just above
        runner = self.sudo()
        previous = runner.search([], limit=1)
        # the change checks read the previous run from the context: set here, whatever the caller sent
        runner = runner.with_context(**{PREVIOUS_RUN_KEY: previous.id})
        found = []
        for check in self._ops_checks():
            found += check(runner.env)
        # one finding per key: a check that reports the same records twice is one problem
        unique = {finding_key(item["code"], item.get("res_model"), item.get("res_ids")): item for item in found}
        now = fields.Datetime.now()
        review = runner.create(
            {
                "name": self.env._("Launch review of %(date)s", date=fields.Datetime.to_string(now)),
                "date": now,
                "user_id": self.env.user.id,
                "previous_id": previous.id,
                "data_flow_html": data_flow_html(runner.env),
                "finding_ids": [Command.create(runner.env[FINDING]._ops_vals(item)) for item in unique.values()],
            }
        )
        return review.with_env(self.env)

    def _ops_remediation_findings(self):
        """Return the findings in the order of the printed remediation list: severity (critical first), then category."""
        self.ensure_one()
        return self.finding_ids.sorted(lambda finding: (finding.severity_rank, finding.category, finding.code, finding.id))

    @api.model
    def _ops_checks(self):
        """Return the checks a run runs, in order. Override to add a category's checks."""
        return (
            ACCESS_CHECKS
            + ACCESS_ROLE_CHECKS
            + DEPLOYMENT_CHECKS
            + ENVIRONMENT_CHECKS
            + INTEGRATION_CHECKS
            + RULES_CHECKS
            + CHANGE_CHECKS
        )

    @api.model
    def _cron_run_review(self):
        """The weekly run."""
        return self.run_review()
