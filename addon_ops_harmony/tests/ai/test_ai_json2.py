import ast
import json

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..common import BILLING_GROUP, INTEGRATION_GROUP, OPS_USER_GROUP, PDF_BYTES, SALESMAN, ai_result
from ..json2 import json2_call, json2_post


@tagged("post_install", "-at_install")
class TestAiJson2(HttpCase):
    """Over JSON-2, nobody but the holding worker answers a job, nobody forges AI fields, and junk is a 422."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(cls.env, "t_ai2_seller", groups=SALESMAN)
        cls.reviewer = new_test_user(cls.env, "t_ai2_reviewer", groups=f"{OPS_USER_GROUP},{BILLING_GROUP}")
        cls.bridge = new_test_user(cls.env, "t_ai2_bridge", groups=INTEGRATION_GROUP)
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "ai json2 test", None)
            for user in (cls.seller, cls.reviewer, cls.bridge)
        }
        cls.vendor = cls.env["res.partner"].create({"name": "JSON-2 Vendor", "vat": "BE0477472701"})
        alias = cls.env.ref("addon_ops_harmony.ops_ai_mail_alias_vendor_bills")
        msg = {"subject": "Bill", "body": "", "email_from": "ap@v.example", "attachments": [("b.pdf", PDF_BYTES, {})]}
        cls.job = cls.env["ops.ai.job"].sudo().message_new(msg, ast.literal_eval(alias.alias_defaults))
        cls.gateway = cls.env["ops.ai.gateway"].with_user(cls.bridge)

    def _call(self, user, model, method, **params):
        return json2_call(self, model, method, self.keys[user], **params)

    def _to_review(self):
        self.gateway.claim_jobs("w1", limit=50)
        self.gateway.submit_result(
            self.job.id, "w1", ai_result({"partner_vat": ("BE0477472701", 0.9), "amount_untaxed": ("10.00", 0.3)})
        )

    def test_01_a_salesperson_reads_no_job(self):
        """A salesperson without Ops rights can neither read nor list jobs or proposals."""
        self._to_review()
        self.assertEqual(self._call(self.seller, "ops.ai.job", "read", ids=self.job.ids, fields=["name"]).status_code, 403)
        self.assertEqual(
            self._call(self.seller, "ops.ai.proposal.field", "search_read", domain=[], fields=["value"]).status_code, 403
        )

    def test_02_an_ops_user_forges_no_confidence_state_or_result(self):
        """An Ops User cannot write a proposal's confidence, a job's state or class, nor submit or claim."""
        self._to_review()
        proposal = self.job.proposal_ids[0]
        refused = [
            self._call(self.reviewer, "ops.ai.proposal.field", "write", ids=proposal.ids, vals={"confidence": 1.0}),
            self._call(self.reviewer, "ops.ai.job", "write", ids=self.job.ids, vals={"state": "done"}),
            self._call(
                self.reviewer, "ops.ai.job", "write", ids=self.job.ids, vals={"class_label": "sales_lead", "worker": "me"}
            ),
            self._call(
                self.reviewer,
                "ops.ai.job",
                "create",
                vals_list=[{"name": "x", "document_type_id": self.job.document_type_id.id, "state": "to_review"}],
            ),
            self._call(self.reviewer, "ops.ai.gateway", "submit_result", job_id=self.job.id, worker="w1", result=ai_result({})),
            self._call(self.reviewer, "ops.ai.gateway", "claim_jobs", worker="w1"),
        ]
        self.assertEqual([response.status_code for response in refused], [403] * 6, [r.text for r in refused])
        self.assertEqual((proposal.confidence < 1, self.job.state, self.job.class_label), (True, "to_review", False))

    def test_03_a_job_is_confirmed_once_and_only_when_to_review(self):
        """Confirming a queued job, or a job twice, answers 422; the one confirmed bill stays a draft."""
        queued = self._call(self.reviewer, "ops.ai.job", "action_confirm_review", ids=self.job.ids)
        self.assertEqual(queued.status_code, 422, queued.text)
        self._to_review()
        first = self._call(
            self.reviewer, "ops.ai.job", "action_confirm_review", ids=self.job.ids, decisions={"amount_untaxed": "12.00"}
        )
        self.assertEqual(first.status_code, 200, first.text)
        second = self._call(self.reviewer, "ops.ai.job", "action_confirm_review", ids=self.job.ids)
        self.assertEqual(second.status_code, 422, second.text)
        bill = self.job._ops_result_record()
        self.assertEqual((bill.state, bill.amount_untaxed), ("draft", 12.0), "confirming a review never posts the bill")

    def test_04_the_worker_cannot_answer_another_workers_job(self):
        """The bridge's key claims a job with its document as w1, and cannot submit or fail it as worker w2."""
        claimed = self._call(self.bridge, "ops.ai.gateway", "claim_jobs", worker="w1", limit=50)
        self.assertEqual(claimed.status_code, 200, claimed.text)
        [item] = [item for item in claimed.json()["jobs"] if item["id"] == self.job.id]
        self.assertTrue(item["data_b64"], "the integration user reads no attachment itself: the gateway hands it over")
        submit = self._call(self.bridge, "ops.ai.gateway", "submit_result", job_id=self.job.id, worker="w2", result=ai_result({}))
        fail = self._call(
            self.bridge, "ops.ai.gateway", "fail_job", job_id=self.job.id, worker="w2", category="corrupt", reason="x"
        )
        self.assertEqual((submit.status_code, fail.status_code), (403, 403))
        self.assertEqual((self.job.state, self.job.worker), ("processing", "w1"))

    def test_05_junk_payloads_are_refused_with_422(self):
        """Junk arguments and results are categorised 422s, never a 500."""
        self.gateway.claim_jobs("w1", limit=50)
        junk = [
            ("claim_jobs", {"worker": ["x"]}),
            ("claim_jobs", {"worker": "w1", "limit": "all"}),
            ("claim_jobs", {"worker": "w1", "lease_seconds": 10**9}),
            ("submit_result", {"job_id": "1; drop", "worker": "w1", "result": {}}),
            ("submit_result", {"job_id": self.job.id, "worker": "w1", "result": None}),
            ("submit_result", {"job_id": self.job.id, "worker": "w1", "result": {**ai_result({}), "fields": "all"}}),
            ("submit_result", {"job_id": self.job.id, "worker": "w1", "result": {**ai_result({}), "pages": [{"number": "one"}]}}),
            ("fail_job", {"job_id": self.job.id, "worker": "w1", "category": 7, "reason": None}),
        ]
        # JSON allows no Infinity, Python's parser does: a page box of Infinity must not reach jsonb
        infinite = json.dumps(
            {
                "job_id": self.job.id,
                "worker": "w1",
                "result": {**ai_result({}), "pages": [{"number": 1, "width": float("inf"), "height": 1}]},
            }
        )
        with mute_logger("odoo.http"):
            response = json2_post(self, "ops.ai.gateway", "submit_result", self.keys[self.bridge], raw=infinite)
        self.assertEqual(response.status_code, 422, response.text)
        for method, params in junk:
            with self.subTest(method=method, params=str(params)[:80]):
                response = self._call(self.bridge, "ops.ai.gateway", method, **params)
                self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual(self.job.state, "processing")

    def test_06_no_one_forges_an_email_or_a_job_over_rpc(self):
        """message_new and create answer 403 to an Ops User: jobs come from the mail gateway, uploads or the bridge."""
        msg = {"subject": "Forged", "body": "x", "email_from": "ceo@example.com", "attachments": []}
        forged = self._call(self.reviewer, "ops.ai.job", "message_new", msg_dict=msg, custom_values={"state": "done"})
        created = self._call(
            self.reviewer, "ops.ai.job", "create", vals_list=[{"name": "x", "document_type_id": self.job.document_type_id.id}]
        )
        self.assertEqual((forged.status_code, created.status_code), (403, 403), forged.text)
        self.assertFalse(self.env["ops.ai.job"].search([("name", "in", ("Forged", "x"))]))

    def test_07_only_managers_switch_models_and_only_admins_open_a_type_to_external_providers(self):
        """An Ops User activates or forges no model version; an Ops Manager cannot opt a type in to an external provider."""
        manager = new_test_user(self.env, "t_ai2_manager", groups="addon_ops_harmony.addon_ops_harmony_group_manager")
        manager_key = self.env["res.users.apikeys"].with_user(manager).sudo()._generate(None, "ai json2 manager", None)
        artifact = self.env["ir.attachment"].create({"name": "model.json", "raw": b"{}"})
        version = self.env["ops.ai.model.version"].create({"name": "cls-json2", "kind": "classifier", "artifact_id": artifact.id})
        Version = "ops.ai.model.version"
        self.assertEqual(self._call(self.reviewer, Version, "action_activate", ids=version.ids).status_code, 403)
        # the state guard answers before the access rights: refused all the same
        self.assertEqual(self._call(self.reviewer, Version, "write", ids=version.ids, vals={"state": "active"}).status_code, 422)
        forged = {"name": "cls-forged", "kind": "classifier", "artifact_id": artifact.id, "state": "active"}
        self.assertEqual(self._call(self.reviewer, Version, "create", vals_list=[forged]).status_code, 403)
        self.assertEqual(version.state, "candidate")
        self.assertFalse(version.search([("name", "=", "cls-forged")]))

        bill_type = self.job.document_type_id
        self.assertEqual(
            self._call(self.reviewer, "ops.ai.document.type", "write", ids=bill_type.ids, vals={"retention_days": 1}).status_code,
            403,
        )
        self.env.flush_all()
        with mute_logger("odoo.http"):
            opt_in = json2_post(
                self, "ops.ai.document.type", "write", manager_key, ids=bill_type.ids, vals={"allow_external_provider": True}
            )
            retention = json2_post(
                self, "ops.ai.document.type", "write", manager_key, ids=bill_type.ids, vals={"retention_days": 400}
            )
        self.env.invalidate_all()
        self.assertEqual((opt_in.status_code, retention.status_code), (403, 200), opt_in.text)
        self.assertFalse(bill_type.allow_external_provider)
        self.assertEqual(bill_type.retention_days, 400)
