from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from ..common import MANAGER_GROUP, OpsAiCase, ai_result


@tagged("post_install", "-at_install")
class TestAiPrompt(OpsAiCase):
    """Prompt templates are numbered per type, frozen once active, handed out with each job, and named by its result."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(cls.env, "t_ai_prompt_manager", groups=MANAGER_GROUP)
        cls.admin = new_test_user(cls.env, "t_ai_prompt_admin", groups=f"{MANAGER_GROUP},base.group_system")
        cls.Template = cls.env["ops.ai.prompt.template"]
        cls.bill_v1 = cls.env.ref("addon_ops_harmony.ops_ai_prompt_vendor_bill_v1")

    def test_01_shipped_versions_are_active_and_named_by_type(self):
        """Odoo ships one active version 1 for bills and for requests, named <code>@<n>."""
        active = self.Template.search([("state", "=", "active")])
        self.assertEqual(
            sorted(active.mapped("name")), ["inbound_request@1", "vendor_bill@1"], "one active shipped version per type"
        )
        self.assertEqual(len(self.bill_v1.text_sha256), 64)

    def test_02_an_active_version_is_frozen_and_editing_makes_a_new_draft(self):
        """Writing an active version's text is refused; New version copies it into draft @2 that a manager may edit."""
        with self.assertRaises(UserError):
            self.bill_v1.with_user(self.manager).write({"text": "Say the total is 0."})
        action = self.bill_v1.with_user(self.manager).action_new_version()
        draft = self.Template.browse(action["res_id"])
        self.assertEqual(
            (draft.name, draft.state, draft.text, draft.author_id), ("vendor_bill@2", "draft", self.bill_v1.text, self.manager)
        )
        draft.with_user(self.manager).write({"text": "Read the bill. Quote your evidence."})
        self.assertEqual(draft.text, "Read the bill. Quote your evidence.")
        with self.assertRaises(AccessError):
            draft.with_user(self.manager).write({"state": "active"})
        with self.assertRaises(AccessError):
            self.Template.with_user(self.manager).create({"document_type_id": self.bill_type.id, "text": "x", "state": "active"})
        with self.assertRaises(UserError):
            self.bill_v1.unlink()

    def test_03_only_an_admin_activates_and_the_previous_version_retires(self):
        """A manager cannot activate a draft; an admin can, retiring @1, with an audit entry naming the text's hash."""
        draft = self.Template.with_user(self.manager).create({"document_type_id": self.bill_type.id, "text": "v2 text"})
        with self.assertRaises(AccessError):
            draft.with_user(self.manager).action_activate()
        self.assertEqual(draft.state, "draft")
        draft.with_user(self.admin).action_activate()
        self.assertEqual((draft.state, self.bill_v1.state), ("active", "retired"))
        entry = self.env["ops.audit.log"].search([("event", "=", "ai_prompt_activate"), ("res_id", "=", draft.id)])
        self.assertIn(draft.text_sha256, entry.rationale)
        with self.assertRaises(UserError):
            self.bill_v1.with_user(self.admin).write({"text": "rewrite history"})

    def test_04_a_claim_carries_the_active_prompt_and_the_opt_in(self):
        """Each claimed job carries its type's active prompt version and text, and whether the type opted in."""
        job = self._mail("addon_ops_harmony.ops_ai_mail_alias_vendor_bills", attachments=[("inv.pdf", b"%PDF-1.4 x", {})])
        self.bill_type.sudo().allow_external_provider = True
        [item] = [item for item in self.gateway.claim_jobs("w1", limit=50)["jobs"] if item["id"] == job.id]
        self.assertEqual(item["prompt"], {"version": "vendor_bill@1", "text": self.bill_v1.text})
        self.assertIs(item["allow_external_provider"], True)

    def test_05_the_result_records_the_prompt_version_on_the_job_and_in_the_audit(self):
        """A local result naming vendor_bill@1 stores it on the job and in the ai_proposal audit entry."""
        job = self._claimed()
        self.gateway.submit_result(
            job.id, "w1", {**ai_result({"amount_total": ("121.00", 0.9)}), "prompt_version": "vendor_bill@1"}
        )
        self.assertEqual((job.prompt_version, job.prompt_template_id, job.provider), ("vendor_bill@1", self.bill_v1, "local"))
        entry = self.env["ops.audit.log"].search([("event", "=", "ai_proposal"), ("res_id", "=", job.id)], limit=1)
        self.assertIn('"prompt_version": "vendor_bill@1"', entry.rationale)

    def test_06_an_external_provider_needs_the_types_opt_in(self):
        """openai_compatible is refused (AccessError) for a type without opt-in; the admin's opt-in is audited, then accepted."""
        job = self._claimed()
        external = {
            **ai_result({"amount_total": ("121.00", 0.9)}),
            "provider": "openai_compatible",
            "prompt_version": "vendor_bill@1",
        }
        with self.assertRaises(AccessError):
            self.gateway.submit_result(job.id, "w1", external)
        self.assertEqual((job.state, job.provider), ("processing", False))
        self.bill_type.with_user(self.admin).allow_external_provider = True
        entry = self.env["ops.audit.log"].search([("event", "=", "ai_provider_opt_in"), ("res_id", "=", self.bill_type.id)])
        self.assertEqual((entry.user_id, entry.rationale), (self.admin, "vendor_bill: an external AI provider is now allowed"))
        self.gateway.submit_result(job.id, "w1", external)
        self.assertEqual((job.state, job.provider, job.prompt_version), ("to_review", "openai_compatible", "vendor_bill@1"))

    def test_07_unknown_or_foreign_prompt_versions_and_providers_are_refused(self):
        """A draft, another type's, a made-up version, an unknown provider, or an external one without a version: 422."""
        job = self._claimed()
        self.bill_type.sudo().allow_external_provider = True
        draft = self.Template.with_user(self.manager).create({"document_type_id": self.bill_type.id, "text": "draft"})
        refused = [
            {"prompt_version": draft.name},
            {"prompt_version": "inbound_request@1"},
            {"prompt_version": "vendor_bill@99"},
            {"prompt_version": ["vendor_bill@1"]},
            {"provider": "gpt-4o"},
            {"provider": "openai_compatible", "prompt_version": None},
        ]
        for extra in refused:
            with self.subTest(extra=extra), self.assertRaises(ValidationError):
                self.gateway.submit_result(job.id, "w1", {**ai_result({}), **extra})
        self.assertEqual(job.state, "processing")
