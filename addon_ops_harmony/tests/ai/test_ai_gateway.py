from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ..common import INPUT_SHA256, MANAGER_GROUP, OPS_USER_GROUP, OpsAiCase, ai_result


@tagged("post_install", "-at_install")
class TestAiGateway(OpsAiCase):
    """The worker claims jobs under a lease, answers only its own, and every answer is checked and audited."""

    def test_01_a_claim_leases_each_job_to_one_worker(self):
        """A claimed job goes to one worker with its document; a second worker gets none until the lease expires."""
        job = self._claimed(worker="w1")
        self.assertEqual((job.state, job.worker), ("processing", "w1"))
        payload = self.gateway.claim_jobs("w2")
        self.assertNotIn(job.id, [item["id"] for item in payload["jobs"]])
        self.env.cr.execute("UPDATE ops_ai_job SET lease_expires_at = '2000-01-01' WHERE id = %s", [job.id])
        [item] = [item for item in self.gateway.claim_jobs("w2", limit=50)["jobs"] if item["id"] == job.id]
        self.assertEqual((item["kind"], item["document_type"], item["filename"]), ("pdf", "vendor_bill", "inv.pdf"))
        self.assertTrue(item["data_b64"].startswith("JVBERi"), "the PDF travels base64-encoded")
        self.assertEqual(job.worker, "w2")

    def test_02_a_request_is_claimed_as_an_email_with_its_text(self):
        """A request job carries the email's plain body and no file."""
        job = self._mail("addon_ops_harmony.ops_ai_mail_alias_requests", subject="Seats", body="<p>We need <b>40</b> seats.</p>")
        [item] = [item for item in self.gateway.claim_jobs("w1", limit=50)["jobs"] if item["id"] == job.id]
        self.assertEqual((item["kind"], item["data_b64"], item["text"]), ("email", None, "We need *40* seats."))

    def test_03_a_result_becomes_proposals_ordered_by_confidence(self):
        """Submitting stores the fields lowest confidence first, moves the job to review and audits the step."""
        job = self._claimed()
        fields_ = {"invoice_number": ("INV-7", 0.97), "amount_total": ("121.00", 0.42), "partner_vat": ("BE0477472701", 0.8)}
        self.assertEqual(self.gateway.submit_result(job.id, "w1", ai_result(fields_)), {"state": "to_review"})
        self.assertEqual(job.state, "to_review")
        self.assertEqual(job.proposal_ids.mapped("name"), ["amount_total", "partner_vat", "invoice_number"])
        self.assertAlmostEqual(job.min_confidence, 0.42)
        entry = (
            self.env["ops.audit.log"]
            .sudo()
            .search([("event", "=", "ai_proposal"), ("res_model", "=", "ops.ai.job"), ("res_id", "=", job.id)])
        )
        self.assertEqual(len(entry), 1)
        self.assertIn(INPUT_SHA256, entry.rationale)
        self.assertIn(job.output_sha256, entry.rationale)
        self.assertEqual(entry.user_id, self.bridge)

    def test_04_junk_results_are_refused_naming_the_part(self):
        """Wrong types, confidences out of 0-1, unknown fields, unknown keys and oversized text are refused whole."""
        job = self._claimed()
        good = ai_result({"invoice_number": ("INV-7", 0.9)})
        cases = {
            "fields[0].confidence": {**good, "fields": [{**good["fields"][0], "confidence": 1.5}]},
            "not a field of this document type": {**good, "fields": [{**good["fields"][0], "name": "is_admin"}]},
            "fields[0].value must be a non-empty string": {**good, "fields": [{**good["fields"][0], "value": 12}]},
            "unknown keys: sql": {**good, "sql": "drop table"},
            "larger than 2 MB": {**good, "text": "x" * (2 * 1024 * 1024 + 1)},
            "input_sha256": {**good, "input_sha256": "not-a-hash"},
            "falls outside the extracted text": {**good, "fields": [{**good["fields"][0], "evidence": {"span": [0, 10**6]}}]},
            "result must be an object": ["junk"],
            "text contains NUL": {**good, "text": "INV\x00-7"},
            "fields[0].raw contains a NUL": {**good, "fields": [{**good["fields"][0], "raw": "INV\x00"}]},
        }
        for expected, result in cases.items():
            with self.subTest(expected=expected), self.assertRaises(ValidationError) as caught:
                self.gateway.submit_result(job.id, "w1", result)
            self.assertIn(expected, str(caught.exception))
        self.assertEqual((job.state, len(job.proposal_ids)), ("processing", 0), "nothing of a refused result is kept")

    def test_05_a_worker_answers_only_the_jobs_it_holds(self):
        """Another worker's job, or a job no worker holds, cannot be submitted or failed."""
        job = self._claimed(worker="w1")
        with self.assertRaises(AccessError):
            self.gateway.submit_result(job.id, "w2", ai_result({}))
        with self.assertRaises(AccessError):
            self.gateway.fail_job(job.id, "w2", "corrupt", "Broken xref table")
        self.assertEqual((job.state, job.worker), ("processing", "w1"))

    def test_06_a_failed_job_keeps_its_document_and_reason(self):
        """fail_job records the category and the reason, keeps the document, and refuses unknown categories."""
        job = self._claimed()
        with self.assertRaises(ValidationError):
            self.gateway.fail_job(job.id, "w1", "bored", "no")
        self.gateway.fail_job(job.id, "w1", "encrypted", "The PDF is password-protected.")
        self.assertEqual((job.state, job.failure_category), ("failed", "encrypted"))
        self.assertTrue(job.attachment_id.raw)
        self.assertIn("password-protected", job.message_ids[0].body)

    def test_07_only_the_bridge_user_or_a_manager_may_call_the_gateway(self):
        """An Ops User cannot claim, submit or fail jobs."""
        job = self._claimed()
        ops_user = new_test_user(self.env, "t_ai_gw_user", groups=OPS_USER_GROUP)
        gateway = self.env["ops.ai.gateway"].with_user(ops_user)
        with self.assertRaises(AccessError):
            gateway.claim_jobs("w9")
        with self.assertRaises(AccessError):
            gateway.submit_result(job.id, "w1", ai_result({}))

    def test_08_a_request_needs_a_known_class_and_only_its_fields(self):
        """A request result must name a contract class; a field of another class is refused."""
        job = self._claimed("inbound_request")
        with self.assertRaises(ValidationError):
            self.gateway.submit_result(job.id, "w1", ai_result({"email": ("a@b.example", 0.9)}))
        with self.assertRaises(ValidationError) as caught:
            self.gateway.submit_result(job.id, "w1", ai_result({"employee_name": ("Ann", 0.9)}, label="sales_lead"))
        self.assertIn("employee_name", str(caught.exception))
        self.gateway.submit_result(job.id, "w1", ai_result({"product_interest": ("seats", 0.6)}, label="sales_lead"))
        self.assertEqual((job.class_label, job.state), ("sales_lead", "to_review"))

    def test_09_only_an_administrator_opts_a_type_into_an_external_provider(self):
        """An Ops Manager may set retention but not send a document type to an external provider."""
        manager = new_test_user(self.env, "t_ai_gw_manager", groups=MANAGER_GROUP)
        self.bill_type.with_user(manager).retention_days = 30
        with self.assertRaises(AccessError):
            self.bill_type.with_user(manager).allow_external_provider = True
        self.bill_type.with_user(self.env.ref("base.user_admin")).allow_external_provider = True
        self.assertTrue(self.bill_type.allow_external_provider)

    def test_10_the_field_calibration_used_is_checked_and_audited(self):
        """A result names the field calibration its confidences went through; the audit keeps it, junk is refused."""
        job = self._claimed()
        junk = {**ai_result({"invoice_number": ("INV-7", 0.9)}), "field_calibration": {"name": "x"}}
        with self.assertRaises(ValidationError) as caught:
            self.gateway.submit_result(job.id, "w1", junk)
        self.assertIn("field_calibration", str(caught.exception))
        result = {**ai_result({"invoice_number": ("INV-7", 0.9)}), "field_calibration": "field-calibration-0123456789ab"}
        self.gateway.submit_result(job.id, "w1", result)
        entry = (
            self.env["ops.audit.log"]
            .sudo()
            .search([("event", "=", "ai_proposal"), ("res_model", "=", "ops.ai.job"), ("res_id", "=", job.id)])
        )
        self.assertIn('"field_calibration": "field-calibration-0123456789ab"', entry.rationale)
