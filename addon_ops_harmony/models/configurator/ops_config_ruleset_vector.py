"""A test vector of a rule set version: an input, and the part of the output it must give.

Vectors are the version's tests, run on the server by Publish. `expect` is partial: only the keys it
holds are compared, recursively into objects (lists compare whole), as the conformance vectors do.
A vector belongs to its version: it changes only while that version is a draft.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .ops_config_common import MAX_INPUT_BYTES, comparable, decimal_text, differences, engine, parse_json

ROLES = [("salesperson", "Salesperson"), ("manager", "Manager")]


class OpsConfigRulesetVector(models.Model):
    _name = "ops.config.ruleset.vector"
    _description = "Configurator test vector"
    _order = "version_id, sequence, id"

    version_id = fields.Many2one("ops.config.ruleset.version", "Version", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    values = fields.Text(required=True, default="{}", help='The input: option key → value, as JSON, e.g. {"width": "90"}.')
    quantity = fields.Char(required=True, default="1", help="The quote line's quantity, a decimal, e.g. 2.")
    role = fields.Selection(ROLES, required=True, default="salesperson")
    expect = fields.Text(
        required=True,
        default='{"ok": true}',
        help='The expected output, partial, as JSON, e.g. {"ok": true, "unit_price": "499.50"}.',
    )
    result = fields.Text("Last result", compute="_compute_result", help="What the version gives for this input now.")
    company_id = fields.Many2one(related="version_id.company_id", store=True)

    @api.constrains("values", "expect", "quantity")
    def _check_json(self):
        for vector in self:
            values = parse_json(
                self.env, vector.values, self.env._("The values of vector %(name)s", name=vector.name), MAX_INPUT_BYTES
            )
            expect = parse_json(self.env, vector.expect, self.env._("The expected output of vector %(name)s", name=vector.name))
            if not isinstance(values, dict) or not isinstance(expect, dict):
                raise ValidationError(
                    self.env._("Vector %(name)s: values and expected output must be JSON objects.", name=vector.name)
                )
            if decimal_text(vector.quantity or "") is None:
                raise ValidationError(
                    self.env._("Vector %(name)s: the quantity must be a decimal such as 2 or 1.5.", name=vector.name)
                )

    @api.depends("values", "expect", "quantity", "role", "version_id.content")
    def _compute_result(self):
        for vector in self:
            try:
                output = vector._ops_evaluate(vector.version_id.content or "null")
                failures = differences(comparable(vector._ops_expect()), comparable(output))
            except (ValueError, ValidationError) as error:
                vector.result = str(error)
                continue
            vector.result = self.env._("Passes.") if not failures else self.env._("Fails:") + "\n" + "\n".join(failures)

    @api.model_create_multi
    def create(self, vals_list):
        self.check_access("create")
        versions = self.env["ops.config.ruleset.version"].browse({vals.get("version_id") for vals in vals_list} - {None, False})
        versions._ops_check_draft({"vector_ids"})
        return super().create(vals_list)

    def write(self, vals):
        self.check_access("write")
        self.version_id._ops_check_draft({"vector_ids"})
        if "version_id" in vals:
            self.env["ops.config.ruleset.version"].browse(vals["version_id"])._ops_check_draft({"vector_ids"})
        return super().write(vals)

    def unlink(self):
        self.check_access("unlink")
        self.version_id.exists()._ops_check_draft({"vector_ids"})
        return super().unlink()

    # ------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------

    def _ops_expect(self):
        self.ensure_one()
        return parse_json(self.env, self.expect, self.env._("The expected output of vector %(name)s", name=self.name))

    def _ops_evaluate(self, content):
        """Return the version's evaluation of this vector's input."""
        self.ensure_one()
        values = parse_json(self.env, self.values, self.env._("The values of vector %(name)s", name=self.name), MAX_INPUT_BYTES)
        return engine().evaluate(content, values, {"quantity": self.quantity, "role": self.role})

    def _ops_failures(self, content):
        """Return what differs between the expected output and the evaluation of `content`, one line each."""
        self.ensure_one()
        try:
            output = self._ops_evaluate(content)
        except ValidationError as error:
            return [str(error)]
        return differences(comparable(self._ops_expect()), comparable(output))

    def _ops_values(self):
        """Return this vector's values for a copy in another version."""
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "name": self.name,
            "values": self.values,
            "quantity": self.quantity,
            "role": self.role,
            "expect": self.expect,
        }

    def _ops_export(self):
        self.ensure_one()
        return {
            "name": self.name,
            "values": parse_json(self.env, self.values, self.name),
            "quantity": self.quantity,
            "role": self.role,
            "expect": parse_json(self.env, self.expect, self.name),
        }
