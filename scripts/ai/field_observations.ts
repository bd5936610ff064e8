/**
 * What the field calibration is fitted on: the extractors' raw proposals, each field scored right or
 * wrong against the expected value, on the generated bills of the calibration split (`billSplit`),
 * as text PDFs and as scans read by the OCR, and on the shipped train requests. The held-out data
 * is never read here. Scans are slow to read (OCR, ~5 s a page), so the document the OCR read is
 * kept in a cache keyed by what the scan shows (bill, angle, printed strings) and the OCR's version
 * (delete the cache folder after changing how scans are made); the extractor always runs afresh.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { IntakeDocument } from "../../sync_bridge/src/intake/document";
import { shippedSplitPath } from "../../sync_bridge/src/intake/learn/corpus";
import { calibrationPath, fieldDetail } from "../../sync_bridge/src/intake/learn/field_calibration";
import type { FieldObservation } from "../../sync_bridge/src/intake/learn/field_calibration_fit";
import { readScannedPdf } from "../../sync_bridge/src/intake/ocr";
import { OCR_LANGUAGES } from "../../sync_bridge/src/intake/ocr_engine";
import { readPdf } from "../../sync_bridge/src/intake/pdf_text";
import { extractRequestFields, requestText } from "../../sync_bridge/src/intake/request_fields";
import { REQUEST_CLASSES } from "../../sync_bridge/src/intake/request_keywords";
import type { CrossCheck, ProposedField } from "../../sync_bridge/src/intake/result";
import { extractVendorBill } from "../../sync_bridge/src/intake/vendor_bill";
import { BILL_LAYOUTS, generateBills, type CorpusSplit } from "../../test/support/ai/bill_corpus";
import { generateScans } from "../../test/support/ai/bill_scan";

/** How much training data `npm run -s ai:calibrate` reads by default. */
export const CALIBRATION_DEFAULTS = { seed: 15, bills: 300, scans: 72 };

/** What one document gave: its proposed fields and checks, and the values it should have given. */
export interface Extracted {
  document: string;
  /** What cross-validation holds out together (`FieldObservation.group`). */
  group: string;
  documentType: "vendor_bill" | "inbound_request";
  ocr: boolean;
  fields: ProposedField[];
  checks: CrossCheck[];
  expect: Readonly<Record<string, string | null>>;
}

/** One observation per proposed field (a field not proposed has no confidence to calibrate). */
export function observationsOf(extracted: readonly Extracted[]): FieldObservation[] {
  return extracted.flatMap((entry) =>
    entry.fields
      .filter((field) => field.value !== null)
      .map((field) => ({
        document: entry.document,
        group: entry.group,
        path: calibrationPath(entry.documentType, entry.ocr, field.name, fieldDetail(field, entry.checks)),
        raw: field.confidence,
        correct: field.value === (entry.expect[field.name] ?? null),
      })),
  );
}

/**
 * The split whose bills the calibration is fitted on: the "calibration" layouts, written blind and
 * never used to develop the extractor, when the corpus has them; else the train layouts, on which
 * the extractor, developed on them, is right more often than on layouts it never met.
 */
export function billSplit(): CorpusSplit {
  return BILL_LAYOUTS.some((layout) => layout.split === "calibration") ? "calibration" : "train";
}

/** Text PDFs of a split (never the held-out one), read and extracted as the worker does. */
export async function textBills(seed: number, count: number, split: CorpusSplit): Promise<Extracted[]> {
  if (split === "heldout") throw new Error("The calibration is never fitted on held-out bills.");
  const extracted: Extracted[] = [];
  for (const bill of await generateBills(seed, count, split)) {
    const { fields, checks } = extractVendorBill(await readPdf(bill.pdf));
    extracted.push({
      document: bill.id,
      group: `bill/${bill.layout}`,
      documentType: "vendor_bill",
      ocr: false,
      fields,
      checks,
      expect: { ...bill.expect },
    });
  }
  return extracted;
}

function ocrVersion(): string {
  const { version } = JSON.parse(readFileSync(require.resolve("tesseract.js/package.json"), "utf8")) as { version: string };
  return `tesseract.js@${version}:${OCR_LANGUAGES.join("+")}`;
}

/** Scans of a split (never the held-out one); what the OCR read comes from `cacheDir` when it was read before. */
export async function scannedBills(
  seed: number,
  count: number,
  split: CorpusSplit,
  cacheDir: string,
  progress: (message: string) => void = () => undefined,
): Promise<Extracted[]> {
  if (split === "heldout") throw new Error("The calibration is never fitted on held-out bills.");
  if (count <= 0) return [];
  mkdirSync(cacheDir, { recursive: true });
  const version = ocrVersion();
  const extracted: Extracted[] = [];
  const scans = await generateScans(seed, count, split);
  for (const [index, scan] of scans.entries()) {
    // pdf-lib stamps each PDF with the time it was made: the key is what the scan shows, not its bytes.
    const key = createHash("sha256")
      .update(JSON.stringify([version, scan.id, scan.layout, scan.angle, scan.pageCount, scan.printed]))
      .digest("hex");
    const cached = join(cacheDir, `${key}.json`);
    let document: IntakeDocument;
    if (existsSync(cached)) document = JSON.parse(readFileSync(cached, "utf8")) as IntakeDocument;
    else {
      const started = performance.now();
      document = await readScannedPdf(scan.scan);
      writeFileSync(cached, JSON.stringify(document));
      progress(`  OCR ${index + 1}/${scans.length} (${scan.layout}): ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const { fields, checks } = extractVendorBill(document);
    extracted.push({
      document: `${scan.id}-scan`,
      group: `bill/${scan.layout}`,
      documentType: "vendor_bill",
      ocr: true,
      fields,
      checks,
      expect: { ...scan.expect },
    });
  }
  return extracted;
}

/** What a labelled request line holds that the fields are scored with (`sync_bridge/data/intake/requests/README.md`). */
const labelledRequest = z.object({
  id: z.string(),
  lang: z.string(),
  from: z.string(),
  subject: z.string(),
  body: z.string(),
  expect: z.object({ class: z.enum(REQUEST_CLASSES), fields: z.record(z.string(), z.string()) }),
});

/** The shipped train requests, with their true class (the class's fields are calibrated given the class). */
export function trainRequests(limit = Infinity): Extracted[] {
  return readFileSync(shippedSplitPath("train"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .slice(0, limit)
    .map((line) => labelledRequest.parse(JSON.parse(line)))
    .map((email) => ({
      document: email.id,
      group: `request/${email.lang}`,
      documentType: "inbound_request" as const,
      ocr: false,
      fields: extractRequestFields(requestText(email.from, email.subject, email.body), email.expect.class),
      checks: [],
      expect: email.expect.fields,
    }));
}

/** How many of each the guard hashes: few enough for a quick jest test. */
export const GUARD_SAMPLE = { bills: 12, requests: 40 };

export function guardDescription(seed: number): string {
  return `the extractors' proposals on the first ${GUARD_SAMPLE.bills} ${billSplit()} text bills (seed ${seed}) and the first ${GUARD_SAMPLE.requests} train requests`;
}

/** SHA-256 of the extractors' raw proposals on a small fixed training sample. */
export function guardSha256(extracted: readonly Extracted[]): string {
  const hash = createHash("sha256");
  for (const entry of extracted) hash.update(`${JSON.stringify([entry.document, entry.fields, entry.checks])}\n`);
  return hash.digest("hex");
}

/** The guard sample, extracted afresh. */
export async function guardSample(seed: number): Promise<Extracted[]> {
  return [...(await textBills(seed, GUARD_SAMPLE.bills, billSplit())), ...trainRequests(GUARD_SAMPLE.requests)];
}
