/** A claimed vendor-bill job as Odoo hands it over, for the document-reading tests, and its failure. */
import type { ClaimedJob } from "../../../sync_bridge/src/gateway/ai_gateway";
import { IntakeFailure } from "../../../sync_bridge/src/intake/result";

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

export const documentJob = (values: Partial<ClaimedJob>): ClaimedJob => ({
  id: 1,
  document_type: "vendor_bill",
  kind: "pdf",
  filename: "bill.pdf",
  mimetype: "application/pdf",
  data_b64: null,
  text: null,
  subject: null,
  sender: null,
  ...values,
});

/** The `IntakeFailure` `promise` rejects with; anything else (or success) fails the test. */
export async function failureOf(promise: Promise<unknown>): Promise<IntakeFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IntakeFailure) return error;
    throw error;
  }
  throw new Error("the document was read");
}
