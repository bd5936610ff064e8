"""Self-check that the sync bridge's `ops-bridge doctor` calls over JSON-2 or XML-RPC."""

import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.base.models.res_users import INDEX_SIZE, KEY_CRYPT_CONTEXT
from odoo.fields import Command
from odoo.http import request
from odoo.tools import SQL

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
# The bridge's key works for RPC only (JSON-2 and XML-RPC check the scope "rpc"), and not forever:
# `npm run bridge:key` rotates it, `ops-bridge doctor` warns before it expires.
BRIDGE_KEY_SCOPE = "rpc"
BRIDGE_KEY_DAYS = 90
BEARER_RE = re.compile(r"^bearer\s+(\S+)$", re.IGNORECASE)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model
    def ops_bridge_self_check(self):
        """Report who the caller is and which rights it has on the models the bridge syncs.

        Reads only the caller's own rights, so any internal user may call it; it reveals
        nothing about other users.
        """
        user = self.env.user
        module = self.env["ir.module.module"].sudo().search([("name", "=", "addon_ops_harmony")], limit=1)
        return {
            "user": {"id": user.id, "login": user.login, "name": user.name},
            "addon_version": module.latest_version or module.installed_version,
            "is_integration_user": user.has_group("addon_ops_harmony.addon_ops_harmony_group_integration"),
            "is_admin": user._is_admin() or user._is_system(),
            "access": {
                model: {op: self.env[model].has_access(op) for op in ACCESS_OPERATIONS} for model in BRIDGE_REQUIRED_ACCESS
            },
            "required": {model: list(ops) for model, ops in BRIDGE_REQUIRED_ACCESS.items()},
            "api_key": self._ops_caller_api_key(),
        }

    @api.model
    def _ops_caller_api_key(self):
        """Describe the API key the caller uses: name, scope and expiration (UTC), or False without one.

        Over JSON-2 the key is the request's bearer token, found exactly. XML-RPC carries it in the
        call itself, out of reach here: then the user's key is reported, the one expiring first if
        there are several, and `identified_by` says so.
        """
        rows = self.env.execute_query_dict(
            SQL(
                """SELECT id, name, scope, expiration_date, index, key FROM res_users_apikeys
                WHERE user_id = %s AND (expiration_date IS NULL OR expiration_date >= now() at time zone 'utc')
             ORDER BY expiration_date NULLS LAST, id""",
                self.env.uid,
            )
        )
        token = _bearer_token()
        found = [
            row for row in rows if token and row["index"] == token[:INDEX_SIZE] and KEY_CRYPT_CONTEXT.verify(token, row["key"])
        ]
        identified_by = "request" if found else "user"
        found = found or rows
        if not found:
            return False
        key = found[0]
        return {
            "name": key["name"],
            "scope": key["scope"] or False,
            "expiration_date": fields.Datetime.to_string(key["expiration_date"]) if key["expiration_date"] else False,
            "identified_by": identified_by,
            "keys": len(rows),
        }

    @api.model
    def _ops_bridge_provision_key(self, login="ops_bridge", key_name="ops-bridge", days=BRIDGE_KEY_DAYS):
        """Make sure the bridge's service user exists and give it a fresh API key.

        Used by `npm run bridge:key`. Older keys with the same name are revoked, so running it
        again rotates the key. The key has the scope "rpc" and expires after `days`. Returns the
        new key, which Odoo stores only hashed.
        """
        integration_group = self.env.ref("addon_ops_harmony.addon_ops_harmony_group_integration")
        user = self.sudo().with_context(active_test=False).search([("login", "=", login)], limit=1)
        if not user:
            user = (
                self.sudo()
                .with_context(no_reset_password=True)
                .create(
                    {
                        "name": "Ops Bridge",
                        "login": login,
                        "group_ids": [Command.set(integration_group.ids)],
                    }
                )
            )
        elif not user.active:
            user.active = True
        keys = self.env["res.users.apikeys"].sudo()
        keys.search([("user_id", "=", user.id), ("name", "=", key_name)])._remove()
        expiration = fields.Datetime.now() + timedelta(days=days)
        return keys.with_user(user).sudo()._generate(BRIDGE_KEY_SCOPE, key_name, expiration)


def _bearer_token():
    """Return the bearer token of the current HTTP request, if any."""
    if not request:
        return None
    match = BEARER_RE.match(request.httprequest.headers.get("Authorization") or "")
    return match.group(1) if match else None
