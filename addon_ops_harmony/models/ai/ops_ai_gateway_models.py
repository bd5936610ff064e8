"""The gateway's model calls: the worker reads the active model, a retrain reads the corrections and
hands in a candidate, which Odoo promotes only if it beats the active version (see
`ops_ai_model_metrics`). The same callers as the rest of the gateway (`_ops_authorized`).
"""

import base64
import hashlib
import json
import re

from odoo import api, models
from odoo.exceptions import ValidationError

from .ops_ai_model_metrics import MetricsRejected, check_metrics
from .ops_ai_model_version import RETRAIN_PARAM

KINDS = {"classifier": "inbound_request", "extractor": "vendor_bill"}
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
ARTIFACT_MAX_BYTES = 20 * 1024 * 1024
MAX_CORRECTIONS = 500


class OpsAiGateway(models.AbstractModel):
    _inherit = "ops.ai.gateway"

    @api.model
    def active_model(self, kind, with_artifact=True):
        """Return the active version of `kind`: ``{"name", "sha256", "artifact"}`` or None.

        `with_artifact=False` leaves the artifact out (null): the worker's cheap check for a change.
        """
        gateway = self._ops_authorized()
        kind = gateway._ops_check_kind(kind)
        if not isinstance(with_artifact, bool):
            raise ValidationError(self.env._("with_artifact must be true or false."))
        version = gateway.env["ops.ai.model.version"].search([("kind", "=", kind), ("state", "=", "active")], limit=1)
        if not version or not version.artifact_id:
            return None
        raw = base64.b64decode(version.artifact_id.datas or b"")
        try:
            artifact = json.loads(raw)
        except ValueError:
            artifact = None  # the worker refuses it with its own error and runs its default
        return {
            "name": version.name,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "artifact": artifact if with_artifact else None,
        }

    @api.model
    def training_corrections(self, kind, since_id=0, limit=200):
        """Return what confirmed reviews teach, after `since_id`, with the text it is about.

        For a classifier: each reviewed request (id = the job's) with its final class, `predicted` the
        class proposed, `corrected` whether the reviewer changed it. For an extractor: each field
        correction (id = the correction's) with the bill's text.

        :return: ``{"corrections": [{"id", "job_id", "subject", "sender", "text", "field", "predicted",
            "final", "corrected"}], "last_id"}``
        """
        gateway = self._ops_authorized()
        kind = gateway._ops_check_kind(kind)
        since_id = gateway._ops_check_int(since_id, "since_id", 0, 2**31 - 1)
        limit = gateway._ops_check_int(limit, "limit", 1, MAX_CORRECTIONS)
        if kind == "classifier":
            rows = gateway._ops_reviewed_requests(since_id, limit)
        else:
            corrections = gateway.env["ops.ai.correction"].search(
                [
                    ("id", ">", since_id),
                    ("job_id.state", "=", "done"),
                    ("document_type_id.code", "=", KINDS[kind]),
                ],
                order="id",
                limit=limit,
            )
            rows = [
                gateway._ops_training_row(correction.id, correction.job_id, correction.field_name, correction)
                for correction in corrections
            ]
        return {"corrections": rows, "last_id": rows[-1]["id"] if rows else since_id}

    @api.model
    def _ops_reviewed_requests(self, since_id, limit):
        """The requests a person confirmed, each with its final class and the class correction if any."""
        jobs = self.env["ops.ai.job"].search(
            [
                ("id", ">", since_id),
                ("document_type_id.code", "=", KINDS["classifier"]),
                ("state", "=", "done"),
                ("reviewer_id", "!=", False),
                ("class_label", "!=", False),
            ],
            order="id",
            limit=limit,
        )
        corrections = self.env["ops.ai.correction"].search([("job_id", "in", jobs.ids), ("field_name", "=", "class")])
        by_job = {correction.job_id.id: correction for correction in corrections}
        return [self._ops_training_row(job.id, job, "class", by_job.get(job.id)) for job in jobs]

    @api.model
    def _ops_training_row(self, row_id, job, field, correction):
        final = correction.final_value if correction else job.class_label
        return {
            "id": row_id,
            "job_id": job.id,
            "subject": job.name or "",
            "sender": job.sender or "",
            "text": job.body_text or job.extracted_text or "",
            "field": field,
            "predicted": (correction.predicted_value if correction else job.class_label) or None,
            "final": final or None,
            "corrected": bool(correction),
        }

    @api.model
    def submit_candidate(self, kind, name, artifact, training_set_sha256, metrics):
        """Store a retrained model as a candidate and promote it if it beats the active version.

        :return: ``{"id", "name", "state", "promoted", "reason"}``
        """
        gateway = self._ops_authorized()
        kind = gateway._ops_check_kind(kind)
        if not isinstance(name, str) or not NAME_RE.match(name):
            raise ValidationError(self.env._("name must be a short version name (letters, digits, '_.:@-')."))
        if gateway.env["ops.ai.model.version"].search_count([("name", "=", name)]):
            raise ValidationError(self.env._("A model version named %s exists already: pick a new name.", name))
        if not isinstance(training_set_sha256, str) or not SHA256_RE.match(training_set_sha256):
            raise ValidationError(self.env._("training_set_sha256 must be a SHA-256 (64 lower-case hex digits)."))
        if not isinstance(artifact, dict) or not isinstance(artifact.get("format"), str):
            raise ValidationError(self.env._("artifact must be a JSON object with a format."))
        if artifact.get("training_set_sha256", training_set_sha256) != training_set_sha256:
            raise ValidationError(self.env._("The artifact names another training set than training_set_sha256."))
        try:
            metrics = check_metrics(metrics, kind)
        except MetricsRejected as error:
            raise ValidationError(self.env._("Candidate refused: %s", str(error))) from None
        raw = json.dumps(artifact, sort_keys=True, separators=(",", ":")).encode()
        if len(raw) > ARTIFACT_MAX_BYTES:
            raise ValidationError(self.env._("The artifact is larger than %s MB.", ARTIFACT_MAX_BYTES // 1024 // 1024))
        attachment = gateway.env["ir.attachment"].create(
            {"name": f"{name}.json", "raw": raw, "mimetype": "application/json", "res_model": "ops.ai.model.version"}
        )
        version = gateway.env["ops.ai.model.version"].create(
            {
                "name": name,
                "kind": kind,
                "artifact_id": attachment.id,
                "training_set_sha256": training_set_sha256,
                "metrics": metrics,
            }
        )
        attachment.res_id = version.id
        gateway.env["ops.audit.log"]._ops_record(
            "ai_model_candidate",
            record=version,
            rationale=json.dumps(
                {"name": name, "kind": kind, "training_set_sha256": training_set_sha256, **metrics}, sort_keys=True
            ),
        )
        promoted = version.action_promote()
        return {
            "id": version.id,
            "name": version.name,
            "state": version.state,
            "promoted": bool(promoted),
            "reason": version.promotion_note,
        }

    @api.model
    def take_retrain_request(self, kind):
        """Return whether an Ops Manager asked for a retrain of `kind` since the last take, and clear it."""
        gateway = self._ops_authorized()
        kind = gateway._ops_check_kind(kind)
        if kind != "classifier":
            return False
        # one statement: of two workers asking at once, one takes the request
        gateway.env.flush_all()
        gateway.env.cr.execute("DELETE FROM ir_config_parameter WHERE key = %s RETURNING id", [RETRAIN_PARAM])
        taken = bool(gateway.env.cr.fetchall())
        if taken:
            gateway.env["ir.config_parameter"].invalidate_model()
            gateway.env.registry.clear_cache("stable")
        return taken

    @api.model
    def _ops_check_kind(self, kind):
        if kind not in KINDS:
            raise ValidationError(self.env._("kind must be one of %s.", ", ".join(sorted(KINDS))))
        return kind
