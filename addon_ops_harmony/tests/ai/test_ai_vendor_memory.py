from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..common import MANAGER_GROUP, OpsAiCase, ai_result

VAT = "BE0477472701"
BILL_TEXT = """ACME SUPPLIES NV
VAT {vat}
Invoice date 2026-11-02
Our ref. {ref}
Currency: Local money
Total 121.00"""


@tagged("post_install", "-at_install")
class TestAiVendorMemory(OpsAiCase):
    """A vendor's corrections teach where its fields sit and how its values map, applied to its next bill at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.acme = cls.env["res.partner"].create({"name": "Acme Supplies NV", "vat": VAT, "is_company": True})
        cls.globex = cls.env["res.partner"].create({"name": "Globex BV", "vat": "NL123456789B01", "is_company": True})
        cls.currency = cls.env.company.currency_id.name
        cls.Memory = cls.env["ops.ai.vendor.memory"]

    def _bill(self, ref, vat=VAT, invoice_number="2026-11-02"):
        """Submit a bill of vendor `vat` whose worker mistook the date for the invoice number and kept the raw currency."""
        job = self._claimed()
        text = BILL_TEXT.format(vat=vat, ref=ref)
        fields_ = {
            "partner_vat": (vat, 0.9),
            "invoice_number": (invoice_number, 0.4),
            "currency": ("Local money", 0.5),
            "amount_total": ("121.00", 0.9),
        }
        self.gateway.submit_result(job.id, "w1", ai_result(fields_, text=text))
        return job

    def _proposal(self, job, name):
        return job.proposal_ids.filtered(lambda proposal: proposal.name == name)

    def _teach(self):
        """Confirm a first Acme bill, correcting the invoice number and the currency."""
        job = self._bill("AC-2026-0042").with_user(self.reviewer)
        job.action_confirm_review({"invoice_number": "AC-2026-0042", "currency": self.currency})
        self.assertEqual(job._ops_result_record().partner_id, self.acme)
        return job

    def test_01_confirming_with_corrections_learns_labels_and_mappings(self):
        """The corrected invoice number teaches its label, the corrected currency its value mapping."""
        self._teach()
        memories = self.Memory.search([("partner_id", "=", self.acme.id)])
        self.assertEqual(
            sorted((m.field_name, m.kind, m.source, m.target or False) for m in memories),
            [("currency", "mapping", "Local money", self.currency), ("invoice_number", "label", "Our ref.", False)],
        )

    def test_02_the_next_bill_of_the_vendor_gets_the_remembered_values(self):
        """The vendor's next bill takes the number after the learned label and the mapped currency; originals stay candidates."""
        self._teach()
        job = self._bill("AC-2026-0077", invoice_number="2026-12-01")
        number = self._proposal(job, "invoice_number")
        self.assertEqual((number.value, number.generator, number.confidence), ("AC-2026-0077", "vendor_memory", 0.85))
        self.assertEqual(number.candidates[0]["value"], "2026-12-01", "the worker's value stays a candidate")
        start, end = number.evidence["span"]
        self.assertEqual(job.extracted_text[start:end], "AC-2026-0077")
        currency = self._proposal(job, "currency")
        self.assertEqual((currency.value, currency.generator), (self.currency, "vendor_memory"))
        self.assertEqual(sorted(m.applied_count for m in self.Memory.search([("partner_id", "=", self.acme.id)])), [1, 1])
        self.assertTrue([check for check in job.checks if check["name"] == "vendor_memory"])

    def test_03_another_vendors_bill_is_left_alone(self):
        """Acme's memory does not touch a Globex bill with the same layout."""
        self._teach()
        job = self._bill("GX-1", vat="NL123456789B01")
        self.assertEqual(self._proposal(job, "invoice_number").value, "2026-11-02")
        self.assertEqual(self._proposal(job, "currency").value, "Local money")

    def test_04_a_label_is_kept_only_if_it_finds_the_value_again(self):
        """A corrected value printed nowhere in the text teaches no label."""
        job = self._bill("AC-2026-0042").with_user(self.reviewer)
        job.action_confirm_review({"invoice_number": "NOT-PRINTED-9", "currency": self.currency})
        self.assertFalse(self.Memory.search([("partner_id", "=", self.acme.id), ("kind", "=", "label")]))

    def test_05_users_cannot_forge_or_edit_memories(self):
        """Neither a reviewer nor a manager creates or edits a memory; a manager may delete one."""
        memory = self.Memory.sudo().create(
            {
                "partner_id": self.acme.id,
                "company_id": self.env.company.id,
                "field_name": "invoice_number",
                "kind": "label",
                "source": "Our ref.",
            }
        )
        manager = new_test_user(self.env, "t_ai_mem_manager", groups=MANAGER_GROUP)
        values = {"partner_id": self.globex.id, "company_id": self.env.company.id, "field_name": "invoice_number"}
        for user in (self.reviewer, manager):
            with self.assertRaises(AccessError):
                self.Memory.with_user(user).create({**values, "kind": "label", "source": "Ref"})
            with self.assertRaises(AccessError):
                memory.with_user(user).write({"target": "USD"})
        self.assertEqual(self.Memory.search_count([("partner_id", "=", self.globex.id)]), 0)
        with self.assertRaises(AccessError):
            memory.with_user(self.reviewer).unlink()
        memory.with_user(manager).unlink()
        self.assertFalse(memory.exists())
