"""Company size bands: employee-count ranges that scoring and routing use as segments."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OpsSizeBand(models.Model):
    _name = "ops.size.band"
    _description = "Company size band"
    _order = "sequence, min_employees, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Stable key used by scoring and routing rules, e.g. 'small'.")
    sequence = fields.Integer(default=10)
    min_employees = fields.Integer("Min. employees", default=1)
    max_employees = fields.Integer("Max. employees", help="Leave empty (0) for no upper limit.")
    active = fields.Boolean(default=True)

    _code_unique = models.Constraint("UNIQUE(code)", "The size band code must be unique.")

    @api.constrains("min_employees", "max_employees")
    def _check_range(self):
        for band in self:
            if band.min_employees < 0:
                raise ValidationError(self.env._("Band %(band)s: the minimum cannot be negative.", band=band.name))
            if band.max_employees and band.max_employees < band.min_employees:
                raise ValidationError(self.env._("Band %(band)s: the maximum is below the minimum.", band=band.name))

    @api.model
    def _ops_ranges(self):
        """Return the active bands as (min, max or None, band id) tuples, in matching order."""
        bands = self.sudo().search_fetch([], ["min_employees", "max_employees"])
        return [(band.min_employees, band.max_employees or None, band.id) for band in bands]

    @api.model
    def _ops_band_for(self, ranges, count):
        """Return the id of the first band of `ranges` holding `count`, or False (also for no employees)."""
        if count <= 0:
            return False
        for minimum, maximum, band_id in ranges:
            if count >= minimum and (maximum is None or count <= maximum):
                return band_id
        return False
