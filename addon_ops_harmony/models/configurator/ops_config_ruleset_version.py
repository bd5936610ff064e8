"""A version of a rule set: its rule content (JSON), hash, changelog, author and test vectors.

Versioned like software. A draft is edited freely, but its content is validated at every save (a
malformed rule set is refused with the JSON paths of its problems). Publish runs every test vector
on the server and refuses naming each one that fails; the published version becomes the rule set's
active version and the one published before it is retired. A published or retired version never
changes: Edit creates the next draft from it. State, number, author and publication date are set by
these actions only, never by a write or a create, whatever context an RPC caller sends.
"""

import base64
import json

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .ops_config_common import dump_json, engine, parse_json, problems_text
from .ops_config_diff import diff_html
from .ops_config_ruleset import _INTERNAL

STATES = [("draft", "Draft"), ("published", "Published"), ("retired", "Retired")]
# set by the actions only
VERSION_INTERNAL_FIELDS = {"state", "version", "published_at", "author_id", "content_hash", "ruleset_id"}
# what a draft may change
DRAFT_FIELDS = {"content", "changelog", "vector_ids"}
EXPORT_KEYS = ("name", "description", "version", "changelog", "content", "vectors")


class OpsConfigRulesetVersion(models.Model):
    _name = "ops.config.ruleset.version"
    _description = "Configurator rule set version"
    _order = "ruleset_id, version desc"
    _rec_names_search = ["ruleset_id.name"]

    ruleset_id = fields.Many2one("ops.config.ruleset", "Rule set", required=True, ondelete="cascade", index=True)
    version = fields.Integer(readonly=True, copy=False)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, copy=False, index=True)
    content = fields.Text(
        required=True,
        default='{"schema": 1, "options": []}',
        help="The rule set as JSON (docs/configurator_rules.md). Validated at save.",
    )
    content_hash = fields.Char(
        "Hash",
        compute="_compute_content_hash",
        store=True,
        help="SHA-256 of the content in canonical JSON: what a configured quote line pins.",
    )
    changelog = fields.Text(help="What changed in this version, for the people who use it.")
    author_id = fields.Many2one("res.users", "Author", readonly=True, copy=False)
    published_at = fields.Datetime(readonly=True, copy=False)
    vector_ids = fields.One2many("ops.config.ruleset.vector", "version_id", "Test vectors")
    company_id = fields.Many2one(related="ruleset_id.company_id", store=True, index=True)
    previous_id = fields.Many2one("ops.config.ruleset.version", "Compared with", compute="_compute_changes")
    changes_html = fields.Html("Changes", compute="_compute_changes", sanitize=True)
    export_file = fields.Binary(compute="_compute_export_file", attachment=False)
    export_filename = fields.Char(compute="_compute_export_file")

    _version_unique = models.Constraint("UNIQUE(ruleset_id, version)", "A version number is used once per rule set.")

    @api.constrains("content")
    def _check_content(self):
        for version in self:
            version._ops_validated_content()

    @api.depends("content")
    def _compute_content_hash(self):
        for version in self:
            try:
                version.content_hash = engine().content_hash(json.loads(version.content or "null"))
            except ValueError:
                version.content_hash = False  # the constraint refuses it with the reason

    @api.depends("ruleset_id.name", "version", "state")
    def _compute_display_name(self):
        states = dict(STATES)
        for version in self:
            version.display_name = f"{version.ruleset_id.name} v{version.version} ({states.get(version.state)})"

    @api.depends("content", "version", "ruleset_id")
    def _compute_changes(self):
        for version in self:
            previous = version._ops_previous()
            version.previous_id = previous
            version.changes_html = diff_html(self.env, previous._ops_content() if previous else None, version._ops_content(True))

    def _compute_export_file(self):
        for version in self:
            document = version._ops_export()
            version.export_file = base64.b64encode(dump_json(document).encode())
            version.export_filename = f"{version.ruleset_id.name or 'ruleset'}-v{version.version}.json".replace("/", "-")

    @api.model_create_multi
    def create(self, vals_list):
        internal = self._ops_is_internal()
        if not internal:
            self.check_access("create")  # a caller without the right hears so first
            for vals in vals_list:
                self._ops_check_internal_fields(vals, creating=True)
        next_numbers = {}
        for vals in vals_list:
            ruleset_id = vals.get("ruleset_id")
            if not internal or "version" not in vals:
                if ruleset_id not in next_numbers:
                    next_numbers[ruleset_id] = self._ops_next_number(ruleset_id)
                vals["version"] = next_numbers[ruleset_id]
                next_numbers[ruleset_id] += 1
            vals.setdefault("author_id", self.env.uid)
        return super(OpsConfigRulesetVersion, self._ops_internal()).create(vals_list).with_env(self.env)

    def write(self, vals):
        if self._ops_is_internal():
            return super().write(vals)
        self.check_access("write")
        self._ops_check_internal_fields(vals)
        self._ops_check_draft(set(vals))
        return super().write(vals)

    def unlink(self):
        self.check_access("unlink")
        self._ops_check_draft(None)
        return super().unlink()

    def action_publish(self):
        """Publish this draft: run every test vector, then make it the rule set's active version."""
        self.ensure_one()
        self.ruleset_id._ops_check_manage()
        if self.state != "draft":
            raise UserError(self.env._("Only a draft version can be published."))
        self._ops_validated_content()
        if not self.vector_ids:
            raise UserError(
                self.env._("Version %(version)s has no test vector: add at least one before publishing.", version=self.version)
            )
        failures = []
        for vector in self.vector_ids:
            failures.extend(f"{vector.name}: {line}" for line in vector._ops_failures(self.content))
        if failures:
            raise UserError(
                self.env._("Publishing refused: %(count)s test vector check(s) failed.\n", count=len(failures))
                + "\n".join(failures[:50])
            )
        ruleset = self.ruleset_id
        ruleset.version_ids.filtered(lambda version: version.state == "published")._ops_internal().write({"state": "retired"})
        self._ops_internal().write({"state": "published", "published_at": fields.Datetime.now()})
        ruleset._ops_internal().write({"active_version_id": self.id})
        ruleset.message_post(
            body=self.env._(
                "Version %(version)s published (%(count)s test vectors passed). Hash %(hash)s.",
                version=self.version,
                count=len(self.vector_ids),
                hash=self.content_hash,
            )
        )
        self.env["ops.audit.log"]._ops_record(
            "config_publish",
            record=self,
            rationale=self.env._(
                "%(name)s version %(version)s, hash %(hash)s", name=ruleset.name, version=self.version, hash=self.content_hash
            ),
        )
        return True

    def action_new_draft(self):
        """Edit: open the rule set's draft, or create the next draft from this version."""
        self.ensure_one()
        self.ruleset_id._ops_check_manage()
        draft = self.ruleset_id.version_ids.filtered(lambda version: version.state == "draft")[:1]
        if not draft:
            draft = self._ops_copy_as_draft()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": draft.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_export(self):
        """Download this version and its test vectors as a JSON file."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/?model={self._name}&id={self.id}&field=export_file"
            "&filename_field=export_filename&download=true",
            "target": "download",
        }

    def action_open_diff(self):
        """Compare this version with another one, rule by rule."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "ops.config.diff.wizard",
            "name": self.env._("Compare versions"),
            "view_mode": "form",
            "target": "new",
            "context": {"default_new_version_id": self.id, "default_old_version_id": self._ops_previous().id},
        }

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _ops_internal(self):
        return self.with_context(ops_config_internal=_INTERNAL)

    def _ops_is_internal(self):
        return self.env.context.get("ops_config_internal") is _INTERNAL

    def _ops_check_internal_fields(self, vals, creating=False):
        forced = VERSION_INTERNAL_FIELDS & set(vals)
        if creating:
            forced.discard("ruleset_id")
        if forced:
            raise UserError(
                self.env._(
                    "A rule set version's %(fields)s cannot be edited: only Publish and Edit set them.",
                    fields=", ".join(sorted(forced)),
                )
            )

    def _ops_check_draft(self, changed):
        """Refuse changing (or, with `changed` None, deleting) a version that is not a draft."""
        frozen = self.filtered(lambda version: version.state != "draft")
        if frozen and (changed is None or changed - {"display_name"}):
            raise UserError(
                self.env._(
                    "%(name)s is %(state)s and cannot change: click Edit to work on the next draft.",
                    name=frozen[0].display_name,
                    state=dict(STATES)[frozen[0].state].lower(),
                )
            )
        if changed and changed - DRAFT_FIELDS - {"display_name"}:
            raise UserError(
                self.env._(
                    "Only the content, the changelog and the test vectors of a draft can be edited, not %(fields)s.",
                    fields=", ".join(sorted(changed - DRAFT_FIELDS)),
                )
            )

    @api.model
    def _ops_next_number(self, ruleset_id):
        if not ruleset_id:
            return 1
        self.env.cr.execute(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM ops_config_ruleset_version WHERE ruleset_id = %s", [ruleset_id]
        )
        return self.env.cr.fetchone()[0]

    def _ops_previous(self):
        """Return the version of the same rule set numbered just below this one."""
        self.ensure_one()
        if not self.ruleset_id or not self.version:
            return self.browse()
        return self.search(
            [("ruleset_id", "=", self.ruleset_id.id), ("version", "<", self.version)], order="version desc", limit=1
        )

    def _ops_content(self, lenient=False):
        """Return the content parsed (None when `lenient` and it is not JSON)."""
        self.ensure_one()
        try:
            return json.loads(self.content or "null")
        except ValueError:
            if lenient:
                return None
            raise

    def _ops_validated_content(self):
        """Return the content parsed and checked by the engine; a ValidationError lists its problems."""
        self.ensure_one()
        content = parse_json(self.env, self.content, self.env._("The rule content"))
        problems = engine().validate(content)
        if problems:
            raise ValidationError(
                problems_text(
                    self.env,
                    problems,
                    self.env._("The rule set is refused: %(count)s problem(s), by JSON path:", count=len(problems)),
                )
            )
        return content

    def _ops_copy_as_draft(self):
        self.ensure_one()
        return (
            self._ops_internal()
            .create(
                {
                    "ruleset_id": self.ruleset_id.id,
                    "content": self.content,
                    "changelog": False,
                    "vector_ids": [Command.create(vector._ops_values()) for vector in self.vector_ids],
                }
            )
            .with_env(self.env)
        )

    def _ops_export(self):
        """Return this version as the export document: {name, description, version, changelog, content, vectors}."""
        self.ensure_one()
        return {
            "name": self.ruleset_id.name,
            "description": self.ruleset_id.description or "",
            "version": self.version,
            "changelog": self.changelog or "",
            "content": self._ops_content(True),
            "vectors": [vector._ops_export() for vector in self.vector_ids],
        }
