# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up test/e2e/ai_models.test.ts.
# An Ops User (a reviewer, not a manager) with an API key; two inbound requests queued as the mail
# alias queues them, for the worker to classify and the reviewer to correct; and a third one failed,
# which the reviewer requeues once a new classifier is active. Superuser in the shell: it also resets the
# classifier versions (see below), which nobody can do over RPC.
# Writes the key and the ids as JSON to OPS_E2E_FIXTURE_OUT (mode 600).
import json
import os
import sys

sys.path.insert(0, os.path.join(os.environ["OPS_ROOT"], "test", "e2e", "odoo"))
import ai_common  # noqa: E402

_reviewer, key = ai_common.ops_user_with_key(
    env, "e2e_ai_model_reviewer", "AI Model Reviewer (Ops User)", "e2e ai models"  # noqa: F821
)
tag = ai_common.run_tag()
queued = ai_common.queue_requests(
    env,  # noqa: F821
    [
        {
            "name": f"Printer on floor 3 ({tag})",
            "sender": "Tom Baker <tom.baker@acme-logistics.example>",
            "body_text": f"Hi, the label printer we bought from you stopped printing this morning, error E42 ({tag}).\n\n"
            "Thanks,\nTom Baker",
        },
        {
            "name": f"Facture impayée ({tag})",
            "sender": "Julie Roux <julie.roux@example.fr>",
            "body_text": f"Bonjour, le scanner livré la semaine dernière ne s'allume plus ({tag}). Pouvez-vous nous aider ?\n\n"
            "Cordialement,\nJulie Roux",
        },
    ],
)
later = ai_common.queue_requests(
    env,  # noqa: F821
    [
        {
            "name": f"Where is my order? ({tag})",
            "sender": "Ann Lee <ann.lee@example.com>",
            "body_text": f"Hello, order SO-4471 has not arrived and the tracking link is dead ({tag}).\n\nAnn Lee",
            "state": "failed",
            "failure_category": "internal",
            "failure_reason": "held back by the e2e fixture",
        }
    ],
)
# A known start, whatever earlier runs left: no active classifier (the worker runs the bridge's shipped
# default), and no version holding the shipped default's name (retrain hands it in as the baseline).
shipped_path = os.path.join(os.environ["OPS_ROOT"], "sync_bridge", "data", "intake", "request_classifier.json")
with open(shipped_path, encoding="utf-8") as shipped_file:
    shipped_name = json.load(shipped_file)["name"]
versions = env["ops.ai.model.version"]  # noqa: F821
versions.search([("kind", "=", "classifier"), ("state", "=", "active")]).action_retire()
for version in versions.search([("name", "=", shipped_name)]):
    version.write({"name": f"{shipped_name}-before-{tag}"})
env.cr.commit()  # noqa: F821

ai_common.write_fixture({"key": key, "queued_job_ids": queued.ids, "later_job_id": later.id})
print(f"ai models: request jobs {queued.ids}, held back {later.id}")
