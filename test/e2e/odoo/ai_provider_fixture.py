# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up test/e2e/ai_provider.test.ts.
# The administrator's opt-in: inbound requests may go to an external provider (vendor bills may not);
# one request e-mail (failed until the test requeues it), one bill held by a probe worker, and an Ops User
# with an API key who requeues. Writes the key and the ids as JSON to OPS_E2E_FIXTURE_OUT.
import datetime
import os
import sys

sys.path.insert(0, os.path.join(os.environ["OPS_ROOT"], "test", "e2e", "odoo"))
import ai_common  # noqa: E402

request_type = env.ref("addon_ops_harmony.ops_ai_document_type_inbound_request")  # noqa: F821
bill_type = env.ref("addon_ops_harmony.ops_ai_document_type_vendor_bill")  # noqa: F821
# superuser in the shell, standing for the administrator who opts the type in
request_type.allow_external_provider = True
bill_type.allow_external_provider = False
tag = ai_common.run_tag()
job = ai_common.queue_requests(
    env,  # noqa: F821
    [
        {
            "name": f"Demo request for the warehouse scanners ({tag})",
            "sender": "Marta Lind <marta.lind@fjord-freight.example>",
            # failed until the test requeues it: another suite's worker (without the provider) must not read it first
            "state": "failed",
            "failure_category": "internal",
            "failure_reason": "Held for test/e2e/ai_provider.test.ts, which requeues it.",
            "body_text": "Hello,\nWe would like a demo of your warehouse scanners for our new depot.\n\n"
            "Best regards,\nMarta Lind\nFjord Freight AS\n+47 22 12 34 56",
        }
    ],
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
_reviewer, key = ai_common.ops_user_with_key(
    env, "e2e_ai_provider_reviewer", "AI Provider Reviewer (Ops User)", "e2e ai provider"  # noqa: F821
)
env.cr.commit()  # noqa: F821

ai_common.write_fixture({"key": key, "request_job_id": job.id, "bill_job_id": bill.id, "tag": tag})
print(f"ai provider: request job {job.id}")
