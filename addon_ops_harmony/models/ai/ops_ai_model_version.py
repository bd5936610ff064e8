"""A trained model (classifier or extractor): its artifact, training-set hash, metrics and lifecycle.

One version per kind is active. Activating one retires the active one; rolling back is activating a
retired one again. A retrained candidate is promoted (`action_promote`) only when it beats the active
version on the same frozen held-out set (`ops_ai_model_metrics.promotion_verdict`); otherwise it stays
a candidate with the reason shown. Once a version was active its artifact and training-set hash are frozen, so the
audit log's model version always names the bytes that ran.
"""

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .ops_ai_guard import ai_internal, is_ai_internal
from .ops_ai_model_metrics import check_metrics, promotion_verdict

MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"
# set by the Retrain button, taken (and cleared) by the worker through ops.ai.gateway.take_retrain_request
RETRAIN_PARAM = "addon_ops_harmony.ai_retrain_requested"
FROZEN_FIELDS = {"artifact_id", "training_set_sha256", "kind", "name"}


class OpsAiModelVersion(models.Model):
    _name = "ops.ai.model.version"
    _description = "AI model version"
    _order = "kind, id desc"

    name = fields.Char(required=True, help="The version the worker reports, e.g. classifier-2026-12-01.")
    kind = fields.Selection([("classifier", "Classifier"), ("extractor", "Extractor")], required=True)
    artifact_id = fields.Many2one("ir.attachment", "Artifact", ondelete="restrict")
    training_set_sha256 = fields.Char("Training set SHA-256")
    metrics = fields.Json(help="Held-out figures: macro-F1, exact match, ECE.")
    state = fields.Selection(
        [("candidate", "Candidate"), ("active", "Active"), ("retired", "Retired")],
        default="candidate",
        required=True,
        readonly=True,
    )
    was_active = fields.Boolean(readonly=True, help="Once active, the artifact and training-set hash are frozen.")
    activated_at = fields.Datetime(readonly=True)
    artifact_checksum = fields.Char(
        readonly=True, help="The artifact's checksum when first activated: a rollback runs the same bytes."
    )
    promotion_note = fields.Text(readonly=True, help="Why the last promotion attempt promoted or kept this version.")

    _one_active_per_kind = models.UniqueIndex("(kind) WHERE state = 'active'", "Only one version of each kind can be active.")
    _name_unique = models.Constraint("UNIQUE(name)", "A model version name must be unique.")

    def write(self, vals):
        if not is_ai_internal(self):
            if {"state", "was_active", "activated_at", "artifact_checksum"} & set(vals):
                raise UserError(self.env._("Use Activate or Retire to change a model version's state."))
            frozen = FROZEN_FIELDS & set(vals)
            if frozen and any(version.was_active for version in self):
                raise UserError(
                    self.env._(
                        "The artifact of a version that was active is frozen (%s): create a new version instead.",
                        ", ".join(sorted(frozen)),
                    )
                )
        return super().write(vals)

    def unlink(self):
        if any(version.was_active for version in self):
            raise UserError(self.env._("A version that was active stays for the audit: retire it instead."))
        return super().unlink()

    def action_activate(self):
        """Activate this version and retire the active one of its kind (a rollback when it was retired)."""
        self.ensure_one()
        if self.state == "active":
            return True
        if not self.artifact_id:
            raise UserError(self.env._("Version %s has no artifact to run.", self.name))
        if self.was_active and self.artifact_id.checksum != self.artifact_checksum:
            raise UserError(
                self.env._("The artifact of %s changed since it was active: create a new version instead.", self.name)
            )
        previous = self.search([("kind", "=", self.kind), ("state", "=", "active")])
        ai_internal(previous).write({"state": "retired"})
        previous.flush_recordset(["state"])  # one active per kind holds after each statement
        ai_internal(self).write(
            {
                "state": "active",
                "was_active": True,
                "activated_at": fields.Datetime.now(),
                "artifact_checksum": self.artifact_id.checksum,
            }
        )
        self.env["ops.audit.log"]._ops_record(
            "ai_model_activate",
            record=self,
            rationale=self.env._(
                "%(kind)s %(name)s activated (was: %(previous)s)",
                kind=self.kind,
                name=self.name,
                previous=previous.name or "none",
            ),
        )
        return True

    def action_promote(self):
        """Activate this candidate if it beats the active version of its kind; else keep it and say why."""
        self.ensure_one()
        self.check_access("write")
        if self.state != "candidate":
            raise UserError(self.env._("Only a candidate can be promoted; %s is not one.", self.name))
        try:
            metrics = check_metrics(self.metrics, self.kind)
        except ValueError as error:
            raise UserError(self.env._("Version %(name)s cannot be promoted: %(why)s", name=self.name, why=str(error))) from None
        active = self.search([("kind", "=", self.kind), ("state", "=", "active")], limit=1)
        promote, reason = promotion_verdict(metrics, active.metrics if active else None, self.kind)
        if active and not isinstance(active.metrics, dict):
            promote, reason = True, "the active version carries no metrics to compare with"
        ai_internal(self).write({"promotion_note": reason})
        if promote:
            self.action_activate()
        else:
            self.env["ops.audit.log"]._ops_record(
                "ai_model_refused",
                record=self,
                rationale=self.env._("%(kind)s %(name)s kept as candidate: %(why)s", kind=self.kind, name=self.name, why=reason),
            )
        return promote

    @api.model
    def action_request_retrain(self):
        """Ask the intake worker to retrain the request classifier at its next round (Ops Managers)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(self.env._("Only an Ops Manager may ask for a retrain."))
        self.env["ir.config_parameter"].sudo().set_param(RETRAIN_PARAM, fields.Datetime.now().isoformat())
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._("The intake worker retrains the classifier at its next round (ops-bridge intake)."),
            },
        }

    def action_retire(self):
        ai_internal(self.filtered(lambda version: version.state == "active")).write({"state": "retired"})
        return True
