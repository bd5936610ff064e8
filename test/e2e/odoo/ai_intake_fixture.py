# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up test/e2e/ai_intake.test.ts.
# An Ops User (not a manager) with an API key, who uploads the bills through the Upload documents
# form over JSON-2, and two inbound requests as the mail alias queues them (one with no body).
# Writes the key and the ids as JSON to OPS_E2E_FIXTURE_OUT (mode 600).
import os
import sys

sys.path.insert(0, os.path.join(os.environ["OPS_ROOT"], "test", "e2e", "odoo"))
import ai_common  # noqa: E402

_uploader, key = ai_common.ops_user_with_key(env, "e2e_ai_uploader", "AI Uploader (Ops User)", "e2e ai intake")  # noqa: F821
tag = ai_common.run_tag()
requests = ai_common.queue_requests(
    env,  # noqa: F821
    [
        {
            "name": f"Quote for 20 standing desks ({tag})",
            "sender": "Jane Porter <jane.porter@acme-logistics.example>",
            "body_text": "Hello,\nWe are interested in your standing desks for our new office. Could you send a quote?\n\n"
            "Best regards,\nJane Porter\nAcme Logistics Ltd\n+44 20 7946 0958",
        },
        {"name": f"Support request ({tag})", "sender": "someone@example.com", "body_text": False},
    ],
)
env.cr.commit()  # noqa: F821

ai_common.write_fixture(
    {
        "key": key,
        "vendor_bill_type_id": env.ref("addon_ops_harmony.ops_ai_document_type_vendor_bill").id,  # noqa: F821
        "request_job_id": requests[0].id,
        "empty_request_job_id": requests[1].id,
    }
)
print(f"ai intake: request jobs {requests.ids}")
