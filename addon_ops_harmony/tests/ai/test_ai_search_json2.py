from odoo.tests import HttpCase, new_test_user, tagged

from ..common import MANAGER_GROUP, OPS_USER_GROUP, SALESMAN
from ..json2 import json2_call


@tagged("post_install", "-at_install")
class TestAiSearchJson2(HttpCase):
    """Over JSON-2, Ask the documents answers Ops Users within their companies, refuses others and junk."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Ops Json2 B"})
        cls.user_a = new_test_user(cls.env, "t_ai_ask_a", groups=OPS_USER_GROUP)
        cls.user_b = new_test_user(cls.env, "t_ai_ask_b", groups=OPS_USER_GROUP, company_id=cls.company_b.id)
        cls.seller = new_test_user(cls.env, "t_ai_ask_seller", groups=SALESMAN)
        cls.manager = new_test_user(cls.env, "t_ai_ask_manager", groups=MANAGER_GROUP)
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "ai ask test", None)
            for user in (cls.user_a, cls.user_b, cls.seller, cls.manager)
        }
        bill_type = cls.env.ref("addon_ops_harmony.ops_ai_document_type_vendor_bill")
        Job = cls.env["ops.ai.job"].sudo()
        cls.job_a = Job.create(
            {"name": "A bill", "document_type_id": bill_type.id, "state": "done", "extracted_text": "Turbine blades for A."}
        )
        cls.job_b = Job.create(
            {
                "name": "B bill",
                "document_type_id": bill_type.id,
                "company_id": cls.company_b.id,
                "state": "done",
                "extracted_text": "Turbine service for B.",
            }
        )
        vendor = cls.env["res.partner"].create({"name": "Memory Vendor"})
        cls.memory = (
            cls.env["ops.ai.vendor.memory"]
            .sudo()
            .create(
                {
                    "partner_id": vendor.id,
                    "company_id": cls.env.company.id,
                    "field_name": "invoice_number",
                    "kind": "label",
                    "source": "Our ref.",
                }
            )
        )

    def _call(self, user, model, method, **params):
        return json2_call(self, model, method, self.keys[user], **params)

    def _ask(self, user, **params):
        return self._call(user, "ops.ai.job", "ask_documents", **params)

    def test_01_each_company_gets_its_own_passages(self):
        """User A gets A's passage, user B gets B's, for the same word."""
        for user, job, quote in (
            (self.user_a, self.job_a, "Turbine blades for A."),
            (self.user_b, self.job_b, "Turbine service for B."),
        ):
            response = self._ask(user, query="turbine")
            self.assertEqual(response.status_code, 200, response.text)
            [result] = response.json()["results"]
            self.assertEqual((result["job_id"], result["passages"][0]["quote"]), (job.id, quote))

    def test_02_a_user_without_ai_rights_gets_403(self):
        """A salesperson's key is refused with 403."""
        self.assertEqual(self._ask(self.seller, query="turbine").status_code, 403)

    def test_03_junk_queries_get_422(self):
        """Empty, 10 KB, non-string queries and a bad limit are categorised 422s, never a 500."""
        junk = [{"query": ""}, {"query": "x" * 10240}, {"query": 42}, {"query": ["turbine"]}, {"query": None}]
        junk += [{"query": "turbine", "limit": 10**6}, {"query": "turbine", "limit": "ten"}]
        statuses = [self._ask(self.user_a, **params).status_code for params in junk]
        self.assertEqual(statuses, [422] * len(junk))
        self.assertEqual(self._ask(self.user_a).status_code, 422, "a missing query is a 422 too")

    def test_04_nobody_forges_a_vendor_memory(self):
        """An Ops User cannot read or create memories, a manager cannot create or edit one but may delete it."""
        values = {
            "partner_id": self.memory.partner_id.id,
            "company_id": self.env.company.id,
            "field_name": "currency",
            "kind": "mapping",
            "source": "EURO",
            "target": "USD",
        }
        refused = [
            self._call(self.user_a, "ops.ai.vendor.memory", "search_read", domain=[], fields=["source"]),
            self._call(self.user_a, "ops.ai.vendor.memory", "create", vals_list=[values]),
            self._call(self.manager, "ops.ai.vendor.memory", "create", vals_list=[values]),
            self._call(self.manager, "ops.ai.vendor.memory", "write", ids=self.memory.ids, vals={"source": "Ref"}),
            self._call(self.user_a, "ops.ai.vendor.memory", "unlink", ids=self.memory.ids),
        ]
        self.assertEqual([r.status_code for r in refused], [403] * 5, [r.text for r in refused])
        self.assertEqual(self.memory.source, "Our ref.")
        listed = self._call(self.manager, "ops.ai.vendor.memory", "search_read", domain=[], fields=["source"])
        self.assertEqual((listed.status_code, [row["source"] for row in listed.json()]), (200, ["Our ref."]))
        self.assertEqual(self._call(self.manager, "ops.ai.vendor.memory", "unlink", ids=self.memory.ids).status_code, 200)
        self.assertFalse(self.memory.exists())
