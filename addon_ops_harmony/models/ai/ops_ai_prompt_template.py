"""Versioned prompt templates: what an external provider is told about a document type, and which version ran.

Each document type has numbered versions (`vendor_bill@1`, `vendor_bill@2`, ...). A draft may be edited
by an Ops Manager; only an administrator activates one, which retires the type's active version. An
active or retired version is frozen: editing means a new draft (`action_new_version`), so the version a
job records always names the text that was sent. The gateway hands the active version to the worker with
each job, and refuses a result naming a version that never ran for that type.
"""

import hashlib

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .ops_ai_guard import ai_internal, is_ai_internal

STATES = [("draft", "Draft"), ("active", "Active"), ("retired", "Retired")]
# what a person may write on a draft; the rest is the model's
DRAFT_FIELDS = {"text", "note"}
TEXT_MAX = 20000


class OpsAiPromptTemplate(models.Model):
    _name = "ops.ai.prompt.template"
    _description = "AI prompt template"
    _order = "document_type_id, version desc"

    name = fields.Char("Version", compute="_compute_name", store=True, help="The version a job records, e.g. vendor_bill@2.")
    document_type_id = fields.Many2one("ops.ai.document.type", required=True, index=True, ondelete="restrict")
    version = fields.Integer(readonly=True, help="Numbered per document type, from 1.")
    text = fields.Text(required=True, help="The instructions sent to an external provider with the document's text.")
    note = fields.Char(help="What changed in this version.")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, index=True)
    author_id = fields.Many2one("res.users", readonly=True, default=lambda self: self.env.user, ondelete="restrict")
    activated_at = fields.Datetime(readonly=True)
    text_sha256 = fields.Char("Text SHA-256", compute="_compute_text_sha256", store=True)

    _version_unique = models.Constraint(
        "UNIQUE(document_type_id, version)", "A document type has each prompt version number once."
    )
    _one_active_per_type = models.UniqueIndex(
        "(document_type_id) WHERE state = 'active'", "Only one prompt version of a document type can be active."
    )

    @api.depends("document_type_id.code", "version")
    def _compute_name(self):
        for template in self:
            template.name = f"{template.document_type_id.code}@{template.version}" if template.document_type_id else False

    @api.depends("text")
    def _compute_text_sha256(self):
        for template in self:
            template.text_sha256 = hashlib.sha256((template.text or "").encode()).hexdigest()

    @api.model_create_multi
    def create(self, vals_list):
        internal = is_ai_internal(self)
        for vals in vals_list:
            if not internal and {"state", "version", "author_id", "activated_at"} & set(vals):
                raise AccessError(self.env._("A new prompt template starts as a draft; its number is given by Odoo."))
            if len(vals.get("text") or "") > TEXT_MAX:
                raise UserError(self.env._("A prompt template is at most %s characters.", TEXT_MAX))
        # number the versions per type; the unique constraint settles two creations in parallel
        numbers = {}
        for vals in vals_list:
            type_id = vals.get("document_type_id")
            if vals.get("version") or not type_id:
                continue
            if type_id not in numbers:
                last = self.sudo().search([("document_type_id", "=", type_id)], order="version desc", limit=1)
                numbers[type_id] = last.version
            numbers[type_id] += 1
            vals["version"] = numbers[type_id]
        return super().create(vals_list)

    def write(self, vals):
        if not is_ai_internal(self):
            forbidden = set(vals) - DRAFT_FIELDS
            if forbidden:
                raise AccessError(
                    self.env._("These prompt template fields change through its actions only: %s.", ", ".join(sorted(forbidden)))
                )
            if any(template.state != "draft" for template in self):
                raise UserError(
                    self.env._("An active or retired prompt version is frozen: use New version to edit a copy of it.")
                )
            if len(vals.get("text") or "") > TEXT_MAX:
                raise UserError(self.env._("A prompt template is at most %s characters.", TEXT_MAX))
        return super().write(vals)

    def unlink(self):
        if any(template.state != "draft" for template in self):
            raise UserError(self.env._("A prompt version that was active stays for the audit: only drafts can be deleted."))
        return super().unlink()

    def action_new_version(self):
        """Open a new draft of this template's type, starting from this version's text."""
        self.ensure_one()
        draft = self.create({"document_type_id": self.document_type_id.id, "text": self.text})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": draft.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_activate(self):
        """Make this version the one jobs of its type use; the previous one is retired (admins only)."""
        self.ensure_one()
        self._ops_check_admin()
        if self.state == "active":
            return True
        previous = self.search([("document_type_id", "=", self.document_type_id.id), ("state", "=", "active")])
        ai_internal(previous).write({"state": "retired"})
        previous.flush_recordset(["state"])  # one active per type holds after each statement
        ai_internal(self).write({"state": "active", "activated_at": fields.Datetime.now()})
        self.env["ops.audit.log"]._ops_record(
            "ai_prompt_activate",
            record=self,
            rationale=self.env._(
                "Prompt %(name)s activated (text SHA-256 %(sha)s; was: %(previous)s)",
                name=self.name,
                sha=self.text_sha256,
                previous=previous.name or "none",
            ),
        )
        return True

    def action_retire(self):
        """Stop using this version: jobs of its type go without a prompt until another is activated (admins only)."""
        self._ops_check_admin()
        ai_internal(self.filtered(lambda template: template.state == "active")).write({"state": "retired"})
        return True

    def _ops_check_admin(self):
        if not (self.env.su or self.env.user.has_group("base.group_system")):
            raise AccessError(self.env._("Only an administrator may activate or retire a prompt template."))

    @api.model
    def _ops_active_for(self, document_type):
        """Return the active version of `document_type`'s prompt (empty when it has none)."""
        return self.sudo().search([("document_type_id", "=", document_type.id), ("state", "=", "active")], limit=1)


class OpsAiJobPrompt(models.Model):
    _inherit = "ops.ai.job"

    prompt_template_id = fields.Many2one("ops.ai.prompt.template", "Prompt template", readonly=True, ondelete="restrict")
    prompt_version = fields.Char(readonly=True, help="The prompt template version the worker used, as it reported it.")


class OpsAiDocumentTypeOptIn(models.Model):
    _inherit = "ops.ai.document.type"

    def write(self, vals):
        changed = self.filtered(lambda doc_type: doc_type.allow_external_provider != bool(vals.get("allow_external_provider")))
        result = super().write(vals)  # the administrator check runs first
        if "allow_external_provider" in vals:
            for doc_type in changed:
                self.env["ops.audit.log"]._ops_record(
                    "ai_provider_opt_in",
                    record=doc_type,
                    rationale=self.env._(
                        "%(type)s: an external AI provider is now %(state)s",
                        type=doc_type.code,
                        state=self.env._("allowed") if doc_type.allow_external_provider else self.env._("refused"),
                    ),
                )
        return result
