import base64
from email.message import EmailMessage

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..common import OPS_USER_GROUP, PDF_BYTES, OpsAiCase

# a 1x1 transparent PNG
PNG_BYTES = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@tagged("post_install", "-at_install")
class TestAiIntake(OpsAiCase):
    """Mail aliases and uploads turn documents into queued jobs; what cannot be read becomes a failed job, never lost."""

    def test_01_a_bill_email_makes_one_job_per_document(self):
        """Two documents and a signature text file make two queued jobs, each with its file."""
        first = self._mail(
            "addon_ops_harmony.ops_ai_mail_alias_vendor_bills",
            attachments=[("a.pdf", PDF_BYTES, {}), ("sig.txt", "Regards", {}), ("b.png", PNG_BYTES, {})],
        )
        jobs = self.Job.search([("sender", "=", "ap@acme.example")])
        self.assertEqual(len(jobs), 2)
        self.assertIn(first, jobs)
        self.assertEqual(sorted(jobs.mapped("attachment_id.name")), ["a.pdf", "b.png"])
        self.assertEqual(set(jobs.mapped("state")), {"queued"})
        self.assertEqual(set(jobs.mapped("origin")), {"mail"})
        self.assertEqual(jobs.document_type_id, self.bill_type)

    def test_02_a_bill_email_without_a_document_fails_with_a_reason(self):
        """An email with no PDF or image is one failed job saying so."""
        job = self._mail("addon_ops_harmony.ops_ai_mail_alias_vendor_bills", attachments=[("note.txt", "hi", {})])
        self.assertEqual((job.state, job.failure_category), ("failed", "no_document"))
        self.assertIn("no PDF or image", job.failure_reason)

    def test_03_a_request_email_is_one_job_and_an_empty_one_fails(self):
        """A request keeps its plain body; an email with no body is a failed job with a reason."""
        job = self._mail("addon_ops_harmony.ops_ai_mail_alias_requests", body="<p>Quote for 3 pumps?</p>")
        self.assertEqual((job.state, job.body_text, job.document_type_id), ("queued", "Quote for 3 pumps?", self.request_type))
        empty = self._mail("addon_ops_harmony.ops_ai_mail_alias_requests", body="<p> </p>")
        self.assertEqual((empty.state, empty.failure_category), ("failed", "no_body"))

    def test_04_an_upload_makes_one_job_per_own_file(self):
        """The upload form makes a queued job per file the user uploaded, and refuses another user's attachment."""
        user = new_test_user(self.env, "t_ai_uploader", groups=OPS_USER_GROUP)
        Attachment = self.env["ir.attachment"].with_user(user)
        files = Attachment.create([{"name": "x.pdf", "raw": PDF_BYTES}, {"name": "y.pdf", "raw": PDF_BYTES}])
        wizard = self.env["ops.ai.upload"].with_user(user).create({"attachment_ids": [(6, 0, files.ids)]})
        action = wizard.action_upload()
        jobs = self.Job.search(action["domain"])
        self.assertEqual(sorted(jobs.mapped("attachment_id.name")), ["x.pdf", "y.pdf"])
        self.assertEqual((set(jobs.mapped("origin")), set(jobs.mapped("state"))), ({"upload"}, {"queued"}))
        foreign = self.env["ir.attachment"].create({"name": "payroll.pdf", "raw": PDF_BYTES, "public": True})
        wizard = self.env["ops.ai.upload"].with_user(user).create({"attachment_ids": [(6, 0, foreign.ids)]})
        with self.assertRaises(UserError):
            wizard.action_upload()

    def test_05_retention_purges_old_jobs_and_keeps_their_audit(self):
        """Jobs past their type's retention lose document, text and proposals; the audit entries stay."""
        job = self._claimed()
        self.gateway.fail_job(job.id, "w1", "corrupt", "Broken")
        attachment = job.attachment_id
        recent = self._mail("addon_ops_harmony.ops_ai_mail_alias_vendor_bills", attachments=[("c.pdf", PDF_BYTES, {})])
        self.env.cr.execute("UPDATE ops_ai_job SET create_date = now() - interval '4000 days' WHERE id = %s", [job.id])
        self.Job.invalidate_model(["create_date"])
        self.env["ops.ai.document.type"]._ops_purge_expired()
        self.assertFalse(job.exists())
        self.assertFalse(attachment.exists())
        self.assertTrue(recent.exists())
        audit = self.env["ops.audit.log"].sudo().search([("res_model", "=", "ops.ai.job"), ("res_id", "=", job.id)])
        self.assertEqual(audit.mapped("event"), ["ai_failure"])

    def test_06_a_real_email_is_routed_by_the_shipped_alias(self):
        """A MIME email to the bills alias goes through Odoo's mail gateway into a job holding its PDF."""
        domain = self.env["mail.alias.domain"].create({"name": "intake.example"})
        self.env.ref("addon_ops_harmony.ops_ai_mail_alias_vendor_bills").alias_domain_id = domain
        email = EmailMessage()
        email["From"], email["To"], email["Subject"] = "ap@acme.example", "ops-bills@intake.example", "Invoice INV-9"
        email["Message-Id"] = "<inv-9@acme.example>"
        email.set_content("Our invoice is attached.")
        email.add_attachment(PDF_BYTES, maintype="application", subtype="pdf", filename="INV-9.pdf")
        job_id = self.env["mail.thread"].message_process(False, email.as_bytes())
        job = self.Job.browse(job_id)
        self.assertEqual((job.document_type_id, job.state, job.attachment_id.name), (self.bill_type, "queued", "INV-9.pdf"))
        self.assertEqual(job.attachment_id.raw, PDF_BYTES)
