# Runs inside `odoo-bin shell` (stdin) before the end-to-end suite: sets up test/e2e/ai_intake.test.ts.
# An Ops User (not a manager) with an API key, who uploads the bills through the Upload documents
# form over JSON-2, and two inbound requests as the mail alias queues them (one with no body).
# Writes the key and the ids as JSON to OPS_E2E_FIXTURE_OUT (mode 600).
import json
import os
import uuid

from odoo.fields import Command

users = env["res.users"]  # noqa: F821
user_group = env.ref("addon_ops_harmony.addon_ops_harmony_group_user")  # noqa: F821
uploader = users.search([("login", "=", "e2e_ai_uploader")])
if not uploader:
    uploader = users.with_context(no_reset_password=True).create(
        {
            "login": "e2e_ai_uploader",
            "name": "AI Uploader (Ops User)",
            "group_ids": [Command.set(user_group.ids)],
        }
    )
assert not uploader.has_group("addon_ops_harmony.addon_ops_harmony_group_manager"), "the uploader must be a plain Ops User"
request_type = env.ref("addon_ops_harmony.ops_ai_document_type_inbound_request")  # noqa: F821
tag = uuid.uuid4().hex[:8]
# Superuser in the shell: the job is created the way the mail alias's message_new creates it.
jobs = env["ops.ai.job"]  # noqa: F821
requests = jobs.create(
    [
        {
            "name": f"Quote for 20 standing desks ({tag})",
            "document_type_id": request_type.id,
            "origin": "mail",
            "sender": "Jane Porter <jane.porter@acme-logistics.example>",
            "body_text": "Hello,\nWe are interested in your standing desks for our new office. Could you send a quote?\n\n"
            "Best regards,\nJane Porter\nAcme Logistics Ltd\n+44 20 7946 0958",
        },
        {
            "name": f"Support request ({tag})",
            "document_type_id": request_type.id,
            "origin": "mail",
            "sender": "someone@example.com",
            "body_text": False,
        },
    ]
)
key = env["res.users.apikeys"].with_user(uploader).sudo()._generate("rpc", "e2e ai intake", None)  # noqa: F821
env.cr.commit()  # noqa: F821

fd = os.open(os.environ["OPS_E2E_FIXTURE_OUT"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w", encoding="utf-8") as out:
    json.dump(
        {
            "key": key,
            "vendor_bill_type_id": env.ref("addon_ops_harmony.ops_ai_document_type_vendor_bill").id,  # noqa: F821
            "request_job_id": requests[0].id,
            "empty_request_job_id": requests[1].id,
        },
        out,
    )
print(f"ai intake: request jobs {requests.ids}")
