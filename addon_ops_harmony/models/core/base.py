"""Values for the addon's fields are checked before the ORM converts them: junk is a ValidationError.

Odoo converts what `create` and `write` receive with `int()`, `float()`, `strptime()` and plain SQL
parameters, so a JSON-2 caller who sends a string for an Integer, a number beyond PostgreSQL's int4
for a Many2one or an object for a Date gets a server error with a traceback. The addon promises a
readable, categorised error instead: every field of its own models (those they inherit from mail
included) and every field it adds to Odoo's models is checked here against what the ORM can store.
Odoo's own fields on Odoo's models are left to Odoo, and
values that would convert fine are never refused, so internal callers see no difference.
"""

import math
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.api import NewId
from odoo.models import BaseModel

MODULE = "addon_ops_harmony"
INT4_MAX = 2**31 - 1
TEXT_TYPES = ("char", "text", "html")
NUMBER_TYPES = ("float", "monetary")
X2MANY_TYPES = ("one2many", "many2many")
# the chatter's own relations: mail writes them through message_post, message_subscribe and
# activity_schedule, never through create or write; a nested create there fails deep in mail
THREAD_FIELDS = {"message_ids", "website_message_ids", "message_follower_ids", "message_partner_ids", "activity_ids"}
# command code -> does it carry an id, does it carry values
COMMANDS = {
    0: (False, True),
    1: (True, True),
    2: (True, False),
    3: (True, False),
    4: (True, False),
    5: (False, False),
    6: (False, False),
}


def _is_id(value):
    """Return whether `value` can be a record id: an int4 above zero, or a new record's id."""
    return type(value) is int and 1 <= value <= INT4_MAX or isinstance(value, NewId)


def _show(value):
    """Return `value` as it reads in a message, cut short."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:40]}… ({len(text)} characters)"


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        if isinstance(vals_list, list):  # the ORM refuses anything else itself, readably
            for vals in vals_list:
                self._ops_check_input_values(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._ops_check_input_values(vals)
        return super().write(vals)

    @api.model
    def _ops_check_input_values(self, vals):
        """Raise a ValidationError naming the first value of an addon field the ORM cannot store."""
        if not isinstance(vals, dict):
            return
        for fname, value in vals.items():
            field = self._fields.get(fname)
            if field is None or value is None or value is False:
                continue
            # every field of the addon's own models (those it inherits from mail too), the addon's on others
            if field._module != MODULE and self._original_module != MODULE:
                continue
            if fname in THREAD_FIELDS and field._module != MODULE:
                raise ValidationError(
                    self.env._(
                        "%(field)s (%(model)s) is not written directly: post a message, follow the record or "
                        "schedule an activity instead.",
                        field=field._description_string(self.env),
                        model=self._description,
                    )
                )
            problem = self._ops_input_problem(field, value)
            if problem:
                raise ValidationError(
                    self.env._(
                        "%(field)s (%(model)s): %(problem)s, got %(value)s.",
                        field=field._description_string(self.env),
                        model=self._description,
                        problem=problem,
                        value=_show(value),
                    )
                )

    @api.model
    def _ops_input_problem(self, field, value):
        """Return what is wrong with `value` for `field`, or None when the ORM can store it."""
        kind = field.type
        if kind in TEXT_TYPES:
            if isinstance(value, (list, dict)):
                return self.env._("expected text")
            if isinstance(value, str) and "\x00" in value:
                return self.env._("text cannot contain a NUL character")
        elif kind == "integer":
            # the ORM stores int(value): a whole number as text, or a float it truncates
            number = self._ops_as_number(value)
            if isinstance(value, str) and number is not None:
                number = float(value) if value.strip().lstrip("+-").isdigit() else None
            if number is None or abs(number) > INT4_MAX:
                return self.env._("expected a whole number between %(low)s and %(high)s", low=-INT4_MAX, high=INT4_MAX)
        elif kind in NUMBER_TYPES:
            if self._ops_as_number(value) is None:
                return self.env._("expected a finite number")
        elif kind == "many2one":
            if not (_is_id(value) or isinstance(value, (BaseModel, tuple))):
                return self.env._("expected the id of a %(model)s record", model=self.env[field.comodel_name]._description)
        elif kind in X2MANY_TYPES:
            return self._ops_x2many_problem(field, value)
        elif kind == "selection":
            if isinstance(value, (list, dict)) or value not in field.get_values(self.env):
                return self.env._("expected one of %(values)s", values=", ".join(map(str, field.get_values(self.env))))
        elif kind in ("date", "datetime"):
            if not isinstance(value, (str, date)):
                return self.env._("expected a date as text (YYYY-MM-DD)")
            try:
                (fields.Date.to_date if kind == "date" else fields.Datetime.to_datetime)(value)
            except ValueError:
                return self.env._("expected a date (YYYY-MM-DD) or date-time (YYYY-MM-DD HH:MM:SS)")
        return None

    @api.model
    def _ops_as_number(self, value):
        """Return `value` as a finite float the way the ORM reads numbers, or None."""
        if isinstance(value, (list, dict)):
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            return None
        return number if math.isfinite(number) else None

    @api.model
    def _ops_x2many_problem(self, field, value):
        """Return what is wrong with a list of x2many commands or ids, or None."""
        if isinstance(value, BaseModel):
            return None
        if not isinstance(value, (list, tuple)):
            return self.env._("expected a list of commands or ids")
        comodel = self.env[field.comodel_name]
        for item in value:
            if isinstance(item, dict):
                comodel._ops_check_input_values(item)
                continue
            if _is_id(item):
                continue
            if not isinstance(item, (list, tuple)) or not item or item[0] not in COMMANDS or isinstance(item[0], bool):
                return self.env._("expected a list of commands or ids")
            has_id, has_values = COMMANDS[item[0]]
            if has_id and not (len(item) > 1 and _is_id(item[1])):
                return self.env._("a command needs the id of a %(model)s record", model=comodel._description)
            if has_values:
                if len(item) < 3 or not isinstance(item[2], dict):
                    return self.env._("a create or update command needs the values as an object")
                comodel._ops_check_input_values(item[2])
            if item[0] == 6 and not (len(item) > 2 and isinstance(item[2], (list, tuple)) and all(map(_is_id, item[2]))):
                return self.env._("a set command needs a list of ids")
        return None
