"""The AI gateway: the entry points the intake worker calls over JSON-2 to claim, answer or fail jobs.

Like `ops.sync.gateway`, it first checks that the caller is the bridge's user (Ops Integration) or
an Ops Manager, then works as superuser on the AI layer's own records. Two workers never get the
same job: claiming takes rows with `FOR UPDATE SKIP LOCKED` and leases them; a job whose lease ran
out is claimed again. A worker answers only the jobs it holds. Every answer is checked against the
contract (`ops_ai_schema.check_result`) and refused whole, with the part named, when it breaks it.
Each answer writes one audit entry with the provider, the model version, the prompt version, and the
input and output hashes.

An external provider is governed here, not in the worker: each claimed job says whether its document
type opted in (`allow_external_provider`, an administrator's choice) and carries the type's active
prompt template; a result from a provider other than `local` for a type without the opt-in is refused
(403), and a result naming a prompt version that never ran for its type is refused (422).
"""

import hashlib
import json
import re

from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

from ..sync.ops_sync_gateway import INTEGRATION_GROUP, MANAGER_GROUP
from .ops_ai_guard import ai_internal
from .ops_ai_job import b64
from .ops_ai_schema import LOCAL_PROVIDER, WORKER_CATEGORIES, ResultRejected, check_result

WORKER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$")
MAX_CLAIM = 50
LEASE_RANGE = (30, 3600)
REASON_MAX = 2000


class OpsAiGateway(models.AbstractModel):
    _name = "ops.ai.gateway"
    _description = "AI gateway"

    @api.model
    def claim_jobs(self, worker, limit=5, lease_seconds=300):
        """Lease up to `limit` queued (or lease-expired) jobs to `worker`; return them with their content.

        :return: ``{"jobs": [{"id", "document_type", "kind", "filename", "mimetype", "data_b64", "text",
            "subject", "sender", "allow_external_provider", "company": {"name", "vat"},
            "prompt": {"version", "text"} | None}]}``. The company is the one the document was sent to:
            its own name and VAT number are never the vendor's.
        """
        gateway = self._ops_authorized()
        worker = gateway._ops_check_worker(worker)
        limit = gateway._ops_check_int(limit, "limit", 1, MAX_CLAIM)
        lease_seconds = gateway._ops_check_int(lease_seconds, "lease_seconds", *LEASE_RANGE)
        gateway.env.flush_all()
        gateway.env.cr.execute(
            """
            UPDATE ops_ai_job job
               SET state = 'processing', worker = %(worker)s,
                   lease_expires_at = (now() at time zone 'UTC') + make_interval(secs => %(lease)s),
                   write_uid = %(uid)s, write_date = (now() at time zone 'UTC')
             WHERE job.id IN (
                   SELECT id FROM ops_ai_job
                    WHERE state = 'queued'
                       OR (state = 'processing' AND lease_expires_at < (now() at time zone 'UTC'))
                    ORDER BY id
                    LIMIT %(limit)s
                      FOR UPDATE SKIP LOCKED)
         RETURNING job.id
            """,
            {"worker": worker, "lease": lease_seconds, "limit": limit, "uid": self.env.uid},
        )
        ids = sorted(row[0] for row in gateway.env.cr.fetchall())
        Job = gateway.env["ops.ai.job"]
        Job.invalidate_model(["state", "worker", "lease_expires_at", "write_uid", "write_date"])
        return {"jobs": [gateway._ops_job_payload(job) for job in Job.browse(ids)]}

    @api.model
    def submit_result(self, job_id, worker, result):
        """Store what the worker read from a job it holds; the job waits for review. Return ``{"state"}``."""
        gateway = self._ops_authorized()
        job = gateway._ops_held_job(job_id, worker)
        try:
            checked = check_result(result, job.document_type_id.code)
        except ResultRejected as error:
            raise ValidationError(self.env._("Job %(job)s: result refused: %(why)s", job=job.id, why=str(error))) from None
        template = gateway._ops_check_provider(job, checked)
        output_sha256 = hashlib.sha256(json.dumps(checked, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
        version = gateway.env["ops.ai.model.version"].search([("name", "=", checked["model_version"])], limit=1)
        proposals = [
            {
                "job_id": job.id,
                "name": item["name"],
                "label": item["name"].replace("_", " ").capitalize(),
                "raw_value": item["raw"] or False,
                "value": item["value"] or False,
                "confidence": item["confidence"],
                "evidence": item["evidence"],
                "candidates": item["candidates"],
                "generator": item["generator"] or False,
            }
            for item in checked["fields"]
        ]
        confidences = [item["confidence"] for item in checked["fields"]] + (
            [checked["class"]["confidence"]] if checked["class"] else []
        )
        internal = ai_internal(job)
        internal.proposal_ids.unlink()
        ai_internal(gateway.env["ops.ai.proposal.field"]).create(proposals)
        job.invalidate_recordset(["proposal_ids"])  # read them back in the model's order: least sure first
        klass = checked["class"] or {}
        internal.write(
            {
                "state": "to_review",
                "worker": False,
                "lease_expires_at": False,
                "provider": checked["provider"],
                "model_version": checked["model_version"],
                "model_version_id": version.id,
                "prompt_version": checked["prompt_version"] or False,
                "prompt_template_id": template.id,
                "input_sha256": checked["input_sha256"],
                "output_sha256": output_sha256,
                "extracted_text": checked["text"],
                "pages": checked["pages"],
                "lines": checked["lines"],
                "checks": checked["checks"],
                "class_label": klass.get("label", False),
                "class_confidence": klass.get("confidence", 0.0),
                "class_candidates": klass.get("candidates") or False,
                "min_confidence": min(confidences, default=0.0),
                "failure_category": False,
                "failure_reason": False,
            }
        )
        job._ops_match_master_data()  # VAT/IBAN → partner_id proposal, per-vendor memory (ops_ai_matching.py)
        gateway._ops_audit(
            job,
            "ai_proposal",
            provider=checked["provider"],
            model_version=checked["model_version"],
            prompt_version=checked["prompt_version"],
            field_calibration=checked["field_calibration"],
            input_sha256=checked["input_sha256"],
            output_sha256=output_sha256,
            worker=worker,
        )
        return {"state": "to_review"}

    @api.model
    def fail_job(self, job_id, worker, category, reason):
        """Mark a job this worker holds as failed with a category and a readable reason; its document stays."""
        gateway = self._ops_authorized()
        job = gateway._ops_held_job(job_id, worker)
        if category not in WORKER_CATEGORIES:
            raise ValidationError(self.env._("category must be one of %s.", ", ".join(sorted(WORKER_CATEGORIES))))
        if not isinstance(reason, str) or not reason.strip():
            raise ValidationError(self.env._("reason must be a non-empty string saying what went wrong."))
        ai_internal(job).write(
            {
                "state": "failed",
                "worker": False,
                "lease_expires_at": False,
                "failure_category": category,
                "failure_reason": reason[:REASON_MAX],
            }
        )
        job.message_post(
            body=self.env._(
                "The AI worker could not read this document (%(category)s): %(reason)s",
                category=category,
                reason=reason[:REASON_MAX],
            )
        )
        gateway._ops_audit(job, "ai_failure", worker=worker, category=category)
        return {"state": "failed"}

    # ------------------------------------------------------------------
    # checks
    # ------------------------------------------------------------------

    @api.model
    def _ops_authorized(self):
        """Return the gateway as superuser, if the caller is the bridge's user or an Ops Manager."""
        user = self.env.user
        if not (self.env.su or user.has_group(INTEGRATION_GROUP) or user.has_group(MANAGER_GROUP)):
            raise AccessError(self.env._("Only the bridge's user (Ops Integration) or an Ops Manager may call the AI gateway."))
        return self.sudo().with_context(tracking_disable=True, mail_notrack=True)

    @api.model
    def _ops_check_worker(self, worker):
        if not isinstance(worker, str) or not WORKER_RE.match(worker):
            raise ValidationError(
                self.env._("worker must be a short name (letters, digits, '_.:@-'), got %s.", type(worker).__name__)
            )
        return worker

    @api.model
    def _ops_check_int(self, value, name, low, high):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValidationError(
                self.env._("%(name)s must be a whole number from %(low)s to %(high)s.", name=name, low=low, high=high)
            )
        return value

    @api.model
    def _ops_held_job(self, job_id, worker):
        """Return the job `worker` holds under a live lease, locked; refuse any other."""
        worker = self._ops_check_worker(worker)
        if isinstance(job_id, bool) or not isinstance(job_id, int):
            raise ValidationError(self.env._("job_id must be a job id (a whole number)."))
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, state, worker FROM ops_ai_job WHERE id = %s FOR UPDATE",
            [job_id],
        )
        row = self.env.cr.fetchone()
        if not row:
            raise ValidationError(self.env._("Job %s does not exist.", job_id))
        if row[1] != "processing" or row[2] != worker:
            raise AccessError(
                self.env._("Job %(job)s is not held by worker %(worker)s: claim it first.", job=job_id, worker=worker)
            )
        return self.env["ops.ai.job"].browse(job_id)

    @api.model
    def _ops_check_provider(self, job, checked):
        """Refuse an external provider without the type's opt-in, or a prompt version foreign to the type.

        :return: the prompt template the result names (empty when it names none)
        """
        doc_type = job.document_type_id
        if checked["provider"] != LOCAL_PROVIDER and not doc_type.allow_external_provider:
            raise AccessError(
                self.env._(
                    "Job %(job)s: %(type)s documents may not go to an external provider (%(provider)s): "
                    "an administrator has not opted this document type in.",
                    job=job.id,
                    type=doc_type.code,
                    provider=checked["provider"],
                )
            )
        Template = self.env["ops.ai.prompt.template"]
        if not checked["prompt_version"]:
            return Template
        template = Template.search(
            [
                ("document_type_id", "=", doc_type.id),
                ("name", "=", checked["prompt_version"]),
                ("state", "in", ("active", "retired")),
            ],
            limit=1,
        )
        if not template:
            raise ValidationError(
                self.env._(
                    "Job %(job)s: result refused: prompt_version %(version)r is not a prompt template version "
                    "that ran for %(type)s.",
                    job=job.id,
                    version=checked["prompt_version"],
                    type=doc_type.code,
                )
            )
        return template

    @api.model
    def _ops_job_payload(self, job):
        attachment = job.attachment_id
        prompt = self.env["ops.ai.prompt.template"]._ops_active_for(job.document_type_id)
        return {
            "id": job.id,
            "document_type": job.document_type_id.code,
            "kind": job._ops_kind(),
            "filename": attachment.name or None,
            "mimetype": attachment.mimetype or None,
            "data_b64": b64(attachment),
            "text": (job.body_text or None) if not attachment else None,
            "subject": job.name,
            "sender": job.sender or None,
            "allow_external_provider": bool(job.document_type_id.allow_external_provider),
            "company": {"name": job.company_id.name, "vat": job.company_id.vat or None},
            "prompt": {"version": prompt.name, "text": prompt.text} if prompt else None,
        }

    @api.model
    def _ops_audit(self, job, event, **facts):
        """Write one audit entry for an AI step on `job`, its facts as canonical JSON."""
        self.env["ops.audit.log"].with_company(job.company_id)._ops_record(
            event, record=job, rationale=json.dumps({"job": job.id, **facts}, sort_keys=True)
        )
