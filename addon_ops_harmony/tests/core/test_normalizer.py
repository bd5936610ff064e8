from odoo.tests import tagged

from ..common import SyncCase

# spellings of the United Kingdom a person types or a CRM holds
UK_SPELLINGS = ["U.K.", "U.K", "uk", "  United   Kingdom ", "GB", "gb", "Great Britain", "Royaume-Uni"]


@tagged("post_install", "-at_install")
class TestNormalizer(SyncCase):
    """One normalizer: a typed lead and every sync stream resolve the same values the same way."""

    def _lead(self, **vals):
        return self.env["crm.lead"].create({"name": "Normalizer lead", **vals})

    def test_01_countries_resolve_alike_on_leads_and_synced_companies(self):
        """Each spelling of a country gives the same country on a typed lead and on a synced company."""
        uk = self.env.ref("base.uk")
        records = [
            self.rec(f"norm-{index}", {"name": f"Co {index}", "country_code": text})
            for index, text in enumerate([*UK_SPELLINGS, "Atlantis"])
        ]
        results = self.ingest("companies", records)
        companies = self.env["res.partner"].browse([result["res_id"] for result in results])
        for text, company, result in zip([*UK_SPELLINGS, "Atlantis"], companies, results):
            with self.subTest(text=text):
                lead = self._lead(ops_country_input=text)
                self.assertEqual(lead.country_id, company.country_id)
                if text == "Atlantis":
                    self.assertFalse(company.country_id)
                    self.assertIn("unknown country 'Atlantis'", result["reason"])
                    self.assertIn("unknown_country", lead.ops_flag_ids.mapped("code"))
                else:
                    self.assertEqual(company.country_id, uk)

    def test_02_industries_resolve_alike(self):
        """An industry alias or name in any case gives the same industry on a lead and on a synced company."""
        industry = self.env["res.partner.industry"].create({"name": "Quantum Widgets", "full_name": "Quantum Widget Makers"})
        self.env["ops.industry.alias"].create({"name": "QW", "industry_id": industry.id})
        spellings = ["quantum widgets", "QUANTUM WIDGET MAKERS", " qw "]
        results = self.ingest(
            "companies",
            [self.rec(f"ind-{index}", {"name": f"Ind {index}", "industry": text}) for index, text in enumerate(spellings)],
        )
        for text, result in zip(spellings, results):
            with self.subTest(text=text):
                self.assertEqual(self.env["res.partner"].browse(result["res_id"]).industry_id, industry)
                self.assertEqual(self._lead(ops_industry_input=text).ops_industry_id, industry)

    def test_03_utm_aliases_apply_to_synced_orders(self):
        """A WooCommerce order's "fb" source is Facebook, as on a typed lead; no "fb" source is created."""
        self.env["product.product"].create({"name": "Norm Mug", "default_code": "NORM-1", "list_price": 5.0, "type": "consu"})
        self.ingest(
            "customers", [self.rec("norm-cust", {"name": "Norm Shopper", "email": "norm@example.com"})], source="woocommerce"
        )
        order = {
            "customer_external_id": "norm-cust",
            "date_order": "2025-04-02T09:30:00Z",
            "state": "draft",
            "lines": [{"sku": "NORM-1", "name": "Mug", "quantity": 1, "price_unit": 5.0}],
            "attribution": {"utm_source": "FB", "utm_medium": "e-mail"},
        }
        [result] = self.ingest("orders", [self.rec("norm-1", order)], source="woocommerce")
        synced = self.env["sale.order"].browse(result["res_id"])
        lead = self._lead(ops_utm_source_input="FB", ops_utm_medium_input="e-mail")
        self.assertEqual(synced.source_id, self.env.ref("utm.utm_source_facebook"))
        self.assertEqual(synced.medium_id, self.env.ref("utm.utm_medium_email"))
        self.assertEqual((lead.source_id, lead.medium_id), (synced.source_id, synced.medium_id))
        self.assertFalse(self.env["utm.source"].search_count([("name", "=ilike", "fb")]))

    def test_04_one_query_per_table_whatever_the_batch(self):
        """Resolving 500 spellings reads each table once: the cost does not grow with the batch."""
        normalizer = self.env["ops.normalizer"]
        normalizer._ops_countries(["BE"])  # warm the caches of languages and fields
        with self.assertQueryCount(__system__=8):
            found = normalizer._ops_countries([f"Nowhere {index}" for index in range(500)] + ["U.K", "belgium"])
        self.assertEqual(set(found), {"U.K", "belgium"})
