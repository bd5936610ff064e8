/**
 * Scanned vendor bills for the OCR path: the generated bills (`bill_corpus.ts`) rendered by pdf.js
 * at a scanner's resolution, turned by a small angle (2–3°, either way), sprinkled with
 * salt-and-pepper noise and a faint grey cast, then saved as a PNG (first page) or as an
 * image-only PDF (every page, no text layer), as a flatbed scanner would. Deterministic by seed;
 * the same splits (train, held-out, calibration) and layouts as the text bills.
 */
import type { Canvas } from "@napi-rs/canvas";
import { PDFDocument } from "pdf-lib";
import { napi } from "../../../sync_bridge/src/intake/ocr_image";
import { withPdf } from "../../../sync_bridge/src/intake/pdf_text";
import { generateBills, type CorpusSplit, type GeneratedBill } from "./bill_corpus";
import { seededPick } from "./bill_data";

export interface ScanOptions {
  /** Scanner resolution, pixels per inch (default 200). */
  dpi?: number;
  /** Share of pixels flipped to black or white (default 0.002). */
  noise?: number;
  /** "pdf": an image-only PDF of every page (default); "png": the first page as an image. */
  format?: "pdf" | "png";
}

export interface ScannedBill extends GeneratedBill {
  /** The scan: PNG bytes or an image-only PDF. */
  scan: Uint8Array;
  mimetype: "application/pdf" | "image/png";
  filename: string;
  /** The rotation applied, degrees (positive: clockwise). */
  angle: number;
}

/** Each split's own offset in a scan's seed (angle and noise). */
const SCAN_SEED_OFFSET: Record<CorpusSplit, number> = { train: 0, heldout: 13, calibration: 29 };

/** The angle of one scan: 2 to 3 degrees, either way, in tenths. */
function angleOf(pick: (n: number) => number): number {
  return (pick(2) === 0 ? -1 : 1) * (2 + pick(11) / 10);
}

/** Turns `page` by `angle` on a white sheet of the same size, then adds noise. */
function scanned(page: Canvas, angle: number, noise: number, pick: (n: number) => number): Canvas {
  const { width, height } = page;
  const sheet = napi().createCanvas(width, height);
  const context = sheet.getContext("2d");
  context.fillStyle = "#f4f4f2";
  context.fillRect(0, 0, width, height);
  context.translate(width / 2, height / 2);
  context.rotate((angle * Math.PI) / 180);
  context.drawImage(page, -width / 2, -height / 2);
  context.setTransform(1, 0, 0, 1, 0, 0);
  const image = context.getImageData(0, 0, width, height);
  const flips = Math.round(width * height * noise);
  for (let i = 0; i < flips; i++) {
    const p = (pick(height) * width + pick(width)) * 4;
    const value = pick(2) === 0 ? 20 : 255;
    image.data[p] = value;
    image.data[p + 1] = value;
    image.data[p + 2] = value;
  }
  context.putImageData(image, 0, 0);
  return sheet;
}

/** Renders every page of `pdf` at `dpi` and scans it. */
async function scanPages(pdf: Uint8Array, dpi: number, angle: number, noise: number, seed: number): Promise<Buffer[]> {
  const pick = seededPick(seed);
  return withPdf(pdf, 50, "a generated bill", async (doc) => {
    const pages: Buffer[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale: dpi / 72 });
      const canvas = napi().createCanvas(Math.round(viewport.width), Math.round(viewport.height));
      const context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: null, canvasContext: context as never, viewport }).promise;
      pages.push(scanned(canvas, angle, noise, pick).toBuffer("image/png"));
      page.cleanup();
    }
    return pages;
  });
}

/** An image-only PDF, one A4-sized page per image. */
async function imagePdf(pngs: readonly Buffer[], dpi: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const png of pngs) {
    const image = await doc.embedPng(png);
    const width = (image.width * 72) / dpi;
    const height = (image.height * 72) / dpi;
    doc.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return doc.save();
}

/** An image-only PDF of every page of `pdf`, scanned as the corpus's bills are (angle and noise drawn from `seed`). */
export async function scanPdf(pdf: Uint8Array, seed: number, dpi = 200, noise = 0.002): Promise<Uint8Array> {
  const angle = angleOf(seededPick(seed));
  return imagePdf(await scanPages(pdf, dpi, angle, noise, seed + 1), dpi);
}

/** Scans of `count` generated bills of a split (the same bills as `generateBills(seed, count, split)`). */
export async function generateScans(
  seed: number,
  count: number,
  split: CorpusSplit,
  options: ScanOptions = {},
): Promise<ScannedBill[]> {
  const { dpi = 200, noise = 0.002, format = "pdf" } = options;
  const bills = await generateBills(seed, count, split);
  const scans: ScannedBill[] = [];
  for (const [index, bill] of bills.entries()) {
    const scanSeed = seed * 7919 + index * 104729 + SCAN_SEED_OFFSET[split];
    const angle = angleOf(seededPick(scanSeed));
    const pages = await scanPages(bill.pdf, dpi, angle, noise, scanSeed + 1);
    const scan = format === "png" ? new Uint8Array(pages[0] as Buffer) : await imagePdf(pages, dpi);
    scans.push({
      ...bill,
      scan,
      mimetype: format === "png" ? "image/png" : "application/pdf",
      filename: `${bill.id}-scan.${format}`,
      angle,
    });
  }
  return scans;
}
