from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..json2 import json2_post

OPS_USER = "addon_ops_harmony.addon_ops_harmony_group_user"


@tagged("post_install", "-at_install")
class TestTouchpointAccess(HttpCase):
    """Touchpoints re-score their lead as superuser, so only who can read the lead may touch them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ops.scoring.rule"].search([]).active = False
        cls.env["ops.scoring.rule"].create(
            {"name": "Pricing page", "kind": "intent", "event_type": "page_view", "url_keywords": "/pricing", "points": 60}
        )
        cls.env["ir.config_parameter"].set_param("addon_ops_harmony.default_mql_threshold", "50")
        # two teams; each salesperson sees only their own leads (the default "own documents" right)
        cls.sam = new_test_user(cls.env, "t_tp_sam", groups=OPS_USER, name="Sam Seller")
        cls.rita = new_test_user(cls.env, "t_tp_rita", groups=OPS_USER, name="Rita Rep")
        cls.team_emea, cls.team_us = cls.env["crm.team"].create(
            [
                {"name": "TP EMEA", "member_ids": [Command.link(cls.sam.id)]},
                {"name": "TP Americas", "member_ids": [Command.link(cls.rita.id)]},
            ]
        )
        cls.key = cls.env["res.users.apikeys"].with_user(cls.sam).sudo()._generate(None, "touchpoint test", None)
        cls.nurture_tag = cls.env.ref("addon_ops_harmony.ops_nurture_tag")

    def setUp(self):
        super().setUp()
        leads = self.env["crm.lead"].create(
            [
                {"name": "Sam's lead", "team_id": self.team_emea.id, "email_from": "own@example.com"},
                {"name": "Rita's lead", "team_id": self.team_us.id, "email_from": "hidden@example.com"},
            ]
        )
        leads[0].user_id, leads[1].user_id = self.sam, self.rita
        leads._ops_rescore()
        self.own_lead, self.hidden_lead = leads
        self.assertTrue(self.hidden_lead.ops_nurture)
        self.assertIn(self.nurture_tag, self.hidden_lead.tag_ids)

    def _json2(self, method, **params):
        with mute_logger("odoo.http"):
            return json2_post(self, "ops.touchpoint", method, self.key, **params)

    def assertHiddenLeadUntouched(self):
        self.hidden_lead.invalidate_recordset()
        self.assertEqual(self.hidden_lead.ops_score, 0)
        self.assertTrue(self.hidden_lead.ops_nurture)
        self.assertIn(self.nurture_tag, self.hidden_lead.tag_ids)

    def test_01_cannot_create_a_touchpoint_on_a_lead_one_cannot_read(self):
        """Sam's touchpoint on Rita's lead is refused: it would re-score it and take it out of nurture."""
        self.assertFalse(self.hidden_lead.with_user(self.sam).has_access("read"))
        response = self._json2(
            "create", vals_list=[{"lead_id": self.hidden_lead.id, "event_type": "page_view", "page_url": "/pricing"}]
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertHiddenLeadUntouched()
        self.assertFalse(self.env["ops.touchpoint"].search_count([("lead_id", "=", self.hidden_lead.id)]))

    def test_02_cannot_move_or_edit_touchpoints_onto_a_hidden_lead(self):
        """Sam may not move his touchpoint to Rita's lead, nor edit or delete one of hers."""
        own = (
            self.env["ops.touchpoint"]
            .with_user(self.sam)
            .create({"lead_id": self.own_lead.id, "event_type": "page_view", "page_url": "/blog"})
        )
        hers = self.env["ops.touchpoint"].create({"lead_id": self.hidden_lead.id, "event_type": "page_view", "page_url": "/blog"})
        moved = self._json2("write", ids=own.ids, vals={"lead_id": self.hidden_lead.id, "page_url": "/pricing"})
        self.assertEqual(moved.status_code, 403, moved.text)
        self.assertEqual(own.lead_id, self.own_lead)
        edited = self._json2("write", ids=hers.ids, vals={"page_url": "/pricing"})
        self.assertEqual(edited.status_code, 403, edited.text)
        deleted = self._json2("unlink", ids=hers.ids)
        self.assertEqual(deleted.status_code, 403, deleted.text)
        self.assertTrue(hers.exists())
        self.assertEqual(hers.page_url, "/blog")
        self.assertHiddenLeadUntouched()

    def test_03_own_leads_still_work(self):
        """On a lead he can read, Sam's touchpoint re-scores it at once, over JSON-2."""
        response = self._json2(
            "create", vals_list=[{"lead_id": self.own_lead.id, "event_type": "page_view", "page_url": "/pricing"}]
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(self.own_lead.ops_score, 60)
        self.assertFalse(self.own_lead.ops_nurture)
