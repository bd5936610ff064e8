"""What the review screen shows of a job, read as the reviewer, and the review queue's "review first" flag.

`review_payload()` answers the OWL review screen (web_src/src/ai_review) in one call: the document to
show (attachment or text), the page sizes the evidence boxes are measured in, the proposed fields
least sure first, the class and its candidates, the lines and the checks. It reads as the calling
user, without sudo: a job they may not read answers an AccessError.
"""

from odoo import api, fields, models

from .ops_ai_schema import REQUEST_CLASS_FIELDS, allowed_fields


class OpsAiJobReviewScreen(models.Model):
    _inherit = "ops.ai.job"

    review_first = fields.Boolean(
        compute="_compute_review_first",
        store=True,
        index=True,
        help="Its lowest confidence is below its document type's threshold: the queue shows it first. "
        "Every job is reviewed all the same.",
    )

    @api.depends("state", "min_confidence", "document_type_id.review_first_below")
    def _compute_review_first(self):
        for job in self:
            job.review_first = job.state == "to_review" and job.min_confidence < job.document_type_id.review_first_below

    def action_open_review(self):
        """Open the review screen on this job."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.client",
            "tag": "addon_ops_harmony.ai_review",
            "name": self.env._("Review %s", self.name),
            "params": {"job_id": self.id},
            # kept in the URL by Odoo's router: a reload opens the same review
            "context": {"active_id": self.id, "active_model": self._name},
        }

    def review_payload(self):
        """Return what the review screen needs for this job, read as the calling user."""
        self.ensure_one()
        self.check_access("read")
        code = self.document_type_id.code
        labels = self._ops_class_labels()
        attachment = self.attachment_id
        return {
            "id": self.id,
            "name": self.name,
            "state": self.state,
            "state_label": dict(self._fields["state"].selection)[self.state],
            "document_type": {"code": code, "name": self.document_type_id.name},
            "kind": self._ops_kind(),
            "attachment": {"id": attachment.id, "name": attachment.name, "mimetype": attachment.mimetype} if attachment else None,
            "sender": self.sender or None,
            "text": self.extracted_text or self.body_text or "",
            "pages": self.pages or [],
            "fields": [
                {
                    "name": proposal.name,
                    "label": proposal.label or proposal.name,
                    "raw": proposal.raw_value or None,
                    "value": proposal.value or None,
                    "final_value": proposal.final_value or None,
                    "confidence": proposal.confidence,
                    "generator": proposal.generator or None,
                    "evidence": proposal.evidence or None,
                    "candidates": proposal.candidates or [],
                }
                for proposal in self.proposal_ids.sorted(lambda proposal: (proposal.confidence, proposal.id))
            ],
            "class": {
                "label": self.class_label,
                "confidence": self.class_confidence,
                "candidates": self.class_candidates or [],
                "choices": [
                    {"label": label, "name": labels[label], "fields": sorted(allowed_fields(code, label))}
                    for label in REQUEST_CLASS_FIELDS
                ],
            }
            if code == "inbound_request"
            else None,
            "lines": self.lines or [],
            "checks": self.checks or [],
            "min_confidence": self.min_confidence,
            "review_first": self.review_first,
            "review_first_below": self.document_type_id.review_first_below,
            "vendor": {"id": self.review_partner_id.id, "name": self.review_partner_id.display_name}
            if self.review_partner_id
            else None,
            "company_id": self.company_id.id,
            "can_confirm": self.state == "to_review",
        }

    def _ops_class_labels(self):
        return {
            "sales_lead": self.env._("Sales lead"),
            "procurement_request": self.env._("Procurement request"),
            "support_case": self.env._("Support case"),
            "onboarding_request": self.env._("Onboarding request"),
            "other": self.env._("Other"),
        }
