# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up test/e2e/ai_provider.test.ts.
# The administrator's opt-in: inbound requests may go to an external provider (vendor bills may not);
# one request e-mail (failed until the test requeues it), one bill held by a probe worker, and an Ops User
# with an API key who requeues. Writes the key and the ids as JSON to OPS_E2E_FIXTURE_OUT.
import datetime
import json
import os
import uuid

from odoo.fields import Command

request_type = env.ref("addon_ops_harmony.ops_ai_document_type_inbound_request")  # noqa: F821
bill_type = env.ref("addon_ops_harmony.ops_ai_document_type_vendor_bill")  # noqa: F821
# superuser in the shell, standing for the administrator who opts the type in
request_type.allow_external_provider = True
bill_type.allow_external_provider = False
tag = uuid.uuid4().hex[:8]
job = env["ops.ai.job"].create(  # noqa: F821
    {
        "name": f"Demo request for the warehouse scanners ({tag})",
        "document_type_id": request_type.id,
        "origin": "mail",
        "sender": "Marta Lind <marta.lind@fjord-freight.example>",
        # failed until the test requeues it: another suite's worker (without the provider) must not read it first
        "state": "failed",
        "failure_category": "internal",
        "failure_reason": "Held for test/e2e/ai_provider.test.ts, which requeues it.",
        "body_text": "Hello,\nWe would like a demo of your warehouse scanners for our new depot.\n\n"
        "Best regards,\nMarta Lind\nFjord Freight AS\n+47 22 12 34 56",
    }
)
# a bill held by the probe worker, as if it had claimed it: the test submits an external result for it
bill = env["ops.ai.job"].create(  # noqa: F821
    {
        "name": f"Bill for the provider probe ({tag})",
        "document_type_id": bill_type.id,
        "origin": "upload",
        "state": "processing",
        "worker": "e2e-provider-probe",
        "lease_expires_at": datetime.datetime.now() + datetime.timedelta(days=1),
    }
)
bill._ops_attach("probe.pdf", b"%PDF-1.4 provider probe")
users = env["res.users"]  # noqa: F821
reviewer = users.search([("login", "=", "e2e_ai_provider_reviewer")])
if not reviewer:
    reviewer = users.with_context(no_reset_password=True).create(
        {
            "login": "e2e_ai_provider_reviewer",
            "name": "AI Provider Reviewer (Ops User)",
            "group_ids": [Command.set(env.ref("addon_ops_harmony.addon_ops_harmony_group_user").ids)],  # noqa: F821
        }
    )
key = env["res.users.apikeys"].with_user(reviewer).sudo()._generate("rpc", "e2e ai provider", None)  # noqa: F821
env.cr.commit()  # noqa: F821

fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump({"key": key, "request_job_id": job.id, "bill_job_id": bill.id, "tag": tag}, out)
print(f"ai provider: request job {job.id}")
