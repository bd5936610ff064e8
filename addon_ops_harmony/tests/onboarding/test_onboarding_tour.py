from odoo.tests import HttpCase, new_test_user, tagged

from ..common import MANAGER_GROUP


@tagged("post_install", "-at_install")
class TestOnboardingTour(HttpCase):
    """From the start date to granted access, in Chromium: HR, then the Ops Manager, each with their own rights."""

    def test_01_start_date_checklist_access(self):
        env = self.env
        hr = new_test_user(env, "t_onbt_hr", groups="hr.group_hr_manager", name="Hana HR", tz="UTC")
        manager = new_test_user(env, "t_onbt_manager", groups=MANAGER_GROUP, name="Omar Ops Manager", tz="UTC")
        newbie = new_test_user(env, "t_onbt_newbie", groups="base.group_user", name="Nora Newbie")
        # the shipped demo data may make the administrator an Ops Manager too: only Omar decides here
        env.ref("base.user_admin").group_ids = [(3, env.ref("addon_ops_harmony.addon_ops_harmony_group_manager").id)]
        role = env.ref("addon_ops_harmony.ops_onboarding_role_sales")
        policy = env.ref("addon_ops_harmony.ops_policy_access_grant")
        if policy.state == "draft":
            policy.action_publish()
        employee = env["hr.employee"].create({"name": "Nora Newbie", "user_id": newbie.id, "ops_onboarding_role_id": role.id})
        self.start_tour(f"/odoo/employees/{employee.id}", "addon_ops_harmony_onboarding_hr", login=hr.login)
        onboarding = employee.ops_onboarding_ids
        self.assertEqual(len(onboarding.item_ids), 6)
        self.assertEqual(onboarding.access_request_ids.ops_approval_state, "pending")
        self.assertFalse(newbie.has_group("sales_team.group_sale_salesman"))

        self.start_tour("/odoo", "addon_ops_harmony_onboarding_approve", login=manager.login)
        self.assertEqual(onboarding.access_request_ids.state, "granted")
        self.assertTrue(newbie.has_group("sales_team.group_sale_salesman"))
