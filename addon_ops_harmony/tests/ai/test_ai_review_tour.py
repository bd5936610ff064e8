import ast
from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import ChromeBrowser

from ..common import BILLING_GROUP, INPUT_SHA256, INTEGRATION_GROUP, OPS_USER_GROUP, SALESMAN
from .text_pdf import text_pdf

BILL_TEXTS = [
    (60, 60, "ACME Supplies NV"),
    (60, 78, "VAT BE0477472701"),
    (330, 60, "Invoice INV-2026-0042"),
    (330, 78, "Date 2026-11-03"),
    (330, 96, "Due 2026-12-03"),
    (60, 200, "Pump PX-200    2 x 50.00    100.00"),
    (330, 300, "Subtotal EUR 100.00"),
    (330, 318, "VAT 21% EUR 21.00"),
    (330, 336, "Total EUR 121.00"),
]
REQUEST_BODY = "Hello, Ann Lee from Lee Logistics here. We would like pricing for 40 seats of Ops Desk."


def _field(name, value, confidence, evidence, candidates=()):
    return {
        "name": name,
        "raw": value,
        "value": value,
        "confidence": confidence,
        "evidence": evidence,
        "candidates": [{"value": v, "confidence": c, "generator": "test"} for v, c in candidates],
        "generator": "tour",
    }


@tagged("post_install", "-at_install")
class TestAiReviewTour(HttpCase):
    """In Chromium, a reviewer (Ops User, Invoicing, Sales; not an admin) reviews a bill and a request by keyboard."""

    def _screenshots(self):
        """Take a screenshot when the tour logs "ops_harmony:screenshot" (saved in Odoo's screenshots folder)."""
        handle = ChromeBrowser._handle_console

        def handle_console(browser, type, args=None, stackTrace=None, **kw):  # noqa: A002 - Chrome's name
            if args and "ops_harmony:screenshot" in str(args[0].get("value")):
                browser.take_screenshot(prefix=str(args[0]["value"]).split()[-1] + "_")
            return handle(browser, type, args, stackTrace, **kw)

        return patch.object(ChromeBrowser, "_handle_console", handle_console)

    def test_01_review_and_confirm_a_bill_and_a_request_correcting_one_field_each(self):
        """The corrected date and the vendor picked by search reach the bill, the corrected contact name the lead: all stored."""
        reviewer = new_test_user(
            self.env,
            "t_airt_reviewer",
            groups=f"{OPS_USER_GROUP},{BILLING_GROUP},{SALESMAN}",
            name="Tour Reviewer",
            tz="UTC",
        )
        self.assertFalse(reviewer.has_group("base.group_system"))
        self.env.ref("base.EUR").active = True
        vendor = self.env["res.partner"].create({"name": "ACME Supplies NV", "vat": "BE0477472701", "is_company": True})
        # the vendor the reviewer searches for and picks instead of the one matched by VAT
        branch = self.env["res.partner"].create({"name": "ACME Supplies Belgium BV", "vat": "BE0403019261", "is_company": True})
        bridge = new_test_user(self.env, "t_airt_bridge", groups=INTEGRATION_GROUP)
        Job = self.env["ops.ai.job"].sudo()
        pdf, boxes = text_pdf(BILL_TEXTS)
        bills = self.env.ref("addon_ops_harmony.ops_ai_mail_alias_vendor_bills")
        msg = {"subject": "Invoice INV-2026-0042", "body": "", "email_from": "ap@acme.example"}
        bill_job = Job.message_new(
            {**msg, "attachments": [("INV-2026-0042.pdf", pdf, {})]}, ast.literal_eval(bills.alias_defaults)
        )
        requests = self.env.ref("addon_ops_harmony.ops_ai_mail_alias_requests")
        request_msg = {"subject": "Pricing for 40 seats", "body": f"<p>{REQUEST_BODY}</p>", "email_from": "ann@lee.example"}
        request_job = Job.message_new({**request_msg, "attachments": []}, ast.literal_eval(requests.alias_defaults))
        gateway = self.env["ops.ai.gateway"].with_user(bridge)
        gateway.claim_jobs("tour", limit=50)

        def box(text):
            return {"page": 1, "box": boxes[text]}

        gateway.submit_result(
            bill_job.id,
            "tour",
            {
                "provider": "local",
                "model_version": "tour-1",
                "input_sha256": INPUT_SHA256,
                "text": "\n".join(text for _x, _y, text in BILL_TEXTS),
                "pages": [{"number": 1, "width": 595, "height": 842}],
                "fields": [
                    _field("partner_name", "ACME Supplies NV", 0.9, box("ACME Supplies NV")),
                    _field("partner_vat", "BE0477472701", 0.97, box("VAT BE0477472701")),
                    _field("invoice_number", "INV-2026-0042", 0.93, box("Invoice INV-2026-0042")),
                    _field("invoice_date", "2026-11-02", 0.41, box("Date 2026-11-03"), [("2026-11-03", 0.38)]),
                    _field("due_date", "2026-12-03", 0.86, box("Due 2026-12-03")),
                    _field("currency", "EUR", 0.88, box("Total EUR 121.00")),
                    _field("amount_untaxed", "100.00", 0.74, box("Subtotal EUR 100.00")),
                    _field("amount_total", "121.00", 0.8, box("Total EUR 121.00")),
                ],
                "lines": [{"description": "Pump PX-200", "quantity": 2, "unit_price": 50.0, "amount": 100.0, "tax_rate": 21}],
                "checks": [
                    {"name": "totals", "ok": True, "detail": None},
                    {"name": "invoice_date", "ok": False, "detail": "Two dates near the label: 2026-11-02 and 2026-11-03."},
                ],
            },
        )
        text = f"From: ann@lee.example\nSubject: Pricing for 40 seats\n\n{REQUEST_BODY}"

        def span(part):
            start = text.index(part)
            return {"span": [start, start + len(part)]}

        gateway.submit_result(
            request_job.id,
            "tour",
            {
                "provider": "local",
                "model_version": "tour-1",
                "input_sha256": INPUT_SHA256,
                "text": text,
                "class": {
                    "label": "sales_lead",
                    "confidence": 0.81,
                    "candidates": [{"label": "sales_lead", "confidence": 0.81}, {"label": "other", "confidence": 0.1}],
                },
                "fields": [
                    _field("contact_name", "Ann", 0.55, span("Ann")),
                    _field("email", "ann@lee.example", 0.96, span("ann@lee.example")),
                    _field("company", "Lee Logistics", 0.7, span("Lee Logistics")),
                    _field("product_interest", "40 seats of Ops Desk", 0.62, span("40 seats of Ops Desk")),
                ],
                "checks": [],
            },
        )
        self.assertEqual((bill_job.state, request_job.state), ("to_review", "to_review"))

        with self._screenshots():
            self.start_tour(
                "/odoo/action-addon_ops_harmony.ops_ai_review_queue_action",
                "addon_ops_harmony_ai_review_bill",
                login=reviewer.login,
            )
            self.start_tour(
                "/odoo/action-addon_ops_harmony.ops_ai_review_queue_action",
                "addon_ops_harmony_ai_review_request",
                login=reviewer.login,
            )

        bill = bill_job._ops_result_record()
        self.assertEqual((bill._name, bill.move_type, bill.state), ("account.move", "in_invoice", "draft"))
        self.assertEqual((bill.partner_id, bill.ref, str(bill.invoice_date)), (branch, "INV-2026-0042", "2026-11-03"))
        self.assertEqual((bill.create_uid, bill_job.reviewer_id), (reviewer, reviewer))
        lead = request_job._ops_result_record()
        self.assertEqual((lead._name, lead.contact_name, lead.email_from), ("crm.lead", "Ann Lee", "ann@lee.example"))
        corrections = self.env["ops.ai.correction"].search([("job_id", "in", (bill_job + request_job).ids)])
        self.assertEqual(
            sorted((c.field_name, c.predicted_value, c.final_value) for c in corrections),
            [
                ("contact_name", "Ann", "Ann Lee"),
                ("invoice_date", "2026-11-02", "2026-11-03"),
                ("partner_id", str(vendor.id), str(branch.id)),
            ],
        )
