"""A launch review finding: one problem a check found, the records concerned and how to fix it.

Only the review runner writes findings (as superuser, once it has checked that the caller is an Ops
Manager): nobody creates or edits one by hand, so a run keeps what its checks found. Findings of two
runs are compared by their key, the check's code with the model and the ids of the records concerned.
"""

import json

from odoo import api, fields, models

CATEGORIES = [
    ("access", "Access"),
    ("integrations", "Integrations"),
    ("rules", "Rules"),
    ("deployment", "Deployment"),
    ("change", "Change management"),
    ("data_flow", "Data flows"),
]
SEVERITIES = [("critical", "Critical"), ("high", "High"), ("medium", "Medium"), ("low", "Low")]
SEVERITY_RANK = {severity: rank for rank, (severity, _label) in enumerate(SEVERITIES)}


def finding_values(category, code, severity, title, detail, remediation, res_model=None, res_ids=None):
    """One finding as a check returns it."""
    return {
        "category": category,
        "code": code,
        "severity": severity,
        "title": title,
        "detail": detail,
        "remediation": remediation,
        "res_model": res_model,
        "res_ids": res_ids or [],
    }


def finding_key(code, res_model, res_ids):
    """Return the key that says two findings of different runs are the same problem."""
    return "|".join((code, res_model or "", ",".join(str(res_id) for res_id in sorted(res_ids or []))))


class OpsLaunchReviewFinding(models.Model):
    _name = "ops.launch.review.finding"
    _description = "Launch review finding"
    _order = "severity_rank, category, code, id"

    review_id = fields.Many2one("ops.launch.review", "Review", required=True, ondelete="cascade", index=True)
    category = fields.Selection(CATEGORIES, required=True)
    code = fields.Char(required=True, help="The check that found it, e.g. access.admins.")
    severity = fields.Selection(SEVERITIES, required=True)
    severity_rank = fields.Integer(compute="_compute_severity_rank", store=True)
    title = fields.Char(required=True)
    detail = fields.Text()
    remediation = fields.Text()
    res_model = fields.Char("Model of the records")
    res_ids = fields.Char("Record ids", default="[]", help="The ids of the records concerned, as a JSON list.")
    record_count = fields.Integer("Records", compute="_compute_record_count", store=True)
    key = fields.Char(compute="_compute_key", store=True, index=True)
    since_previous = fields.Selection(
        [("new", "New"), ("known", "Already there")],
        "Since the previous run",
        compute="_compute_since_previous",
    )

    @api.depends("severity")
    def _compute_severity_rank(self):
        for finding in self:
            finding.severity_rank = SEVERITY_RANK.get(finding.severity, len(SEVERITIES))

    @api.depends("res_ids")
    def _compute_record_count(self):
        for finding in self:
            finding.record_count = len(finding._ops_record_ids())

    @api.depends("code", "res_model", "res_ids")
    def _compute_key(self):
        for finding in self:
            finding.key = finding_key(finding.code or "", finding.res_model, finding._ops_record_ids())

    @api.depends("key", "review_id.previous_id.finding_ids.key")
    def _compute_since_previous(self):
        for finding in self:
            previous_keys = set(finding.review_id.previous_id.finding_ids.mapped("key"))
            finding.since_previous = "known" if finding.key in previous_keys else "new"

    def action_open_records(self):
        """Open exactly the records this finding is about."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.title,
            "res_model": self.res_model,
            "views": [(False, "list"), (False, "form")],
            "domain": [("id", "in", self._ops_record_ids())],
            # a finding may be about archived records, such as inactive users that keep API keys
            "context": {"active_test": False},
        }

    def _ops_record_ids(self):
        self.ensure_one()
        return json.loads(self.res_ids or "[]")

    @api.model
    def _ops_vals(self, found):
        """Return the values of a finding from the dict a check returned."""
        return {
            "category": found["category"],
            "code": found["code"],
            "severity": found["severity"],
            "title": found["title"],
            "detail": found.get("detail"),
            "remediation": found.get("remediation"),
            "res_model": found.get("res_model"),
            "res_ids": json.dumps(sorted(found.get("res_ids") or [])),
        }
