/**
 * The bills Odoo's own invoice report rendered (`scripts/ai/render_odoo_bills.py` writes
 * `<id>_odoo_<layout>_<lang>.pdf` with its `.json`: id, split, layout, lang, expect), as bench documents: the text
 * PDFs as Odoo printed them, and scans of them made by the corpus's own scanner
 * (`test/support/ai/bill_scan.ts`: pdf.js at 200 dpi, turned 2–3° either way, 0.2 % salt-and-pepper
 * noise on a faint grey sheet, an image-only PDF of every page).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CorpusSplit } from "../../../test/support/ai/bill_corpus";
import { scanPdf } from "../../../test/support/ai/bill_scan";
import { jobOf, type BenchDocument } from "./bills";

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
