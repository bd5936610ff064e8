# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up the RPC fuzz run.
# A plain Ops User and a bridge (Ops Integration) user, each with an API key, and a campaign and
# a touchpoint to aim at. Writes the keys and ids as JSON to OPS_E2E_FIXTURE_OUT (mode 600).
import json
import os

from odoo.fields import Command

users = env["res.users"]  # noqa: F821
login = "e2e_fuzz_user"
user = users.search([("login", "=", login)]) or users.with_context(no_reset_password=True).create({
    "login": login, "name": "Fuzz Opsuser",
    "group_ids": [Command.set([env.ref("addon_ops_harmony.addon_ops_harmony_group_user").id])],  # noqa: F821
})
campaign = env["utm.campaign"].search([("name", "=", "E2E fuzz campaign")], limit=1) or env["utm.campaign"].create(  # noqa: F821
    {"name": "E2E fuzz campaign"})
lead = env["crm.lead"].create({"name": "E2E fuzz lead", "user_id": user.id, "campaign_id": campaign.id})  # noqa: F821
touchpoint = env["ops.touchpoint"].create({"lead_id": lead.id, "campaign_id": campaign.id})  # noqa: F821
keys = {
    "ops_user": env["res.users.apikeys"].with_user(user).sudo()._generate(None, "e2e fuzz", None),  # noqa: F821
    "bridge": users._ops_bridge_provision_key(login="e2e_fuzz_bridge", key_name="e2e fuzz"),
}
env.cr.commit()  # noqa: F821

fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump({"keys": keys, "campaign_id": campaign.id, "lead_id": lead.id, "touchpoint_id": touchpoint.id}, out)
print(f"rpc fuzz: lead {lead.id}, touchpoint {touchpoint.id}")
