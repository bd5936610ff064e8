"""Upload documents as AI jobs: one queued job per file, the file moved onto its job."""

from odoo import fields, models
from odoo.exceptions import UserError

from .ops_ai_guard import ai_internal


class OpsAiUpload(models.TransientModel):
    _name = "ops.ai.upload"
    _description = "Upload documents for AI intake"

    document_type_id = fields.Many2one(
        "ops.ai.document.type",
        required=True,
        default=lambda self: self.env.ref("addon_ops_harmony.ops_ai_document_type_vendor_bill", False),
    )
    attachment_ids = fields.Many2many("ir.attachment", string="Documents")

    def action_upload(self):
        """Create one job per uploaded file; return the jobs' list."""
        self.ensure_one()
        self.env["ops.ai.job"].check_access("create")
        # only files uploaded into this wizard by this user: never someone else's attachment
        attachments = self.attachment_ids.filtered(lambda a: a.create_uid == self.env.user and a.res_model in (False, self._name))
        if not attachments or attachments != self.attachment_ids:
            raise UserError(self.env._("Upload at least one file of your own."))
        jobs = ai_internal(self.env["ops.ai.job"]).create(
            [
                {"name": attachment.name, "document_type_id": self.document_type_id.id, "origin": "upload"}
                for attachment in attachments
            ]
        )
        for job, attachment in zip(jobs, attachments):
            attachment.sudo().write({"res_model": job._name, "res_id": job.id})
            ai_internal(job).attachment_id = attachment
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Uploaded documents"),
            "res_model": "ops.ai.job",
            "view_mode": "list,form",
            "domain": [("id", "in", jobs.ids)],
        }
