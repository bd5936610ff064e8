"""Per-team first-response SLA: how long the owner has, and what happens on a breach."""

from odoo import fields, models

DEFAULT_SLA_MINUTES = 15


class CrmTeam(models.Model):
    _inherit = "crm.team"

    ops_sla_minutes = fields.Integer(
        "First response SLA (minutes)",
        default=DEFAULT_SLA_MINUTES,
        help="Business minutes, on the owner's working calendar, to follow up a routed lead. " "A routing rule can set its own.",
    )
    ops_sla_reassign = fields.Boolean(
        "Reassign on breach", help="When the SLA is breached, give the lead to the next available member of the team."
    )

    _ops_sla_minutes_positive = models.Constraint("CHECK(ops_sla_minutes >= 0)", "The SLA cannot be negative.")

    def _ops_sla_minutes(self):
        """Return this team's SLA in minutes, the default when unset."""
        return self.ops_sla_minutes or DEFAULT_SLA_MINUTES
