from odoo.tests import tagged

from ..common import SyncCase


@tagged("post_install", "-at_install")
class TestSyncPartnerCreate(SyncCase):
    """The gateway creates contacts with their company's values folded in; they must equal a usual create."""

    def test_01_folded_contacts_equal_the_usual_create(self):
        """Commercial fields, address, language and the other companies' values match res.partner's create."""
        Partner = self.env["res.partner"]
        self.env["res.lang"]._activate_lang("fr_BE")
        other = self.env["res.company"].create({"name": "Ops Other Company"})
        term = self.env["account.payment.term"].search([], limit=1)
        industry = self.env["res.partner.industry"].create({"name": "Ops Robotics"})
        self.assertTrue(term, "the account module ships payment terms")
        [result] = self.ingest(
            "companies",
            [
                self.rec(
                    "co1",
                    {"name": "Acme", "street": "Rue de la Loi 16", "city": "Bruxelles", "zip": "1000", "country_code": "BE"},
                )
            ],
        )
        company = Partner.browse(result["res_id"])
        company.write({"vat": "BE0477472701", "company_registry": "0477472701", "industry_id": industry.id, "lang": "fr_BE"})
        company.with_company(other).property_payment_term_id = term

        results = self.ingest(
            "contacts",
            [
                self.rec("p1", {"name": "Grace Hopper", "email": "grace@acme.example", "company_external_id": "co1"}),
                self.rec("p2", {"name": "Alan Turing", "company_external_id": "co1"}),
                self.rec("p3", {"name": "Ada Alone", "email": "ada@example.com"}),
            ],
        )
        self.assertEqual([r["status"] for r in results], ["created"] * 3)
        grace, alan, alone = Partner.browse([r["res_id"] for r in results])
        usual = Partner.create({"name": "Usual", "parent_id": company.id, "type": "contact"})

        synced = [*Partner._commercial_fields(), *Partner._address_fields(), "lang", "commercial_partner_id"]
        for contact in grace | alan:
            self.assertEqual(contact._convert_fields_to_values(synced), usual._convert_fields_to_values(synced))
            self.assertEqual(
                contact.with_company(other)._convert_fields_to_values(synced),
                usual.with_company(other)._convert_fields_to_values(synced),
            )
        self.assertEqual((grace.city, grace.vat, grace.industry_id, grace.lang), ("Bruxelles", "BE0477472701", industry, "fr_BE"))
        self.assertEqual(grace.with_company(other).property_payment_term_id, term)
        self.assertEqual(grace.commercial_partner_id, company)
        self.assertEqual((alone.parent_id, alone.commercial_partner_id), (Partner, alone))
        self.assertFalse(alone.street)
