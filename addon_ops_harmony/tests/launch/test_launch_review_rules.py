import json
from datetime import timedelta

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from ...models.launch.ops_launch_checks_automation import AUTOMATION_CRON
from ..common import MANAGER_GROUP, SHELF_RULES, SHELF_VECTOR, publish_discount_policy

ADMIN_GROUPS = "base.group_user,base.group_system"


@tagged("post_install", "-at_install")
class TestLaunchReviewRules(TransactionCase):
    """The launch review finds failing or ownerless automations, unstaffed policies, dead-end routing and untested
    rule sets with their records, and lists each resolved once fixed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_launch_rules", groups=MANAGER_GROUP)
        cls.Review = cls.env["ops.launch.review"].with_user(cls.manager)
        cls.partner_model = cls.env["ir.model"]._get_id("res.partner")

    def _run(self):
        return self.Review.run_review()

    def _ids(self, review, code):
        return set().union(*(finding._ops_record_ids() for finding in review.finding_ids.filtered(lambda f: f.code == code)))

    def _assert_found_then_resolved(self, before, after, code, records, severity):
        """`records` are in `code`'s finding of `before` (rules category, `severity`), gone from `after`, resolved."""
        finding = before.finding_ids.filtered(lambda item: item.code == code)
        self.assertEqual((finding.category, finding.severity), ("rules", severity), code)
        self.assertTrue(set(records.ids) <= set(finding._ops_record_ids()), code)
        self.assertFalse(set(records.ids) & self._ids(after, code), code)
        self.assertEqual(after.previous_id, before)
        self.assertIn(finding, after.resolved_finding_ids)

    def _backdate(self, records, column, hours):
        """Set `column` of `records` to `hours` before the transaction's now, by SQL as time would."""
        self.env.flush_all()  # a pending write would stamp the records again
        self.env.cr.execute(
            f'UPDATE "{records._table}" SET "{column}" = %s WHERE id = ANY(%s)',  # noqa: S608 - names are ours
            [self.env.cr.now() - timedelta(hours=hours), records.ids],
        )
        records.invalidate_recordset([column])

    def test_01_a_webhook_rule_with_an_error_after_its_last_edit_is_failing_until_saved(self):
        """An ERROR logged by a webhook rule after its last edit is a high finding; saving the rule resolves it."""
        rule = self.env["base.automation"].create(
            {"name": "t launch hook", "model_id": self.partner_model, "trigger": "on_webhook"}
        )
        quiet = rule.copy({"name": "t launch quiet hook"})
        self._backdate(rule | quiet, "write_date", 2)
        log = self.env["ir.logging"].create(
            {
                "name": "Webhook Log",
                "type": "server",
                "level": "ERROR",
                "path": f"base_automation({rule.id})",
                "func": "",
                "line": "",
                "message": "Webhook failed",
            }
        )
        self._backdate(log, "create_date", 1)
        before = self._run()
        self.assertNotIn(quiet.id, self._ids(before, "rules.automation_failing"))
        rule.name = "t launch hook, fixed"
        self._assert_found_then_resolved(before, self._run(), "rules.automation_failing", rule, "high")

    def test_02_a_time_rule_not_run_since_its_cron_fails_is_failing_until_it_runs(self):
        """While the automation cron fails, a time rule with no run since is failing; its next run resolves it."""
        rule = self.env["base.automation"].create(
            {
                "name": "t launch timer",
                "model_id": self.partner_model,
                "trigger": "on_time_created",
                "trg_date_range": 1,
                "trg_date_range_type": "day",
            }
        )
        cron = self.env.ref(AUTOMATION_CRON)
        self.env.cr.execute(
            "UPDATE ir_cron SET failure_count = 2, first_failure_date = %s WHERE id = %s",
            [self.env.cr.now() - timedelta(hours=1), cron.id],
        )
        cron.invalidate_recordset(["failure_count", "first_failure_date"])
        before = self._run()
        rule.last_run = self.env.cr.now()
        self._assert_found_then_resolved(before, self._run(), "rules.automation_failing", rule, "high")

    def test_03_a_rule_whose_creator_and_editor_left_has_no_owner_until_someone_saves_it(self):
        """A UI rule made and last saved by an archived user is ownerless; saved by an active admin, it is resolved."""
        author, successor = (
            new_test_user(self.env, login, groups=ADMIN_GROUPS) for login in ("t_launch_author", "t_launch_next")
        )
        rule = (
            self.env["base.automation"]
            .with_user(author)
            .create({"name": "t launch orphan", "model_id": self.partner_model, "trigger": "on_create"})
        )
        shipped = self.env.ref("addon_ops_harmony.ops_automation_lead_pipeline")
        before_leaving = self._run()
        self.assertNotIn(rule.id, self._ids(before_leaving, "rules.automation_no_owner"))
        author.active = False
        before = self._run()
        self.assertNotIn(shipped.id, self._ids(before, "rules.automation_no_owner"))
        rule.with_user(successor).write({"name": "t launch adopted"})
        self._assert_found_then_resolved(before, self._run(), "rules.automation_no_owner", rule, "medium")

    def test_04_a_policy_whose_approver_left_and_that_escalates_to_nobody_is_found_until_a_new_version(self):
        """An archived approver and no escalation are findings; a new version with both set resolves them."""
        approver = new_test_user(self.env, "t_launch_approver")
        policy = publish_discount_policy(self.env, approver)
        before_leaving = self._run()
        self.assertNotIn(policy.id, self._ids(before_leaving, "rules.policy_no_approver"))
        approver.active = False
        before = self._run()
        finding = before.finding_ids.filtered(lambda item: item.code == "rules.policy_no_approver")
        self.assertIn(f"step {approver.name} has no active approver", finding.detail)
        # a new version would copy the step without its archived approver, which a step refuses: replace the policy
        successor = policy.create(
            {
                "name": "Big discounts, staffed",
                "model_id": policy.model_id.id,
                "method_name": policy.method_name,
                "escalation_user_id": self.manager.id,
                "step_ids": [Command.create({"name": "Manager", "approver_type": "user", "user_ids": self.manager.ids})],
            }
        )
        policy.action_archive_version()
        successor.action_publish()
        after = self._run()
        self._assert_found_then_resolved(before, after, "rules.policy_no_approver", policy, "high")
        self._assert_found_then_resolved(before, after, "rules.policy_no_escalation", policy, "medium")
        self.assertNotIn(
            successor.id, self._ids(after, "rules.policy_no_approver") | self._ids(after, "rules.policy_no_escalation")
        )

    def test_05_a_tier_without_a_step_is_found(self):
        """A medium policy whose only step is for the high tier leaves the medium tier without approver."""
        approver = new_test_user(self.env, "t_launch_high_approver")
        policy = publish_discount_policy(self.env, approver)
        policy.write({"step_ids": [Command.update(policy.step_ids.id, {"tier": "high"})]})
        draft = policy.search([("family_id", "=", policy.family_id.id), ("state", "=", "draft")])
        draft.action_publish()
        review = self._run()
        self.assertIn(draft.id, self._ids(review, "rules.policy_no_approver"))
        finding = review.finding_ids.filtered(lambda item: item.code == "rules.policy_no_approver")
        self.assertIn("the Medium tier has no step", finding.detail)

    def test_06_a_routing_rule_to_a_team_nobody_can_work_routes_to_nobody_until_staffed(self):
        """A rule whose team has only a paused member routes to nobody; an active member resolves it."""
        seller = new_test_user(self.env, "t_launch_seller", groups="sales_team.group_sale_salesman")
        team = self.env["crm.team"].create({"name": "t launch empty team", "use_leads": True})
        paused = self.env["crm.team.member"].create({"crm_team_id": team.id, "user_id": seller.id, "assignment_optout": True})
        rule = self.env["ops.routing.rule"].create({"name": "t launch rule", "team_id": team.id})
        before = self._run()
        paused.assignment_optout = False
        self._assert_found_then_resolved(before, self._run(), "rules.routing_to_nobody", rule, "high")

    def _ruleset(self, name):
        product = self.env["product.product"].create({"name": name, "type": "consu"})
        return self.env["ops.config.ruleset"].create(
            {"name": name, "product_tmpl_ids": [Command.set(product.product_tmpl_id.ids)]}
        )

    def test_07_a_version_published_without_vectors_is_untested_until_republished(self):
        """A version made published without Publish (no vectors) is untested; a draft with a vector, published, fixes it."""
        ruleset = self._ruleset("t launch untested")
        Version = self.env["ops.config.ruleset.version"]
        version = Version._ops_internal().create(
            {"ruleset_id": ruleset.id, "content": json.dumps(SHELF_RULES), "state": "published"}
        )
        before = self._run()
        draft = Version.browse(version.action_new_draft()["res_id"])
        draft.vector_ids = [Command.create(dict(SHELF_VECTOR))]
        draft.action_publish()
        self.assertEqual(version.state, "retired")
        self._assert_found_then_resolved(before, self._run(), "rules.ruleset_untested", version, "medium")

    def test_08_a_published_version_whose_vectors_fail_now_is_found_until_fixed(self):
        """A published version whose vector fails today is high; a new draft with the vector fixed resolves it."""
        ruleset = self._ruleset("t launch drifted")
        Version = self.env["ops.config.ruleset.version"]
        vector = dict(SHELF_VECTOR)
        version = Version.create(
            {"ruleset_id": ruleset.id, "content": json.dumps(SHELF_RULES), "vector_ids": [Command.create(vector)]}
        )
        version.action_publish()
        clean = self._run()
        self.assertNotIn(version.id, self._ids(clean, "rules.ruleset_vectors_fail") | self._ids(clean, "rules.ruleset_untested"))
        # as if the rule engine changed since: the stored expectation no longer holds
        self.env.cr.execute(
            "UPDATE ops_config_ruleset_vector SET expect = %s WHERE id = ANY(%s)",
            ['{"unit_price": "999.00"}', version.vector_ids.ids],
        )
        version.vector_ids.invalidate_recordset(["expect"])
        before = self._run()
        draft = Version.browse(version.action_new_draft()["res_id"])
        draft.vector_ids.expect = vector["expect"]
        draft.action_publish()
        self._assert_found_then_resolved(before, self._run(), "rules.ruleset_vectors_fail", version, "high")
