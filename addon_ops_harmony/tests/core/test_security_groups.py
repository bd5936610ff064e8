from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestSecurityGroups(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ops_user = new_test_user(cls.env, "t_ops_user", groups="addon_ops_harmony.addon_ops_harmony_group_user")
        cls.finance = new_test_user(cls.env, "t_ops_finance", groups="addon_ops_harmony.addon_ops_harmony_group_finance")
        cls.bridge = new_test_user(cls.env, "t_ops_bridge", groups="addon_ops_harmony.addon_ops_harmony_group_integration")

    def test_01_role_chain(self):
        """A manager is an approver, and an approver is an ops user."""
        manager = new_test_user(self.env, "t_ops_manager", groups="addon_ops_harmony.addon_ops_harmony_group_manager")
        self.assertTrue(manager.has_group("addon_ops_harmony.addon_ops_harmony_group_approver"))
        self.assertTrue(manager.has_group("addon_ops_harmony.addon_ops_harmony_group_user"))
        self.assertFalse(self.ops_user.has_group("addon_ops_harmony.addon_ops_harmony_group_approver"))

    def test_02_operations_menu_visibility(self):
        """Ops users and finance see the Operations app; the integration user does not."""
        root = self.env.ref("addon_ops_harmony.ops_harmony_menu_root")
        for user, visible in ((self.ops_user, True), (self.finance, True), (self.bridge, False)):
            menus = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            self.assertEqual(root.id in menus, visible, f"{user.login} menu visibility")

    def test_03_integration_user_least_privilege(self):
        """The bridge's user may create and update leads but never delete them or touch settings."""
        leads = self.env["crm.lead"].with_user(self.bridge)
        lead = leads.create({"name": "Synced lead"})
        lead.write({"email_from": "buyer@example.com"})
        with self.assertRaises(AccessError):
            lead.unlink()
        with self.assertRaises(AccessError):
            self.env["ir.config_parameter"].with_user(self.bridge).set_param("web.base.url", "http://evil.example")
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(self.bridge).create({"name": "Intruder", "login": "intruder"})

    def test_04_provision_key_rotates(self):
        """Provisioning the bridge key twice leaves exactly one valid key, the newest."""
        users = self.env["res.users"]
        first = users._ops_bridge_provision_key(login="t_rotating_bridge")
        second = users._ops_bridge_provision_key(login="t_rotating_bridge")
        user = users.search([("login", "=", "t_rotating_bridge")])
        self.assertTrue(user.has_group("addon_ops_harmony.addon_ops_harmony_group_integration"))
        keys = self.env["res.users.apikeys"].sudo().search([("user_id", "=", user.id)])
        self.assertEqual(len(keys), 1)
        apikeys = self.env["res.users.apikeys"]
        self.assertEqual(apikeys._check_credentials(scope="rpc", key=second), user.id)
        self.assertFalse(apikeys._check_credentials(scope="rpc", key=first))
