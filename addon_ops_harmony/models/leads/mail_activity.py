"""Activities: a lead's first response stops its SLA clock."""

from odoo import fields, models

from .crm_lead_sla import RESPONSE_ACTIVITY_TYPES


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # read before super(): done activities are archived, or deleted when their record is gone
        response_types = [self.env.ref(xmlid, raise_if_not_found=False) for xmlid in RESPONSE_ACTIVITY_TYPES]
        response_type_ids = {activity_type.id for activity_type in response_types if activity_type}
        lead_ids = {
            activity.res_id
            for activity in self
            if activity.res_model == "crm.lead" and activity.activity_type_id.id in response_type_ids
        }
        done_at = fields.Datetime.now()
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if lead_ids:
            self.env["crm.lead"].sudo().browse(lead_ids).exists()._ops_sla_record_response(done_at)
        return result
