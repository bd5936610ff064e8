from datetime import datetime, timedelta

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from ..common import INTEGRATION_GROUP, MANAGER_GROUP, SALESMAN, archive_published

APPROVER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_approver"


@tagged("post_install", "-at_install")
class TestLaunchReviewAccessRoles(TransactionCase):
    """Requesters who approve, over-privileged integration users and keys without scope: planted, found, fixed, gone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_launch_roles", groups=MANAGER_GROUP)
        cls.Review = cls.env["ops.launch.review"].with_user(cls.manager)
        cls.salesman = cls.env.ref(SALESMAN)

    def _run(self):
        return self.Review.run_review()

    def _found(self, review, code):
        return review.finding_ids.filtered(lambda finding: finding.code == code)

    def _ids(self, review, code):
        return set().union(*(finding._ops_record_ids() for finding in self._found(review, code)))

    def _assert_resolved(self, before, after, code, record):
        """`record` is in `code`'s finding of `before`, in none of `after`, and that finding is resolved."""
        self.assertIn(record.id, self._ids(before, code))
        self.assertNotIn(record.id, self._ids(after, code))
        self.assertTrue(self._found(before, code) & after.resolved_finding_ids, code)

    def _publish(self, *steps):
        """Publish the only policy on quote confirmation, with these steps (medium tier)."""
        archive_published(self.env, "sale.order")
        policy = self.env["ops.approval.policy"].create(
            {
                "name": "Launch quotes",
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "default_tier": "medium",
                "step_ids": [Command.create({"tier": "medium", **step}) for step in steps],
            }
        )
        policy.action_publish()
        return policy

    def test_01_an_approver_who_may_request_is_found_until_the_roles_are_split(self):
        """An approver of a step who may also confirm quotes is a medium finding; without Sales rights, resolved."""
        both = new_test_user(self.env, "t_launch_both", groups=f"{SALESMAN},{APPROVER_GROUP}", name="Bea Both")
        approver_only = new_test_user(self.env, "t_launch_approver", groups=APPROVER_GROUP, name="Al Approver")
        self._publish({"name": "Deal desk", "approver_type": "user", "user_ids": [Command.set((both | approver_only).ids)]})
        before = self._run()
        finding = self._found(before, "access.requester_approvers")
        self.assertEqual((finding.severity, finding.category, finding.res_model), ("medium", "access", "res.users"))
        self.assertIn(both.id, finding._ops_record_ids())
        self.assertNotIn(approver_only.id, finding._ops_record_ids())  # may approve, may not confirm a quote
        self.assertIn("Launch quotes (sale.order.action_confirm): ", finding.detail)
        self.assertIn("Bea Both", finding.detail)
        both.write({"group_ids": [Command.unlink(self.salesman.id)]})
        self.assertFalse(both.has_group(SALESMAN))
        self._assert_resolved(before, self._run(), "access.requester_approvers", both)

    def test_02_a_group_step_counts_its_members_and_a_field_step_is_named_as_skipped(self):
        """Members of a step's group who may request are found; a field step is named as not checked."""
        group = self.env["res.groups"].create({"name": "Launch quote approvers"})
        member = new_test_user(self.env, "t_launch_member", groups=SALESMAN, name="Mo Member")
        member.write({"group_ids": [Command.link(group.id)]})
        self._publish(
            {"name": "Quote approvers", "approver_type": "group", "group_id": group.id},
            {"name": "Salesperson", "approver_type": "field", "field_path": "user_id"},
        )
        before = self._run()
        finding = self._found(before, "access.requester_approvers")
        self.assertIn(member.id, finding._ops_record_ids())
        self.assertIn("Launch quotes / Salesperson", finding.detail)
        member.write({"group_ids": [Command.unlink(group.id)]})
        self._assert_resolved(before, self._run(), "access.requester_approvers", member)

    def test_03_an_integration_user_with_other_rights_is_high_until_they_are_removed(self):
        """A bridge user who is also Sales manager is a high finding naming the group; a bridge-only user is not."""
        bridge = new_test_user(self.env, "t_launch_bridge", groups=f"{INTEGRATION_GROUP},sales_team.group_sale_manager")
        clean = new_test_user(self.env, "t_launch_bridge_ok", groups=INTEGRATION_GROUP)
        before = self._run()
        finding = self._found(before, "access.integration_rights")
        self.assertEqual((finding.severity, finding.res_model), ("high", "res.users"))
        self.assertIn(bridge.id, finding._ops_record_ids())
        self.assertNotIn(clean.id, finding._ops_record_ids())
        self.assertIn(self.env.ref("sales_team.group_sale_manager").name, finding.detail)
        bridge.write({"group_ids": [Command.set(self.env.ref(INTEGRATION_GROUP).ids)]})
        self._assert_resolved(before, self._run(), "access.integration_rights", bridge)

    def test_04_a_key_without_scope_is_low_until_it_gets_one(self):
        """A key without scope names its user; the bridge's kind of key (scope rpc) does not; scoped, resolved."""
        loose = new_test_user(self.env, "t_launch_loose", groups=SALESMAN)
        scoped = new_test_user(self.env, "t_launch_scoped", groups=SALESMAN)
        expiry = datetime.now() + timedelta(days=7)
        self.env["res.users.apikeys"].with_user(loose).sudo()._generate(None, "launch loose", expiry)
        self.env["res.users.apikeys"].with_user(scoped).sudo()._generate("rpc", "launch scoped", expiry)
        before = self._run()
        finding = self._found(before, "access.keys_no_scope")
        self.assertEqual(finding.severity, "low")
        self.assertIn(loose.id, finding._ops_record_ids())
        self.assertNotIn(scoped.id, finding._ops_record_ids())
        self.assertIn("launch loose", finding.detail)
        self.env.cr.execute("UPDATE res_users_apikeys SET scope = 'rpc' WHERE user_id = %s", [loose.id])
        self.env["res.users.apikeys"].invalidate_model()
        self._assert_resolved(before, self._run(), "access.keys_no_scope", loose)
