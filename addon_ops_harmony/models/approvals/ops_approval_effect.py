"""What a guarded action leads to, guarded on every road: an approval holds whoever gets there.

A policy guards a method, but the method is one road to its effect. Confirming a quotation is
writing `state = 'sale'` on it, which a JSON-2 `write`, another button, a wizard or an import can
do as well; posting a credit note is `_post` writing `state = 'posted'`, which the list's
"Confirm Entries" and the reversal wizard call without `action_post`. So, as OCA
base_tier_validation guards the state field and not the button, the engine knows the state each
guarded action leads to (KNOWN_EFFECTS, or a model's `_ops_approval_effects`) and checks every
create and write that takes a record there, whoever calls, superuser included.

A guarded method whose records passed clears them for the time of the call, so the write it makes
is not checked twice. The clearance lives in this thread's Python state: a context key would not
do, since a JSON-2 caller sends any context it likes.
"""

import contextvars
from contextlib import contextmanager

from odoo import api, models

# (model, method): (state field, the values the method sets); a model may add its own in
# `_ops_approval_effects = {"method": ("field", ("value", ...))}`
KNOWN_EFFECTS = {
    ("sale.order", "action_confirm"): ("state", ("sale",)),
    ("account.move", "action_post"): ("state", ("posted",)),
}

_CLEARED = contextvars.ContextVar("ops_approval_cleared", default=frozenset())


def effect_of(model_class, model_name, method_name):
    """Return (field, values) that `method_name` of `model_name` leads to, or None when unknown."""
    declared = getattr(model_class, "_ops_approval_effects", None) or {}
    return declared.get(method_name) or KNOWN_EFFECTS.get((model_name, method_name))


@contextmanager
def approval_cleared(records):
    """Let `records` reach their guarded state inside the block: their guard has just let them through."""
    token = _CLEARED.set(_CLEARED.get() | {(records._name, record_id) for record_id in records.ids})
    try:
        yield
    finally:
        _CLEARED.reset(token)


def not_cleared(records):
    """Return the part of `records` no guard has let through in this call."""
    cleared = _CLEARED.get()
    if not cleared:
        return records
    return records.browse([record_id for record_id in records.ids if (records._name, record_id) not in cleared])


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        effects = self._ops_approval_effects_guarded()
        if effects and records:
            for fname, methods_by_value in effects.items():
                landed = records.filtered(lambda record: record[fname] in methods_by_value)
                for value in set(landed.mapped(fname)):
                    arrived = not_cleared(landed.filtered(lambda record: record[fname] == value))
                    if arrived:
                        self.env["ops.approval.policy"]._ops_guard_effect(arrived, methods_by_value[value], created=True)
        return records

    def write(self, vals):
        effects = self._ops_approval_effects_guarded()
        moving = []
        if effects and self:
            for fname, methods_by_value in effects.items():
                value = vals.get(fname)
                if fname in vals and isinstance(value, (str, int)) and value in methods_by_value:
                    records = not_cleared(self.sudo().filtered(lambda record: record[fname] != value))
                    if records:
                        moving.append((records, methods_by_value[value]))
        result = super().write(vals)
        for records, methods in moving:
            # checked on the values just written: a write that also raises the amount is judged on it
            self.env["ops.approval.policy"]._ops_guard_effect(records.with_env(self.env), methods)
        return result

    @api.model
    def _ops_approval_effects_guarded(self):
        """Return {field: {value: guarded method names}} of this model under published policies."""
        return getattr(self.env.registry, "ops_approval_effects", {}).get(self._name)
