import ast

from odoo.tests import HttpCase, new_test_user, tagged

from ..common import BILLING_GROUP, INTEGRATION_GROUP, OPS_USER_GROUP, PDF_BYTES, ai_result
from ..json2 import json2_call

VAT = "BE0477472701"
REF = "INV-PJ2-1"


@tagged("post_install", "-at_install")
class TestAiReviewPartnerJson2(HttpCase):
    """Over JSON-2, a reviewer confirming a vendor bill with a forged vendor gets a 422 and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company_a = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Review Partner JSON-2 Co B"})
        cls.acme = Partner.create({"name": "Acme Supplies NV", "vat": VAT, "is_company": True})
        cls.globex = Partner.create({"name": "Globex BV", "is_company": True})
        cls.b_vendor = Partner.create({"name": "B's Vendor", "company_id": cls.company_b.id, "is_company": True})
        groups = f"{OPS_USER_GROUP},{BILLING_GROUP}"
        cls.reviewer = new_test_user(cls.env, "t_airpj_reviewer", groups=groups)
        # a member of both companies: reads B's partners when B is allowed, yet the job is company A's
        cls.both = new_test_user(
            cls.env,
            "t_airpj_both",
            groups=groups,
            company_id=cls.company_a.id,
            company_ids=[(6, 0, (cls.company_a | cls.company_b).ids)],
        )
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "ai review partner", None)
            for user in (cls.reviewer, cls.both)
        }
        bridge = new_test_user(cls.env, "t_airpj_bridge", groups=INTEGRATION_GROUP)
        alias = cls.env.ref("addon_ops_harmony.ops_ai_mail_alias_vendor_bills")
        msg = {"subject": REF, "body": "", "email_from": "ap@acme.example", "attachments": [("inv.pdf", PDF_BYTES, {})]}
        cls.job = cls.env["ops.ai.job"].sudo().message_new(msg, ast.literal_eval(alias.alias_defaults))
        gateway = cls.env["ops.ai.gateway"].with_user(bridge)
        gateway.claim_jobs("w1", limit=50)
        fields_ = {"partner_vat": (VAT, 0.9), "invoice_number": (REF, 0.9), "amount_untaxed": ("10.00", 0.9)}
        gateway.submit_result(cls.job.id, "w1", ai_result(fields_))

    def _confirm(self, user, decisions, context=None):
        params = {"ids": self.job.ids, "decisions": decisions}
        if context:
            params["context"] = context
        return json2_call(self, "ops.ai.job", "action_confirm_review", self.keys[user], **params)

    def _assert_nothing_written(self):
        self.assertEqual((self.job.state, self.job.result_res_id, self.job.reviewer_id.id), ("to_review", 0, False))
        self.assertFalse(self.env["account.move"].search([("ref", "=", REF)]))
        self.assertFalse(self.env["ops.ai.correction"].search([("job_id", "=", self.job.id)]))
        self.assertEqual(set(self.job.proposal_ids.mapped("decision")), {"pending"})
        self.assertFalse(self.env["ops.audit.log"].sudo().search([("event", "=", "ai_review"), ("res_id", "=", self.job.id)]))

    def test_01_the_proposed_vendor_comes_from_master_data(self):
        """The job proposes the VAT's vendor, so every forged decision below is a correction of it."""
        proposal = self.job.proposal_ids.filtered(lambda field: field.name == "partner_id")
        self.assertEqual(proposal.value, str(self.acme.id))

    def test_02_another_companys_partner_is_refused_though_the_reviewer_reads_it(self):
        """A member of both companies, with both allowed, cannot put company B's partner on company A's bill."""
        both = {"allowed_company_ids": (self.company_a | self.company_b).ids}
        self.assertTrue(self.env["res.partner"].with_user(self.both).with_context(both).search([("id", "=", self.b_vendor.id)]))
        response = self._confirm(self.both, {"partner_id": str(self.b_vendor.id)}, context=both)
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("not a vendor you may use", response.json()["message"])
        self._assert_nothing_written()

    def test_03_a_partner_the_reviewer_cannot_read_is_refused(self):
        """Company B's partner, which a company A reviewer cannot read, answers 422 and names no more than its id."""
        self.assertFalse(self.env["res.partner"].with_user(self.reviewer).search([("id", "=", self.b_vendor.id)]))
        response = self._confirm(self.reviewer, {"partner_id": str(self.b_vendor.id)})
        self.assertEqual(response.status_code, 422, response.text)
        self.assertNotIn(self.b_vendor.name, response.text)
        self._assert_nothing_written()

    def test_04_missing_ids_and_junk_are_refused_with_422(self):
        """A missing id, text, a non-ASCII digit, an id past PostgreSQL's integer, a number or a list: 422, never a 500."""
        junk = [
            str(self.b_vendor.id + 10**6),
            "abc",
            "12abc",
            f"{self.acme.id}; drop",
            " 12",
            "-5",
            "0",
            "\u00b2",
            "\u0661\u0662",
            "9" * 30,
            str(2**31),
            self.globex.id,
            [str(self.globex.id)],
            {"id": self.globex.id},
        ]
        for forged in junk:
            with self.subTest(forged=repr(forged)[:40]):
                response = self._confirm(self.reviewer, {"partner_id": forged})
                self.assertEqual(response.status_code, 422, response.text)
        self._assert_nothing_written()

    def test_05_a_forged_vendor_field_on_the_job_is_refused_too(self):
        """Company B's partner written on the job's Vendor field is refused on confirming, like a forged decision."""
        write = json2_call(
            self, "ops.ai.job", "write", self.keys[self.reviewer], ids=self.job.ids, vals={"review_partner_id": self.b_vendor.id}
        )
        self.assertEqual(write.status_code, 200, write.text)
        response = self._confirm(self.reviewer, {})
        self.assertEqual(response.status_code, 422, response.text)
        self._assert_nothing_written()

    def test_06_a_partner_of_the_company_the_reviewer_reads_is_taken(self):
        """The control: another usable partner picked by the reviewer becomes the bill's vendor, stored as a correction."""
        response = self._confirm(self.reviewer, {"partner_id": str(self.globex.id)})
        self.assertEqual(response.status_code, 200, response.text)
        bill = self.job._ops_result_record()
        self.assertEqual((bill.partner_id, bill.ref, bill.state, bill.create_uid), (self.globex, REF, "draft", self.reviewer))
        correction = self.env["ops.ai.correction"].search([("job_id", "=", self.job.id)])
        self.assertEqual(
            (correction.field_name, correction.predicted_value, correction.final_value),
            ("partner_id", str(self.acme.id), str(self.globex.id)),
        )
