/**
 * One job, from what Odoo handed over to the result it gets back: read the document (a PDF's text
 * layer, or an e-mail's body), extract what its document type needs, and package the result. A
 * document that cannot be read throws `IntakeFailure` with the category the job fails with.
 */
import { createHash } from "node:crypto";
import type { CountryCode } from "libphonenumber-js";
import type { ClaimedJob } from "../gateway/ai_gateway";
import type { DayOrder } from "./candidates/dates";
import { plainDocument, type IntakeDocument } from "./document";
import { languageChecks } from "./language";
import { MAX_SCANNED_PAGES, readImage, readScannedPdf } from "./ocr";
import { DEFAULT_MAX_PAGES, readPdf } from "./pdf_text";
import { readWithProvider, type ExternalProvider } from "./providers/external_read";
import { defaultRequestClassifier, type RequestClassifier } from "./learn/classifier";
import { calibrateFields, readByOcr } from "./learn/field_calibration";
import { classifyRequest } from "./request_classifier";
import { extractRequestFields, requestText } from "./request_fields";
import { IntakeFailure, type IntakeResult } from "./result";
import { extractVendorBill } from "./vendor_bill";

/** The local extractors' version, recorded on every job (bump it when their output changes). */
export const LOCAL_MODEL_VERSION = "local-rules-2026.3";
/** Odoo keeps at most this much extracted text (bytes, UTF-8). */
export const TEXT_MAX_BYTES = 2 * 1024 * 1024;

export interface ProcessOptions {
  maxPages?: number;
  /** Pages of a scanned PDF the OCR reads at most (more fails the job as `too_large`). */
  maxScannedPages?: number;
  dayOrder?: DayOrder;
  /** The country of phone numbers written without a prefix. */
  defaultCountry?: CountryCode;
  /** The OpenAI-compatible provider, used only for jobs whose type opted in (`providers/external_read.ts`). */
  external?: ExternalProvider;
  /** The trained request classifier: Odoo's active version, else the shipped default (`learn/`). */
  requestClassifier?: RequestClassifier;
}

function isPdf(job: ClaimedJob): boolean {
  return job.kind === "pdf" || job.mimetype === "application/pdf" || /\.pdf$/i.test(job.filename ?? "");
}

function isImage(job: ClaimedJob): boolean {
  return job.kind === "image" || /^image\//.test(job.mimetype ?? "") || /\.(png|jpe?g|webp|gif|bmp)$/i.test(job.filename ?? "");
}

/** A PDF's text layer, or the OCR of its pages when it has none worth reading (a scan). */
async function readAnyPdf(input: Buffer, options: ProcessOptions): Promise<IntakeDocument> {
  try {
    return await readPdf(input, options.maxPages ?? DEFAULT_MAX_PAGES);
  } catch (error) {
    if (!(error instanceof IntakeFailure) || error.category !== "empty") throw error;
    return readScannedPdf(input, options.maxScannedPages ?? MAX_SCANNED_PAGES);
  }
}

/** The document behind a job, and the bytes its hash is taken of. */
async function readDocument(job: ClaimedJob, options: ProcessOptions): Promise<{ document: IntakeDocument; input: Buffer }> {
  if (job.data_b64 !== null && (isPdf(job) || isImage(job))) {
    const input = Buffer.from(job.data_b64, "base64");
    if (input.length === 0) throw new IntakeFailure("empty", "The attachment is empty (0 bytes).");
    const what = job.filename ?? job.mimetype ?? "attachment";
    return { document: isPdf(job) ? await readAnyPdf(input, options) : await readImage(input, what), input };
  }
  if (job.kind === "image" || job.data_b64 !== null) {
    throw new IntakeFailure(
      "unsupported",
      `The worker cannot read ${job.mimetype ?? job.filename ?? "this attachment"}: send a PDF, PNG or JPEG, or enter the data by hand.`,
    );
  }
  // Odoo refuses NUL characters: drop them before any span is computed.
  const clean = (value: string | null) => (value === null ? null : value.replace(/\0/g, ""));
  const body = clean(job.text) ?? "";
  if (body.trim() === "") throw new IntakeFailure("empty", "The message has no body text to read.");
  const text = job.document_type === "inbound_request" ? requestText(clean(job.sender), clean(job.subject), body) : body;
  return { document: plainDocument(text), input: Buffer.from(text, "utf8") };
}

/** Cuts the text to what Odoo keeps; evidence spans past the cut are dropped. */
function bounded(result: IntakeResult): IntakeResult {
  if (Buffer.byteLength(result.text, "utf8") <= TEXT_MAX_BYTES) return result;
  let text = result.text.slice(0, TEXT_MAX_BYTES / 2);
  while (Buffer.byteLength(text, "utf8") > TEXT_MAX_BYTES) text = text.slice(0, Math.floor(text.length * 0.9));
  const fields = result.fields.map((field) =>
    field.evidence && "span" in field.evidence && field.evidence.span[1] > text.length ? { ...field, evidence: null } : field,
  );
  return { ...result, text, fields };
}

/** Reads and extracts one job. Throws `IntakeFailure` for a document that cannot be read. */
export async function processJob(job: ClaimedJob, options: ProcessOptions = {}): Promise<IntakeResult> {
  const { document, input } = await readDocument(job, options);
  const base = {
    provider: "local" as const,
    model_version: LOCAL_MODEL_VERSION,
    prompt_version: job.prompt?.version ?? null,
    input_sha256: createHash("sha256").update(input).digest("hex"),
    text: document.text,
    pages: document.pages,
  };
  if (job.document_type === "vendor_bill") {
    const bill = extractVendorBill(document, { dayOrder: options.dayOrder, buyer: job.company ?? undefined });
    // Raw scores become calibrated probabilities, by maps fitted on text or on OCR'd bills.
    const { fields, calibration } = calibrateFields("vendor_bill", bill.fields, {
      ocr: readByOcr(document),
      checks: bill.checks,
    });
    const local = {
      ...base,
      class: null,
      ...bill,
      fields,
      field_calibration: calibration,
      checks: [...bill.checks, ...languageChecks(document.text)],
    };
    return bounded(await readWithProvider(job, document, local, options.external, options));
  }
  if (job.document_type === "inbound_request") {
    const body = job.text ?? document.text;
    const classifier = options.requestClassifier ?? defaultRequestClassifier();
    const { label, confidence, candidates, evidence } = classifier.classify(job.subject ?? "", body);
    const { fields, calibration } = calibrateFields("inbound_request", extractRequestFields(document.text, label, options), {
      ocr: false,
    });
    // The keywords and the model's strongest features behind the class, where the reviewer reads the checks.
    const explained = Object.entries(classifyRequest(job.subject ?? "", body).matched).map(
      ([name, words]) => `${name}: ${words.join(", ")}`,
    );
    const checks = [
      { name: "class_keywords", ok: explained.length > 0, detail: explained.join("; ") || "no keyword of any class" },
      {
        name: "class_features",
        ok: true,
        detail: `${label} (${classifier.name}): ${evidence.join(", ") || "no strong feature"}`,
      },
      ...languageChecks(body),
    ];
    const local = {
      ...base,
      model_version: classifier.name,
      class: { label, confidence, candidates },
      fields,
      field_calibration: calibration,
      lines: [],
      checks,
    };
    return bounded(await readWithProvider(job, document, local, options.external, options));
  }
  throw new IntakeFailure("unsupported", `The worker has no extractor for the document type "${job.document_type}".`);
}
