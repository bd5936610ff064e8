"""Onboarding fixtures: an HR officer, an Ops Manager who approves, IT, and a role with its checklist."""

import base64

from odoo.tests import TransactionCase, new_test_user

from ..ai.text_pdf import text_pdf
from ..common import MANAGER_GROUP, sync_guards


def pdf(lines):
    """A text PDF of `lines`, base64 as a Binary field takes it."""
    data, _boxes = text_pdf([(50, 60 + 20 * index, line) for index, line in enumerate(lines)])
    return base64.b64encode(data)


class OpsOnboardingCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.hr = new_test_user(env, "t_onb_hr", groups="hr.group_hr_manager", name="Hana HR")
        cls.approver = new_test_user(env, "t_onb_manager", groups=MANAGER_GROUP, name="Omar Ops Manager")
        cls.it = new_test_user(env, "t_onb_it", groups="base.group_user", name="Ivan IT")
        cls.newbie = new_test_user(env, "t_onb_newbie", groups="base.group_user", name="Nora Newbie")
        cls.role = env.ref("addon_ops_harmony.ops_onboarding_role_sales")
        cls.role.line_ids.filtered(lambda line: line.department == "IT").responsible_id = cls.it
        policy = env.ref("addon_ops_harmony.ops_policy_access_grant")
        if policy.state == "draft":  # published at install; a database updated to this version publishes it by hand
            policy.action_publish()

    def setUp(self):
        super().setUp()
        sync_guards(self.env)

    def _hire(self, role=None, user=None, start="2027-01-04"):
        employee = (
            self.env["hr.employee"]
            .with_user(self.hr)
            .create(
                {
                    "name": "Nora Newbie",
                    "user_id": (user or self.newbie).id,
                    "ops_onboarding_role_id": (role or self.role).id,
                    "contract_date_start": start,
                }
            )
        )
        return employee.sudo().ops_onboarding_ids
