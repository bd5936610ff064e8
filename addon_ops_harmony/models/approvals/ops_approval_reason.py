"""Why a document needs approval, in the document's own words: a policy may name a field as the reason.

A policy's `reason_field` names a field of the guarded model whose value says why the document
matches (e.g. the breached guardrails of a configured quote). The request keeps that text in its
snapshot, taken when it opens, and shows it first to the approvers. No code per model: any model
with a text field can give its reason this way.
"""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ops_approval_snapshot import display

REASON_TYPES = ("char", "text", "html", "selection", "many2one")


class OpsApprovalPolicy(models.Model):
    _inherit = "ops.approval.policy"

    reason_field = fields.Char(
        "Reason field",
        help="A field of the guarded model whose value is shown to the approvers as the reason for the request, "
        "e.g. ops_config_guardrail_reason on a quotation. Empty: the request shows no reason of its own.",
    )

    @api.constrains("reason_field", "model_id")
    def _check_reason_field(self):
        for policy in self.filtered("reason_field"):
            model = self.env.get(policy.model_name)
            field = model._fields.get(policy.reason_field) if model is not None else None
            if field is None or field.type not in REASON_TYPES:
                raise ValidationError(
                    self.env._(
                        "%(model)s has no text field %(field)s to give the reason.",
                        model=policy.model_name,
                        field=policy.reason_field,
                    )
                )

    def _ops_snapshot(self, record, tier):
        snapshot = super()._ops_snapshot(record, tier)
        reason = self._ops_reason(record)
        if reason:
            snapshot["reason"] = reason
        return snapshot

    def _ops_reason(self, record):
        """Return the text of `record`'s reason field, or False."""
        self.ensure_one()
        if not self.reason_field or self.reason_field not in record._fields:
            return False
        return display(record.sudo(), self.reason_field) or False


class OpsApprovalRequest(models.Model):
    _inherit = "ops.approval.request"

    reason = fields.Text(compute="_compute_reason", help="Why the document needs approval, as it said when asked.")

    @api.depends("snapshot")
    def _compute_reason(self):
        for request in self:
            request.reason = (request.snapshot or {}).get("reason") or False

    def _ops_snapshot_markup(self):
        markup = super()._ops_snapshot_markup()
        reason = (self.snapshot or {}).get("reason")
        if not reason or not markup:
            return markup
        lines = Markup("<br/>").join(reason.splitlines())
        return Markup('<p class="o_ops_harmony_snapshot_reason"><b>%s</b><br/>%s</p>') % (self.env._("Reason:"), lines) + markup
