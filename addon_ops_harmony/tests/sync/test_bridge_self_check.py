from odoo.tests import HttpCase, new_test_user, tagged

from ..json2 import json2_post


@tagged("post_install", "-at_install")
class TestBridgeSelfCheck(HttpCase):
    """The bridge's doctor contract, exercised over JSON-2 with a real API key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = cls.env["res.users"]._ops_bridge_provision_key(login="t_json2_bridge")
        cls.bridge = cls.env["res.users"].search([("login", "=", "t_json2_bridge")])
        cls.ops_user = new_test_user(cls.env, "t_json2_ops", groups="addon_ops_harmony.addon_ops_harmony_group_user")

    def _json2(self, model, method, key=None, **params):
        return json2_post(self, model, method, key or self.key, **params)

    def test_01_self_check_reports_least_privilege(self):
        """The integration user sees its own rights: lead and contact writes, no deletes, no admin."""
        response = self._json2("res.users", "ops_bridge_self_check")
        self.assertEqual(response.status_code, 200, response.text)
        report = response.json()
        self.assertEqual(report["user"]["login"], "t_json2_bridge")
        self.assertTrue(report["is_integration_user"])
        self.assertFalse(report["is_admin"])
        self.assertEqual(report["addon_version"], "19.0.1.0.0")
        for model, operations in report["required"].items():
            for operation in operations:
                self.assertTrue(report["access"][model][operation], f"{model}.{operation}")
        self.assertFalse(report["access"]["crm.lead"]["unlink"])

    def test_02_integration_user_cannot_delete_over_rpc(self):
        """Deleting a lead over JSON-2 as the integration user is refused by the server."""
        created = self._json2("crm.lead", "create", vals_list=[{"name": "From the bridge"}])
        self.assertEqual(created.status_code, 200, created.text)
        lead_ids = created.json()
        self.assertEqual(self.env["crm.lead"].browse(lead_ids).create_uid, self.bridge)
        refused = self._json2("crm.lead", "unlink", ids=lead_ids)
        self.assertEqual(refused.status_code, 403, refused.text)
        self.assertEqual(refused.json()["name"], "odoo.exceptions.AccessError")
        self.assertTrue(self.env["crm.lead"].browse(lead_ids).exists())

    def test_03_wrong_key_is_rejected(self):
        """A wrong API key gets a 401, not data."""
        response = self._json2("res.users", "ops_bridge_self_check", key="not-a-real-key")
        self.assertEqual(response.status_code, 401, response.text)

    def test_04_ops_user_is_not_an_integration_user(self):
        """An ordinary ops user calling the self-check learns it lacks the integration role."""
        report = self.env["res.users"].with_user(self.ops_user).ops_bridge_self_check()
        self.assertFalse(report["is_integration_user"])
        self.assertEqual(report["user"]["login"], "t_json2_ops")

    def test_05_bad_data_over_json2_is_flagged_not_refused(self):
        """A lead with unusable data sent by the bridge is created and flagged, never refused."""
        response = self._json2(
            "crm.lead",
            "create",
            vals_list=[
                {
                    "name": "Garbage in",
                    "email_from": "not-an-email",
                    "phone": "12",
                    "ops_country_input": "Atlantis",
                    "ops_employee_count": -3,
                }
            ],
        )
        self.assertEqual(response.status_code, 200, response.text)
        lead = self.env["crm.lead"].browse(response.json())
        self.assertEqual(lead.ops_country_input, "Atlantis", "kept as typed")
        self.assertEqual(lead.email_from, "not-an-email", "kept as typed")
        self.assertTrue(
            {"unknown_country", "invalid_email", "phone_no_country", "negative_employee_count"}
            <= set(lead.ops_flag_ids.mapped("code")),
            lead.ops_data_quality,
        )
