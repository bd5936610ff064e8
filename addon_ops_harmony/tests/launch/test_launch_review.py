from datetime import datetime, timedelta
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import config

from ..common import MANAGER_GROUP, OPS_USER_GROUP
from ..json2 import json2_call


@tagged("post_install", "-at_install")
class TestLaunchReview(HttpCase):
    """The launch review finds each planted problem with its records, and lists it as resolved once fixed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_launch_manager", groups=MANAGER_GROUP)
        cls.ops_user = new_test_user(cls.env, "t_launch_user", groups=OPS_USER_GROUP)
        cls.Review = cls.env["ops.launch.review"].with_user(cls.manager)

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
        self.assertEqual(after.previous_id, before)
        self.assertTrue(self._found(before, code) & after.resolved_finding_ids, code)

    def _key(self, user, expiration=None):
        return self.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "launch review", expiration)

    def test_01_an_administrator_is_found_then_resolved(self):
        """A new administrator is in the administrators' finding; archived, the next run lists it resolved."""
        admin = new_test_user(self.env, "t_launch_admin", groups="base.group_user,base.group_system")
        before = self._run()
        finding = self._found(before, "access.admins")
        self.assertEqual((finding.severity, finding.category, finding.res_model), ("medium", "access", "res.users"))
        self.assertEqual(finding.since_previous, "new")
        admin.active = False
        self._assert_resolved(before, self._run(), "access.admins", admin)

    def test_02_an_archived_user_with_an_api_key_is_found_then_resolved(self):
        """An archived user holding a key is a high finding; once the key is deleted it is resolved."""
        user = new_test_user(self.env, "t_launch_gone", groups=OPS_USER_GROUP)
        self._key(user, datetime.now() + timedelta(days=7))
        user.active = False
        before = self._run()
        self.assertEqual(self._found(before, "access.inactive_keys").severity, "high")
        self.assertNotIn(user.id, self._ids(before, "access.keys_no_expiry"))
        self.env["res.users.apikeys"].sudo().search([("user_id", "=", user.id)]).unlink()
        self._assert_resolved(before, self._run(), "access.inactive_keys", user)

    def test_03_a_key_without_expiry_is_found_then_resolved(self):
        """A key that never expires names its user; given an expiry, the next run lists it resolved."""
        user = new_test_user(self.env, "t_launch_forever", groups=OPS_USER_GROUP)
        self._key(user)
        before = self._run()
        self.env.cr.execute(
            "UPDATE res_users_apikeys SET expiration_date = now() + interval '30 days' WHERE user_id = %s", [user.id]
        )
        self.env["res.users.apikeys"].invalidate_model()
        self._assert_resolved(before, self._run(), "access.keys_no_expiry", user)

    def test_04_the_default_admin_password_is_critical_until_changed(self):
        """The admin user with password "admin" is a critical finding; a new password resolves it."""
        admin = self.env.ref("base.user_admin")
        admin.sudo().write({"active": True, "password": "admin"})
        before = self._run()
        finding = self._found(before, "deployment.admin_password")
        self.assertEqual((finding.severity, finding._ops_record_ids()), ("critical", admin.ids))
        self.assertTrue(before.critical_count >= 1)
        self.assertIn(finding, before.critical_finding_ids)
        admin.sudo().password = "launch-review-Strong-passphrase-42"
        self._assert_resolved(before, self._run(), "deployment.admin_password", admin)

    def test_05_no_mail_server_is_found_until_one_is_added(self):
        """Without an active outgoing mail server there is a finding; adding one resolves it."""
        self.env["ir.mail_server"].sudo().search([]).active = False
        before = self._run()
        self.assertTrue(self._found(before, "deployment.mail_server"))
        self.env["ir.mail_server"].sudo().create({"name": "Launch", "smtp_host": "smtp.example.com"})
        after = self._run()
        self.assertFalse(self._found(after, "deployment.mail_server"))
        self.assertTrue(self._found(before, "deployment.mail_server") & after.resolved_finding_ids)

    def test_06_server_options_are_read_from_the_running_configuration(self):
        """list_db on, proxy_mode off and no workers are findings; the version is always a low one."""
        exposed = {**config.options, "list_db": True, "proxy_mode": False, "workers": 0}
        with patch.object(config, "options", exposed):
            before = self._run()
        for code in ("deployment.list_db", "deployment.proxy_mode", "deployment.workers"):
            self.assertTrue(self._found(before, code), code)
        self.assertEqual(self._found(before, "deployment.version").severity, "low")
        hardened = {**config.options, "list_db": False, "proxy_mode": True, "workers": 4}
        with patch.object(config, "options", hardened):
            after = self._run()
        resolved = set(after.resolved_finding_ids.mapped("code"))
        self.assertTrue({"deployment.list_db", "deployment.proxy_mode", "deployment.workers"} <= resolved)
        self.assertEqual(self._found(after, "deployment.version").since_previous, "known")

    def test_07_a_finding_opens_exactly_its_records(self):
        """Open the records lists exactly the finding's records, archived ones included; the views load."""
        user = new_test_user(self.env, "t_launch_open", groups=OPS_USER_GROUP)
        self._key(user)
        user.active = False
        finding = self._found(self._run(), "access.inactive_keys")
        action = finding.action_open_records()
        self.assertEqual(action["res_model"], "res.users")
        self.assertEqual(action["domain"], [("id", "in", finding._ops_record_ids())])
        self.assertIn(user.id, finding._ops_record_ids())
        self.assertEqual(finding.record_count, len(finding._ops_record_ids()))
        views = self.Review.get_views([(False, "list"), (False, "form")])["views"]
        self.assertIn("high_finding_ids", views["form"]["arch"])

    def test_08_an_ops_user_can_neither_read_nor_run_nor_write(self):
        """An Ops User cannot read, run or delete a review, nor create or write a finding; a manager only deletes."""
        review = self._run()
        finding = review.finding_ids[:1]
        review_as_user = self.env["ops.launch.review"].with_user(self.ops_user)
        with self.assertRaises(AccessError):
            review_as_user.run_review()
        with self.assertRaises(AccessError):
            review_as_user.search([])
        with self.assertRaises(AccessError):
            review.with_user(self.ops_user).read(["name"])
        finding_vals = {"review_id": review.id, "category": "access", "code": "x", "severity": "low", "title": "x"}
        with self.assertRaises(AccessError):
            self.env["ops.launch.review.finding"].with_user(self.ops_user).create(finding_vals)
        for user in (self.ops_user, self.manager):
            with self.assertRaises(AccessError):
                finding.with_user(user).write({"severity": "low", "res_ids": "[]"})
        with self.assertRaises(AccessError):
            self.env["ops.launch.review.finding"].with_user(self.manager).create(finding_vals)
        with self.assertRaises(AccessError):
            review.with_user(self.ops_user).unlink()
        review.unlink()  # as the Ops Manager who ran it
        self.assertFalse(finding.exists())

    def test_09_over_json2_an_ops_user_is_refused_and_a_manager_runs(self):
        """Over JSON-2 an Ops User's run, read and finding create are 403s; an Ops Manager's run is a new review."""
        user_key = self._key(self.ops_user, datetime.now() + timedelta(days=1))
        manager_key = self._key(self.manager, datetime.now() + timedelta(days=1))
        self.assertEqual(json2_call(self, "ops.launch.review", "run_review", user_key).status_code, 403)
        read = json2_call(self, "ops.launch.review", "search_read", user_key, domain=[], fields=["name"])
        self.assertEqual(read.status_code, 403)
        forged = {"review_id": 1, "category": "access", "code": "x", "severity": "low", "title": "forged"}
        created = json2_call(self, "ops.launch.review.finding", "create", user_key, vals_list=[forged])
        self.assertEqual(created.status_code, 403)
        ran = json2_call(self, "ops.launch.review", "run_review", manager_key)
        self.assertEqual(ran.status_code, 200)
        review = self.env["ops.launch.review"].browse(ran.json())
        self.assertEqual(review.user_id, self.manager)
        self.assertFalse(self.env["ops.launch.review.finding"].search([("title", "=", "forged")]))

    def test_10_the_weekly_cron_runs_a_review_as_its_user(self):
        """The scheduled action is active, weekly, and its user (an Ops Manager) gets a new review."""
        cron = self.env.ref("addon_ops_harmony.ir_cron_ops_launch_review")
        self.assertEqual((cron.active, cron.interval_number, cron.interval_type), (True, 1, "weeks"))
        review = self.env["ops.launch.review"].with_user(cron.user_id)._cron_run_review()
        self.assertEqual((review.user_id, review.state), (cron.user_id, "done"))
        self.assertTrue(review.finding_ids)
