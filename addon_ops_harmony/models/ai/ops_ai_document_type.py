"""A kind of document the AI layer handles (vendor bill, inbound request): its retention and provider policy."""

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain


class OpsAiDocumentType(models.Model):
    _name = "ops.ai.document.type"
    _description = "AI document type"
    _order = "sequence, id"

    code = fields.Char(required=True, help="The name the worker and the gateway use, e.g. vendor_bill.")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    target_model = fields.Selection(
        [("account.move", "Vendor bill"), ("crm.lead", "Lead")],
        required=True,
        help="What a confirmed review creates (a draft, never posted).",
    )
    retention_days = fields.Integer(
        "Retention (days)",
        default=365,
        required=True,
        help="Reviewed or failed jobs older than this are purged with their document, text and proposals; "
        "the audit log keeps their hashes.",
    )
    allow_external_provider = fields.Boolean(
        "Allow an external provider",
        default=False,
        help="An administrator's explicit opt-in: only then may the worker send this type's text to a non-local endpoint.",
    )
    review_first_below = fields.Float(
        "Review first below",
        digits=(3, 2),
        default=0.8,
        help="Jobs whose lowest field confidence is below this come first in the review queue, flagged. "
        "It orders the queue only: every job is reviewed.",
    )
    job_count = fields.Integer(compute="_compute_job_count")

    _code_unique = models.Constraint("UNIQUE(code)", "A document type code must be unique.")
    _retention_positive = models.Constraint("CHECK(retention_days > 0)", "Retention must be at least one day.")
    _review_first_range = models.Constraint(
        "CHECK(review_first_below >= 0 AND review_first_below <= 1)", "Review first below is a confidence between 0 and 1."
    )

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("allow_external_provider") for vals in vals_list):
            self._ops_check_admin()
        return super().create(vals_list)

    def write(self, vals):
        if "allow_external_provider" in vals:
            self._ops_check_admin()
        return super().write(vals)

    def _ops_check_admin(self):
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(self.env._("Only an administrator may let a document type go to an external AI provider."))

    def _compute_job_count(self):
        counts = dict(
            self.env["ops.ai.job"]._read_group([("document_type_id", "in", self.ids)], ["document_type_id"], ["__count"])
        )
        for doc_type in self:
            doc_type.job_count = counts.get(doc_type, 0)

    @api.model
    def _ops_purge_expired(self):
        """Purge the reviewed and failed jobs older than their type's retention (daily cron)."""
        Job = self.env["ops.ai.job"].sudo()
        purged = Job
        for doc_type in self.sudo().with_context(active_test=False).search([]):
            limit = fields.Datetime.subtract(fields.Datetime.now(), days=doc_type.retention_days)
            purged |= Job.search(
                Domain("document_type_id", "=", doc_type.id)
                & Domain("state", "in", ("done", "failed"))
                & Domain("create_date", "<", limit)
            )
        purged._ops_purge()
        return len(purged)
