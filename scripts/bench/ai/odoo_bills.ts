/**
 * The bills Odoo's own invoice report rendered (`scripts/ai/render_odoo_bills.py` writes
 * `<id>_odoo_<layout>.pdf` with its `.json`: id, split, layout, expect), as bench documents: the text
 * PDFs as Odoo printed them, and scans of them made the way the corpus's scans are
 * (`test/support/ai/bill_scan.ts`: pdf.js at 200 dpi, turned 2–3° either way, 0.2 % salt-and-pepper
 * noise on a faint grey sheet, an image-only PDF of every page).
 */
import type { Canvas } from "@napi-rs/canvas";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { napi } from "../../../sync_bridge/src/intake/ocr_image";
import { withPdf } from "../../../sync_bridge/src/intake/pdf_text";
import type { CorpusSplit } from "../../../test/support/ai/bill_corpus";
import { seededPick } from "../../../test/support/ai/bill_data";
import { jobOf, type BenchDocument } from "./bills";

const DPI = 200;
const NOISE = 0.002;
/** Offset of the scans' seeds, apart from the corpus's own (0, 13 and 29 by split). */
const SCAN_SEED_OFFSET = 41;

/** The bills of `split` rendered by Odoo in `dir`, in file-name order (layouts alternate). */
export function odooDocuments(dir: string, split: CorpusSplit): BenchDocument[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .flatMap((name) => {
      const record = JSON.parse(readFileSync(join(dir, name), "utf8")) as {
        split: CorpusSplit;
        layout: string;
        /** The bill's buyer, handed to the worker as the job's company (older renderings lack it). */
        buyer?: { name: string; vat: string | null };
        expect: Record<string, string | null>;
      };
      if (record.split !== split) return [];
      const pdf = readFileSync(join(dir, name.replace(/\.json$/, ".pdf")));
      return [{ id: name.replace(/\.json$/, ""), layout: record.layout, expect: record.expect, buyer: record.buyer, pdf }];
    })
    .map(({ pdf, buyer, ...document }, index) => ({
      ...document,
      job: jobOf(index, `${document.id}.pdf`, "application/pdf", pdf, buyer ? { name: buyer.name, vat: buyer.vat } : null),
    }));
}

/** Turns `page` by `angle` on a grey-white sheet of the same size, then flips a share of pixels. */
function scanned(page: Canvas, angle: number, pick: (n: number) => number): Canvas {
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
  for (let i = Math.round(width * height * NOISE); i > 0; i--) {
    const p = (pick(height) * width + pick(width)) * 4;
    const value = pick(2) === 0 ? 20 : 255;
    image.data[p] = value;
    image.data[p + 1] = value;
    image.data[p + 2] = value;
  }
  context.putImageData(image, 0, 0);
  return sheet;
}

/** An image-only PDF of every page of `pdf`, scanned. */
async function scanPdf(pdf: Uint8Array, seed: number): Promise<Uint8Array> {
  const pick = seededPick(seed);
  const angle = (pick(2) === 0 ? -1 : 1) * (2 + pick(11) / 10);
  const pngs = await withPdf(pdf, 50, "an Odoo-rendered bill", async (doc) => {
    const pages: Buffer[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale: DPI / 72 });
      const canvas = napi().createCanvas(Math.round(viewport.width), Math.round(viewport.height));
      const context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas: null, canvasContext: context as never, viewport }).promise;
      pages.push(scanned(canvas, angle, pick).toBuffer("image/png"));
      page.cleanup();
    }
    return pages;
  });
  const out = await PDFDocument.create();
  for (const png of pngs) {
    const image = await out.embedPng(png);
    const width = (image.width * 72) / DPI;
    const height = (image.height * 72) / DPI;
    out.addPage([width, height]).drawImage(image, { x: 0, y: 0, width, height });
  }
  return out.save();
}

/** Scans of the first `count` documents (deterministic by `seed`), as image-only PDFs. */
export async function odooScans(documents: readonly BenchDocument[], count: number, seed: number): Promise<BenchDocument[]> {
  const scans: BenchDocument[] = [];
  for (const [index, document] of documents.slice(0, Math.max(0, count)).entries()) {
    const pdf = Buffer.from(document.job.data_b64 ?? "", "base64");
    const scan = await scanPdf(pdf, seed * 7919 + index * 104729 + SCAN_SEED_OFFSET);
    const job = { ...jobOf(index, `${document.id}-scan.pdf`, "application/pdf", scan), company: document.job.company };
    scans.push({ ...document, id: `${document.id}-scan`, job });
  }
  return scans;
}
