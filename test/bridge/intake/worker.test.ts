/**
 * The intake worker's loop with an injected gateway (the live Odoo side is `ops.ai.gateway`): each
 * claimed job ends submitted or failed with its category and reason, one bad document never stops
 * the loop, and an Odoo outage does.
 */
import { PDFDocument } from "pdf-lib";
import { FatalOdooError, OdooUnreachableError } from "../../../sync_bridge/src/errors";
import type { AiGateway, ClaimedJob } from "../../../sync_bridge/src/gateway/ai_gateway";
import { processJob } from "../../../sync_bridge/src/intake/process_job";
import type { FailureCategory, IntakeResult } from "../../../sync_bridge/src/intake/result";
import { runIntakeWorker, type IntakeDeps } from "../../../sync_bridge/src/intake/worker";
import { englishBill } from "../support/bill_pdfs";

/** Jobs queued in memory; records what the worker handed back. */
class QueueGateway implements AiGateway {
  submitted: { jobId: number; worker: string; result: IntakeResult }[] = [];
  failed: { jobId: number; worker: string; category: FailureCategory; reason: string }[] = [];
  claims: number[] = [];
  refuseSubmit: Error | null = null;

  constructor(private queue: ClaimedJob[]) {}

  async claimJobs(_worker: string, options: { limit?: number } = {}): Promise<ClaimedJob[]> {
    const limit = options.limit ?? 5;
    this.claims.push(limit);
    const jobs = this.queue.slice(0, limit);
    this.queue = this.queue.slice(limit);
    return jobs;
  }

  async submitResult(jobId: number, worker: string, result: IntakeResult): Promise<{ state: string }> {
    if (this.refuseSubmit) throw this.refuseSubmit;
    this.submitted.push({ jobId, worker, result });
    return { state: "to_review" };
  }

  async failJob(jobId: number, worker: string, category: FailureCategory, reason: string): Promise<{ state: string }> {
    this.failed.push({ jobId, worker, category, reason });
    return { state: "failed" };
  }
}

const job = (id: number, values: Partial<ClaimedJob>): ClaimedJob => ({
  id,
  document_type: "vendor_bill",
  kind: "pdf",
  filename: `bill_${id}.pdf`,
  mimetype: "application/pdf",
  data_b64: null,
  text: null,
  subject: null,
  sender: null,
  ...values,
});

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

async function scannedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawRectangle({ x: 10, y: 10, width: 100, height: 100 });
  return doc.save();
}

async function billPdf(): Promise<Uint8Array> {
  return englishBill({
    partnerName: "Northwind Supplies Ltd",
    partnerVat: "GB980780684",
    partnerIban: "GB29NWBK60161331926819",
    invoiceNumber: "INV-7",
    invoiceDate: "2025-01-15",
    dueDate: "2025-02-14",
    currency: "GBP",
    taxRate: 20,
    lines: [{ description: "Pallets", quantity: 10, unitPrice: "12.00" }],
  });
}

const run = (gateway: AiGateway, extra: Partial<IntakeDeps> = {}, options: { once?: boolean; limit?: number } = {}) =>
  runIntakeWorker(
    { worker: "w1", once: options.once ?? true, limit: options.limit },
    { gateway, sleep: async () => undefined, ...extra },
  );

describe("runIntakeWorker", () => {
  it("submits what it reads and fails what it cannot, each with its category, without stopping", async () => {
    const gateway = new QueueGateway([
      job(1, { data_b64: b64(await billPdf()) }),
      job(2, { data_b64: b64(new TextEncoder().encode("not a pdf")) }),
      job(3, { data_b64: b64(await scannedPdf()) }),
      job(4, { kind: "image", filename: "scan.png", mimetype: "image/png", data_b64: b64(new Uint8Array([137, 80, 78, 71])) }),
      job(5, { document_type: "inbound_request", kind: "email", filename: null, mimetype: null, text: "  ", subject: "Hi" }),
    ]);
    const summary = await run(gateway);
    expect(summary).toMatchObject({ claimed: 5, toReview: 1, failed: 4, byCategory: { corrupt: 1, empty: 2, unsupported: 1 } });
    expect(gateway.submitted.map((entry) => entry.jobId)).toEqual([1]);
    expect(gateway.failed.map((entry) => [entry.jobId, entry.category])).toEqual([
      [2, "corrupt"],
      [3, "empty"],
      [4, "unsupported"],
      [5, "empty"],
    ]);
    expect(gateway.failed.every((entry) => entry.worker === "w1" && entry.reason.length > 10)).toBe(true);
    const result = gateway.submitted[0]?.result as IntakeResult;
    expect(result).toMatchObject({ provider: "local", class: null, pages: [{ number: 1, width: 595, height: 842 }] });
    expect(result.input_sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.fromEntries(result.fields.map((field) => [field.name, field.value]))).toMatchObject({
      invoice_number: "INV-7",
      amount_total: "144.00",
    });
    // Job 3 (a page without text) went through the OCR, which found nothing to read.
    expect(gateway.failed[1]?.reason).toContain("No text could be read from the scan");
  }, 120_000);

  it("fails a job as internal with the error's message when processing throws", async () => {
    const gateway = new QueueGateway([job(1, {}), job(2, {})]);
    let calls = 0;
    const summary = await run(gateway, {
      process: async (claimed) => {
        calls++;
        if (claimed.id === 1) throw new TypeError("Cannot read properties of undefined (reading 'x')");
        return processJob({
          ...claimed,
          document_type: "inbound_request",
          kind: "email",
          data_b64: null,
          text: "Please send a quote",
        });
      },
    });
    expect(calls).toBe(2);
    expect(gateway.failed).toEqual([
      {
        jobId: 1,
        worker: "w1",
        category: "internal",
        reason: "The worker failed on this document: Cannot read properties of undefined (reading 'x')",
      },
    ]);
    expect(summary.toReview).toBe(1);
    expect(gateway.submitted[0]?.result.class?.label).toBe("sales_lead");
    expect(gateway.submitted[0]?.result.checks).toContainEqual({ name: "class_keywords", ok: true, detail: "sales_lead: quote" });
  });

  it("fails the job with Odoo's reason when Odoo refuses the result", async () => {
    const gateway = new QueueGateway([
      job(1, { document_type: "inbound_request", kind: "email", data_b64: null, text: "My order is broken" }),
    ]);
    gateway.refuseSubmit = new FatalOdooError("fields[0].confidence must be between 0 and 1, got 2.");
    await run(gateway);
    expect(gateway.failed).toEqual([
      expect.objectContaining({
        jobId: 1,
        category: "internal",
        reason: "Odoo refused the worker's result: fields[0].confidence must be between 0 and 1, got 2.",
      }),
    ]);
  });

  it("stops when Odoo is unreachable, leaving the job to its lease", async () => {
    const gateway = new QueueGateway([
      job(1, { document_type: "inbound_request", kind: "email", data_b64: null, text: "Need a quote" }),
    ]);
    gateway.refuseSubmit = new OdooUnreachableError("nothing answers at http://127.0.0.1:1");
    await expect(run(gateway)).rejects.toBeInstanceOf(OdooUnreachableError);
    expect(gateway.failed).toEqual([]);
  });

  it("claims no more than --limit jobs in all, polling while the queue is empty", async () => {
    const text = { document_type: "inbound_request", kind: "email" as const, data_b64: null, text: "Hello, a question" };
    const gateway = new QueueGateway([1, 2, 3, 4, 5, 6, 7].map((id) => job(id, text)));
    const sleeps: number[] = [];
    const summary = await runIntakeWorker(
      { worker: "w1", once: false, limit: 7, batch: 3, pollMs: 10 },
      { gateway, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(gateway.claims).toEqual([3, 3, 1]);
    expect(summary.claimed).toBe(7);
    expect(sleeps).toEqual([]);
  });

  it("stops polling when its signal is aborted", async () => {
    const gateway = new QueueGateway([]);
    const stop = new AbortController();
    let sleeps = 0;
    const summary = await runIntakeWorker(
      { worker: "w1", once: false },
      {
        gateway,
        signal: stop.signal,
        sleep: async () => {
          if (++sleeps === 3) stop.abort();
        },
      },
    );
    expect(sleeps).toBe(3);
    expect(summary.claimed).toBe(0);
  });
});
