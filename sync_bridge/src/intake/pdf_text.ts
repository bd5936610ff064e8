/**
 * The text layer of a PDF, read with pdf.js (pdfjs-dist's legacy build, which runs in Node): the
 * text items of every page grouped into printed lines, each item's box kept for the evidence.
 * A document that cannot be read fails with the category Odoo shows the reviewer.
 */
import { dirname, join } from "node:path";
import type { IntakeDocument, TextSegment } from "./document";
import { IntakeFailure, type PageSize } from "./result";

/** More pages than this is not a bill or a request: the job fails as `too_large`. */
export const DEFAULT_MAX_PAGES = 100;

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

let pdfjs: PdfJs | undefined;

/**
 * Node's own `require`. pdfjs-dist ships ES modules only, which Node's `require` loads (Node ≥ 20.19)
 * from the CommonJS bundle; it is taken from `process.getBuiltinModule` (as pdf.js itself does) so
 * that a test runner's module system, which cannot run pdf.js's `import.meta`, is not in the way.
 */
function nodeRequire(): NodeJS.Require {
  const { createRequire } = process.getBuiltinModule("node:module");
  return createRequire(__filename);
}

/**
 * Loads pdf.js once. The worker's message handler is installed on `globalThis`, so pdf.js parses
 * in this thread instead of importing a worker script.
 */
function loadPdfJs(): PdfJs {
  if (!pdfjs) {
    const load = nodeRequire();
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = load("pdfjs-dist/legacy/build/pdf.worker.mjs") as unknown;
    pdfjs = load("pdfjs-dist/legacy/build/pdf.mjs") as PdfJs;
  }
  return pdfjs;
}

function standardFontsDir(): string {
  return `${join(dirname(nodeRequire().resolve("pdfjs-dist/package.json")), "standard_fonts")}/`;
}

/** The category of a pdf.js loading error. */
function failureOf(error: unknown): IntakeFailure {
  const name = (error as { name?: string } | null)?.name;
  const message = error instanceof Error ? error.message : String(error);
  if (name === "PasswordException")
    return new IntakeFailure("encrypted", "The PDF is protected by a password: ask the sender for an open copy.");
  if (name === "InvalidPDFException" || name === "FormatError" || name === "UnknownErrorException")
    return new IntakeFailure("corrupt", `The file is not a readable PDF (${message}).`);
  return new IntakeFailure("corrupt", `pdf.js could not read the file: ${message}`);
}

interface PositionedItem {
  text: string;
  x0: number;
  x1: number;
  baseline: number;
  height: number;
}

/** Groups a page's items into lines, top to bottom, left to right. */
function pageLines(items: readonly PositionedItem[]): PositionedItem[][] {
  const sorted = [...items].sort((a, b) => b.baseline - a.baseline || a.x0 - b.x0);
  const lines: PositionedItem[][] = [];
  for (const item of sorted) {
    const line = lines[lines.length - 1];
    const head = line?.[0];
    if (line && head && Math.abs(head.baseline - item.baseline) <= Math.max(2, 0.4 * head.height)) line.push(item);
    else lines.push([item]);
  }
  return lines.map((line) => line.sort((a, b) => a.x0 - b.x0));
}

/**
 * What separates two items of a line: nothing when they touch, a space for a word gap, a tab for
 * a column gap, so that two numbers in two columns never read as one amount ("2 150,00").
 */
function separator(previous: PositionedItem, next: PositionedItem): string {
  const gap = next.x0 - previous.x1;
  const size = Math.max(previous.height, 1);
  if (gap < 0.1 * size) return "";
  return gap < 1.2 * size ? " " : "\t";
}

export type PdfDocument = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;

/**
 * Opens `data` with pdf.js and hands the document to `use`, destroyed afterwards. Rejects with
 * `IntakeFailure`: `corrupt`, `encrypted`, or `too_large` (more than `maxPages` pages).
 */
export async function withPdf<T>(
  data: Uint8Array,
  maxPages: number,
  what: string,
  use: (pdf: PdfDocument) => Promise<T>,
): Promise<T> {
  const { getDocument } = loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    standardFontDataUrl: standardFontsDir(),
    verbosity: 0,
  });
  let pdf: Awaited<typeof task.promise>;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    throw failureOf(error);
  }
  try {
    if (pdf.numPages > maxPages) {
      throw new IntakeFailure(
        "too_large",
        `The PDF has ${pdf.numPages} pages; the worker reads at most ${maxPages} pages of ${what}. Split it or enter the data by hand.`,
      );
    }
    return await use(pdf);
  } catch (error) {
    if (error instanceof IntakeFailure) throw error;
    throw failureOf(error);
  } finally {
    await pdf.destroy();
  }
}

/**
 * Whether a text layer can be read as the page's text: mostly letters, digits and the punctuation
 * of numbers (a layer of unmapped glyph codes reads as symbols and control characters).
 */
export function usableText(text: string): boolean {
  const visible = text.replace(/\s/g, "");
  const readable = visible.match(/[\p{L}\p{N}.,:;/()%€$£#+-]/gu)?.length ?? 0;
  return readable > 0 && readable >= 0.7 * visible.length;
}

/**
 * Reads the text layer of `data`. Rejects with `IntakeFailure`: `corrupt`, `encrypted`,
 * `too_large` (more than `maxPages` pages) or `empty` (no usable text: a scan, for the OCR).
 */
export async function readPdf(data: Uint8Array, maxPages = DEFAULT_MAX_PAGES): Promise<IntakeDocument> {
  return withPdf(data, maxPages, "a text PDF", async (pdf) => {
    const pages: PageSize[] = [];
    const segments: TextSegment[] = [];
    const out: string[] = [];
    let offset = 0;
    const emit = (text: string) => {
      out.push(text);
      offset += text.length;
    };
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      pages.push({ number, width: Math.round(width * 10) / 10, height: Math.round(height * 10) / 10 });
      const content = await page.getTextContent();
      const items = (content.items as TextItemLike[])
        .filter((item) => typeof item.str === "string" && item.str.replace(/\0/g, "").trim() !== "")
        .map((item) => {
          const [, , , , x, y] = item.transform as [number, number, number, number, number, number];
          const size = item.height || Math.hypot(item.transform[2] ?? 0, item.transform[3] ?? 0) || 10;
          // Odoo refuses NUL characters; they carry nothing a reviewer could read.
          return { text: item.str.replace(/\0/g, ""), x0: x, x1: x + item.width, baseline: y, height: size };
        });
      if (number > 1) emit("\n\n");
      pageLines(items).forEach((line, lineIndex) => {
        if (lineIndex > 0) emit("\n");
        line.forEach((item, index) => {
          if (index > 0) emit(separator(line[index - 1] as PositionedItem, item));
          const start = offset;
          emit(item.text);
          const top = height - item.baseline - item.height;
          segments.push({ start, end: offset, page: number, box: [item.x0, Math.max(0, top), item.x1, height - item.baseline] });
        });
      });
      page.cleanup();
    }
    const text = out.join("");
    if (!usableText(text)) throw new IntakeFailure("empty", "The PDF has no text layer worth reading (a scan or an image).");
    return { text, pages, segments };
  });
}
