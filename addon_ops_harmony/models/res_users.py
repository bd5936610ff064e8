"""Self-check that the sync bridge's `ops-bridge doctor` calls over JSON-2 or XML-RPC."""

from odoo import api, models
from odoo.fields import Command

# What the bridge needs to sync leads, contacts and UTM records. Keep in step with
# security/ir.model.access.csv and the bridge's doctor.
BRIDGE_REQUIRED_ACCESS = {
    "crm.lead": ("read", "create", "write"),
    "res.partner": ("read", "create", "write"),
    "utm.source": ("read", "create"),
    "utm.medium": ("read", "create"),
    "utm.campaign": ("read", "create"),
}
ACCESS_OPERATIONS = ("read", "create", "write", "unlink")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def ops_bridge_self_check(self):
        """Report who the caller is and which rights it has on the models the bridge syncs.

        Reads only the caller's own rights, so any internal user may call it; it reveals
        nothing about other users.
        """
        user = self.env.user
        module = self.env["ir.module.module"].sudo().search(
            [("name", "=", "addon_ops_harmony")], limit=1
        )
        return {
            "user": {"id": user.id, "login": user.login, "name": user.name},
            "addon_version": module.latest_version or module.installed_version,
            "is_integration_user": user.has_group("addon_ops_harmony.addon_ops_harmony_group_integration"),
            "is_admin": user._is_admin() or user._is_system(),
            "access": {
                model: {op: self.env[model].has_access(op) for op in ACCESS_OPERATIONS}
                for model in BRIDGE_REQUIRED_ACCESS
            },
            "required": {model: list(ops) for model, ops in BRIDGE_REQUIRED_ACCESS.items()},
        }

    @api.model
    def _ops_bridge_provision_key(self, login="ops_bridge", key_name="ops-bridge"):
        """Make sure the bridge's service user exists and give it a fresh API key.

        Used by `npm run bridge:key`. Older keys with the same name are revoked, so running it
        again rotates the key. Returns the new key, which Odoo stores only hashed.
        """
        integration_group = self.env.ref("addon_ops_harmony.addon_ops_harmony_group_integration")
        user = self.sudo().with_context(active_test=False).search([("login", "=", login)], limit=1)
        if not user:
            user = self.sudo().with_context(no_reset_password=True).create({
                "name": "Ops Bridge",
                "login": login,
                "group_ids": [Command.set(integration_group.ids)],
            })
        elif not user.active:
            user.active = True
        keys = self.env["res.users.apikeys"].sudo()
        keys.search([("user_id", "=", user.id), ("name", "=", key_name)])._remove()
        return keys.with_user(user).sudo()._generate(None, key_name, None)
