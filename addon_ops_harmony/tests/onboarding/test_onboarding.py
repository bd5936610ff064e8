from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OpsOnboardingCase, pdf

CONTRACT = [
    "EMPLOYMENT CONTRACT",
    "between Acme SA (the Employer) and Nora Newbie (the Employee)",
    "Gross annual salary: 48,000 EUR",
    "Probation: 3 months",
    "Signed in Brussels",
]
TAX = ["Form W-4 Employee's Withholding Certificate", "Tax year 2027", "Dependents: 0"]


@tagged("post_install", "-at_install")
class TestOnboarding(OpsOnboardingCase):
    """A start date starts the checklist and the activities; documents are classified then confirmed."""

    def test_01_a_start_date_and_a_role_start_the_onboarding(self):
        """Six checklist items due around the start date, IT's activities, and an access request to grant."""
        onboarding = self._hire()
        self.assertEqual(len(onboarding), 1)
        self.assertEqual(len(onboarding.item_ids), 6)
        crm = onboarding.item_ids.filtered(lambda item: "HubSpot" in item.name)
        self.assertEqual((str(crm.due_date), crm.responsible_id), ("2027-01-02", self.it))
        activities = self.env["mail.activity"].search([("res_model", "=", "ops.onboarding"), ("res_id", "=", onboarding.id)])
        self.assertEqual(set(activities.mapped("user_id")), {self.it})
        request = onboarding.access_request_ids
        self.assertEqual((request.user_id, request.state), (self.newbie, "draft"))
        self.assertEqual(request.group_ids, self.role.group_ids)
        self.assertFalse(self.newbie.has_group("sales_team.group_sale_salesman"), "nothing is granted before approval")
        self.assertEqual(onboarding.missing_documents, "Identity document, Signed contract, Tax form")

    def test_02_documents_are_classified_and_confirmed_by_hr(self):
        """A contract and a W-4 are proposed from their text; a scan is read by its name, with less confidence."""
        onboarding = self._hire().with_user(self.hr)
        Document = self.env["ops.onboarding.document"].with_user(self.hr)
        contract = Document.create({"onboarding_id": onboarding.id, "file": pdf(CONTRACT), "filename": "nora.pdf"})
        tax = Document.create({"onboarding_id": onboarding.id, "file": pdf(TAX), "filename": "form.pdf"})
        scan = Document.create({"onboarding_id": onboarding.id, "file": b"/9j/4AAQSkZJRg==", "filename": "passport_scan.jpg"})
        self.assertEqual((contract.proposed_type, tax.proposed_type, scan.proposed_type), ("contract", "tax_form", "id"))
        self.assertIn("employment contract", contract.reason)
        self.assertGreater(contract.probability, 0.9)
        self.assertLess(scan.probability, 0.5)
        self.assertIn("file name only", scan.reason)
        self.assertEqual(onboarding.missing_documents, "Identity document, Signed contract, Tax form")
        (contract | tax).action_confirm_type()
        scan.action_confirm_type("id")
        self.assertFalse(onboarding.missing_documents)
        self.assertTrue(all(onboarding.item_ids.filtered(lambda item: item.kind == "document").mapped("done")))

    def test_03_each_person_ticks_only_their_own_items(self):
        """IT ticks its item; it cannot tick HR's document item, rename its own, or read the documents."""
        onboarding = self._hire()
        mine = onboarding.item_ids.filtered(lambda item: item.responsible_id == self.it)[:1].with_user(self.it)
        mine.done = True
        self.assertEqual(mine.done_by_id, self.it)
        with self.assertRaises(AccessError):
            mine.name = "Done, trust me"
        document_item = onboarding.item_ids.filtered(lambda item: item.kind == "document")[:1]
        with self.assertRaises(AccessError):
            document_item.with_user(self.it).done = True
        with self.assertRaises(UserError):
            document_item.with_user(self.hr).done = True
        with self.assertRaises(AccessError):
            self.env["ops.onboarding.document"].with_user(self.it).search([])
