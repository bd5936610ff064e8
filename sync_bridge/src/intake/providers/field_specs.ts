/**
 * What an external provider is asked for, per document type: the contract's field names, each with
 * a description for the JSON schema and the kind of value, which picks the local validator that
 * checks the value against the provider's quote (`quote_check.ts`).
 */
import { REQUEST_CLASSES, type RequestClass } from "../request_keywords";

/** How a field's value is read back from its quote. */
export type FieldKind = "text" | "amount" | "decimal" | "integer" | "date" | "currency" | "iban" | "vat" | "email" | "phone";

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  description: string;
}

const spec = (name: string, kind: FieldKind, description: string): FieldSpec => ({ name, kind, description });

const VENDOR_BILL: readonly FieldSpec[] = [
  spec("partner_name", "text", "The vendor's name as printed (the party that issued the bill)."),
  spec("partner_vat", "vat", "The vendor's VAT number, without spaces."),
  spec("partner_iban", "iban", "The IBAN the bill asks to pay to, without spaces."),
  spec("invoice_number", "text", "The bill's number or reference as printed."),
  spec("invoice_date", "date", "The bill's date, YYYY-MM-DD."),
  spec("due_date", "date", "The payment due date, YYYY-MM-DD."),
  spec("currency", "currency", "The ISO 4217 code of the bill's currency."),
  spec("amount_untaxed", "amount", "The total before taxes, as 1234.56."),
  spec("amount_tax", "amount", "The total of the taxes, as 1234.56."),
  spec("amount_total", "amount", "The total to pay, taxes included, as 1234.56."),
];

const REQUEST_COMMON: readonly FieldSpec[] = [
  spec("contact_name", "text", "The full name of the person who wrote."),
  spec("email", "email", "The writer's e-mail address."),
  spec("phone", "phone", "The writer's phone number as written."),
  spec("company", "text", "The writer's company."),
];

const REQUEST_CLASS_FIELDS: Readonly<Record<RequestClass, readonly FieldSpec[]>> = {
  sales_lead: [spec("product_interest", "text", "The product or service the writer is interested in.")],
  procurement_request: [
    spec("item", "text", "What should be bought."),
    spec("quantity", "integer", "How many, as a whole number."),
    spec("budget", "decimal", "The budget, as 4500.00 without currency."),
  ],
  support_case: [
    spec("order_reference", "text", "The order or ticket reference the problem is about."),
    spec("issue", "text", "The problem, in the writer's words."),
  ],
  onboarding_request: [
    spec("employee_name", "text", "The full name of the new employee."),
    spec("start_date", "date", "The employee's first day, YYYY-MM-DD."),
    spec("role", "text", "The new employee's role or job title."),
  ],
  other: [],
};

/** The fields a provider is asked for: a bill's, or a request's of class `label` (the local classifier's). */
export function fieldSpecs(documentType: string, label: string | null): readonly FieldSpec[] | null {
  if (documentType === "vendor_bill") return VENDOR_BILL;
  if (documentType === "inbound_request") {
    const known = REQUEST_CLASSES.find((name) => name === label);
    return [...REQUEST_COMMON, ...(known ? REQUEST_CLASS_FIELDS[known] : [])];
  }
  return null;
}

/** The strict JSON schema of the answer: every field an object of `value` and `evidence_quote`, both string or null. */
export function answerJsonSchema(specs: readonly FieldSpec[]): Record<string, unknown> {
  const field = (description: string) => ({
    type: "object",
    additionalProperties: false,
    required: ["value", "evidence_quote"],
    properties: {
      value: { type: ["string", "null"], description },
      evidence_quote: {
        type: ["string", "null"],
        description: "The exact passage of the document that shows the value, copied character for character.",
      },
    },
  });
  return {
    type: "object",
    additionalProperties: false,
    required: specs.map((item) => item.name),
    properties: Object.fromEntries(specs.map((item) => [item.name, field(item.description)])),
  };
}
