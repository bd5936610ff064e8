from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools.convert import convert_file

from ..common import MANAGER_GROUP, OPS_USER_GROUP

PLANTED = "addon_ops_harmony.demo_policy_large_refunds"


@tagged("post_install", "-at_install")
class TestLaunchReviewDemo(TransactionCase):
    """The review finds each problem the demo data plants, and nothing of them once they are fixed."""

    def _ids(self, review, code):
        findings = review.finding_ids.filtered(lambda finding: finding.code == code)
        return set().union(*(finding._ops_record_ids() for finding in findings))

    def test_01_the_planted_problems_are_found_then_resolved(self):
        if not self.env.ref(PLANTED, raise_if_not_found=False):  # a database without demo data: plant them here
            convert_file(self.env, "addon_ops_harmony", "demo/ops_launch_demo.xml", {}, mode="init", noupdate=False)
        manager = new_test_user(self.env, "t_lrd_manager", groups=MANAGER_GROUP, name="Lea Launch")
        seller = new_test_user(self.env, "t_lrd_seller", groups=OPS_USER_GROUP, name="Sid Seller")
        Review = self.env["ops.launch.review"].with_user(manager)
        rule = self.env.ref("addon_ops_harmony.demo_routing_partners")
        policy = self.env.ref(PLANTED)

        before = Review.run_review()
        self.assertIn(rule.id, self._ids(before, "rules.routing_to_nobody"))
        self.assertIn(policy.id, self._ids(before, "rules.policy_no_approver"))
        self.assertIn(policy.id, self._ids(before, "rules.policy_no_escalation"))

        # the fixes an Ops Manager makes: someone on the team, a new version with a real approver and an escalation
        self.env["crm.team.member"].create({"crm_team_id": rule.team_id.id, "user_id": seller.id})
        draft = self.env["ops.approval.policy"].browse(policy.with_user(manager).action_new_version()["res_id"])
        draft.with_context(active_test=False).step_ids.write({"user_ids": [Command.set(manager.ids)]})
        draft.write({"escalation_user_id": manager.id})
        draft.with_user(manager).action_publish()

        after = Review.run_review()
        for code, record in (
            ("rules.routing_to_nobody", rule),
            ("rules.policy_no_approver", policy),
            ("rules.policy_no_escalation", policy),
        ):
            self.assertNotIn(record.id, self._ids(after, code), code)
        self.assertNotIn(draft.id, self._ids(after, "rules.policy_no_approver") | self._ids(after, "rules.policy_no_escalation"))
