from odoo.tests import TransactionCase, new_test_user, tagged

from ...models.sync.ops_sync_guard import sync_writes
from ..common import MANAGER_GROUP

BACKUP = "addon_ops_harmony.backup_note"
ENVIRONMENT = "addon_ops_harmony.environment"


@tagged("post_install", "-at_install")
class TestLaunchReviewEnvironment(TransactionCase):
    """Backups must be noted; a staging copy must neither send mail nor take the production webhooks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_launch_environment", groups=MANAGER_GROUP)
        cls.Review = cls.env["ops.launch.review"].with_user(cls.manager)
        cls.params = cls.env["ir.config_parameter"].sudo()

    def _codes(self):
        return set(self.Review.run_review().finding_ids.mapped("code"))

    def test_01_backups_must_be_noted(self):
        """No note is a finding; a note resolves it."""
        self.params.set_param(BACKUP, "")
        self.assertIn("deployment.backup_not_noted", self._codes())
        self.params.set_param(BACKUP, "nightly pg_dump and filestore offsite; restore tested 2026-11-30")
        self.assertNotIn("deployment.backup_not_noted", self._codes())

    def test_02_a_staging_copy_that_sends_mail_or_takes_webhooks(self):
        """Marked staging, an active mail server and a fresh webhook event are critical; production is left alone."""
        server = self.env["ir.mail_server"].create({"name": "Production SMTP", "smtp_host": "smtp.example.com"})
        with sync_writes():
            self.env["ops.sync.event"].sudo().create(
                {"source": "hubspot", "stream": "deals", "state": "received", "external_id": "4711"}
            )
        self.params.set_param(ENVIRONMENT, "production")
        self.params.set_param("database.is_neutralized", False)
        codes = self._codes()
        self.assertNotIn("deployment.copy_sends_mail", codes)
        self.assertNotIn("deployment.copy_receives_webhooks", codes)
        self.params.set_param(ENVIRONMENT, "staging")
        review = self.Review.run_review()
        mail = review.finding_ids.filtered(lambda finding: finding.code == "deployment.copy_sends_mail")
        self.assertEqual(mail.severity, "critical")
        self.assertIn(server.id, mail._ops_record_ids())
        self.assertIn("deployment.copy_receives_webhooks", set(review.finding_ids.mapped("code")))
        self.env["ir.mail_server"].search([]).active = False
        self.assertNotIn("deployment.copy_sends_mail", self._codes())
