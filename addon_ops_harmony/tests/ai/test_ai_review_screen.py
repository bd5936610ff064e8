from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from ..common import SALESMAN, OpsAiCase, ai_result

REQUEST_TEXT = "From: ann@lee.example\nSubject: Pricing for 40 seats\n\nHello, we want 40 seats of Ops Desk."


@tagged("post_install", "-at_install")
class TestAiReviewScreen(OpsAiCase):
    """The review payload is read as the reviewer; a class correction is stored and used; the queue flags the least sure."""

    def _request(self, label="support_case", fields_=None, worker="w1"):
        job = self._claimed("inbound_request", worker=worker)
        fields_ = fields_ or {"contact_name": ("Ann Lee", 0.9), "email": ("ann@lee.example", 0.95), "issue": ("40 seats", 0.3)}
        self.gateway.submit_result(job.id, worker, ai_result(fields_, text=REQUEST_TEXT, label=label))
        return job.with_user(self.reviewer)

    def test_01_the_payload_lists_the_fields_least_sure_first_with_their_evidence(self):
        """review_payload gives the fields by rising confidence with evidence and candidates, the pages, lines and checks."""
        job = self._claimed()
        result = ai_result({"partner_vat": ("BE0477472701", 0.9), "invoice_date": ("2026-11-02", 0.4)})
        result["fields"][0]["evidence"] = {"page": 1, "box": [40, 60, 180, 72]}
        result["fields"][0]["candidates"] = [{"value": "BE0477472702", "confidence": 0.1, "generator": "vat"}]
        result["checks"] = [{"name": "totals", "ok": False, "detail": "lines + taxes = 120.00, total says 121.00"}]
        self.gateway.submit_result(job.id, "w1", result)
        payload = job.with_user(self.reviewer).review_payload()
        self.assertEqual([field["name"] for field in payload["fields"]], ["invoice_date", "partner_vat"])
        vat = payload["fields"][1]
        self.assertEqual(
            (vat["evidence"], vat["candidates"][0]["value"]), ({"page": 1, "box": [40, 60, 180, 72]}, "BE0477472702")
        )
        self.assertEqual((payload["kind"], payload["pages"]), ("pdf", [{"number": 1, "width": 595, "height": 842}]))
        self.assertEqual(payload["attachment"]["id"], job.attachment_id.id)
        self.assertEqual(payload["checks"][0]["ok"], False)
        self.assertIsNone(payload["class"])
        self.assertTrue(payload["can_confirm"])
        self.assertTrue(payload["review_first"], "0.4 is below the default threshold of 0.8")

    def test_02_a_request_payload_offers_the_classes_and_their_fields(self):
        """A request's payload has its text, its class with candidates, and every class with the fields it needs."""
        payload = self._request().review_payload()
        self.assertEqual((payload["kind"], payload["text"]), ("email", REQUEST_TEXT))
        self.assertEqual(payload["class"]["label"], "support_case")
        choices = {choice["label"]: choice for choice in payload["class"]["choices"]}
        self.assertIn("product_interest", choices["sales_lead"]["fields"])
        self.assertEqual(choices["sales_lead"]["name"], "Sales lead")

    def test_03_nobody_reads_a_payload_they_may_not_read(self):
        """A salesperson without Ops rights, and a reviewer for a job of another company, get an AccessError."""
        job = self._request()
        seller = new_test_user(self.env, "t_ai_rs_seller", groups=SALESMAN)
        with self.assertRaises(AccessError):
            job.with_user(seller).review_payload()
        other = self.env["res.company"].create({"name": "AI Review Other Co"})
        msg = {"subject": "Elsewhere", "body": "<p>Hi</p>", "email_from": "x@other.example", "attachments": []}
        foreign = self.Job.sudo().with_company(other).message_new(msg, {"document_type_id": self.request_type.id})
        with self.assertRaises(AccessError):
            foreign.with_user(self.reviewer).review_payload()
        with self.assertRaises(AccessError):
            foreign.with_user(self.reviewer).action_open_review()

    def test_04_a_class_correction_is_stored_and_decides_the_workflow(self):
        """Relabelling a support case as a sales lead creates the lead with the added field; both corrections are stored."""
        job = self._request()
        job.action_confirm_review({"product_interest": "40 seats of Ops Desk", "contact_name": "Ann Leeds"}, label="sales_lead")
        lead = job._ops_result_record()
        self.assertEqual((lead._name, lead.contact_name), ("crm.lead", "Ann Leeds"))
        self.assertIn("40 seats of Ops Desk", lead.description)
        self.assertEqual((job.state, job.class_label), ("done", "sales_lead"))
        corrections = self.env["ops.ai.correction"].search([("job_id", "=", job.id)])
        self.assertEqual(
            {(c.field_name, c.predicted_value or False, c.final_value) for c in corrections},
            {
                ("class", "support_case", "sales_lead"),
                ("product_interest", False, "40 seats of Ops Desk"),
                ("contact_name", "Ann Lee", "Ann Leeds"),
            },
        )
        entry = self.env["ops.audit.log"].sudo().search([("event", "=", "ai_review"), ("res_id", "=", job.id)])
        self.assertIn('"class": "sales_lead"', entry.rationale)

    def test_05_the_proposed_class_kept_stores_no_class_correction(self):
        """Confirming with the proposed label (or none) stores no class correction."""
        job = self._request(label="sales_lead", fields_={"contact_name": ("Ann Lee", 0.9), "product_interest": ("seats", 0.5)})
        job.action_confirm_review({}, label="sales_lead")
        self.assertFalse(self.env["ops.ai.correction"].search([("job_id", "=", job.id), ("field_name", "=", "class")]))
        self.assertEqual(job._ops_result_record()._name, "crm.lead")

    def test_06_junk_labels_and_decisions_are_refused_and_change_nothing(self):
        """An unknown class, a label on a bill, a field the class lacks or a NUL in a value is a ValidationError."""
        job = self._request()
        junk = [
            ({}, "boss"),
            ({}, 7),
            ({"budget": "100"}, "sales_lead"),
            ({"contact_name": "Ann\x00"}, None),
            ({"Contact Name": "x"}, None),
            (["contact_name"], None),
        ]
        for decisions, label in junk:
            with self.subTest(decisions=decisions, label=label), self.assertRaises(ValidationError):
                job.action_confirm_review(decisions, label=label)
        bill = self._claimed(worker="w2")
        self.gateway.submit_result(bill.id, "w2", ai_result({"partner_vat": ("BE0477472701", 0.9)}))
        with self.assertRaises(ValidationError):
            bill.with_user(self.reviewer).action_confirm_review({}, label="sales_lead")
        self.assertEqual((job.state, job.class_label, bill.state), ("to_review", "support_case", "to_review"))
        self.assertFalse(self.env["ops.ai.correction"].search([("job_id", "in", (job + bill).ids)]))

    def test_07_the_queue_flags_jobs_below_their_types_threshold_first(self):
        """review_first follows the document type's threshold; the queue lists only jobs to review, flagged first."""
        low = self._request(fields_={"contact_name": ("Ann Lee", 0.6)})
        high = self._request(fields_={"contact_name": ("Bo Lee", 0.95)}, worker="w2")
        self.assertEqual((low.review_first, high.review_first), (True, False))
        self.request_type.review_first_below = 0.5
        self.assertEqual((low.review_first, high.review_first), (False, False))
        self.request_type.review_first_below = 0.99
        self.assertEqual((low.review_first, high.review_first), (True, True))
        action = self.env.ref("addon_ops_harmony.ops_ai_review_queue_action")
        self.assertEqual(action.domain, '[("state", "=", "to_review")]')
        list_view = self.env.ref("addon_ops_harmony.ops_ai_job_view_list_review")
        self.assertIn('default_order="review_first desc, min_confidence asc, id"', list_view.arch)
        menu = self.env.ref("addon_ops_harmony.ops_ai_menu")
        self.assertEqual(menu.child_id.sorted("sequence")[0].action, action, "the review queue is what AI intake opens")
        low.action_confirm_review()
        self.assertFalse(low.review_first, "a reviewed job is no longer flagged")
