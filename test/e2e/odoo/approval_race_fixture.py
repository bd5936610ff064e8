# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up the approval race.
# Two approvers may each decide the same requests alone (one approval needed); the suite makes
# them approve at the same moment over JSON-2. Writes the keys and request ids as JSON to
# OPS_E2E_APPROVAL_OUT (mode 600).
import json
import os

from odoo.fields import Command

users = env["res.users"]  # noqa: F821
groups = "sales_team.group_sale_salesman"


def user(login, name):
    found = users.search([("login", "=", login)])
    return found or users.with_context(no_reset_password=True).create({
        "login": login, "name": name,
        "group_ids": [Command.set([env.ref(groups).id, env.ref("base.group_user").id])],  # noqa: F821
    })


requester = user("e2e_race_requester", "Race Requester")
first, second = user("e2e_race_first", "Race First"), user("e2e_race_second", "Race Second")
policy = env["ops.approval.policy"].create({  # noqa: F821
    "name": "End-to-end race", "model_id": env["ir.model"]._get_id("sale.order"),  # noqa: F821
    "method_name": "action_confirm", "domain": "[('client_order_ref', '=', 'E2E-RACE')]",
    "default_tier": "medium",
    "step_ids": [Command.create({"name": "Either", "tier": "medium", "approver_type": "user",
                                 "user_ids": [Command.set((first | second).ids)]})],
})
policy.action_publish()
customer = env["res.partner"].create({"name": "Race customer"})  # noqa: F821
request_ids = []
for index in range(5):
    order = env["sale.order"].create({"partner_id": customer.id, "client_order_ref": "E2E-RACE"})  # noqa: F821
    request_ids.append(env["ops.approval.request"]._ops_ask(policy, order, requester).id)  # noqa: F821
keys = {
    approver.login: env["res.users.apikeys"].with_user(approver).sudo()._generate(None, "e2e race", None)  # noqa: F821
    for approver in (first, second)
}
env.cr.commit()  # noqa: F821

fd = os.open(os.environ["OPS_E2E_APPROVAL_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump({"keys": keys, "request_ids": request_ids}, out)
print(f"approval race: {len(request_ids)} requests")
