"""One document or message for the AI layer to read, and its way from intake to a reviewed draft.

Jobs come from mail aliases (`message_new`), uploads, or the bridge. The worker claims them through
`ops.ai.gateway`, which alone writes what the AI proposed (state, class, confidences, evidence);
a person reviews and confirms in `ops_ai_job_review.py`. A job is never lost: an email without a
document or without a body becomes a failed job that says so, which a person can requeue or enter
by hand.
"""

import base64

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html2plaintext
from odoo.tools.mimetypes import guess_mimetype

from .ops_ai_guard import ai_internal, is_ai_internal
from .ops_ai_schema import FAILURE_CATEGORIES

STATES = [("queued", "Queued"), ("processing", "Processing"), ("to_review", "To review"), ("done", "Done"), ("failed", "Failed")]
DOCUMENT_MIMETYPES = ("application/pdf", "image/png", "image/jpeg", "image/tiff", "image/webp")
# what a person may write directly; the rest is the gateway's or the actions'
USER_FIELDS = {"name", "document_type_id", "review_partner_id"}


class OpsAiJob(models.Model):
    _name = "ops.ai.job"
    _description = "AI intake job"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _mail_post_access = "read"

    name = fields.Char("Subject", required=True, default=lambda self: self.env._("Uploaded document"), tracking=True)
    document_type_id = fields.Many2one("ops.ai.document.type", required=True, index=True, ondelete="restrict", tracking=True)
    document_type_code = fields.Char(related="document_type_id.code")
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company, readonly=True)
    origin = fields.Selection(
        [("mail", "Mail alias"), ("upload", "Upload"), ("bridge", "Bridge")], required=True, default="upload", readonly=True
    )
    state = fields.Selection(STATES, default="queued", required=True, index=True, readonly=True, tracking=True)
    attachment_id = fields.Many2one("ir.attachment", "Document", readonly=True, ondelete="set null")
    attachment_name = fields.Char(related="attachment_id.name", string="File name")
    sender = fields.Char(readonly=True)
    body_text = fields.Text("Message", readonly=True)
    worker = fields.Char(readonly=True)
    lease_expires_at = fields.Datetime(readonly=True)
    provider = fields.Char(readonly=True)
    model_version = fields.Char("Model version (reported)", readonly=True)
    model_version_id = fields.Many2one("ops.ai.model.version", readonly=True, ondelete="restrict")
    input_sha256 = fields.Char("Input SHA-256", readonly=True)
    output_sha256 = fields.Char("Output SHA-256", readonly=True)
    extracted_text = fields.Text(readonly=True)
    pages = fields.Json(readonly=True)
    lines = fields.Json("Proposed lines", readonly=True)
    checks = fields.Json(readonly=True)
    class_label = fields.Char("Class", readonly=True, index=True)
    class_confidence = fields.Float(digits=(3, 3), readonly=True)
    class_candidates = fields.Json(readonly=True)
    min_confidence = fields.Float(
        "Lowest confidence", digits=(3, 3), readonly=True, help="Orders the review queue: least sure first."
    )
    failure_category = fields.Selection(FAILURE_CATEGORIES, readonly=True)
    failure_reason = fields.Text(readonly=True)
    proposal_ids = fields.One2many("ops.ai.proposal.field", "job_id", "Proposed fields")
    review_partner_id = fields.Many2one(
        "res.partner", "Vendor", help="Set it when no vendor matches the proposed VAT or name: the review uses it."
    )
    result_res_model = fields.Char("Result model", readonly=True)
    result_res_id = fields.Many2oneReference("Result", model_field="result_res_model", readonly=True)
    reviewer_id = fields.Many2one("res.users", readonly=True, ondelete="restrict")
    reviewed_at = fields.Datetime(readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not is_ai_internal(self):
            raise AccessError(self.env._("Jobs come from the mail aliases, the Upload documents form or the bridge only."))
        return super().create(vals_list)

    def write(self, vals):
        if not is_ai_internal(self):
            forbidden = {name for name in vals if not name.startswith("message_")} - USER_FIELDS
            if forbidden:
                raise AccessError(self.env._("These job fields are set by the AI layer only: %s.", ", ".join(sorted(forbidden))))
            if "document_type_id" in vals and any(job.state not in ("queued", "failed") for job in self):
                raise UserError(self.env._("The document type can change only while the job is queued or failed."))
        return super().write(vals)

    def unlink(self):
        if not is_ai_internal(self) and any(job.state not in ("failed", "done") for job in self):
            raise UserError(self.env._("Only failed or done jobs can be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------
    # intake: mail aliases
    # ------------------------------------------------------------------

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Turn an email to an alias into jobs: one per document for bills, one per email for requests."""
        if not self.env.su:
            # Odoo's mail gateway routes as superuser; over RPC this would forge a delivered email
            raise AccessError(self.env._("Jobs are created from email by Odoo's mail gateway only."))
        values = dict(custom_values or {})
        doc_type = self.env["ops.ai.document.type"].browse(values.get("document_type_id")).exists()
        if not doc_type:
            doc_type = self.env.ref("addon_ops_harmony.ops_ai_document_type_inbound_request")
        subject = (msg_dict.get("subject") or "").strip() or self.env._("(no subject)")
        base = {
            "name": subject[:256],
            "document_type_id": doc_type.id,
            "origin": "mail",
            "sender": msg_dict.get("email_from") or False,
            "body_text": html2plaintext(msg_dict.get("body") or "").strip() or False,
        }
        Job = ai_internal(self)
        if doc_type.code == "inbound_request":
            if not base["body_text"]:
                base.update(
                    state="failed", failure_category="no_body", failure_reason=self.env._("The email has no body to read.")
                )
            return Job.create(base)
        documents = [(name, content) for name, content, _info in msg_dict.get("attachments") or () if _is_document(content)]
        if not documents:
            return Job.create(
                {
                    **base,
                    "state": "failed",
                    "failure_category": "no_document",
                    "failure_reason": self.env._("The email has no PDF or image attached."),
                }
            )
        jobs = Job.create([{**base, "name": f"{subject} — {name}"[:256]} for name, _content in documents])
        for job, (name, content) in zip(jobs, documents):
            job._ops_attach(name, content)
        for sibling in jobs[1:]:
            sibling.message_post(body=self.env._("Split from the email of job %s, one job per document.", jobs[0].display_name))
        return jobs[0]

    def _ops_attach(self, filename, content):
        """Store `content` as this job's document."""
        self.ensure_one()
        data = content.encode() if isinstance(content, str) else content
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create({"name": filename, "raw": data, "res_model": self._name, "res_id": self.id, "company_id": self.company_id.id})
        )
        ai_internal(self).attachment_id = attachment

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------

    def _ops_kind(self):
        """The kind the worker needs: pdf, image, email, or text for other attachments."""
        self.ensure_one()
        mimetype = self.attachment_id.mimetype or ""
        if not self.attachment_id:
            return "email"
        if mimetype == "application/pdf":
            return "pdf"
        return "image" if mimetype.startswith("image/") else "text"

    def _ops_purge(self):
        """Delete these jobs with their document, text and proposals; their audit entries stay."""
        attachments = self.sudo().attachment_id
        ai_internal(self.sudo()).unlink()
        # mail.thread removes the attachments bound to the job; an attachment moved elsewhere stays too
        attachments.exists().filtered(lambda attachment: attachment.res_model == self._name).unlink()

    def _ops_result_record(self):
        self.ensure_one()
        if not self.result_res_model:
            return None
        return self.env[self.result_res_model].browse(self.result_res_id).exists()


def _is_document(content):
    data = content.encode() if isinstance(content, str) else content
    return bool(data) and guess_mimetype(data) in DOCUMENT_MIMETYPES


def b64(attachment):
    return base64.b64encode(attachment.raw).decode() if attachment else None
