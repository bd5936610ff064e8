# Runs inside `odoo-bin shell` (stdin), where `env` is the superuser environment.
# Sets the admin password from OPS_ADMIN_PASSWORD when given, gives the bridge's service user a
# fresh API key, and writes the bridge's settings to OPS_BRIDGE_ENV_OUT (mode 600).
import os  # noqa: I001

admin_password = os.environ.get("OPS_SET_ADMIN_PASSWORD")
if admin_password:
    env.ref("base.user_admin").password = admin_password  # noqa: F821

bridge_key = env["res.users"]._ops_bridge_provision_key(login="ops_bridge")  # noqa: F821
env.cr.commit()  # noqa: F821
# the key is scoped to RPC and expires: say when, so whoever reads the file knows to rotate it
bridge_user = env["res.users"].search([("login", "=", "ops_bridge")])  # noqa: F821
key_row = env["res.users.apikeys"].sudo().search([("user_id", "=", bridge_user.id)], limit=1)  # noqa: F821
expires = key_row.expiration_date.strftime("%Y-%m-%d %H:%M UTC") if key_row.expiration_date else "never"

out_path = os.environ["OPS_BRIDGE_ENV_OUT"]
fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    out.write(
        "# Written by npm run bridge:key. The key is shown only here; Odoo stores a hash.\n"
        f"# Scope {key_row.scope or 'any'}, expires {expires}: run npm run bridge:key again to rotate it.\n"
        f"ODOO_URL=http://127.0.0.1:{os.environ['OPS_HTTP_PORT']}\n"
        f"ODOO_DB={env.cr.dbname}\n"  # noqa: F821
        "ODOO_LOGIN=ops_bridge\n"
        f"ODOO_API_KEY={bridge_key}\n"
    )
print(f"bridge settings written for database {env.cr.dbname}; the key expires {expires}")  # noqa: F821
