/**
 * Scans read by OCR (tesseract.js with the models of `@tesseract.js-data/*`, offline): a rotated,
 * noisy image-only PDF and a PNG of a generated bill give the bill's fields with evidence boxes in
 * the scan's pixels, and a blank scan fails as empty. A handful of pages only: the full scan
 * evaluation is `npm run bench:ai`.
 */
import { existsSync, readdirSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { ocrDocument, type OcrPage } from "../../../sync_bridge/src/intake/ocr";
import { closeOcr, modelFile, OCR_LANGUAGES } from "../../../sync_bridge/src/intake/ocr_engine";
import { lightenFilledBoxes, napi } from "../../../sync_bridge/src/intake/ocr_image";
import { processJob } from "../../../sync_bridge/src/intake/process_job";
import { IntakeFailure, type IntakeResult } from "../../../sync_bridge/src/intake/result";
import { readPdf } from "../../../sync_bridge/src/intake/pdf_text";
import { generateScans, type ScannedBill } from "../../support/ai/bill_scan";
import { b64, documentJob as job, failureOf } from "../support/intake_jobs";

jest.setTimeout(180_000);

const SEED = 20261205;

function fieldValue(result: IntakeResult, name: string): string | null | undefined {
  return result.fields.find((field) => field.name === name)?.value;
}

/** A page image for `ocrDocument`, without running tesseract. */
function page(width: number, height: number, ink: number): OcrPage["image"] {
  return { png: Buffer.alloc(0), width, height, ink };
}

afterAll(async () => {
  await closeOcr();
});

describe("ocrDocument", () => {
  it("groups words into lines, a tab between columns, and maps deskewed boxes back onto the page", () => {
    const words = [
      { text: "Total", confidence: 95, box: [100, 500, 180, 530] as [number, number, number, number] },
      { text: "EUR", confidence: 92, box: [190, 502, 250, 530] as [number, number, number, number] },
      { text: "3,324.26", confidence: 90, box: [900, 498, 1040, 531] as [number, number, number, number] },
      { text: "Invoice", confidence: 94, box: [100, 200, 200, 230] as [number, number, number, number] },
      { text: "~~", confidence: 5, box: [300, 300, 310, 310] as [number, number, number, number] },
    ];
    const angle = (3 * Math.PI) / 180;
    const document = ocrDocument([{ image: page(1200, 1000, 0.02), reading: { words, angle, confidence: 90 } }]);
    expect(document.text).toBe("Invoice\nTotal EUR\t3,324.26");
    expect(document.pages).toEqual([{ number: 1, width: 1200, height: 1000, unit: "px" }]);
    // The centre of "3,324.26" (970, 514.5) turned back by 3° about the page's centre (600, 500).
    const box = document.segments[3]?.box as number[];
    const [cx, cy] = [((box[0] as number) + (box[2] as number)) / 2, ((box[1] as number) + (box[3] as number)) / 2];
    const [dx, dy] = [970 - 600, 514.5 - 500];
    expect(Math.abs(cx - (600 + dx * Math.cos(angle) + dy * Math.sin(angle)))).toBeLessThan(2);
    expect(Math.abs(cy - (500 - dx * Math.sin(angle) + dy * Math.cos(angle)))).toBeLessThan(2);
    expect(document.pointsPerUnit).toBeCloseTo(595.28 / 1200);
  });

  it("fails a page without ink as a blank scan, and one with only unreadable marks as empty", () => {
    const blank = failureOfSync(() =>
      ocrDocument([{ image: page(1000, 1400, 0), reading: { words: [], angle: 0, confidence: 0 } }]),
    );
    expect([blank.category, blank.message]).toEqual(["empty", expect.stringContaining("blank") as unknown]);
    const marks = failureOfSync(() =>
      ocrDocument([
        {
          image: page(1000, 1400, 0.01),
          reading: { words: [{ text: "|", confidence: 40, box: [1, 1, 5, 30] }], angle: 0, confidence: 40 },
        },
      ]),
    );
    expect([marks.category, marks.message]).toEqual(["empty", expect.stringContaining("No text could be read") as unknown]);
  });
});

function failureOfSync(run: () => unknown): IntakeFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof IntakeFailure) return error;
    throw error;
  }
  throw new Error("the document was read");
}

describe("scanned bills through the OCR", () => {
  let pdfScan: ScannedBill;
  let pngScan: ScannedBill;

  beforeAll(async () => {
    [pdfScan] = (await generateScans(SEED, 1, "train")) as [ScannedBill];
    [pngScan] = (await generateScans(SEED + 1, 1, "train", { format: "png" })) as [ScannedBill];
  });

  it("reads a rotated, noisy image-only PDF into pixel pages, its fields and boxes where the scan shows them", async () => {
    expect(Math.abs(pdfScan.angle)).toBeGreaterThanOrEqual(2);
    await expect(readPdf(pdfScan.scan)).rejects.toMatchObject({ category: "empty" });
    const result = await processJob(job({ data_b64: b64(pdfScan.scan) }));
    expect(result.pages).toEqual([{ number: 1, width: 1654, height: 2339, unit: "px" }]);
    for (const name of ["invoice_number", "invoice_date", "due_date", "amount_untaxed", "amount_tax", "amount_total"] as const)
      expect({ name, value: fieldValue(result, name) }).toEqual({ name, value: pdfScan.expect[name] });
    const exact = Object.entries(pdfScan.expect).filter(([name, value]) => fieldValue(result, name) === value).length;
    expect(exact).toBeGreaterThanOrEqual(8);
    // The total's box: where the text layer puts it (points), at 200 dpi, turned by the scan's angle.
    const printed = (await processJob(job({ data_b64: b64(pdfScan.pdf) }))).fields.find((f) => f.name === "amount_total");
    const scanned = result.fields.find((f) => f.name === "amount_total");
    const centre = (box: number[]) => [
      ((box[0] as number) + (box[2] as number)) / 2,
      ((box[1] as number) + (box[3] as number)) / 2,
    ];
    const [px, py] = centre((printed?.evidence as { box: number[] }).box).map((v) => (v * 200) / 72) as [number, number];
    const [sx, sy] = centre((scanned?.evidence as { box: number[] }).box) as [number, number];
    const theta = (pdfScan.angle * Math.PI) / 180;
    const [dx, dy] = [px - 1654 / 2, py - 2339 / 2];
    expect(Math.abs(sx - (1654 / 2 + dx * Math.cos(theta) - dy * Math.sin(theta)))).toBeLessThan(25);
    expect(Math.abs(sy - (2339 / 2 + dx * Math.sin(theta) + dy * Math.cos(theta)))).toBeLessThan(25);
  });

  it("reads a PNG scan in the image's own pixels", async () => {
    const result = await processJob(
      job({ kind: "image", filename: pngScan.filename, mimetype: "image/png", data_b64: b64(pngScan.scan) }),
    );
    expect(result.pages).toEqual([{ number: 1, width: 1654, height: 2339, unit: "px" }]);
    expect(fieldValue(result, "amount_total")).toBe(pngScan.expect.amount_total);
    expect(fieldValue(result, "invoice_number")).toBe(pngScan.expect.invoice_number);
  });

  it("loads its models from node_modules and writes no model cache", () => {
    expect(OCR_LANGUAGES).toEqual(["eng", "fra", "deu", "spa"]);
    for (const language of OCR_LANGUAGES) {
      expect(modelFile(language)).toMatch(
        new RegExp(`node_modules/@tesseract\\.js-data/${language}/4\\.0\\.0_best_int/${language}\\.traineddata\\.gz$`),
      );
      expect(existsSync(modelFile(language))).toBe(true);
    }
    expect(readdirSync(process.cwd()).filter((name) => name.includes("traineddata"))).toEqual([]);
  });
});

describe("light text on a dark fill", () => {
  it("inverts a filled box and leaves text and its surroundings as they are", () => {
    // 120×80 white; a 60×30 box of grey 60 with a light stroke in it; a thin dark stroke outside.
    const [width, height] = [120, 80];
    const grey = new Uint8Array(width * height).fill(240);
    for (let y = 25; y < 55; y++) for (let x = 40; x < 100; x++) grey[y * width + x] = 60;
    for (let x = 55; x < 85; x++) grey[40 * width + x] = 250;
    for (let y = 20; y < 60; y++) grey[y * width + 10] = 20;
    lightenFilledBoxes(grey, width, height);
    expect(grey[40 * width + 70]).toBe(5); // the light stroke in the box is dark now
    expect(grey[32 * width + 70]).toBe(255); // the box's fill is paper
    // The stroke outside, the paper beside it and just above the box are left alone.
    expect([grey[40 * width + 10], grey[40 * width + 20], grey[22 * width + 70]]).toEqual([20, 240, 240]);
  });

  it("reads a total printed white on a coloured band in a scanned PDF", async () => {
    const canvas = napi().createCanvas(1654, 2339);
    const context = canvas.getContext("2d");
    context.fillStyle = "#f4f4f2";
    context.fillRect(0, 0, 1654, 2339);
    context.fillStyle = "#111111";
    context.font = "40px sans-serif";
    context.fillText("Invoice INV-2041", 160, 300);
    context.fillText("Untaxed Amount", 900, 1500);
    context.fillText("4,240.67", 1300, 1500);
    context.fillText("VAT 20%", 900, 1580);
    context.fillText("848.13", 1300, 1580);
    context.fillStyle = "#714b67"; // Odoo's default primary colour, as its "boxed" layout fills the total
    context.fillRect(880, 1620, 640, 80);
    context.fillStyle = "#ffffff";
    context.fillText("Total", 900, 1675);
    context.fillText("5,088.80", 1300, 1675);
    const doc = await PDFDocument.create();
    const image = await doc.embedPng(canvas.toBuffer("image/png"));
    doc.addPage([595.28, 841.89]).drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
    const result = await processJob(job({ data_b64: b64(await doc.save()) }));
    expect(result.text).toContain("5,088.80");
    expect([fieldValue(result, "amount_total"), fieldValue(result, "amount_tax")]).toEqual(["5088.80", "848.13"]);
  });
});

describe("scans that cannot be read", () => {
  function png(width: number, height: number, noise: number): Buffer {
    const canvas = napi().createCanvas(width, height);
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    // Dust: isolated dark pixels, which the cleaning removes.
    context.fillStyle = "#111111";
    for (let i = 0; i < width * height * noise; i++) context.fillRect((i * 7919) % width, (i * 104729) % height, 1, 1);
    return canvas.toBuffer("image/png");
  }

  it("fails a blank, dusty page image as empty, and a blank rendered page without running the OCR", async () => {
    const image = await failureOf(
      processJob(job({ kind: "image", filename: "blank.png", mimetype: "image/png", data_b64: b64(png(1240, 1754, 0.002)) })),
    );
    expect([image.category, image.message]).toEqual([
      "empty",
      expect.stringContaining("No text could be read from the scan") as unknown,
    ]);
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawRectangle({ x: 100, y: 100, width: 0.5, height: 0.5 });
    const pdf = await failureOf(processJob(job({ data_b64: b64(await doc.save()) })));
    expect([pdf.category, pdf.message]).toEqual(["empty", "The scan is blank (1 page without ink): scan the document again."]);
  });

  it("fails a damaged PNG as corrupt and a TIFF as unsupported, naming the file", async () => {
    const whole = png(400, 300, 0);
    const damaged = Buffer.concat([whole.subarray(0, 40), Buffer.alloc(200, 7)]);
    const corrupt = await failureOf(
      processJob(job({ kind: "image", filename: "torn.png", mimetype: "image/png", data_b64: b64(damaged) })),
    );
    expect([corrupt.category, corrupt.message]).toEqual([
      "corrupt",
      expect.stringContaining("The image torn.png could not be decoded") as unknown,
    ]);
    const tiff = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]);
    const unsupported = await failureOf(
      processJob(job({ kind: "image", filename: "scan.tif", mimetype: "image/tiff", data_b64: b64(tiff) })),
    );
    expect([unsupported.category, unsupported.message]).toEqual([
      "unsupported",
      "The image scan.tif is not a PNG or JPEG file: send the scan as PNG, JPEG or PDF.",
    ]);
  });
});
