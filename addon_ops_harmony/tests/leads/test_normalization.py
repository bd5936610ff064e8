from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged
from odoo.tests.common import TransactionCase

# routing and scoring run in the same pipeline and may add their own flags; these tests own these
NORMALIZATION = {"country", "industry", "size", "email", "phone", "utm"}


@tagged("post_install", "-at_install")
class TestNormalization(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Lead = cls.env["crm.lead"]
        cls.ops_user = new_test_user(cls.env, "t_norm_user", groups="addon_ops_harmony.addon_ops_harmony_group_user")
        cls.manager = new_test_user(cls.env, "t_norm_manager", groups="addon_ops_harmony.addon_ops_harmony_group_manager")
        cls.bridge = new_test_user(cls.env, "t_norm_bridge", groups="addon_ops_harmony.addon_ops_harmony_group_integration")

    def _lead(self, **vals):
        vals.setdefault("name", "Inbound lead")
        lead = self.Lead.create(vals)
        lead._ops_run_pipeline()
        return lead

    def _flags(self, leads):
        return leads.ops_flag_ids.filtered(lambda flag: flag.category in NORMALIZATION)

    def _codes(self, lead, category=None):
        return sorted(self._flags(lead).filtered(lambda f: not category or f.category == category).mapped("code"))

    def test_01_country_by_iso_code(self):
        """A two-letter ISO code resolves to its country whatever its case and spacing."""
        self.assertEqual(self._lead(ops_country_input="be").country_id, self.env.ref("base.be"))
        self.assertEqual(self._lead(ops_country_input="  DE ").country_id, self.env.ref("base.de"))

    def test_02_country_by_name(self):
        """A country name resolves case-insensitively."""
        self.assertEqual(self._lead(ops_country_input="belgium").country_id, self.env.ref("base.be"))
        self.assertEqual(self._lead(ops_country_input="UNITED  STATES").country_id, self.env.ref("base.us"))

    def test_03_country_by_alias(self):
        """Shipped aliases resolve U.S.A., Deutschland and uk, with or without dots."""
        for typed, xmlid in (
            ("U.S.A.", "base.us"),
            ("u.s.a", "base.us"),
            ("Deutschland", "base.de"),
            ("uk", "base.uk"),
            ("U.K", "base.uk"),
            ("England", "base.uk"),
        ):
            lead = self._lead(ops_country_input=typed)
            self.assertEqual(lead.country_id, self.env.ref(xmlid), typed)
            self.assertFalse(self._flags(lead), typed)

    def test_04_unknown_country_flagged_and_kept(self):
        """An unknown country leaves the country empty, keeps the input and says why."""
        lead = self._lead(ops_country_input="Atlantis")
        self.assertFalse(lead.country_id)
        self.assertEqual(lead.ops_country_input, "Atlantis")
        self.assertEqual(self._codes(lead), ["unknown_country"])
        self.assertEqual(self._flags(lead).message, 'Unknown country "Atlantis": kept as typed')
        self.assertTrue(lead.ops_has_flags)
        self.assertIn('Country: Unknown country "Atlantis"', lead.ops_data_quality)

    def test_05_country_already_set_is_kept(self):
        """A lead that already has a country keeps it and is not flagged for its typed country."""
        be = self.env.ref("base.be")
        self.assertEqual(self._lead(country_id=be.id, ops_country_input="France").country_id, be)
        self.assertFalse(self._flags(self._lead(country_id=be.id, ops_country_input="Atlantis")))

    def test_06_industry(self):
        """Industry labels resolve by name, full name or alias; unknown ones are flagged and kept."""
        self.assertEqual(
            self._lead(ops_industry_input="manufacturing").ops_industry_id, self.env.ref("base.res_partner_industry_C")
        )
        self.assertEqual(
            self._lead(ops_industry_input="P - EDUCATION").ops_industry_id, self.env.ref("base.res_partner_industry_P")
        )
        self.assertEqual(self._lead(ops_industry_input=" saas ").ops_industry_id, self.env.ref("base.res_partner_industry_J"))
        unknown = self._lead(ops_industry_input="Underwater basket weaving")
        self.assertFalse(unknown.ops_industry_id)
        self.assertEqual(unknown.ops_industry_input, "Underwater basket weaving")
        self.assertEqual(self._codes(unknown, "industry"), ["unknown_industry"])

    def test_07_size_bands_and_boundaries(self):
        """Employee counts land in the shipped bands at their boundaries; a negative count is flagged."""
        expected = {
            1: "micro",
            10: "micro",
            11: "small",
            50: "small",
            51: "medium",
            250: "medium",
            251: "large",
            1000: "large",
            1001: "enterprise",
            250000: "enterprise",
        }
        leads = self.Lead.create([{"name": f"Size {count}", "ops_employee_count": count} for count in expected])
        leads._ops_run_pipeline()
        self.assertEqual({lead.ops_employee_count: lead.ops_size_band for lead in leads}, expected)
        self.assertFalse(self._flags(leads))
        medium = self.env.ref("addon_ops_harmony.ops_size_band_medium")
        self.assertEqual(self._lead(ops_employee_count=51).ops_size_band_id, medium)
        empty = self._lead()
        self.assertFalse(empty.ops_size_band_id)
        self.assertFalse(self._flags(empty))
        negative = self._lead(ops_employee_count=-5)
        self.assertFalse(negative.ops_size_band_id)
        self.assertEqual(self._codes(negative), ["negative_employee_count"])

    def test_08_email(self):
        """Emails are trimmed and lowercased, a display name becomes the contact, invalid ones are kept and flagged."""
        lead = self._lead(email_from="  Jane.Doe@ACME.Example.com ")
        self.assertEqual(lead.email_from, "jane.doe@acme.example.com")
        self.assertFalse(lead.ops_free_mail)
        self.assertFalse(self._flags(lead))
        named = self._lead(email_from='"Jane Doe" <Jane@Acme.example.com>')
        self.assertEqual(named.email_from, "jane@acme.example.com")
        self.assertEqual(named.contact_name, "Jane Doe")
        for typed in ("jane.doe@", "not an email", "jane@localhost", "a@b.com, c@d.com"):
            bad = self._lead(email_from=typed)
            self.assertEqual(bad.email_from, typed)
            self.assertEqual(self._codes(bad), ["invalid_email"], typed)
        self.assertEqual(self._flags(bad).message, 'Invalid email "a@b.com, c@d.com": kept as typed')

    def test_09_free_mail(self):
        """An address on a shipped free-mail domain is marked as free-mail."""
        self.assertTrue(self._lead(email_from="Someone@GMail.com").ops_free_mail)
        self.assertTrue(self._lead(email_from="someone@outlook.com").ops_free_mail)
        self.assertFalse(self._lead(email_from="someone@gmail.company.example").ops_free_mail)

    def test_10_phone_e164(self):
        """Phones are formatted to E.164 with the lead's country, set or just resolved."""
        be = self._lead(ops_country_input="Belgium", phone="0470 12 34 56")
        self.assertEqual(be.phone, "+32470123456")
        us = self._lead(country_id=self.env.ref("base.us").id, phone="(650) 555-0100")
        self.assertEqual(us.phone, "+16505550100")
        self.assertEqual(self._lead(phone="+32 470 12 34 56").phone, "+32470123456")
        self.assertEqual(self._lead(phone="0032 470 12 34 56").phone, "+32470123456")
        self.assertFalse(self._flags(be | us))

    def test_11_phone_invalid_kept_and_flagged(self):
        """An invalid phone is kept as typed with the reason; a local number without country is flagged."""
        short = self._lead(country_id=self.env.ref("base.be").id, phone="123")
        self.assertEqual(short.phone, "123")
        self.assertEqual(self._codes(short), ["invalid_phone"])
        self.assertEqual(self._flags(short).message, 'Phone "123" kept as typed: too short')
        local = self._lead(phone="0470 12 34 56")
        self.assertEqual(local.phone, "0470 12 34 56")
        self.assertEqual(self._codes(local), ["phone_no_country"])
        self.assertIn("no country to interpret a local number", self._flags(local).message)
        junk = self._lead(country_id=self.env.ref("base.be").id, phone="call me maybe")
        self.assertEqual(junk.phone, "call me maybe")
        self.assertEqual(self._codes(junk), ["invalid_phone"])

    def test_12_utm_matching(self):
        """UTM values match names and aliases case-insensitively; unknown ones are created once per batch."""
        lead = self._lead(ops_utm_source_input="FACEBOOK", ops_utm_medium_input="cpc", ops_utm_campaign_input="fb")
        self.assertEqual(lead.source_id, self.env.ref("utm.utm_source_facebook"))
        self.assertEqual(lead.medium_id, self.env.ref("utm.utm_medium_google_adwords"))
        self.assertEqual(self._lead(ops_utm_source_input=" fb ").source_id, self.env.ref("utm.utm_source_facebook"))
        self.assertEqual(self._lead(ops_utm_medium_input="E-Mail").medium_id, self.env.ref("utm.utm_medium_email"))
        leads = self.Lead.create(
            [
                {"name": "A", "ops_utm_campaign_input": "Spring Launch 2031", "ops_utm_source_input": "Podcast Zeta"},
                {"name": "B", "ops_utm_campaign_input": "spring  launch 2031", "ops_utm_source_input": "podcast zeta"},
            ]
        )
        leads._ops_run_pipeline()
        self.assertEqual(len(leads.campaign_id), 1)
        self.assertEqual(leads.campaign_id.title, "Spring Launch 2031")
        self.assertEqual(len(leads.source_id), 1)
        self.assertEqual(self._lead(ops_utm_campaign_input="SPRING LAUNCH 2031").campaign_id, leads.campaign_id)
        self.assertFalse(self._flags(leads))
        kept = self._lead(source_id=self.env.ref("utm.utm_source_newsletter").id, ops_utm_source_input="facebook")
        self.assertEqual(kept.source_id, self.env.ref("utm.utm_source_newsletter"))

    def test_13_flags_replaced_after_correction(self):
        """Correcting the data and re-running removes the stale flags; an unchanged re-run keeps the same flags."""
        lead = self._lead(ops_country_input="Atlantis", email_from="nobody@", phone="12", ops_employee_count=-1)
        self.assertEqual(self._codes(lead), ["invalid_email", "negative_employee_count", "phone_no_country", "unknown_country"])
        flag_ids = self._flags(lead).ids
        lead._ops_run_pipeline()
        self.assertEqual(self._flags(lead).ids, flag_ids)
        lead.write(
            {
                "ops_country_input": "Belgium",
                "email_from": "Nobody@Acme.example.com",
                "phone": "0470123456",
                "ops_employee_count": 12,
            }
        )
        lead._ops_run_pipeline()
        self.assertFalse(self._flags(lead))
        self.assertNotIn("Country:", lead.ops_data_quality or "")
        self.assertEqual(
            (lead.country_id.code, lead.email_from, lead.phone, lead.ops_size_band),
            ("BE", "nobody@acme.example.com", "+32470123456", "small"),
        )

    def test_14_all_bad_data_does_not_raise(self):
        """A lead made only of bad data is created, normalized and flagged without any error."""
        lead = self._lead(
            ops_country_input="Ruritania",
            ops_industry_input="???",
            ops_employee_count=-40,
            email_from="@@",
            phone="+999 000",
            ops_utm_source_input="   ",
        )
        self.assertEqual(
            self._codes(lead),
            ["invalid_email", "invalid_phone", "negative_employee_count", "unknown_country", "unknown_industry"],
        )
        self.assertIn('Industry: Unknown industry "???": kept as typed', lead.ops_data_quality)
        self.assertFalse(lead.source_id)
        self.assertIn("unknown country prefix", self._flags(lead).filtered(lambda f: f.category == "phone").message)

    def test_15_editable_tables_drive_the_outcome(self):
        """Aliases, bands and domains added by an admin change the result: nothing is hard-coded."""
        self.assertEqual(self._codes(self._lead(ops_country_input="Atlantis")), ["unknown_country"])
        admin_env = self.env(user=self.manager)
        admin_env["ops.country.alias"].create({"name": "ATLANTIS", "country_id": self.env.ref("base.gr").id})
        admin_env["ops.industry.alias"].create(
            {"name": "Basket weaving", "industry_id": self.env.ref("base.res_partner_industry_C").id}
        )
        admin_env["ops.free.mail.domain"].create({"name": "@Mailinator.com "})
        admin_env["ops.utm.alias"].create(
            {"name": "ig", "utm_type": "source", "source_id": self.env.ref("utm.utm_source_facebook").id}
        )
        admin_env["ops.size.band"].create({"name": "Solo", "code": "solo", "sequence": 1, "min_employees": 1, "max_employees": 1})
        self.env.ref("addon_ops_harmony.ops_country_alias_de_deutschland").active = False
        lead = self._lead(
            ops_country_input="atlantis",
            ops_industry_input="basket weaving",
            email_from="x@mailinator.com",
            ops_utm_source_input="IG",
            ops_employee_count=1,
        )
        self.assertEqual(lead.country_id, self.env.ref("base.gr"))
        self.assertEqual(lead.ops_industry_id, self.env.ref("base.res_partner_industry_C"))
        self.assertTrue(lead.ops_free_mail)
        self.assertEqual(lead.source_id, self.env.ref("utm.utm_source_facebook"))
        self.assertEqual(lead.ops_size_band, "solo")
        self.assertEqual(self._codes(self._lead(ops_country_input="Deutschland")), ["unknown_country"])

    def test_16_batch_of_300(self):
        """300 leads created in one call are all normalized by one pipeline run."""
        countries = ["USA", "Deutschland", "be", "Atlantis"]
        leads = self.Lead.create(
            [
                {
                    "name": f"Batch {i}",
                    "ops_country_input": countries[i % 4],
                    "email_from": f" Lead{i}@Example{i % 7}.COM ",
                    "phone": "0470 12 34 56" if i % 4 == 2 else False,
                    "ops_employee_count": i,
                    "ops_industry_input": "SaaS" if i % 2 else "Banking",
                    "ops_utm_source_input": f"Batch Source {i % 3}",
                }
                for i in range(300)
            ]
        )
        leads._ops_run_pipeline()
        for i, lead in enumerate(leads):
            self.assertEqual(lead.email_from, f"lead{i}@example{i % 7}.com")
            self.assertEqual(bool(lead.country_id), i % 4 != 3)
            self.assertEqual(self._codes(lead), ["unknown_country"] if i % 4 == 3 else [])
            band = next(
                code for top, code in ((0, False), (10, "micro"), (50, "small"), (250, "medium"), (300, "large")) if i <= top
            )
            self.assertEqual(lead.ops_size_band, band)
        self.assertEqual(set(leads.filtered(lambda lead: lead.phone).mapped("phone")), {"+32470123456"})
        self.assertEqual(len(leads.source_id), 3)
        self.assertEqual(len(leads.ops_industry_id), 2)

    def test_17_batch_query_count_does_not_grow(self):
        """Normalizing 200 leads costs about the same number of queries as normalizing 20."""

        def queries_for(count):
            leads = self.Lead.create(
                [
                    {
                        "name": f"Q {i}",
                        "ops_country_input": "U.S.A.",
                        "ops_industry_input": "Retail",
                        "ops_utm_medium_input": "Website",
                        "ops_employee_count": 42,
                    }
                    for i in range(count)
                ]
            )
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            leads._ops_normalize({})
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        small, large = queries_for(20), queries_for(200)
        self.assertLessEqual(large, small + 5)

    def test_18_flag_api_for_other_steps(self):
        """_ops_set_flags replaces one category in batch and leaves the others alone."""
        leads = self.Lead.create([{"name": "F1", "ops_country_input": "Atlantis"}, {"name": "F2"}])
        leads._ops_run_pipeline()
        for category in {"routing", "scoring", "sla"}:
            leads._ops_set_flags(category, {})
        first, second = leads

        def all_codes(lead):
            return sorted(lead.ops_flag_ids.mapped("code"))

        self.assertEqual(leads.mapped("ops_has_flags"), [True, False])
        self.assertFalse(second.ops_data_quality)
        no_rule = [("no_rule", "No rule matched")]
        leads._ops_set_flags("routing", {first.id: no_rule, second.id: no_rule})
        self.assertEqual(all_codes(first), ["no_rule", "unknown_country"])
        leads._ops_set_flags("routing", {second.id: [("no_member", "Nobody available")]})
        self.assertEqual(all_codes(first), ["unknown_country"])
        self.assertEqual(all_codes(second), ["no_member"])
        second._ops_add_flag("sla", "breached", "SLA breached")
        second._ops_add_flag("sla", "breached", "SLA breached")
        self.assertEqual(all_codes(second), ["breached", "no_member"])
        self.assertEqual(second.ops_data_quality, "Routing: Nobody available\nSLA: SLA breached")
        self.assertEqual(self.Lead.search([("ops_has_flags", "=", True), ("id", "in", leads.ids)]), leads)

    def test_19_access(self):
        """Ops and bridge users get flags through the pipeline but cannot edit the tables; managers can."""
        lead = self.Lead.with_user(self.bridge).create(
            {"name": "Bridge", "ops_country_input": "Atlantis", "ops_utm_campaign_input": "Bridge campaign 2031"}
        )
        lead._ops_run_pipeline()
        self.assertEqual(lead.campaign_id.title, "Bridge campaign 2031")
        self.assertEqual(self._codes(lead.with_user(self.ops_user)), ["unknown_country"])
        user_lead = self.Lead.with_user(self.ops_user).create({"name": "Mine", "phone": "12"})
        user_lead._ops_run_pipeline()
        self.assertEqual(self._flags(user_lead).code, "phone_no_country")
        for user in (self.ops_user, self.bridge):
            self.assertTrue(self.env["ops.country.alias"].with_user(user).search_count([]))
            with self.assertRaises(AccessError):
                self.env["ops.country.alias"].with_user(user).create({"name": "Oz", "country_id": self.env.ref("base.au").id})
        with self.assertRaises(AccessError):
            self.env["ops.lead.flag"].with_user(self.ops_user).create(
                {"lead_id": lead.id, "category": "country", "code": "x", "message": "x"}
            )
        self.env["ops.size.band"].with_user(self.manager).search([], limit=1).max_employees = 9

    def test_20_lead_form(self):
        """The lead form shows the intake fields and saves a lead with raw inputs."""
        with Form(self.Lead.with_user(self.ops_user)) as form:
            form.name = "From the form"
            form.ops_country_input = "Deutschland"
            form.ops_employee_count = 30
            self.assertEqual(form.ops_size_band_id, self.env.ref("addon_ops_harmony.ops_size_band_small"))
        lead = form.record
        lead._ops_run_pipeline()
        self.assertEqual(lead.country_id, self.env.ref("base.de"))
