/**
 * The field calibration shipped with the bridge: it holds together, it was fitted on what the
 * extractors propose today (a guard, like the request classifier's: a changed extractor must be
 * followed by `npm run -s ai:calibrate`), and the worker applies it to every job's fields and names
 * it in the result.
 */
import { readFileSync } from "node:fs";
import type { ClaimedJob } from "../../../../sync_bridge/src/gateway/ai_gateway";
import {
  calibrateFields,
  DEFAULT_FIELD_CALIBRATION_PATH,
  parseFieldCalibration,
  readByOcr,
  shippedFieldCalibration,
} from "../../../../sync_bridge/src/intake/learn/field_calibration";
import { closeOcr } from "../../../../sync_bridge/src/intake/ocr_engine";
import { readImage } from "../../../../sync_bridge/src/intake/ocr";
import { readPdf } from "../../../../sync_bridge/src/intake/pdf_text";
import { processJob } from "../../../../sync_bridge/src/intake/process_job";
import { extractRequestFields, requestText } from "../../../../sync_bridge/src/intake/request_fields";
import { extractVendorBill } from "../../../../sync_bridge/src/intake/vendor_bill";
import { generateBills } from "../../../support/ai/bill_corpus";
import { generateScans } from "../../../support/ai/bill_scan";
import { guardDescription, guardSample, guardSha256 } from "../../../../scripts/ai/field_observations";

const shipped = parseFieldCalibration(JSON.parse(readFileSync(DEFAULT_FIELD_CALIBRATION_PATH, "utf8")), "the shipped file");

function job(overrides: Partial<ClaimedJob>): ClaimedJob {
  return {
    id: 1,
    document_type: "vendor_bill",
    kind: "pdf",
    filename: null,
    mimetype: null,
    data_b64: null,
    text: null,
    subject: null,
    sender: null,
    allow_external_provider: false,
    prompt: null,
    ...overrides,
  };
}

afterAll(() => closeOcr());

describe("the shipped field calibration", () => {
  test("it was fitted on what the extractors propose today", async () => {
    expect(shippedFieldCalibration()?.name).toBe(shipped.name);
    expect(shipped.guard.sample).toBe(guardDescription(shipped.guard.seed));
    // On a mismatch the extractors (or the training corpus) changed: run npm run -s ai:calibrate
    expect(guardSha256(await guardSample(shipped.guard.seed))).toBe(shipped.guard.sha256);
  }, 60_000);

  test("it has a map for each document type, chosen by cross-validation over the raw scores", () => {
    for (const key of ["vendor_bill", "inbound_request"]) expect(Object.keys(shipped.maps)).toContain(key);
    const [raw, ...methods] = shipped.cross_validation;
    const chosen = methods.find((entry) => entry.chosen);
    expect(raw?.method).toBe("raw scores (no calibration)");
    expect(chosen?.brier).toBeLessThan(raw?.brier ?? 0);
    expect(methods.every((entry) => (chosen?.brier ?? 1) <= entry.brier)).toBe(true);
  });
});

describe("the worker applies it", () => {
  test("a text bill's fields and candidates are calibrated and the result names the calibration", async () => {
    const [bill] = await generateBills(shipped.guard.seed, 1, "train");
    const pdf = (bill as { pdf: Uint8Array }).pdf;
    const result = await processJob(job({ data_b64: Buffer.from(pdf).toString("base64"), mimetype: "application/pdf" }));
    const raw = extractVendorBill(await readPdf(pdf));
    const expected = calibrateFields("vendor_bill", raw.fields, { ocr: false, checks: raw.checks, calibration: shipped });
    expect(result.field_calibration).toBe(shipped.name);
    expect(result.fields).toEqual(expected.fields);
    expect(result.fields.map((field) => field.confidence)).not.toEqual(raw.fields.map((field) => field.confidence));
  });

  test("a request's fields are calibrated with the request maps", async () => {
    const [sender, subject, body] = [
      "Ann Lee <ann.lee@example.com>",
      "Quote",
      "Hello, a quote for 40 seats please.\n\nBest regards,\nAnn Lee\nNorthwind Ltd\n",
    ];
    const result = await processJob(job({ document_type: "inbound_request", kind: "email", text: body, subject, sender }));
    const label = result.class?.label as "sales_lead";
    const raw = extractRequestFields(requestText(sender, subject, body), label);
    expect(result.field_calibration).toBe(shipped.name);
    expect(result.fields).toEqual(calibrateFields("inbound_request", raw, { ocr: false, calibration: shipped }).fields);
    expect(result.fields.length).toBeGreaterThan(1);
  });

  test("a scanned bill is calibrated as read by the OCR", async () => {
    const [scan] = await generateScans(shipped.guard.seed, 1, "train", { format: "png" });
    const png = Buffer.from((scan as { scan: Uint8Array }).scan);
    const result = await processJob(job({ kind: "image", mimetype: "image/png", data_b64: png.toString("base64") }));
    const document = await readImage(png, "scan.png");
    expect(readByOcr(document)).toBe(true);
    expect(readByOcr(await readPdf((await generateBills(shipped.guard.seed, 1, "train"))[0]?.pdf as Uint8Array))).toBe(false);
    const raw = extractVendorBill(document);
    const ocr = calibrateFields("vendor_bill", raw.fields, { ocr: true, checks: raw.checks, calibration: shipped });
    expect(result.fields).toEqual(ocr.fields);
    expect(result.field_calibration).toBe(shipped.name);
  }, 90_000);
});
