"""Launch review checks on deployment: the server's options, the default admin password, outgoing mail.

Each check takes the runner's environment (superuser) and returns finding dicts; the review runs them
in the order of DEPLOYMENT_CHECKS. The server's options come from odoo.tools.config, as the running
server read them.
"""

from odoo import release
from odoo.tools import config

from .ops_launch_review_finding import finding_values

DEFAULT_ADMIN_PASSWORD = "admin"


def _finding(*args, **kwargs):
    """A finding of this category."""
    return finding_values("deployment", *args, **kwargs)


def check_list_db(env):
    """The database manager (/web/database) is reachable."""
    if not config["list_db"]:
        return []
    return [
        _finding(
            "deployment.list_db",
            "high",
            env._("The database manager is exposed"),
            env._("list_db is on: anyone who reaches the server sees the databases and the database manager."),
            env._("Set list_db = False (and dbfilter) in the server configuration, then restart."),
        )
    ]


def check_proxy_mode(env):
    """Behind a reverse proxy, Odoo must trust its forwarded headers to know the client and the scheme."""
    if config["proxy_mode"]:
        return []
    return [
        _finding(
            "deployment.proxy_mode",
            "medium",
            env._("proxy_mode is off"),
            env._("Behind a reverse proxy, logs and rate limits see the proxy's address and links may use http."),
            env._("Run Odoo behind an HTTPS reverse proxy and set proxy_mode = True."),
        )
    ]


def check_workers(env):
    """A threaded server (workers = 0) has no memory or time limits per request."""
    if config["workers"]:
        return []
    return [
        _finding(
            "deployment.workers",
            "medium",
            env._("The server runs without workers"),
            env._("workers = 0: one process serves everything, without limit_memory_* or limit_time_* per request."),
            env._("Set workers (about 2 per CPU core, plus 1) and the limit_* options for production."),
        )
    ]


def check_default_admin_password(env):
    """The administrator still logs in with the password every install starts with."""
    admin = env.ref("base.user_admin", raise_if_not_found=False)
    if not admin or not admin.active:
        return []
    # the hash is not readable through the ORM; Odoo's own login check reads it the same way
    env.cr.execute("SELECT COALESCE(password, '') FROM res_users WHERE id = %s", [admin.id])
    [hashed] = env.cr.fetchone()
    try:
        default = bool(hashed) and env["res.users"]._crypt_context().verify(DEFAULT_ADMIN_PASSWORD, hashed)
    except ValueError:  # a hash passlib does not know is not the default password
        default = False
    if not default:
        return []
    return [
        _finding(
            "deployment.admin_password",
            "critical",
            env._("The administrator uses the default password"),
            env._("%(login)s logs in with the password every new database starts with.", login=admin.login),
            env._("Change the administrator's password now, and enable two-factor authentication."),
            "res.users",
            admin.ids,
        )
    ]


def check_mail_server(env):
    """No outgoing mail server is configured in the database."""
    if env["ir.mail_server"].search_count([], limit=1):
        return []
    return [
        _finding(
            "deployment.mail_server",
            "medium",
            env._("No outgoing mail server"),
            env._(
                "No active outgoing mail server: mail goes to the server's default (%(server)s), or nowhere.",
                server=config.get("smtp_server") or "-",
            ),
            env._("Add an outgoing mail server (Settings > Technical > Outgoing Mail Servers) and test it."),
        )
    ]


def check_version(env):
    """The Odoo version, for the record: updates bring security fixes."""
    return [
        _finding(
            "deployment.version",
            "low",
            env._("Odoo %(version)s", version=release.version),
            env._("This database runs Odoo %(version)s.", version=release.version),
            env._("Keep the Odoo source updated to the latest revision of its version for security fixes."),
        )
    ]


DEPLOYMENT_CHECKS = [
    check_list_db,
    check_proxy_mode,
    check_workers,
    check_default_admin_password,
    check_mail_server,
    check_version,
]
