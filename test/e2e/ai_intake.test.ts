/**
 * `ops-bridge intake` against a LIVE Odoo 19 (see test/e2e/support/live_odoo.ts): an Ops User
 * uploads bills through the Upload documents form over JSON-2 (a text PDF, a corrupt file, a PDF
 * without text), the fixture (test/e2e/odoo/ai_intake_fixture.py) queued two e-mailed requests (one
 * without a body); the built worker claims them through `ops.ai.gateway` and every job ends
 * `to_review` with its proposals or `failed` with its category and reason. A scanned bill (PNG) is
 * read by OCR; an encrypted PDF (AES-256, qpdf) and a 200-page PDF fail with their reasons.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { generateScans, type ScannedBill } from "../support/ai/bill_scan";
import { englishBill, expectedFields, type BillSpec } from "../bridge/support/bill_pdfs";
import { bridgeKey, forgedResult, readJobs, workUntilHandled } from "./support/ai_jobs";
import { json2Call, loadFixture } from "./support/json2";
import { adminGateway, buildBridge } from "./support/live_odoo";

interface Fixture {
  key: string;
  vendor_bill_type_id: number;
  request_job_id: number;
  empty_request_job_id: number;
}

const SPEC: BillSpec = {
  partnerName: "Northwind Supplies Ltd",
  partnerVat: "GB980780684",
  partnerIban: "GB29NWBK60161331926819",
  invoiceNumber: `INV-E2E-${Date.now() % 100000}`,
  invoiceDate: "2025-01-15",
  dueDate: "2025-02-14",
  currency: "GBP",
  taxRate: 20,
  lines: [
    { description: "Pallets", quantity: 10, unitPrice: "12.00" },
    { description: "Forklift rental", quantity: 2, unitPrice: "310.50" },
  ],
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

async function imageOnlyPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawRectangle({ x: 20, y: 20, width: 300, height: 200 });
  return doc.save();
}

/** Uploads files as the Ops User, through the form's wizard; resolves to the new jobs' ids by file name. */
async function upload(
  fixture: Fixture,
  files: { name: string; data: Uint8Array; mimetype: string }[],
): Promise<Record<string, number>> {
  const attachments = await json2Call(fixture.key, "ir.attachment", "create", {
    vals_list: files.map((file) => ({ name: file.name, datas: b64(file.data), mimetype: file.mimetype })),
  });
  expect(attachments.status).toBe(200);
  const wizard = await json2Call(fixture.key, "ops.ai.upload", "create", {
    vals_list: [{ document_type_id: fixture.vendor_bill_type_id, attachment_ids: [[6, 0, attachments.json]] }],
  });
  expect(wizard.status).toBe(200);
  const action = await json2Call(fixture.key, "ops.ai.upload", "action_upload", { ids: wizard.json });
  expect(action.status).toBe(200);
  const [[, , ids]] = (action.json as { domain: [string, string, number[]][] }).domain;
  const rows = await adminGateway().searchRead("ops.ai.job", [["id", "in", ids]], { attachment_name: "char" });
  return Object.fromEntries(rows.map((row) => [row.attachment_name as string, row.id]));
}

const JOB_FIELDS = {
  state: "selection",
  failure_category: "selection",
  failure_reason: "text",
  class_label: "char",
  worker: "char",
} as const;
const jobs = (ids: number[]) => readJobs(ids, JOB_FIELDS);

describe("ops-bridge intake against a live Odoo", () => {
  let fixture: Fixture;
  beforeAll(() => {
    fixture = loadFixture<Fixture>("ai_intake");
    buildBridge();
  }, 120_000);

  it("claims every queued job and ends each in review or failed with its category", async () => {
    const uploaded = await upload(fixture, [
      { name: "northwind.pdf", data: await englishBill(SPEC), mimetype: "application/pdf" },
      { name: "broken.pdf", data: new TextEncoder().encode("%PDF-1.7\nnot really a PDF"), mimetype: "application/pdf" },
      { name: "scan.pdf", data: await imageOnlyPdf(), mimetype: "application/pdf" },
    ]);
    const [billId, corruptId, scanId] = [uploaded["northwind.pdf"], uploaded["broken.pdf"], uploaded["scan.pdf"]] as [
      number,
      number,
      number,
    ];
    const ours = [billId, corruptId, scanId, fixture.request_job_id, fixture.empty_request_job_id];
    // Earlier runs may have left jobs queued: the worker takes them too, oldest first.
    await workUntilHandled(ours, `e2e-${process.pid}`);
    const states = await jobs(ours);
    expect(states.get(billId)).toMatchObject({ state: "to_review", failure_category: null });
    expect(states.get(corruptId)).toMatchObject({ state: "failed", failure_category: "corrupt" });
    expect(states.get(scanId)).toMatchObject({ state: "failed", failure_category: "empty" });
    // A PDF without text goes through the OCR, which finds no words in a bare rectangle.
    expect(states.get(scanId)?.failure_reason).toContain("No text could be read from the scan");
    expect(states.get(fixture.request_job_id)).toMatchObject({ state: "to_review", class_label: "sales_lead" });
    expect(states.get(fixture.empty_request_job_id)).toMatchObject({ state: "failed", failure_category: "empty" });

    const proposals = await adminGateway().searchRead("ops.ai.proposal.field", [["job_id", "=", billId]], {
      name: "char",
      value: "char",
      confidence: "float",
    });
    expect(Object.fromEntries(proposals.map((row) => [row.name, row.value]))).toEqual(expectedFields(SPEC));
    expect(proposals.every((row) => row.confidence > 0 && row.confidence <= 1)).toBe(true);
    const request = await adminGateway().searchRead("ops.ai.proposal.field", [["job_id", "=", fixture.request_job_id]], {
      name: "char",
      value: "char",
    });
    expect(Object.fromEntries(request.map((row) => [row.name, row.value]))).toMatchObject({
      contact_name: "Jane Porter",
      email: "jane.porter@acme-logistics.example",
      phone: "+442079460958",
      company: "Acme Logistics Ltd",
    });
  }, 180_000);

  it("reads a scanned bill by OCR into pixel pages, and fails an encrypted and a 200-page PDF with their reasons", async () => {
    const [scan] = await generateScans(20261205, 1, "train", { format: "png" });
    const long = await PDFDocument.create();
    for (let index = 0; index < 200; index++) long.addPage([595, 842]);
    const uploaded = await upload(fixture, [
      { name: "scan.png", data: (scan as ScannedBill).scan, mimetype: "image/png" },
      {
        name: "encrypted.pdf",
        data: readFileSync(join(__dirname, "..", "fixtures", "ai", "documents", "encrypted_bill.pdf")),
        mimetype: "application/pdf",
      },
      { name: "long.pdf", data: await long.save(), mimetype: "application/pdf" },
    ]);
    const ids = [uploaded["scan.png"], uploaded["encrypted.pdf"], uploaded["long.pdf"]] as [number, number, number];
    await workUntilHandled(ids, `e2e-scan-${process.pid}`);
    const states = await jobs(ids);
    expect(states.get(ids[0])).toMatchObject({ state: "to_review", failure_category: null });
    expect(states.get(ids[1])).toMatchObject({
      state: "failed",
      failure_category: "encrypted",
      failure_reason: "The PDF is protected by a password: ask the sender for an open copy.",
    });
    expect(states.get(ids[2])).toMatchObject({ state: "failed", failure_category: "too_large" });
    expect(states.get(ids[2])?.failure_reason).toContain("The PDF has 200 pages");
    // The pages as the reviewer's screen reads them (the Ops User uploaded the scan and reviews it).
    const read = await json2Call(fixture.key, "ops.ai.job", "read", { ids: [ids[0]], fields: ["pages"] });
    expect(read.status).toBe(200);
    // Odoo stores an uploaded image at most 1920 px on a side (base.image_autoresize_max_px): the page is the stored image.
    const scale = 1920 / 2339;
    expect((read.json as { pages: unknown }[])[0]?.pages).toEqual([
      { number: 1, width: Math.round(1654 * scale), height: 1920, unit: "px" },
    ]);
    const proposals = await adminGateway().searchRead("ops.ai.proposal.field", [["job_id", "=", ids[0]]], {
      name: "char",
      value: "char",
    });
    const values = Object.fromEntries(proposals.map((row) => [row.name, row.value]));
    expect([values.invoice_number, values.amount_total]).toEqual([
      (scan as ScannedBill).expect.invoice_number,
      (scan as ScannedBill).expect.amount_total,
    ]);
  }, 240_000);

  it("refuses the gateway to an Ops User, and a result for a job the worker does not hold", async () => {
    const claim = await json2Call(fixture.key, "ops.ai.gateway", "claim_jobs", { worker: "intruder", limit: 5 });
    expect(claim.status).toBe(403);
    // The request job was handed in by another worker already: nobody else may overwrite it.
    const forged = await json2Call(bridgeKey(), "ops.ai.gateway", "submit_result", {
      job_id: fixture.request_job_id,
      worker: "someone-else",
      result: forgedResult({ class: { label: "other", confidence: 1, candidates: [] } }),
    });
    expect(forged.status).toBe(403);
    const [job] = await adminGateway().searchRead("ops.ai.job", [["id", "=", fixture.request_job_id]], {
      extracted_text: "text",
    });
    expect(job?.extracted_text).not.toBe("forged");
  });
  it("gives each queued job to one worker when two claim at the same moment (Odoo --workers 2)", async () => {
    const claim = (worker: string) =>
      json2Call(bridgeKey(), "ops.ai.gateway", "claim_jobs", { worker, limit: 50, lease_seconds: 60 });
    for (let round = 0; round < 3; round++) {
      const files = Array.from({ length: 6 }, (_, index) => ({
        name: `race-${round}-${index}.pdf`,
        data: new TextEncoder().encode(`%PDF-1.7\nrace ${round} ${index}`),
        mimetype: "application/pdf",
      }));
      const uploaded = Object.values(await upload(fixture, files));
      expect(uploaded).toHaveLength(6);
      const [first, second] = await Promise.all([claim(`race-a-${round}`), claim(`race-b-${round}`)]);
      expect([first.status, second.status]).toEqual([200, 200]);
      const idsOf = (answer: { json: unknown }) => (answer.json as { jobs: { id: number }[] }).jobs.map((job) => job.id);
      const [a, b] = [idsOf(first), idsOf(second)];
      // never the same job twice, and every one of ours claimed by one of them
      expect(a.filter((id) => b.includes(id))).toEqual([]);
      expect(uploaded.filter((id) => !a.includes(id) && !b.includes(id))).toEqual([]);
      const rows = await jobs(uploaded);
      for (const id of uploaded) {
        expect(rows.get(id)).toMatchObject({
          state: "processing",
          worker: a.includes(id) ? `race-a-${round}` : `race-b-${round}`,
        });
      }
      // each worker gives its jobs back as failed; the other worker's jobs are refused to it
      const someoneElses = b[0] ?? a[0];
      const holderOfIt = b.length > 0 ? `race-a-${round}` : `race-b-${round}`;
      const refused = await json2Call(bridgeKey(), "ops.ai.gateway", "fail_job", {
        job_id: someoneElses,
        worker: holderOfIt,
        category: "internal",
        reason: "not mine",
      });
      expect(refused.status).toBe(403);
      for (const [worker, ids] of [
        [`race-a-${round}`, a],
        [`race-b-${round}`, b],
      ] as const) {
        for (const id of ids) {
          const failed = await json2Call(bridgeKey(), "ops.ai.gateway", "fail_job", {
            job_id: id,
            worker,
            category: "corrupt",
            reason: "race test",
          });
          expect(failed.status).toBe(200);
        }
      }
    }
  }, 120_000);
});
