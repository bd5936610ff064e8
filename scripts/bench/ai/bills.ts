/**
 * Vendor bills for the AI bench: the held-out bills of the generated corpus (layouts the training
 * split lacks) as text PDFs and as scans (Odoo's own renderings: `odoo_bills.ts`), written as the
 * jobs Odoo would hand the worker, then scored from what the worker proposed: per-field and overall exact match and field-confidence ECE,
 * for the extractor and for the label-free baseline on the same text.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ClaimedJob } from "../../../sync_bridge/src/gateway/ai_gateway";
import { fieldReport, type FieldReport, type ProposedValue } from "../../../sync_bridge/src/intake/learn/field_metrics";
import { VENDOR_BILL_FIELDS } from "../../../sync_bridge/src/intake/vendor_bill";
import type { BillData } from "../../../test/support/ai/bill_data";
import { generateBills, type CorpusSplit } from "../../../test/support/ai/bill_corpus";
import { generateScans } from "../../../test/support/ai/bill_scan";
import { baselineBill } from "./bill_baseline";

/** One document of a set, as the worker gets it, with what it should read. */
export interface BenchDocument {
  id: string;
  layout: string;
  expect: Record<string, string | null>;
  job: ClaimedJob;
}

/** What the worker made of one document (written by the `process` child). */
export interface ProcessedDocument {
  id: string;
  fields: ProposedValue[];
  text: string;
  /** Pages the worker read. */
  pages: number;
  seconds: number;
  /** The failure category and reason, when the job would have failed. */
  error: string | null;
}

export interface ProcessedSet {
  documents: ProcessedDocument[];
  /** Wall time from the first job's start to the last one's end, OCR start-up included. */
  seconds: number;
  /** The worker process's peak resident set, MB. */
  peakRssMb: number;
}

/** The company a bill is addressed to, as Odoo hands it over with the job (the bill's buyer). */
type JobCompany = ClaimedJob["company"];

export function jobOf(
  index: number,
  filename: string,
  mimetype: string,
  data: Uint8Array,
  company: JobCompany = null,
): ClaimedJob {
  return {
    id: index + 1,
    document_type: "vendor_bill",
    kind: mimetype === "application/pdf" ? "pdf" : "image",
    filename,
    mimetype,
    data_b64: Buffer.from(data).toString("base64"),
    text: null,
    subject: null,
    sender: null,
    allow_external_provider: false,
    company,
    prompt: null,
  };
}

const companyOf = (data: BillData): JobCompany => ({ name: data.buyer.name, vat: data.buyer.vat });

/** Generates `count` bills of `split` as text PDFs (`scans` false) or scanned image-only PDFs. */
export async function benchDocuments(seed: number, count: number, split: CorpusSplit, scans: boolean): Promise<BenchDocument[]> {
  if (count <= 0) return [];
  if (!scans) {
    const bills = await generateBills(seed, count, split);
    return bills.map((bill, index) => ({
      id: bill.id,
      layout: bill.layout,
      expect: { ...bill.expect },
      job: jobOf(index, `${bill.id}.pdf`, "application/pdf", bill.pdf, companyOf(bill.data)),
    }));
  }
  const bills = await generateScans(seed, count, split);
  return bills.map((bill, index) => ({
    id: bill.id,
    layout: bill.layout,
    expect: { ...bill.expect },
    job: jobOf(index, bill.filename, bill.mimetype, bill.scan, companyOf(bill.data)),
  }));
}

export function writeSet(dir: string, documents: readonly BenchDocument[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "documents.json"), JSON.stringify(documents));
}

export function readSet(dir: string): BenchDocument[] {
  return JSON.parse(readFileSync(join(dir, "documents.json"), "utf8")) as BenchDocument[];
}

export interface BillScores {
  extractor: FieldReport;
  baseline: FieldReport;
  /** Per layout: the extractor's exact match and the fields it got wrong (how often). */
  layouts: { layout: string; documents: number; exact: number; misses: Record<string, number> }[];
  failed: number;
}

export function scoreSet(documents: readonly BenchDocument[], processed: ProcessedSet): BillScores {
  const byId = new Map(processed.documents.map((document) => [document.id, document]));
  const results = documents.map((document) => byId.get(document.id));
  const expected = documents.map((document) => document.expect);
  const extractor = fieldReport(
    expected,
    results.map((result) => result?.fields ?? []),
    VENDOR_BILL_FIELDS,
  );
  const baseline = fieldReport(
    expected,
    results.map((result) => (result && !result.error ? baselineBill(result.text) : [])),
    VENDOR_BILL_FIELDS,
  );
  const layouts = [...new Set(documents.map((document) => document.layout))].map((layout) => {
    const indexes = documents.flatMap((document, index) => (document.layout === layout ? [index] : []));
    const report = fieldReport(
      indexes.map((index) => expected[index] ?? {}),
      indexes.map((index) => results[index]?.fields ?? []),
      VENDOR_BILL_FIELDS,
    );
    const misses = Object.fromEntries(
      Object.entries(report.perField)
        .filter(([, scores]) => scores.correct < scores.count)
        .map(([name, scores]) => [name, scores.count - scores.correct]),
    );
    return { layout, documents: indexes.length, exact: report.exact, misses };
  });
  return { extractor, baseline, layouts, failed: results.filter((result) => !result || result.error).length };
}
