"""Import a rule set from a JSON file: a new rule set, or the next draft of an existing one.

The file is what Export writes: {name, description, version, changelog, content, vectors}. It is
checked whole before anything is written; a malformed file or rule set is refused with the JSON
paths of its problems, and nothing is created.
"""

import base64
import binascii

from odoo import fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from ..models.configurator.ops_config_common import dump_json, engine, parse_json, problems_text

FILE_KEYS = {"name", "description", "version", "changelog", "content", "vectors"}
VECTOR_KEYS = {"name", "values", "quantity", "role", "expect"}


class OpsConfigImportWizard(models.TransientModel):
    _name = "ops.config.import.wizard"
    _description = "Import a configurator rule set"

    file = fields.Binary("Rule set file (JSON)", required=True)
    filename = fields.Char()
    ruleset_id = fields.Many2one(
        "ops.config.ruleset",
        "Into rule set",
        help="Empty: the file becomes a new rule set. Set: it becomes the next draft version of this rule set.",
    )

    def action_import(self):
        """Create the rule set (or its next draft) from the file; open the new draft version."""
        self.ensure_one()
        self.env["ops.config.ruleset"]._ops_check_manage()
        document = self._ops_document()
        ruleset = self.ruleset_id
        if ruleset:
            draft = ruleset.version_ids.filtered(lambda version: version.state == "draft")[:1]
            if draft:
                raise UserError(
                    self.env._(
                        "%(name)s already has a draft (version %(version)s): publish or delete it before importing.",
                        name=ruleset.name,
                        version=draft.version,
                    )
                )
        else:
            ruleset = self.env["ops.config.ruleset"].create(
                {"name": document["name"], "description": document.get("description") or False}
            )
        version = self.env["ops.config.ruleset.version"].create(
            {
                "ruleset_id": ruleset.id,
                "content": dump_json(document["content"]),
                "changelog": document.get("changelog") or False,
                "vector_ids": [
                    Command.create(
                        {
                            "name": vector["name"],
                            "values": dump_json(vector.get("values", {})),
                            "quantity": str(vector.get("quantity", "1")),
                            "role": vector.get("role", "salesperson"),
                            "expect": dump_json(vector.get("expect", {})),
                        }
                    )
                    for vector in document.get("vectors") or []
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": version._name,
            "res_id": version.id,
            "view_mode": "form",
            "target": "current",
        }

    def _ops_document(self):
        """Return the file parsed and checked; a ValidationError names what is wrong, by JSON path."""
        try:
            text = base64.b64decode(self.file or b"", validate=True).decode("utf-8")
        except (binascii.Error, ValueError, UnicodeDecodeError) as error:
            raise ValidationError(self.env._("The file is not UTF-8 text: %(error)s", error=error)) from error
        document = parse_json(self.env, text, self.env._("The file"))
        if not isinstance(document, dict):
            raise ValidationError(self.env._("$: the file must hold a JSON object {name, content, vectors, …}."))
        problems = []
        unknown = set(document) - FILE_KEYS
        problems.extend({"code": "invalid_structure", "path": f"$.{key}", "message": "unknown key"} for key in sorted(unknown))
        if not isinstance(document.get("name"), str) or not document.get("name", "").strip():
            problems.append({"code": "invalid_structure", "path": "$.name", "message": "the rule set's name (text) is required"})
        for key in ("description", "changelog"):
            if document.get(key) is not None and not isinstance(document[key], str):
                problems.append({"code": "invalid_structure", "path": f"$.{key}", "message": "must be text"})
        if "content" not in document:
            problems.append({"code": "invalid_structure", "path": "$.content", "message": "the rule set is required"})
        else:
            for problem in engine().validate(document["content"]):
                path = problem.get("path") or "$"
                problems.append(dict(problem, path="$.content" + path[1:]))
        vectors = document.get("vectors", [])
        if not isinstance(vectors, list):
            problems.append({"code": "invalid_structure", "path": "$.vectors", "message": "must be a list"})
            vectors = []
        for index, vector in enumerate(vectors):
            path = f"$.vectors[{index}]"
            if not isinstance(vector, dict) or set(vector) - VECTOR_KEYS or not isinstance(vector.get("name"), str):
                problems.append(
                    {"code": "invalid_structure", "path": path, "message": "a vector is {name, values, quantity, role, expect}"}
                )
                continue
            for key in ("values", "expect"):
                if not isinstance(vector.get(key, {}), dict):
                    problems.append({"code": "invalid_structure", "path": f"{path}.{key}", "message": "must be an object"})
            if vector.get("role", "salesperson") not in ("salesperson", "manager"):
                problems.append({"code": "invalid_structure", "path": f"{path}.role", "message": "salesperson or manager"})
            if not isinstance(vector.get("quantity", "1"), (str, int)) or isinstance(vector.get("quantity"), bool):
                problems.append({"code": "invalid_structure", "path": f"{path}.quantity", "message": "a decimal string"})
        if problems:
            raise ValidationError(
                problems_text(self.env, problems, self.env._("The file is refused: %(count)s problem(s):", count=len(problems)))
            )
        return document
