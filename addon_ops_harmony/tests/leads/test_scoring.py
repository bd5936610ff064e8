from datetime import datetime, timedelta
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger

NOW = datetime(2025, 6, 2, 12, 0, 0)


@tagged("post_install", "-at_install")
class TestScoring(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the shipped starter rules would make every expected score depend on them
        cls.env["ops.scoring.rule"].search([]).active = False
        cls.startClassPatcher(patch.object(type(cls.env["crm.lead"]), "_ops_score_now", lambda self: NOW))
        cls.team = cls.env["crm.team"].create({"name": "Scoring team", "ops_mql_threshold": 50})
        cls.env["ir.config_parameter"].set_param("addon_ops_harmony.default_mql_threshold", "50")
        cls.nurture_tag = cls.env.ref("addon_ops_harmony.ops_nurture_tag")
        cls.nurture_list = cls.env.ref("addon_ops_harmony.ops_nurture_mailing_list")
        cls.source_web, cls.source_ads = cls.env["utm.source"].create([{"name": "T web"}, {"name": "T ads"}])

    def _rule(self, **vals):
        return self.env["ops.scoring.rule"].create({"name": vals.pop("name", "Test rule"), **vals})

    def _leads(self, *vals_list):
        leads = self.env["crm.lead"].create([{"name": "Scored lead", "team_id": self.team.id, **vals} for vals in vals_list])
        leads._ops_rescore()
        return leads

    def _touch(self, lead, event_type, days_ago=0, **vals):
        return self.env["ops.touchpoint"].create(
            {
                "lead_id": lead.id,
                "event_type": event_type,
                "event_time": NOW - timedelta(days=days_ago),
                **vals,
            }
        )

    def _subscription(self, email):
        return self.env["mailing.subscription"].search(
            [
                ("list_id", "=", self.nurture_list.id),
                ("contact_id.email_normalized", "=", email),
            ]
        )

    def test_01_fit_domain(self):
        """A fit rule's condition adds its points, with its reason, only to the leads it matches."""
        rule = self._rule(kind="fit", points=30, domain="[('partner_name', 'ilike', 'acme')]", reason="Target account")
        acme, other = self._leads({"partner_name": "ACME Corp"}, {"partner_name": "Globex"})
        self.assertEqual(acme.ops_score, 30)
        self.assertEqual(acme.ops_score_line_ids.mapped("reason"), ["Target account"])
        self.assertEqual(acme.ops_score_line_ids.rule_id, rule)
        self.assertEqual(other.ops_score, 0)
        self.assertFalse(other.ops_score_line_ids)

    def test_02_job_title_keywords(self):
        """Job-title keywords match whole words, case-insensitively, and name the keyword found."""
        self._rule(kind="fit", points=20, job_title_keywords="founder, CTO")
        cto, director, founder = self._leads(
            {"function": "Acting cto"},
            {"function": "Director of Sales"},
            {"function": "Co-Founder"},
        )
        self.assertEqual(cto.ops_score, 20)
        self.assertEqual(cto.ops_score_line_ids.reason, 'Job title contains "CTO"')
        self.assertEqual(director.ops_score, 0, "'CTO' must not match inside 'Director'")
        self.assertEqual(founder.ops_score_line_ids.reason, 'Job title contains "founder"')

    def test_03_engagement_half_life(self):
        """An engagement event is worth exactly half its points after one half-life, a quarter after two."""
        self._rule(kind="engagement", event_type="email_open", points=10, half_life_days=14)
        lead = self._leads({"email_from": "decay@example.com"})
        self._touch(lead, "email_open", days_ago=14)
        self.assertEqual(lead.ops_score_line_ids.points, 5.0)
        self.assertEqual(lead.ops_score_line_ids.reason, "1 × Email open (decayed, half-life 14 days)")
        self._touch(lead, "email_open", days_ago=28)
        self._touch(lead, "page_view", days_ago=0)
        self.assertEqual(lead.ops_score_line_ids.points, 7.5)
        self.assertEqual(lead.ops_score, 8, "7.5 rounds half up")
        self.assertIn("2 × Email open", lead.ops_score_line_ids.reason)

    def test_04_engagement_cap(self):
        """An engagement rule never adds more than its cap."""
        self._rule(kind="engagement", event_type="page_view", points=5, half_life_days=30, max_points=12)
        lead = self._leads({})
        self.env["ops.touchpoint"].create([{"lead_id": lead.id, "event_type": "page_view", "event_time": NOW} for _i in range(5)])
        self.assertEqual(lead.ops_score, 12)
        self.assertIn("capped at 12", lead.ops_score_line_ids.reason)

    def test_05_intent_page(self):
        """An intent rule fires once on matching pages and says when the latest visit happened."""
        self._rule(kind="intent", event_type="page_view", url_keywords="/pricing", points=15, reason="Visited the pricing page")
        lead, reader = self._leads({}, {})
        self._touch(lead, "page_view", days_ago=5, page_url="https://example.com/pricing")
        self._touch(lead, "page_view", days_ago=2, page_url="https://example.com/PRICING?plan=pro")
        self._touch(reader, "page_view", days_ago=1, page_url="https://example.com/blog")
        self._touch(reader, "form_submit", days_ago=1, page_url="https://example.com/pricing")
        self.assertEqual(lead.ops_score, 15)
        self.assertEqual(lead.ops_score_line_ids.reason, "Visited the pricing page 2 days ago")
        self.assertEqual(reader.ops_score, 0, "other pages and other event types do not show this intent")

    def test_06_pls_input(self):
        """A PLS rule adds its weight times Odoo's predicted probability."""
        self._rule(kind="pls", points=50)
        lead, cold = self._leads({"probability": 40}, {})
        # set by hand: routing moved the lead to another team, for which crm predicted a probability
        cold.probability = 0
        cold._ops_rescore()
        self.assertEqual(lead.ops_score, 20)
        self.assertIn("40%", lead.ops_score_line_ids.reason)
        self.assertFalse(cold.ops_score_line_ids, "a zero probability adds no line")

    def test_07_clamping(self):
        """The score is clamped to 0-100 while the lines keep the raw points."""
        self._rule(kind="fit", points=80, job_title_keywords="CEO")
        self._rule(kind="fit", points=50, domain="[('partner_name', '!=', False)]")
        self._rule(kind="fit", points=-60, domain="[('partner_name', '=', 'Tiny')]")
        top, bottom = self._leads({"function": "CEO", "partner_name": "Big"}, {"partner_name": "Tiny"})
        self.assertEqual(top.ops_score, 100)
        self.assertEqual(sum(top.ops_score_line_ids.mapped("points")), 130)
        self.assertEqual(bottom.ops_score, 0)
        self.assertEqual(sorted(bottom.ops_score_line_ids.mapped("points")), [-60, 50])

    def test_08_lines_follow_fired_rules(self):
        """Re-scoring replaces the explanation: one line per rule that fires now, none for archived rules."""
        fit = self._rule(kind="fit", points=10, job_title_keywords="CTO")
        self._rule(kind="fit", points=10, job_title_keywords="nobody")
        intent = self._rule(kind="intent", event_type="form_submit", url_keywords="demo", points=25)
        lead = self._leads({"function": "CTO"})
        self._touch(lead, "form_submit", page_url="/request-a-demo")
        self.assertEqual(lead.ops_score_line_ids.rule_id, fit | intent)
        self.assertEqual(lead.ops_score, 35)
        lines = lead.ops_score_line_ids
        lead._ops_rescore()
        self.assertEqual(lead.ops_score_line_ids, lines, "an unchanged explanation is not rewritten")
        fit.active = False
        lead._ops_rescore()
        self.assertEqual(lead.ops_score_line_ids.rule_id, intent)
        self.assertEqual(lead.ops_score, 25)

    def test_09_at_threshold_is_mql(self):
        """A lead scoring exactly the team's threshold becomes an MQL and is not nurtured."""
        self._rule(kind="fit", points=50, job_title_keywords="CTO")
        lead = self._leads({"function": "CTO", "email_from": "mql@example.com"})
        self.assertEqual(lead.ops_score, lead.team_id.ops_mql_threshold)
        self.assertEqual(lead.ops_lifecycle_stage, "mql")
        self.assertFalse(lead.ops_nurture)
        self.assertNotIn(self.nurture_tag, lead.tag_ids)
        self.assertFalse(self._subscription("mql@example.com"))

    def test_10_below_threshold_is_nurtured(self):
        """Below the threshold a lead is nurtured: flag, tag and a subscription to the nurture list."""
        self._rule(kind="fit", points=49, job_title_keywords="CTO")
        lead, no_email = self._leads(
            {"function": "CTO", "email_from": "Nurture.Me@Example.com", "contact_name": "Nora"},
            {"function": "CTO"},
        )
        self.assertEqual(lead.ops_lifecycle_stage, "lead")
        self.assertTrue(lead.ops_nurture)
        self.assertIn(self.nurture_tag, lead.tag_ids)
        subscription = self._subscription("nurture.me@example.com")
        self.assertEqual(len(subscription), 1)
        self.assertFalse(subscription.opt_out)
        self.assertTrue(no_email.ops_nurture, "no email: nurtured all the same, just not mailed")
        lead._ops_rescore()
        self.assertEqual(len(self._subscription("nurture.me@example.com")), 1, "re-scoring never duplicates")

    def test_11_touchpoint_lifts_lead_out_of_nurture(self):
        """A new touchpoint re-scores a nurtured lead, which leaves nurture once over the threshold."""
        self._rule(kind="fit", points=30, job_title_keywords="CTO")
        self._rule(kind="intent", event_type="form_submit", url_keywords="demo", points=25, reason="Requested a demo")
        lead = self._leads({"function": "CTO", "email_from": "riser@example.com"})
        self.assertTrue(lead.ops_nurture)
        demo = self._touch(lead, "form_submit", page_url="/demo")
        self.assertEqual(lead.ops_score, 55)
        self.assertEqual(lead.ops_lifecycle_stage, "mql")
        self.assertFalse(lead.ops_nurture)
        self.assertNotIn(self.nurture_tag, lead.tag_ids)
        subscription = self._subscription("riser@example.com")
        self.assertTrue(subscription.opt_out)
        self.assertEqual(subscription.opt_out_reason_id, self.env.ref("addon_ops_harmony.ops_nurture_optout_reason"))
        demo.unlink()
        self.assertEqual(lead.ops_lifecycle_stage, "lead")
        self.assertTrue(lead.ops_nurture)
        self.assertFalse(subscription.opt_out, "our own opt-out is undone when the lead comes back")

    def test_12_personal_opt_out_respected(self):
        """Re-entering nurture never re-subscribes someone who unsubscribed themselves."""
        contact = self.env["mailing.contact"].create(
            {
                "name": "Gone",
                "email": "gone@example.com",
                "subscription_ids": [(0, 0, {"list_id": self.nurture_list.id, "opt_out": True})],
            }
        )
        lead = self._leads({"email_from": "gone@example.com"})
        self.assertTrue(lead.ops_nurture)
        self.assertTrue(contact.subscription_ids.opt_out)

    def test_13_later_stages_untouched(self):
        """Scoring never downgrades sales-owned stages and stops nurturing them."""
        lead = self._leads({"email_from": "owned@example.com"})
        self.assertTrue(lead.ops_nurture)
        lead.ops_lifecycle_stage = "opportunity"
        lead._ops_rescore()
        self.assertEqual(lead.ops_lifecycle_stage, "opportunity")
        self.assertFalse(lead.ops_nurture)
        self.assertTrue(self._subscription("owned@example.com").opt_out)

    def test_14_threshold_per_team_and_default(self):
        """The team's threshold decides, a change re-applies it, and leads without team use the parameter."""
        self._rule(kind="fit", points=40, job_title_keywords="CTO")
        lead = self._leads({"function": "CTO"})
        self.assertEqual(lead.ops_lifecycle_stage, "lead")
        lead.team_id.ops_mql_threshold = 40
        self.assertEqual(lead.ops_lifecycle_stage, "mql")
        self.env["ir.config_parameter"].set_param("addon_ops_harmony.default_mql_threshold", "30")
        orphan = self.env["crm.lead"].create({"name": "No team", "function": "CTO"})
        orphan.team_id = False
        orphan._ops_rescore()
        self.assertEqual(orphan.ops_lifecycle_stage, "mql")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.team.ops_mql_threshold = 101
            self.env.flush_all()

    def test_15_external_id_unique_per_source(self):
        """An external ID is unique per source, an empty source included; other sources may reuse it."""
        touchpoints = self.env["ops.touchpoint"]
        lead = self._leads({})
        base = {"lead_id": lead.id, "event_type": "ad_click", "external_id": "evt-1"}
        touchpoints.create({**base, "source_id": self.source_web.id})
        touchpoints.create({**base, "source_id": self.source_ads.id})
        touchpoints.create({**base})
        touchpoints.create([{"lead_id": lead.id, "event_type": "ad_click"}] * 2)
        for duplicate in ({**base, "source_id": self.source_web.id}, base):
            with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
                touchpoints.create(duplicate)
                self.env.flush_all()

    def test_16_rule_validation(self):
        """Rules without what their kind needs, or with a broken condition, are refused."""
        with self.assertRaises(ValidationError):
            self._rule(kind="engagement", points=5)
        with self.assertRaises(ValidationError):
            self._rule(kind="fit", points=5, domain="[('no_such_field', '=', 1)]")
        with self.assertRaises(ValidationError):
            self._rule(kind="fit", points=5)

    def test_17_access(self):
        """Ops users and the bridge create touchpoints that re-score; only managers configure rules."""
        self._rule(kind="intent", event_type="page_view", url_keywords="/pricing", points=60)
        ops_user = new_test_user(self.env, "t_score_user", groups="addon_ops_harmony.addon_ops_harmony_group_user")
        bridge = new_test_user(self.env, "t_score_bridge", groups="addon_ops_harmony.addon_ops_harmony_group_integration")
        manager = new_test_user(self.env, "t_score_manager", groups="addon_ops_harmony.addon_ops_harmony_group_manager")
        lead_a, lead_b = self._leads({"user_id": ops_user.id}, {})
        for user, lead in ((ops_user, lead_a), (bridge, lead_b)):
            self.env["ops.touchpoint"].with_user(user).create(
                {
                    "lead_id": lead.id,
                    "event_type": "page_view",
                    "page_url": "/pricing",
                    "event_time": NOW,
                }
            )
            self.assertEqual(lead.ops_score, 60)
            self.assertEqual(lead.ops_lifecycle_stage, "mql")
        self.assertTrue(lead_a.with_user(ops_user).ops_score_line_ids.reason)
        with self.assertRaises(AccessError):
            self.env["ops.scoring.rule"].with_user(ops_user).create({"name": "Mine", "kind": "pls", "points": 5})
        self.env["ops.scoring.rule"].with_user(manager).create({"name": "Managed", "kind": "pls", "points": 5})

    def test_18_batch_of_500_leads_and_1000_touchpoints(self):
        """One create of 1,000 touchpoints re-scores 500 leads in one batch, each one right."""
        self._rule(kind="fit", points=20, job_title_keywords="CTO")
        self._rule(kind="engagement", event_type="page_view", points=10, half_life_days=7)
        self._rule(kind="intent", event_type="form_submit", url_keywords="demo", points=30)
        leads = self.env["crm.lead"].create(
            [{"name": f"Bulk {i}", "team_id": self.team.id, "function": "CTO" if i % 2 else "Buyer"} for i in range(500)]
        )
        leads._ops_rescore()
        self.env["ops.touchpoint"].create(
            [
                vals
                for i, lead in enumerate(leads)
                for vals in (
                    {"lead_id": lead.id, "event_type": "page_view", "event_time": NOW - timedelta(days=7 * (i % 3))},
                    {
                        "lead_id": lead.id,
                        "event_type": "form_submit",
                        "page_url": "/demo" if i % 5 == 0 else "/contact",
                        "event_time": NOW,
                    },
                )
            ]
        )
        for i, lead in enumerate(leads):
            expected = (20 if i % 2 else 0) + 10 * 0.5 ** (i % 3) + (30 if i % 5 == 0 else 0)
            self.assertEqual(lead.ops_score, int(expected + 0.5), f"lead {i}")
            self.assertEqual(lead.ops_lifecycle_stage, "mql" if expected >= 50 else "lead", f"lead {i}")
            self.assertEqual(lead.ops_nurture, expected < 50, f"lead {i}")
        self.assertEqual(len(leads.ops_score_line_ids), 250 + 500 + 100)

    def test_19_scored_after_routing(self):
        """The pipeline scores a new lead on the team routing gave it, with that team's PLS probability."""
        self.env["ops.routing.rule"].search([]).action_archive()
        queue = self.env["crm.team"].create({"name": "Scoring queue", "ops_mql_threshold": 20})
        self.env["ir.config_parameter"].set_param("addon_ops_harmony.default_team_id", str(queue.id))
        self._rule(kind="fit", points=20, domain=f"[('team_id', '=', {queue.id})]", reason="In the queue")
        self._rule(kind="pls", points=50)
        lead = self.env["crm.lead"].create({"name": "Routed lead", "team_id": self.team.id})
        self.assertEqual(lead.team_id, queue, "no routing rule matches: the lead waits in the default queue")
        self.assertEqual(lead.ops_score, int(20 + 50 * lead.probability / 100 + 0.5))
        self.assertIn("In the queue", lead.ops_score_line_ids.mapped("reason"))
        self.assertEqual(lead.ops_lifecycle_stage, "mql", "the queue's threshold applies")

    def test_20_industry_change_rescores(self):
        """Setting or clearing a lead's industry scores it again, through the shipped re-score rule."""
        self._rule(kind="fit", points=5, domain="[('ops_industry_id', '!=', False)]", reason="Industry known")
        industry = self.env["res.partner.industry"].create({"name": "Scoring industry"})
        lead = self.env["crm.lead"].create({"name": "Industry lead", "team_id": self.team.id})
        self.assertEqual(lead.ops_score, 0)
        lead.ops_industry_id = industry
        self.assertEqual(lead.ops_score, 5)
        self.assertEqual(lead.ops_score_line_ids.reason, "Industry known")
        lead.ops_industry_id = False
        self.assertEqual(lead.ops_score, 0)
        self.assertFalse(lead.ops_score_line_ids)

    def test_21_probability_change_rescores(self):
        """A new probability set on a lead scores it again through the PLS rule."""
        self._rule(kind="pls", points=50)
        lead = self.env["crm.lead"].create({"name": "Probable lead", "team_id": self.team.id, "type": "opportunity"})
        lead.probability = 80
        self.assertEqual(lead.ops_score, 40)
        self.assertIn("Predicted probability 80%", lead.ops_score_line_ids.reason)
        lead.write({"probability": 10})
        self.assertEqual(lead.ops_score, 5)

    def test_22_creating_leads_scores_each_once(self):
        """Creating leads never runs the re-score rule per lead: the pipeline scores the batch after routing."""
        self._rule(kind="pls", points=50)
        self._rule(kind="fit", points=5, domain="[('ops_industry_id', '!=', False)]")
        industry = self.env["res.partner.industry"].create({"name": "Batch industry"})
        calls = []
        original = type(self.env["crm.lead"])._ops_rescore

        def counting(leads):
            calls.append(leads.ids)
            return original(leads)

        with patch.object(type(self.env["crm.lead"]), "_ops_rescore", counting):
            leads = self.env["crm.lead"].create(
                [{"name": f"Batch {i}", "ops_industry_id": industry.id, "team_id": self.team.id} for i in range(20)]
            )
        self.assertEqual(calls, [])
        # each lead scored on its own final probability (crm's PLS may give the first lead of an
        # empty database another one than the rest)
        self.assertEqual(leads.mapped("ops_score"), [int(5 + 50 * lead.probability / 100 + 0.5) for lead in leads])
