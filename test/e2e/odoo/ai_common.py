# What the AI fixtures (ai_*_fixture.py, run inside `odoo-bin shell`) share: a plain Ops User with an
# API key, inbound requests queued as the mail alias queues them, a run tag, and the JSON they hand
# to their suite. Not a fixture itself (the runner takes *_fixture.py only); a fixture loads it with
#   sys.path.insert(0, os.path.join(os.environ["OPS_ROOT"], "test", "e2e", "odoo")); import ai_common
import json
import os
import uuid

from odoo.fields import Command

USER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_user"
MANAGER_GROUP = "addon_ops_harmony.addon_ops_harmony_group_manager"


def run_tag():
    """A short random tag that keeps this run's records apart from earlier runs'."""
    return uuid.uuid4().hex[:8]


def ops_user_with_key(env, login, name, key_name):
    """Return (user, API key) for the plain Ops User `login`, created on the first run; never a manager."""
    users = env["res.users"]
    user = users.search([("login", "=", login)])
    if not user:
        user = users.with_context(no_reset_password=True).create(
            {"login": login, "name": name, "group_ids": [Command.set(env.ref(USER_GROUP).ids)]}
        )
    assert not user.has_group(MANAGER_GROUP), f"{login} must be a plain Ops User"
    key = env["res.users.apikeys"].with_user(user).sudo()._generate("rpc", key_name, None)
    return user, key


def queue_requests(env, requests):
    """Create inbound request jobs as the mail alias's message_new does (superuser in the shell).

    `requests`: dicts with name, sender, body_text and optionally state, failure_category, failure_reason.
    """
    request_type = env.ref("addon_ops_harmony.ops_ai_document_type_inbound_request")
    return env["ops.ai.job"].create([{"document_type_id": request_type.id, "origin": "mail", **values} for values in requests])


def write_fixture(values):
    """Write `values` as JSON to OPS_E2E_FIXTURE_OUT, readable by the owner only (it holds an API key)."""
    fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(values, out)
