from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..common import BILLING_GROUP, OPS_USER_GROUP, OpsAiCase, ai_result

VAT = "BE0477472701"
IBAN = "BE68 5390 0754 7034"


@tagged("post_install", "-at_install")
class TestAiMatching(OpsAiCase):
    """After the worker answers, Odoo proposes the vendor from the bill's VAT and IBAN, within the job's company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.acme = Partner.create({"name": "Acme Supplies NV", "vat": "be 0477.472.701", "is_company": True})
        cls.acme_contact = Partner.create({"name": "Ann Acme", "parent_id": cls.acme.id})
        cls.other = Partner.create({"name": "Globex BV", "vat": "NL123456789B01", "is_company": True})
        cls.env["res.partner.bank"].create({"partner_id": cls.other.id, "acc_number": IBAN})
        cls.company_b = cls.env["res.company"].create({"name": "Ops Company B"})
        cls.b_only = Partner.create({"name": "B's Vendor", "vat": "DE811569869", "company_id": cls.company_b.id})

    def _submit(self, fields_):
        job = self._claimed()
        self.gateway.submit_result(job.id, "w1", ai_result(fields_))
        return job

    def _partner_proposal(self, job):
        return job.proposal_ids.filtered(lambda proposal: proposal.name == "partner_id")

    def _checks(self, job, name="vendor_match"):
        return [check["detail"] for check in job.checks if check["name"] == name]

    def test_01_vat_and_iban_agreeing_give_a_sure_vendor(self):
        """VAT and IBAN of the same vendor propose it with high confidence; a contact's account counts for its company."""
        self.env["res.partner.bank"].create(
            {"partner_id": self.acme_contact.id, "acc_number": "FR76 3000 6000 0112 3456 7890 189"}
        )
        job = self._submit({"partner_vat": (VAT, 0.9), "partner_iban": ("FR7630006000011234567890189", 0.9)})
        proposal = self._partner_proposal(job)
        self.assertEqual(
            (proposal.value, proposal.raw_value, proposal.generator, proposal.confidence),
            (str(self.acme.id), "Acme Supplies NV", "master_data:vat", 0.97),
        )
        self.assertEqual(self._checks(job), [])
        self.assertEqual(job.min_confidence, 0.9, "the lowest confidence is recomputed with the vendor's")

    def test_02_one_key_alone_is_medium_and_spacing_or_prefix_do_not_matter(self):
        """A VAT written without its country prefix finds the vendor stored with spaces and dots, at medium confidence."""
        job = self._submit({"partner_vat": ("0477472701", 0.9)})
        proposal = self._partner_proposal(job)
        self.assertEqual((proposal.value, proposal.confidence), (str(self.acme.id), 0.75))
        self.assertEqual(job.min_confidence, 0.75)

    def test_03_an_iban_alone_finds_its_holder(self):
        """The IBAN, however spaced, finds the vendor holding that bank account, generator master_data:iban."""
        job = self._submit({"partner_iban": ("be68539007547034", 0.8)})
        proposal = self._partner_proposal(job)
        self.assertEqual(
            (proposal.value, proposal.generator, proposal.confidence), (str(self.other.id), "master_data:iban", 0.75)
        )

    def test_04_a_vat_and_an_iban_of_two_vendors_are_a_low_conflict(self):
        """VAT of one vendor and IBAN of another: low confidence, both candidates, and a check naming both."""
        job = self._submit({"partner_vat": (VAT, 0.9), "partner_iban": (IBAN, 0.9)})
        proposal = self._partner_proposal(job)
        self.assertEqual((proposal.value, proposal.confidence), (str(self.acme.id), 0.25))
        self.assertEqual({c["value"] for c in proposal.candidates}, {str(self.acme.id), str(self.other.id)})
        [detail] = self._checks(job)
        self.assertIn("Acme Supplies NV", detail)
        self.assertIn("Globex BV", detail)
        self.assertEqual(job.min_confidence, 0.25)

    def test_05_an_unknown_vat_proposes_no_vendor_and_says_what_to_do(self):
        """A VAT no partner has: no partner proposal, and a check asking to create or pick the vendor."""
        job = self._submit({"partner_vat": ("FR40303265045", 0.9)})
        self.assertFalse(self._partner_proposal(job))
        self.assertEqual(
            self._checks(job), ["No known vendor with VAT FR40303265045: create the partner on confirm or pick one."]
        )

    def test_06_a_new_iban_for_a_known_vendor_is_flagged(self):
        """A known VAT with an IBAN not on file proposes the vendor but warns about the bank details."""
        job = self._submit({"partner_vat": (VAT, 0.9), "partner_iban": ("DE89370400440532013000", 0.9)})
        self.assertEqual(self._partner_proposal(job).value, str(self.acme.id))
        [detail] = self._checks(job)
        self.assertIn("is not on file for Acme Supplies NV", detail)

    def test_07_another_companys_vendor_is_never_matched(self):
        """A partner of company B is not proposed for a job of company A, even with the very same VAT."""
        job = self._submit({"partner_vat": ("DE 811 569 869", 0.9)})
        self.assertEqual(job.company_id, self.env.company)
        self.assertFalse(self._partner_proposal(job))
        self.assertTrue(self._checks(job))

    def test_08_two_vendors_with_one_vat_are_ambiguous(self):
        """Two vendors sharing a VAT: low confidence, both as candidates, a check to pick one."""
        twin = self.env["res.partner"].create({"name": "Acme Supplies (old)", "vat": VAT, "is_company": True})
        job = self._submit({"partner_vat": (VAT, 0.9)})
        proposal = self._partner_proposal(job)
        self.assertEqual(proposal.confidence, 0.35)
        self.assertEqual({c["value"] for c in proposal.candidates}, {str(self.acme.id), str(twin.id)})
        self.assertIn("pick one", self._checks(job)[0])

    def test_09_the_confirmed_partner_is_read_with_the_reviewers_rights(self):
        """The confirmed partner_id must be a partner of the job's company: another company's is refused."""
        job = self._submit({"partner_vat": (VAT, 0.9)}).with_user(self.reviewer)
        self.assertEqual(job._ops_proposed_partner({"partner_id": str(self.acme.id)}), self.acme)
        self.assertFalse(job._ops_proposed_partner({}))
        for forged in (str(self.b_only.id), "12; drop", "999999999"):
            with self.assertRaises(UserError, msg=forged):
                job._ops_proposed_partner({"partner_id": forged})

    def test_10_requests_get_no_vendor(self):
        """An inbound request is never matched against vendors."""
        job = self._claimed("inbound_request")
        self.gateway.submit_result(
            job.id, "w1", ai_result({"company": ("Acme Supplies NV", 0.9)}, text="Hello, 40 seats", label="sales_lead")
        )
        self.assertFalse(self._partner_proposal(job))
        self.assertEqual(self._checks(job), [])

    def test_11_a_reviewer_of_company_b_confirms_no_company_a_partner(self):
        """Company B's reviewer cannot use a company-A-only partner id on a company B job."""
        a_only = self.env["res.partner"].create({"name": "A only", "company_id": self.env.company.id})
        reviewer_b = new_test_user(
            self.env, "t_ai_match_b", groups=f"{OPS_USER_GROUP},{BILLING_GROUP}", company_id=self.company_b.id
        )
        job_b = (
            self.env["ops.ai.job"]
            .sudo()
            .create({"name": "B bill", "document_type_id": self.bill_type.id, "company_id": self.company_b.id})
        )
        with self.assertRaises(UserError):
            job_b.with_user(reviewer_b)._ops_proposed_partner({"partner_id": str(a_only.id)})
        self.assertEqual(job_b.with_user(reviewer_b)._ops_proposed_partner({"partner_id": str(self.b_only.id)}), self.b_only)

    def test_12_confirming_a_bill_uses_the_confirmed_vendor(self):
        """The bill goes to the matched vendor, or to the one the reviewer picked instead."""
        job = self._submit({"partner_vat": ("0477472701", 0.9), "amount_untaxed": ("10.00", 0.9)}).with_user(self.reviewer)
        job.action_confirm_review()
        self.assertEqual(job._ops_result_record().partner_id, self.acme, "found by master data, VAT spelled differently")
        picked = self._submit({"partner_vat": (VAT, 0.9), "amount_untaxed": ("10.00", 0.9)}).with_user(self.reviewer)
        picked.action_confirm_review({"partner_id": str(self.other.id)})
        self.assertEqual(picked._ops_result_record().partner_id, self.other)
        correction = self.env["ops.ai.correction"].search([("job_id", "=", picked.id)])
        self.assertEqual((correction.field_name, correction.final_value), ("partner_id", str(self.other.id)))
