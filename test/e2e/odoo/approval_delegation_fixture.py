# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up the forged delegation.
# The admin approves requests of the policy "E2E delegation"; Mallory is a plain Ops User. The
# suite replays the forging sequence over JSON-2 as Mallory and checks it fails. Writes
# the API keys, user ids and a fresh pending request id as JSON to OPS_E2E_FIXTURE_OUT (mode 600).
import json
import os

from odoo.fields import Command

users = env["res.users"]  # noqa: F821


def user(login, name, groups):
    found = users.search([("login", "=", login)])
    return found or users.with_context(no_reset_password=True).create({
        "login": login, "name": name,
        "group_ids": [Command.set([env.ref(group).id for group in groups])],  # noqa: F821
    })


admin = env.ref("base.user_admin")  # noqa: F821
mallory = user("e2e_dlg_mallory", "Mallory Opsuser", ["addon_ops_harmony.addon_ops_harmony_group_user"])
friend = user("e2e_dlg_friend", "Fay Friend", ["addon_ops_harmony.addon_ops_harmony_group_user"])
requester = user("e2e_dlg_requester", "Rob Requester", ["sales_team.group_sale_salesman"])
manager = user("e2e_dlg_manager", "Max Manager", ["addon_ops_harmony.addon_ops_harmony_group_manager"])
# a second run starts from no delegation of Mallory's, and none naming her as the admin's stand-in
env["ops.approval.delegation"].with_context(active_test=False).search([  # noqa: F821
    "|", ("user_id", "=", mallory.id), ("delegate_id", "=", mallory.id),
]).unlink()

Policy = env["ops.approval.policy"]  # noqa: F821
policy = Policy.search([("name", "=", "E2E delegation"), ("state", "=", "published")], limit=1)
if not policy:
    policy = Policy.create({
        "name": "E2E delegation",
        "model_id": env["ir.model"]._get_id("sale.order"),  # noqa: F821
        "method_name": "action_confirm",
        "domain": "[('client_order_ref', '=', 'E2E-DLG')]",
        "default_tier": "medium",
        "step_ids": [Command.create({"name": "Admin", "tier": "medium", "approver_type": "user",
                                     "user_ids": [Command.set(admin.ids)]})],
    })
    policy.action_publish()
customer = env["res.partner"].create({"name": "Delegation customer"})  # noqa: F821
order = env["sale.order"].create({"partner_id": customer.id, "client_order_ref": "E2E-DLG"})  # noqa: F821
request = env["ops.approval.request"]._ops_ask(policy, order, requester)  # noqa: F821
keys = {
    who.login: env["res.users.apikeys"].with_user(who).sudo()._generate(None, "e2e delegation", None)  # noqa: F821
    for who in (mallory, manager)
}
env.cr.commit()  # noqa: F821

fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump({
        "keys": {"mallory": keys[mallory.login], "manager": keys[manager.login]},
        "users": {"admin": admin.id, "mallory": mallory.id, "friend": friend.id},
        "request_id": request.id,
    }, out)
print(f"approval delegation: request {request.name}")
