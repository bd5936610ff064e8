/** Jobs and a provider for the provider tests: an English bill PDF and a request e-mail, claimed as Odoo hands them over. */
import type { ClaimedJob } from "../../../sync_bridge/src/gateway/ai_gateway";
import type { ExternalProvider } from "../../../sync_bridge/src/intake/providers/external_read";
import { FAKE_OPENAI_URL } from "../fixtures/openai/openai_fake";
import { englishBill, type BillSpec } from "./bill_pdfs";

export const BILL: BillSpec = {
  partnerName: "Northwind Supplies Ltd",
  partnerVat: "GB980780684",
  partnerIban: "GB29NWBK60161331926819",
  invoiceNumber: "INV-2024-0042",
  invoiceDate: "2024-12-31",
  dueDate: "2025-01-30",
  currency: "GBP",
  taxRate: 20,
  lines: [{ description: "Steel brackets", quantity: 12, unitPrice: "14.50" }],
};

export const PROMPT = { version: "vendor_bill@3", text: "Read the bill; quote your evidence." };

export async function billJob(values: Partial<ClaimedJob> = {}): Promise<ClaimedJob> {
  return {
    id: 41,
    document_type: "vendor_bill",
    kind: "pdf",
    filename: "northwind-secret-name.pdf",
    mimetype: "application/pdf",
    data_b64: Buffer.from(await englishBill(BILL)).toString("base64"),
    text: null,
    subject: "Invoice from Northwind — account 7781",
    sender: "ap@northwind.example",
    allow_external_provider: true,
    prompt: PROMPT,
    ...values,
  };
}

export function provider(timeoutMs = 5_000, sleeps: number[] = []): ExternalProvider {
  return {
    config: { baseUrl: FAKE_OPENAI_URL, model: "gpt-4o-2024-08-06", apiKey: "sk-test-key", timeoutMs },
    deps: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    },
  };
}

/** The answer a careful model gives for BILL: each value with a quote copied from the PDF's text. */
export const GOOD_ANSWER: Record<string, [string | null, string | null]> = {
  partner_name: ["Northwind Supplies Ltd", "Northwind Supplies Ltd"],
  partner_vat: ["GB980780684", "VAT No: GB 980 7806 84"],
  partner_iban: ["GB29NWBK60161331926819", "IBAN: GB29 NWBK 6016 1331 9268 19"],
  invoice_number: ["INV-2024-0042", "Invoice No: INV-2024-0042"],
  invoice_date: ["2024-12-31", "Dec 31, 2024"],
  due_date: ["2025-01-30", "January 30, 2025"],
  currency: ["GBP", "Total due £208.80"],
  amount_untaxed: ["174.00", "Subtotal 174.00"],
  amount_tax: ["34.80", "VAT 20% 34.80"],
  amount_total: ["208.80", "Total due £208.80"],
};
