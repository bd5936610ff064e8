# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up test/e2e/ai_models.test.ts.
# An Ops User (a reviewer, not a manager) with an API key; two inbound requests queued as the mail
# alias queues them, for the worker to classify and the reviewer to correct; and a third one failed,
# which the reviewer requeues once a new classifier is active. Superuser in the shell: it also resets the
# classifier versions (see below), which nobody can do over RPC.
# Writes the key and the ids as JSON to OPS_E2E_FIXTURE_OUT (mode 600).
import json
import os
import uuid

from odoo.fields import Command

users = env["res.users"]  # noqa: F821
user_group = env.ref("addon_ops_harmony.addon_ops_harmony_group_user")  # noqa: F821
reviewer = users.search([("login", "=", "e2e_ai_model_reviewer")])
if not reviewer:
    reviewer = users.with_context(no_reset_password=True).create(
        {
            "login": "e2e_ai_model_reviewer",
            "name": "AI Model Reviewer (Ops User)",
            "group_ids": [Command.set(user_group.ids)],
        }
    )
assert not reviewer.has_group("addon_ops_harmony.addon_ops_harmony_group_manager"), "the reviewer must be a plain Ops User"
request_type = env.ref("addon_ops_harmony.ops_ai_document_type_inbound_request")  # noqa: F821
tag = uuid.uuid4().hex[:8]
jobs = env["ops.ai.job"]  # noqa: F821
queued = jobs.create(
    [
        {
            "name": f"Printer on floor 3 ({tag})",
            "document_type_id": request_type.id,
            "origin": "mail",
            "sender": "Tom Baker <tom.baker@acme-logistics.example>",
            "body_text": f"Hi, the label printer we bought from you stopped printing this morning, error E42 ({tag}).\n\n"
            "Thanks,\nTom Baker",
        },
        {
            "name": f"Facture impayée ({tag})",
            "document_type_id": request_type.id,
            "origin": "mail",
            "sender": "Julie Roux <julie.roux@example.fr>",
            "body_text": f"Bonjour, le scanner livré la semaine dernière ne s'allume plus ({tag}). Pouvez-vous nous aider ?\n\n"
            "Cordialement,\nJulie Roux",
        },
    ]
)
later = jobs.create(
    {
        "name": f"Where is my order? ({tag})",
        "document_type_id": request_type.id,
        "origin": "mail",
        "sender": "Ann Lee <ann.lee@example.com>",
        "body_text": f"Hello, order SO-4471 has not arrived and the tracking link is dead ({tag}).\n\nAnn Lee",
    }
)
later.sudo().write({"state": "failed", "failure_category": "internal", "failure_reason": "held back by the e2e fixture"})
# A known start, whatever earlier runs left: no active classifier (the worker runs the bridge's shipped
# default), and no version holding the shipped default's name (retrain hands it in as the baseline).
shipped_path = os.path.join(os.environ["OPS_ROOT"], "sync_bridge", "data", "intake", "request_classifier.json")
with open(shipped_path, encoding="utf-8") as shipped_file:
    shipped_name = json.load(shipped_file)["name"]
versions = env["ops.ai.model.version"]  # noqa: F821
versions.search([("kind", "=", "classifier"), ("state", "=", "active")]).action_retire()
for version in versions.search([("name", "=", shipped_name)]):
    version.write({"name": f"{shipped_name}-before-{tag}"})
key = env["res.users.apikeys"].with_user(reviewer).sudo()._generate("rpc", "e2e ai models", None)  # noqa: F821
env.cr.commit()  # noqa: F821

fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump({"key": key, "queued_job_ids": queued.ids, "later_job_id": later.id}, out)
print(f"ai models: request jobs {queued.ids}, held back {later.id}")
