/**
 * The AI layer's ground truth, loaded for tests and the bench: the labelled inbound request emails
 * (`sync_bridge/data/intake/requests/{train,heldout}.jsonl`, shipped with the bridge for retraining;
 * validated with zod on load) and the generated vendor bills (`bill_corpus.ts`). Held-out data is what models are measured on and never train on.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export { BILL_LAYOUTS, billDataset, generateBills, renderBill, type GeneratedBill } from "./bill_corpus";

export const REQUEST_CLASSES = ["sales_lead", "procurement_request", "support_case", "onboarding_request", "other"] as const;
export type RequestClass = (typeof REQUEST_CLASSES)[number];

/** The fields every class may carry, then each class's own (the contract between Odoo and the worker). */
export const CONTACT_FIELDS = ["contact_name", "email", "phone", "company"] as const;
export const CLASS_FIELDS: Record<RequestClass, readonly string[]> = {
  sales_lead: ["product_interest"],
  procurement_request: ["item", "quantity", "budget"],
  support_case: ["order_reference", "issue"],
  onboarding_request: ["employee_name", "start_date", "role"],
  other: [],
};

const requestEmail = z.strictObject({
  id: z.string().regex(/^req-[a-z]{2}-\d{3}$/),
  /** One language (`fr`) or a mix (`en+fr`). */
  lang: z.string().regex(/^[a-z]{2}(\+[a-z]{2})*$/),
  tone: z.enum(["terse", "polite", "angry", "forwarded", "signature", "mixed", "auto", "newsletter", "wrong-alias", "spam"]),
  subject: z.string(),
  from: z.string().min(3),
  body: z.string(),
  expect: z.strictObject({
    class: z.enum(REQUEST_CLASSES),
    fields: z.record(z.string(), z.string().min(1)),
  }),
});

export type RequestEmail = z.infer<typeof requestEmail>;
export type RequestSplit = "train" | "heldout";

export const REQUESTS_DIR = join(__dirname, "..", "..", "..", "sync_bridge", "data", "intake", "requests");

/** The labelled emails of one split; a malformed line fails with its line number. */
export function loadRequests(split: RequestSplit): RequestEmail[] {
  const text = readFileSync(join(REQUESTS_DIR, `${split}.jsonl`), "utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const parsed = requestEmail.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${split}.jsonl line ${index + 1}: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    });
}

/** The languages an email is written in: `en+fr` → ["en", "fr"]. */
export function languagesOf(email: RequestEmail): string[] {
  return email.lang.split("+");
}
