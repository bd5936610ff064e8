import json
from datetime import timedelta

from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged

from ..common import MANAGER_GROUP, SHELF_RULES, SHELF_VECTOR

SOURCE = "t_flow_vendor"


@tagged("post_install", "-at_install")
class TestLaunchReviewChanges(TransactionCase):
    """The launch review lists the rules changed since the previous run, by whom and when, and maps who owns
    which synced field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_launch_changes", groups=MANAGER_GROUP, name="Chloe Changer")
        cls.Review = cls.env["ops.launch.review"].with_user(cls.manager)
        cls.approver = new_test_user(cls.env, "t_launch_changes_approver")

    def _run(self):
        return self.Review.run_review()

    def _found(self, review, code):
        return review.finding_ids.filtered(lambda finding: finding.code == code)

    def _ids(self, review, code):
        return set(self._found(review, code)._ops_record_ids()) if self._found(review, code) else set()

    def _backdate(self, records, hours, columns=("create_date", "write_date")):
        """Move `columns` of `records` `hours` before the transaction's now (all of this test runs at that now)."""
        self.env.flush_all()  # a pending write would stamp the records again
        assignments = ", ".join(f'"{column}" = %(when)s' for column in columns)
        self.env.cr.execute(
            f'UPDATE "{records._table}" SET {assignments} WHERE id = ANY(%(ids)s)',  # noqa: S608 - names are ours
            {"when": self.env.cr.now() - timedelta(hours=hours), "ids": records.ids},
        )
        records.invalidate_recordset(list(columns))

    def _policy(self, name):
        """A draft policy on quotes, with one step."""
        return self.env["ops.approval.policy"].create(
            {
                "name": name,
                "model_id": self.env["ir.model"]._get_id("sale.order"),
                "method_name": "action_confirm",
                "step_ids": [
                    Command.create({"name": "t step", "approver_type": "user", "user_ids": [Command.set(self.approver.ids)]})
                ],
            }
        )

    def _run_in_the_past(self, hours):
        """Run a review, then date it `hours` ago, between the back-dated records and this test's changes."""
        review = self._run()
        self._backdate(review, hours, ["date"])
        return review

    def test_01_a_policy_edited_after_a_run_is_listed_and_one_edited_before_is_not(self):
        """Only the policy edited since the previous run is in the next run's low change finding, with its editor."""
        before_run, after_run = self._policy("t launch edited before"), self._policy("t launch edited after")
        self._backdate(before_run | after_run, 2)
        first = self._run_in_the_past(1)
        after_run.with_user(self.manager).write({"description": "stricter"})
        second = self._run()
        self.assertEqual(second.previous_id, first)
        finding = self._found(second, "change.policies")
        self.assertEqual((finding.category, finding.severity, finding.res_model), ("change", "low", "ops.approval.policy"))
        self.assertIn(after_run.id, finding._ops_record_ids())
        self.assertNotIn(before_run.id, finding._ops_record_ids())
        self.assertIn("t launch edited after: changed by Chloe Changer on", finding.detail)
        # nothing changed since the second run: the third lists neither
        self.assertNotIn(after_run.id, self._ids(self._run(), "change.policies"))

    def test_02_a_publication_is_listed_from_the_audit_log(self):
        """A policy published since the previous run shows who published it, as the audit log recorded."""
        policy = self._policy("t launch published")
        self._backdate(policy, 2)
        self._run_in_the_past(1)
        policy.with_user(self.manager).action_publish()
        finding = self._found(self._run(), "change.policies")
        self.assertIn(policy.id, finding._ops_record_ids())
        self.assertIn("Policy published by Chloe Changer", finding.detail)

    def test_03_the_first_run_lists_every_rule_ever(self):
        """Without a previous run, every policy is listed, the old ones too."""
        policy = self._policy("t launch old policy")
        self._backdate(policy, 24 * 400)
        self.env["ops.launch.review"].search([]).unlink()
        finding = self._found(self._run(), "change.policies")
        self.assertIn(policy.id, finding._ops_record_ids())
        self.assertIn("this is the first run", finding.title)

    def test_04_automations_rule_sets_and_sync_mappings_changed_since_the_run_are_listed(self):
        """An automation's action, a rule set's draft, a stage mapping and an ownership rule changed since are listed."""
        automation = self.env.ref("addon_ops_harmony.ops_automation_lead_sla")
        ruleset = self.env["ops.config.ruleset"].create({"name": "t launch changed rule set"})
        stage_map = self.env["ops.sync.stage.map"].create(
            {"source": SOURCE, "stage_key": "default:t_won", "stage_id": self.env["crm.stage"].search([], limit=1).id}
        )
        rule = self.env["ops.sync.ownership"].create(
            {"source": SOURCE, "model_id": self.env["ir.model"]._get_id("res.partner"), "policy": "odoo_wins"}
        )
        for records in (automation, automation.action_server_ids, ruleset, stage_map, rule):
            self._backdate(records, 2)
        self._run_in_the_past(1)
        baseline = self._run_in_the_past(0.5)
        listed = [
            ("change.automations", automation),
            ("change.rulesets", ruleset),
            ("change.stage_maps", stage_map),
            ("change.ownership", rule),
        ]
        for code, record in listed:
            self.assertNotIn(record.id, self._ids(baseline, code), code)
        automation.action_server_ids[:1].with_context(active_test=False).write({"name": "Breach the SLA, reworded"})
        self.env["ops.config.ruleset.version"].create(
            {"ruleset_id": ruleset.id, "content": json.dumps(SHELF_RULES), "vector_ids": [Command.create(dict(SHELF_VECTOR))]}
        )
        stage_map.with_user(self.manager).mark_lost = True
        rule.with_user(self.manager).policy = "newest_wins"
        review = self._run()
        for code, record in listed:
            self.assertIn(record.id, self._ids(review, code), code)
        self.assertIn("action Breach the SLA, reworded changed by", self._found(review, "change.automations").detail)
        self.assertIn("version 1 created by", self._found(review, "change.rulesets").detail)
        self.assertIn("changed by Chloe Changer", self._found(review, "change.ownership").detail)

    def test_05_the_data_flows_map_shows_who_owns_a_field(self):
        """A planted ownership rule and stage mapping show in the run's data flows map; the form has its page."""
        phone = self.env["ir.model.fields"]._get("res.partner", "phone")
        self.env["ops.sync.ownership"].create(
            {"source": SOURCE, "model_id": phone.model_id.id, "field_id": phone.id, "policy": "odoo_wins"}
        )
        self.env["ops.sync.stage.map"].create({"source": SOURCE, "stage_key": "default:t_lost", "mark_lost": True})
        flows = self._run().data_flow_html
        row = next(line for line in flows.split("<tr>") if SOURCE in line and "(phone)" in line)
        self.assertIn("<td>Odoo</td>", row)
        self.assertIn("no stream of this source writes it yet", row)
        self.assertIn("default:t_lost", flows)
        form = self.Review.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="data_flow_html"', form)
