# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up the escalation of the
# issue. An Ops Manager who is not an administrator, with an API key, and an open sync conflict on
# a contact (source "e2e_privilege", so that no other suite's sync meets it). The suite then tries
# to point the binding at res.users and the conflict at group_ids over JSON-2, and accepts it.
# Writes the key and the ids as JSON to OPS_E2E_FIXTURE_OUT (mode 600).
import json
import os
import uuid

from odoo.fields import Command

SOURCE = "e2e_privilege"
users = env["res.users"]  # noqa: F821
manager_group = env.ref("addon_ops_harmony.addon_ops_harmony_group_manager")  # noqa: F821
manager = users.search([("login", "=", "e2e_sync_manager")])
if not manager:
    manager = users.with_context(no_reset_password=True).create({
        "login": "e2e_sync_manager", "name": "Sync Manager (not an admin)",
        "group_ids": [Command.set(manager_group.ids)],
    })
assert not manager.has_group("base.group_system"), "the fixture's manager must not be an administrator"
partner_model = env["ir.model"]._get("res.partner")  # noqa: F821
ownership = env["ops.sync.ownership"]  # noqa: F821
if not ownership.search([("source", "=", SOURCE), ("model_id", "=", partner_model.id), ("field_id", "=", False)]):
    ownership.create({"source": SOURCE, "model_id": partner_model.id, "policy": "odoo_wins"})

# a fresh conflict on each run: sync a company, edit it in Odoo, sync another name
external_id = f"company-{uuid.uuid4().hex[:8]}"
gateway = env["ops.sync.gateway"]  # noqa: F821
[created] = gateway.ingest(SOURCE, "companies", [{"external_id": external_id, "values": {"name": "Privilege Co"}}])["results"]
partner = env["res.partner"].browse(created["res_id"])  # noqa: F821
partner.name = "Privilege Co (edited in Odoo)"
[conflicting] = gateway.ingest(
    SOURCE, "companies", [{"external_id": external_id, "values": {"name": "Privilege Co (from the source)"}}])["results"]
assert conflicting["status"] == "conflict", conflicting
conflict = env["ops.sync.conflict"].search(  # noqa: F821
    [("source", "=", SOURCE), ("external_id", "=", external_id), ("state", "=", "open")])
key = env["res.users.apikeys"].with_user(manager).sudo()._generate("rpc", "e2e sync privilege", None)  # noqa: F821
env.cr.commit()  # noqa: F821

fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump({
        "key": key,
        "manager_id": manager.id,
        "conflict_id": conflict.id,
        "binding_id": conflict.binding_id.id,
        "partner_id": partner.id,
        "system_group_id": env.ref("base.group_system").id,  # noqa: F821
    }, out)
print(f"sync privilege: conflict {conflict.id} on partner {partner.id}")
