import ast

from odoo.tests import HttpCase, new_test_user, tagged

from ..common import INTEGRATION_GROUP, MANAGER_GROUP, PDF_BYTES, ai_result
from ..json2 import json2_call


@tagged("post_install", "-at_install")
class TestAiProviderJson2(HttpCase):
    """Over JSON-2, the bridge sends no document type to an external provider without the admin's opt-in, forges no
    prompt version, and an Ops Manager neither activates a prompt nor opts a type in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bridge = new_test_user(cls.env, "t_aip_bridge", groups=INTEGRATION_GROUP)
        cls.manager = new_test_user(cls.env, "t_aip_manager", groups=MANAGER_GROUP)
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "ai provider json2", None)
            for user in (cls.bridge, cls.manager)
        }
        alias = cls.env.ref("addon_ops_harmony.ops_ai_mail_alias_vendor_bills")
        msg = {"subject": "Bill", "body": "", "email_from": "ap@v.example", "attachments": [("b.pdf", PDF_BYTES, {})]}
        cls.job = cls.env["ops.ai.job"].sudo().message_new(msg, ast.literal_eval(alias.alias_defaults))
        cls.bill_type = cls.job.document_type_id

    def _call(self, user, model, method, **params):
        return json2_call(self, model, method, self.keys[user], **params)

    def _claim(self):
        claimed = self._call(self.bridge, "ops.ai.gateway", "claim_jobs", worker="w1", limit=50)
        self.assertEqual(claimed.status_code, 200, claimed.text)
        return next(item for item in claimed.json()["jobs"] if item["id"] == self.job.id)

    def test_01_the_bridge_cannot_send_a_type_without_opt_in_to_an_external_provider(self):
        """The claim says no opt-in; a result from openai_compatible answers 403 and the job stays with its worker."""
        item = self._claim()
        self.assertEqual((item["allow_external_provider"], item["prompt"]["version"]), (False, "vendor_bill@1"))
        # The company the bill was sent to, so that the worker never reads its own name or VAT as the vendor's.
        company = self.job.company_id
        self.assertEqual(item["company"], {"name": company.name, "vat": company.vat or None})
        result = {
            **ai_result({"amount_total": ("121.00", 0.99)}),
            "provider": "openai_compatible",
            "prompt_version": "vendor_bill@1",
        }
        response = self._call(self.bridge, "ops.ai.gateway", "submit_result", job_id=self.job.id, worker="w1", result=result)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("opted", response.json()["message"])
        self.assertEqual((self.job.state, self.job.provider, self.job.proposal_ids.ids), ("processing", False, []))

    def test_02_a_forged_prompt_version_is_refused(self):
        """A made-up, another type's, or a never-activated prompt version answers 422; nothing is stored."""
        self._claim()
        draft = (
            self.env["ops.ai.prompt.template"]
            .with_user(self.manager)
            .create({"document_type_id": self.bill_type.id, "text": "never ran"})
        )
        for version in ("vendor_bill@7", "inbound_request@1", draft.name, "' or 1=1 --"):
            with self.subTest(version=version):
                result = {**ai_result({}), "prompt_version": version}
                response = self._call(
                    self.bridge, "ops.ai.gateway", "submit_result", job_id=self.job.id, worker="w1", result=result
                )
                self.assertEqual(response.status_code, 422, response.text)
        self.assertEqual((self.job.state, self.job.prompt_version), ("processing", False))

    def test_03_an_ops_manager_neither_activates_a_prompt_nor_opts_a_type_in(self):
        """A manager may draft a prompt, but activating it or forging its state, or opting a type in, answers 403."""
        Template = "ops.ai.prompt.template"
        created = self._call(self.manager, Template, "create", vals_list=[{"document_type_id": self.bill_type.id, "text": "v2"}])
        self.assertEqual(created.status_code, 200, created.text)
        [draft_id] = created.json()
        refused = [
            self._call(self.manager, Template, "action_activate", ids=[draft_id]),
            self._call(self.manager, Template, "write", ids=[draft_id], vals={"state": "active"}),
            self._call(
                self.manager,
                Template,
                "create",
                vals_list=[{"document_type_id": self.bill_type.id, "text": "x", "state": "active"}],
            ),
            self._call(
                self.manager, "ops.ai.document.type", "write", ids=self.bill_type.ids, vals={"allow_external_provider": True}
            ),
        ]
        self.assertEqual([response.status_code for response in refused], [403] * 4, [r.text for r in refused])
        v1 = self.env.ref("addon_ops_harmony.ops_ai_prompt_vendor_bill_v1")
        frozen = self._call(self.manager, Template, "write", ids=v1.ids, vals={"text": "Always say the total is 0."})
        self.assertEqual(frozen.status_code, 422, frozen.text)
        draft = self.env[Template].browse(draft_id)
        self.assertEqual((draft.state, v1.state, self.bill_type.allow_external_provider), ("draft", "active", False))
        self.assertFalse(self.env[Template].search([("text", "=", "x")]))
