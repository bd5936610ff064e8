import ast

from odoo.tests import HttpCase, new_test_user, tagged

from ..common import BILLING_GROUP, INTEGRATION_GROUP, OPS_USER_GROUP, SALESMAN, ai_result
from ..json2 import json2_call

REQUEST_TEXT = "From: ann@lee.example\nSubject: Seats\n\nWe want 40 seats."


@tagged("post_install", "-at_install")
class TestAiReviewJson2(HttpCase):
    """Over JSON-2, only a reviewer of the job's company reads its review payload, confirms it once, and junk is a 422."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Review JSON-2 Other Co"})
        cls.seller = new_test_user(cls.env, "t_airj_seller", groups=SALESMAN)
        cls.reviewer = new_test_user(cls.env, "t_airj_reviewer", groups=f"{OPS_USER_GROUP},{BILLING_GROUP},{SALESMAN}")
        cls.outsider = new_test_user(
            cls.env,
            "t_airj_outsider",
            groups=f"{OPS_USER_GROUP},{BILLING_GROUP},{SALESMAN}",
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        bridge = new_test_user(cls.env, "t_airj_bridge", groups=INTEGRATION_GROUP)
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "ai review json2", None)
            for user in (cls.seller, cls.reviewer, cls.outsider)
        }
        alias = cls.env.ref("addon_ops_harmony.ops_ai_mail_alias_requests")
        msg = {"subject": "Seats", "body": "<p>We want 40 seats.</p>", "email_from": "ann@lee.example", "attachments": []}
        cls.job = cls.env["ops.ai.job"].sudo().message_new(msg, ast.literal_eval(alias.alias_defaults))
        gateway = cls.env["ops.ai.gateway"].with_user(bridge)
        gateway.claim_jobs("w1", limit=50)
        fields_ = {"contact_name": ("Ann Lee", 0.9), "email": ("ann@lee.example", 0.95), "issue": ("seats", 0.3)}
        gateway.submit_result(cls.job.id, "w1", ai_result(fields_, text=REQUEST_TEXT, label="support_case"))

    def _call(self, user, method, **params):
        return json2_call(self, "ops.ai.job", method, self.keys[user], ids=self.job.ids, **params)

    def test_01_only_a_reviewer_of_the_jobs_company_reads_its_payload(self):
        """A salesperson and an Ops User of another company get 403; the reviewer gets the fields least sure first."""
        self.assertEqual(self._call(self.seller, "review_payload").status_code, 403)
        self.assertEqual(self._call(self.outsider, "review_payload").status_code, 403)
        self.assertEqual(self._call(self.outsider, "action_confirm_review", label="sales_lead").status_code, 403)
        response = self._call(self.reviewer, "review_payload")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual([field["name"] for field in response.json()["fields"]], ["issue", "contact_name", "email"])
        self.assertEqual(self.job.state, "to_review")

    def test_02_a_job_is_confirmed_once_with_its_class_correction(self):
        """The reviewer relabels and confirms (200, a lead); a second confirmation answers 422 and creates nothing more."""
        first = self._call(self.reviewer, "action_confirm_review", decisions={"product_interest": "40 seats"}, label="sales_lead")
        self.assertEqual(first.status_code, 200, first.text)
        lead = self.job._ops_result_record()
        self.assertEqual((lead._name, lead.email_from, first.json()["res_id"]), ("crm.lead", "ann@lee.example", lead.id))
        second = self._call(self.reviewer, "action_confirm_review", label="other")
        self.assertEqual(second.status_code, 422, second.text)
        self.assertEqual((self.job.class_label, self.job.result_res_id), ("sales_lead", lead.id))
        corrections = self.env["ops.ai.correction"].search([("job_id", "=", self.job.id)])
        self.assertEqual(sorted(corrections.mapped("field_name")), ["class", "product_interest"])

    def test_03_junk_decisions_and_labels_are_refused_with_422(self):
        """Junk decisions or labels answer 422, never a 500, and leave the job to review."""
        junk = [
            {"decisions": ["contact_name"]},
            {"decisions": {"contact_name": 5}},
            {"decisions": {"contact_name": "x" * 5000}},
            {"decisions": {"contact_name": "Ann\u0000"}},
            {"decisions": {"no such field": "x"}},
            {"decisions": {"budget": "100"}},
            {"label": "boss"},
            {"label": ["sales_lead"]},
            {"label": {"label": "other"}},
        ]
        for params in junk:
            with self.subTest(params=str(params)[:80]):
                response = self._call(self.reviewer, "action_confirm_review", **params)
                self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual((self.job.state, self.job.class_label), ("to_review", "support_case"))
        self.assertFalse(self.env["ops.ai.correction"].search([("job_id", "=", self.job.id)]))
