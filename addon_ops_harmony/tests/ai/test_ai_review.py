from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..common import MANAGER_GROUP, OPS_USER_GROUP, OpsAiCase, ai_result

BILL_FIELDS = {
    "partner_name": ("Acme Supplies", 0.7),
    "partner_vat": ("BE0477472701", 0.9),
    "invoice_number": ("INV-7", 0.95),
    "invoice_date": ("2026-11-02", 0.6),
    "due_date": ("2026-12-02", 0.8),
    "amount_untaxed": ("100.00", 0.5),
    "amount_total": ("121.00", 0.5),
}


@tagged("post_install", "-at_install")
class TestAiReview(OpsAiCase):
    """A confirmed review creates a draft as the reviewer, stores the corrections and audits the decision."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vendor = cls.env["res.partner"].create({"name": "Acme Supplies NV", "vat": "BE0477472701"})

    def _bill_to_review(self, fields_=None, lines=None):
        job = self._claimed()
        self.gateway.submit_result(job.id, "w1", ai_result(fields_ or BILL_FIELDS, lines=lines))
        return job.with_user(self.reviewer)

    def test_01_confirming_creates_a_draft_bill_and_stores_corrections(self):
        """The bill is a draft of the matched vendor with the corrected date; one correction is stored."""
        job = self._bill_to_review()
        job.action_confirm_review({"invoice_date": "2026-11-03"})
        bill = job._ops_result_record()
        self.assertEqual((bill._name, bill.move_type, bill.state), ("account.move", "in_invoice", "draft"))
        self.assertEqual((bill.partner_id, bill.ref, str(bill.invoice_date)), (self.vendor, "INV-7", "2026-11-03"))
        self.assertEqual(bill.amount_untaxed, 100.0)
        self.assertEqual(bill.create_uid, self.reviewer, "created as the reviewer, not as superuser")
        self.assertEqual((job.state, job.reviewer_id), ("done", self.reviewer))
        correction = self.env["ops.ai.correction"].search([("job_id", "=", job.id)])
        self.assertEqual(
            (correction.field_name, correction.predicted_value, correction.final_value),
            ("invoice_date", "2026-11-02", "2026-11-03"),
        )
        self.assertEqual(set(job.proposal_ids.mapped("decision")), {"accepted", "corrected"})
        self.assertIn(f"({job.id})", bill.message_ids[0].body)
        entry = (
            self.env["ops.audit.log"]
            .sudo()
            .search([("event", "=", "ai_review"), ("res_id", "=", job.id), ("res_model", "=", "ops.ai.job")])
        )
        self.assertIn('"corrected": ["invoice_date"]', entry.rationale)

    def test_02_proposed_lines_become_bill_lines(self):
        """Each proposed line is a bill line at its unit price."""
        lines = [
            {"description": "Pump", "quantity": 2, "unit_price": 30.0, "amount": 60.0, "confidence": 0.9},
            {"description": "Hose", "amount": 40.0, "confidence": 0.8},
        ]
        job = self._bill_to_review(lines=lines)
        job.action_confirm_review()
        bill = job._ops_result_record()
        self.assertEqual(bill.invoice_line_ids.mapped("name"), ["Pump", "Hose"])
        self.assertEqual(bill.amount_untaxed, 100.0)

    def test_03_an_unmatched_vendor_is_a_review_error_the_reviewer_resolves(self):
        """No vendor of that VAT or name: confirming fails and creates nothing; picking the vendor resolves it."""
        job = self._bill_to_review({**BILL_FIELDS, "partner_vat": ("NL000099998B57", 0.9), "partner_name": ("Nobody BV", 0.9)})
        with self.assertRaises(UserError) as caught:
            job.action_confirm_review()
        self.assertIn("pick the vendor", str(caught.exception))
        self.assertEqual(job.state, "to_review")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Nobody BV")]), "never creates a vendor silently")
        job.review_partner_id = self.vendor
        job.action_confirm_review()
        self.assertEqual(job._ops_result_record().partner_id, self.vendor)

    def test_04_a_reviewer_without_billing_rights_creates_no_bill(self):
        """An Ops User who may not create bills gets an AccessError and the job waits for someone who may."""
        job = self._bill_to_review()
        plain = new_test_user(self.env, "t_ai_plain", groups=OPS_USER_GROUP)
        with self.assertRaises(AccessError):
            job.with_user(plain).action_confirm_review()
        self.assertEqual(job.state, "to_review")
        self.assertFalse(self.env["account.move"].search([("ref", "=", "INV-7")]))

    def test_05_a_job_is_confirmed_once(self):
        """A second confirmation is refused."""
        job = self._bill_to_review()
        job.action_confirm_review()
        with self.assertRaises(UserError):
            job.action_confirm_review()
        self.assertEqual(self.env["account.move"].search_count([("ref", "=", "INV-7")]), 1)

    def test_06_a_sales_request_becomes_a_lead_and_others_are_recorded(self):
        """A sales_lead request makes a lead through the normal create; a support case is done with its class."""
        job = self._claimed("inbound_request")
        self.gateway.submit_result(
            job.id,
            "w1",
            ai_result(
                {"contact_name": ("Ann Lee", 0.9), "email": ("ann@lee.example", 0.95), "product_interest": ("seats", 0.4)},
                label="sales_lead",
            ),
        )
        job.with_user(self.reviewer).action_confirm_review({"contact_name": "Ann Leeds"})
        lead = job._ops_result_record()
        self.assertEqual((lead._name, lead.contact_name, lead.email_from), ("crm.lead", "Ann Leeds", "ann@lee.example"))
        other = self._claimed("inbound_request", worker="w2")
        self.gateway.submit_result(other.id, "w2", ai_result({"issue": ("broken pump", 0.7)}, label="support_case"))
        other.with_user(self.reviewer).action_confirm_review()
        self.assertEqual((other.state, other.class_label, other.result_res_id), ("done", "support_case", 0))

    def test_07_manual_entry_and_requeue_work_without_the_worker(self):
        """A failed job can be requeued, or entered by hand as an empty draft bill linked to it with its document."""
        job = self._claimed()
        self.gateway.fail_job(job.id, "w1", "corrupt", "Broken")
        job.with_user(self.reviewer).action_requeue()
        self.assertEqual((job.state, job.failure_category), ("queued", False))
        job.with_user(self.reviewer).action_enter_manually()
        bill = job._ops_result_record()
        self.assertEqual((bill.move_type, bill.state, job.state), ("in_invoice", "draft", "done"))
        self.assertTrue(self.env["ir.attachment"].search([("res_model", "=", "account.move"), ("res_id", "=", bill.id)]))

    def test_08_model_versions_activate_retire_and_roll_back(self):
        """Activating retires the active version of the kind; reactivating a retired one rolls back; its artifact is frozen."""
        manager = new_test_user(self.env, "t_ai_manager", groups=MANAGER_GROUP)
        Version = self.env["ops.ai.model.version"].with_user(manager)
        artifact = self.env["ir.attachment"].with_user(manager).create({"name": "model.json", "raw": b"{}"})
        first, second = Version.create(
            [
                {"name": "cls-1", "kind": "classifier", "artifact_id": artifact.id},
                {"name": "cls-2", "kind": "classifier", "artifact_id": artifact.id},
            ]
        )
        first.action_activate()
        second.action_activate()
        self.assertEqual((first.state, second.state), ("retired", "active"))
        first.action_activate()
        self.assertEqual((first.state, second.state), ("active", "retired"))
        with self.assertRaises(UserError):
            first.training_set_sha256 = "b" * 64
        with self.assertRaises(UserError):
            first.state = "retired"
        second.artifact_id.sudo().raw = b'{"weights": "swapped"}'
        with self.assertRaises(UserError):
            second.action_activate()
        self.assertEqual(
            len(
                self.env["ops.audit.log"]
                .sudo()
                .search([("event", "=", "ai_model_activate"), ("res_id", "in", (first + second).ids)])
            ),
            3,
        )

    def test_09_a_reviewer_sees_only_the_jobs_of_their_company(self):
        """A job of another company is invisible to the reviewer, and cannot be confirmed by them."""
        other = self.env["res.company"].create({"name": "AI Other Co"})
        msg = {"subject": "Elsewhere", "body": "<p>Hi</p>", "email_from": "x@other.example", "attachments": []}
        job = self.Job.sudo().with_company(other).message_new(msg, {"document_type_id": self.request_type.id})
        self.assertEqual(job.company_id, other)
        self.assertFalse(self.Job.with_user(self.reviewer).search([("id", "=", job.id)]))
        with self.assertRaises(AccessError):
            job.with_user(self.reviewer).action_enter_manually()
        self.assertEqual(job.state, "queued")

    def test_10_the_picked_vendor_wins_and_needs_no_proposal(self):
        """An unknown VAT proposes no vendor, yet a picked partner_id is taken, and over the job's Vendor field."""
        unknown = {**BILL_FIELDS, "partner_vat": ("NL000099998B57", 0.9), "partner_name": ("Nobody BV", 0.9)}
        job = self._bill_to_review(unknown)
        self.assertNotIn("partner_id", job.proposal_ids.mapped("name"))
        picked = self.env["res.partner"].create({"name": "Picked Supplies BV"})
        job.review_partner_id = self.vendor
        job.action_confirm_review({"partner_id": str(picked.id)})
        self.assertEqual(job._ops_result_record().partner_id, picked)
        correction = self.env["ops.ai.correction"].search([("job_id", "=", job.id)])
        self.assertEqual((correction.field_name, correction.final_value), ("partner_id", str(picked.id)))
