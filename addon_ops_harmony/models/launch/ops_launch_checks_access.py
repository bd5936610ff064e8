"""Launch review checks on access: who administers the database, and which API keys outlive their use.

Each check takes the runner's environment (superuser: it reads every user and every API key) and
returns finding dicts; the review runs them in the order of ACCESS_CHECKS.

Segregation of duties between requesters and approvers, and the rights of the bridge's user, are
checked in ops_launch_checks_access_roles.py.
"""

ADMIN_GROUP = "base.group_system"


def _key_owners(env):
    """Return the API keys' owners as (inactive users, active users with a key without expiry)."""
    keys = env["res.users.apikeys"].search([])
    owners = keys.user_id
    inactive = owners.filtered(lambda user: not user.active)
    no_expiry = keys.filtered(lambda key: not key.expiration_date).user_id - inactive
    return inactive, no_expiry


def check_administrators(env):
    """Active internal users with the Settings administrator right."""
    admins = env.ref(ADMIN_GROUP).all_user_ids.filtered(lambda user: user.active and not user.share)
    if not admins:
        return []
    return [
        {
            "category": "access",
            "code": "access.admins",
            "severity": "medium",
            "title": env._("%(count)s users are administrators", count=len(admins)),
            "detail": env._("Administrators: %(names)s.", names=", ".join(admins.mapped("name"))),
            "remediation": env._(
                "Keep two named administrators at most; give everyone else the rights of their job "
                "(Ops User, Ops Manager) without Administration / Settings."
            ),
            "res_model": "res.users",
            "res_ids": admins.ids,
        }
    ]


def check_inactive_users_with_keys(env):
    """Archived users that still hold API keys: reactivating the user revives the keys."""
    inactive, _no_expiry = _key_owners(env)
    if not inactive:
        return []
    return [
        {
            "category": "access",
            "code": "access.inactive_keys",
            "severity": "high",
            "title": env._("%(count)s archived users still hold API keys", count=len(inactive)),
            "detail": env._(
                "%(names)s: their keys work again as soon as the user is unarchived.",
                names=", ".join(inactive.mapped("name")),
            ),
            "remediation": env._("Delete these users' API keys (Settings > Users > the user > Account Security)."),
            "res_model": "res.users",
            "res_ids": inactive.ids,
        }
    ]


def check_keys_without_expiry(env):
    """Active users holding an API key that never expires."""
    _inactive, no_expiry = _key_owners(env)
    if not no_expiry:
        return []
    return [
        {
            "category": "access",
            "code": "access.keys_no_expiry",
            "severity": "medium",
            "title": env._("%(count)s users hold an API key without expiry", count=len(no_expiry)),
            "detail": env._(
                "%(names)s: a leaked key without expiry works until someone deletes it.",
                names=", ".join(no_expiry.mapped("name")),
            ),
            "remediation": env._("Replace these keys with keys that expire, e.g. after 90 days, and delete the old ones."),
            "res_model": "res.users",
            "res_ids": no_expiry.ids,
        }
    ]


def check_keys_without_scope(env):
    """Active users holding an API key without scope: Odoo accepts it wherever it checks a key, whatever the use."""
    keys = env["res.users.apikeys"].search([("scope", "=", False)])
    # archived users' keys are the inactive keys' finding
    owners = keys.user_id.filtered("active")
    if not owners:
        return []
    keys = keys.filtered(lambda key: key.user_id in owners)
    return [
        {
            "category": "access",
            "code": "access.keys_no_scope",
            "severity": "low",
            "title": env._("%(count)s users hold an API key without scope", count=len(owners)),
            "detail": env._(
                "%(keys)s: a key without scope is accepted for RPC and for every scoped use (a mail plugin, a "
                "trusted browser), so one leak opens them all. Keys made in the user's preferences have no scope.",
                keys=", ".join(f"{key.user_id.name} ({key.name})" for key in keys),
            ),
            "remediation": env._(
                "Give integrations keys with the scope they use, such as the bridge's key (scope rpc, made by npm run "
                "bridge:key), and delete the keys without scope that no person needs any more."
            ),
            "res_model": "res.users",
            "res_ids": owners.ids,
        }
    ]


ACCESS_CHECKS = [check_administrators, check_inactive_users_with_keys, check_keys_without_expiry, check_keys_without_scope]
