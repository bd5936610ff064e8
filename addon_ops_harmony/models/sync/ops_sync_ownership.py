"""Ownership rules: who owns a synced value when both the source and Odoo changed it.

One rule per (source, model, field), or per (source, model) for all its fields. Without a rule the
source wins. On update the synchronizer compares three values per field: the one it wrote last
time (kept on the binding), the one Odoo holds now, and the incoming one.

- Odoo holds the incoming value already: nothing to write.
- `source_wins`: the incoming value is written.
- Odoo did not change the value since the last sync: the incoming value is written.
- Only Odoo changed it (the source sends what it sent last time): Odoo's value is kept.
- Both changed it: `odoo_wins` keeps Odoo's value; `newest_wins` writes the incoming value when the
  source changed the record after Odoo last did, else keeps Odoo's. A kept value that loses an
  incoming change becomes an `ops.sync.conflict` for a person to accept or reject.
"""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.models import BaseModel

POLICIES = [
    ("source_wins", "Source wins"),
    ("odoo_wins", "Odoo wins"),
    ("newest_wins", "Newest change wins"),
]
DEFAULT_POLICY = "source_wins"
ALL_FIELDS = "*"
MISSING = object()


def comparable(field, value):
    """Return `value` of `field` in a form that compares equal across the ORM and JSON: ids, strings, floats."""
    if isinstance(value, BaseModel):
        return value.id or False
    if field.type in ("float", "monetary"):
        return round(float(value or 0.0), 6)
    if field.type == "integer":
        return int(value or 0)
    if field.type == "boolean":
        return bool(value)
    if not value:
        return False
    if field.type == "date":
        return fields.Date.to_string(fields.Date.to_date(value))
    if field.type == "datetime":
        return fields.Datetime.to_string(fields.Datetime.to_datetime(value))
    return value


class OpsSyncOwnership(models.Model):
    _name = "ops.sync.ownership"
    _description = "Sync ownership rule"
    _order = "source, model_id, field_id"

    source = fields.Char(required=True, help="System the rule applies to, e.g. hubspot.")
    model_id = fields.Many2one("ir.model", string="Model", required=True, ondelete="cascade")
    res_model = fields.Char(related="model_id.model", store=True, string="Model name")
    field_id = fields.Many2one(
        "ir.model.fields",
        string="Field",
        ondelete="cascade",
        domain="[('model_id', '=', model_id)]",
        help="Leave empty for a rule on all the model's fields; a rule on one field takes precedence.",
    )
    policy = fields.Selection(POLICIES, required=True, default=DEFAULT_POLICY)

    _rule_uniq = models.UniqueIndex(
        "(source, model_id, COALESCE(field_id, 0))",
        "There is already an ownership rule for this source, model and field.",
    )

    @api.depends("source", "model_id", "field_id", "policy")
    def _compute_display_name(self):
        labels = dict(POLICIES)
        for rule in self:
            target = rule.field_id.name or self.env._("all fields")
            rule.display_name = f"{rule.source}: {rule.res_model}.{target} → {labels.get(rule.policy, '')}"

    @api.model
    def _ops_policies(self, source, res_model):
        """Return {field name or '*': policy} for one source and model, in one query."""
        rules = self.search_fetch(Domain("source", "=", source) & Domain("res_model", "=", res_model), ["field_id", "policy"])
        return {rule.field_id.name or ALL_FIELDS: rule.policy for rule in rules}

    @api.model
    def _ops_merge(self, record, vals, written_values, policies, modified_at):
        """Decide, field by field, what of `vals` to write on `record`.

        :return: ``(to_write, written, conflicts)``: the values to write, the comparable values to
            remember as last written, and ``[(field name, incoming value)]`` kept in Odoo's favour
        """
        to_write, written, conflicts = {}, {}, []
        for fname, value in vals.items():
            field = record._fields[fname]
            incoming = comparable(field, value)
            current = comparable(field, record[fname])
            if incoming == current:
                written[fname] = incoming
                continue
            last = written_values.get(fname, MISSING)
            policy = policies.get(fname) or policies.get(ALL_FIELDS) or DEFAULT_POLICY
            if policy == "source_wins" or last is MISSING or current == last:
                to_write[fname] = value
                written[fname] = incoming
            elif incoming == last:
                continue  # only Odoo changed it: keep Odoo's edit, nothing to review
            elif policy == "newest_wins" and modified_at and record.write_date and modified_at > record.write_date:
                to_write[fname] = value
                written[fname] = incoming
            else:
                conflicts.append((fname, value))
        return to_write, written, conflicts
