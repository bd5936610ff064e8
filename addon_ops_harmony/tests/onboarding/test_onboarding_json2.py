from odoo.fields import Command
from odoo.tests import HttpCase, tagged

from ..json2 import json2_call
from .common import OpsOnboardingCase


@tagged("post_install", "-at_install")
class TestOnboardingJson2(OpsOnboardingCase, HttpCase):
    """HR and the new hire, with API keys, try to grant access without approval; each road fails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.keys = {
            user: cls.env["res.users.apikeys"].with_user(user).sudo()._generate(None, "onboarding test", None)
            for user in (cls.hr, cls.newbie)
        }

    def test_01_no_grant_without_approval(self):
        """Widen the groups, mark it granted, call the guarded grant, or grant oneself: all refused, nothing granted."""
        request = self._hire().access_request_ids
        admin = self.env.ref("base.group_system").id
        for vals in ({"group_ids": [Command.link(admin)]}, {"state": "granted"}, {"user_id": self.hr.id}):
            response = json2_call(self, "ops.access.request", "write", self.keys[self.hr], ids=request.ids, vals=vals)
            self.assertIn(response.status_code, (403, 422), vals)
        response = json2_call(self, "ops.access.request", "action_grant", self.keys[self.hr], ids=request.ids)
        self.assertEqual(response.status_code, 422)
        self.assertIn("Approval required", response.json()["message"])
        response = json2_call(self, "ops.access.request", "action_grant", self.keys[self.newbie], ids=request.ids)
        self.assertEqual(response.status_code, 403)
        response = json2_call(
            self,
            "ops.access.request",
            "create",
            self.keys[self.hr],
            vals_list=[{"user_id": self.hr.id, "group_ids": [[6, 0, [admin]]]}],
        )
        self.assertIn(response.status_code, (403, 422))
        self.assertEqual(request.state, "draft")
        self.assertFalse(self.newbie.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(self.hr.has_group("base.group_system"))
