// Review payloads as ops.ai.job.review_payload answers them (models/ai/ops_ai_review_screen.py),
// shared by the review screen's tests: a PDF bill and an e-mailed request.
import type { ReviewPayload } from "../../../web_src/src/ai_review/review_rpc";

const REQUEST_TEXT = "From: ann@lee.example\nSubject: Seats\n\nHello, Ann Lee here: we want 40 seats.";

export function billPayload(overrides: Partial<ReviewPayload> = {}): ReviewPayload {
  return {
    id: 42,
    name: "Invoice INV-7",
    state: "to_review",
    state_label: "To review",
    document_type: { code: "vendor_bill", name: "Vendor bill" },
    kind: "pdf",
    attachment: { id: 9, name: "inv.pdf", mimetype: "application/pdf" },
    sender: "ap@acme.example",
    text: "ACME BV invoice INV-7 total 121.00",
    pages: [{ number: 1, width: 600, height: 800, unit: "pt" }],
    fields: [
      {
        name: "invoice_number",
        label: "Invoice number",
        raw: "INV-7",
        value: "INV-7",
        final_value: null,
        confidence: 0.95,
        generator: "label:invoice_no",
        evidence: { page: 1, box: [300, 100, 420, 120] },
        candidates: [],
      },
      {
        name: "invoice_date",
        label: "Invoice date",
        raw: "02/11/2026",
        value: "2026-11-02",
        final_value: null,
        confidence: 0.4,
        generator: "date:label",
        evidence: { page: 1, box: [60, 200, 180, 220] },
        candidates: [
          { value: "2026-02-11", confidence: 0.3, generator: "date:us" },
          { value: "2026-11-03", confidence: 0.1, generator: "date:near" },
        ],
      },
    ],
    class: null,
    lines: [{ description: "Pump", quantity: 2, unit_price: 50, amount: 100, tax_rate: 21, confidence: 0.9 }],
    checks: [
      { name: "totals", ok: false, detail: "lines + taxes = 120.00, total says 121.00" },
      { name: "iban", ok: true },
    ],
    min_confidence: 0.4,
    review_first: true,
    review_first_below: 0.8,
    vendor: null,
    company_id: 1,
    can_confirm: true,
    ...overrides,
  };
}

export function requestPayload(): ReviewPayload {
  return billPayload({
    id: 43,
    name: "Seats",
    document_type: { code: "inbound_request", name: "Inbound request" },
    kind: "email",
    attachment: null,
    text: REQUEST_TEXT,
    pages: [],
    lines: [],
    checks: [],
    fields: [
      {
        name: "contact_name",
        label: "Contact name",
        raw: "Ann Lee",
        value: "Ann Lee",
        final_value: null,
        confidence: 0.9,
        generator: "signature",
        evidence: { span: [REQUEST_TEXT.indexOf("Ann Lee"), REQUEST_TEXT.indexOf("Ann Lee") + 7] },
        candidates: [],
      },
    ],
    class: {
      label: "support_case",
      confidence: 0.55,
      candidates: [
        { label: "support_case", confidence: 0.55 },
        { label: "sales_lead", confidence: 0.4 },
      ],
      choices: [
        { label: "sales_lead", name: "Sales lead", fields: ["contact_name", "product_interest"] },
        { label: "support_case", name: "Support case", fields: ["contact_name", "issue", "order_reference"] },
      ],
    },
  });
}
