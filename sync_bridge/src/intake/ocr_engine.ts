/**
 * The OCR engine: one tesseract.js worker (a Node worker thread running tesseract's WebAssembly
 * build), started on the first scan and reused across jobs. Everything it loads comes from
 * node_modules: the core from tesseract.js-core and the models of English, French, German and
 * Spanish from `@tesseract.js-data/<lang>`, read here and handed over as bytes with caching off,
 * so nothing is fetched and nothing is written at run time. The worker is restarted every `RESTART_EVERY` pages to keep
 * its WebAssembly memory bounded, and `closeOcr()` ends it (the process cannot exit before).
 */
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Worker as TesseractWorker } from "tesseract.js";

const PSM_SINGLE_COLUMN = "4";

/** Pages read before the worker is replaced by a fresh one (its WebAssembly heap only grows). */
export const RESTART_EVERY = 40;

/** A recognised word, its box in the pixels of the (deskewed) image tesseract read. */
export interface OcrWord {
  text: string;
  /** Tesseract's own word confidence, 0–100. */
  confidence: number;
  box: [number, number, number, number];
}

export interface OcrReading {
  words: OcrWord[];
  /** The angle (radians) tesseract rotated the image by before reading it (deskew). */
  angle: number;
  /** Mean word confidence, 0–100. */
  confidence: number;
}

type Tesseract = typeof import("tesseract.js");

function nodeRequire(): NodeJS.Require {
  const { createRequire } = process.getBuiltinModule("node:module");
  return createRequire(__filename);
}

/** The languages read, in the order tesseract tries them: the ones the extractors know. */
export const OCR_LANGUAGES = ["eng", "fra", "deu", "spa"];

/** The LSTM ("best_int") model of `language`, as its npm package `@tesseract.js-data/<language>` ships it. */
export function modelFile(language: string): string {
  const dir = dirname(nodeRequire().resolve(`@tesseract.js-data/${language}/package.json`));
  return join(dir, "4.0.0_best_int", `${language}.traineddata.gz`);
}

/**
 * A folder holding the models as tesseract.js looks for them (`<lang>.traineddata.gz` side by
 * side): links to the files in node_modules, made once per process in the system's temporary
 * folder. (tesseract.js takes one folder for all languages, and its in-memory alternative is broken
 * in 7.0.0: it names the languages by their bytes.)
 */
function modelsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ops-ocr-models-"));
  for (const language of OCR_LANGUAGES) symlinkSync(modelFile(language), join(dir, `${language}.traineddata.gz`));
  return dir;
}

/**
 * The options every worker is created with: models from `langPath` only, no cache read or written,
 * and an error handler: without one, tesseract.js rethrows a failed job's error from its message
 * handler, an uncaught exception that would end the whole process (the job's promise is rejected
 * either way, and that is where the error is handled).
 */
export function offlineOptions(langPath: string) {
  return { cacheMethod: "none", gzip: true, workerBlobURL: false, langPath, errorHandler: () => undefined };
}

/** The tesseract page seen through the parts we read (tesseract.js's own types name them). */
interface PageBlocks {
  blocks:
    | {
        paragraphs: {
          lines: { words: { text: string; confidence: number; bbox: { x0: number; y0: number; x1: number; y1: number } }[] }[];
        }[];
      }[]
    | null;
  rotateRadians: number | null;
}

class OcrEngine {
  private worker: Promise<TesseractWorker> | null = null;
  private pages = 0;
  private models: string | null = null;

  private start(): Promise<TesseractWorker> {
    const tesseract = nodeRequire()("tesseract.js") as Tesseract;
    // OEM 1: the LSTM recognizer alone, the model the best_int folder holds.
    this.models ??= modelsDir();
    return tesseract.createWorker(OCR_LANGUAGES.join("+"), 1, offlineOptions(this.models)).then(async (worker) => {
      // Page segmentation 4 (one column of lines of any size): a bill's label and value, even far
      // apart, stay on one line, as in a PDF's text layer; the automatic mode splits them in blocks.
      // tesseract's diagnostics ("Estimating resolution as …") would go to the worker's output.
      await worker.setParameters({ tessedit_pageseg_mode: PSM_SINGLE_COLUMN as never, debug_file: "/dev/null" });
      return worker;
    });
  }

  /** Reads one image (PNG or JPEG bytes), deskewing it first by tesseract's own estimate of the angle. */
  async read(image: Buffer): Promise<OcrReading> {
    if (this.worker && this.pages >= RESTART_EVERY) await this.close();
    this.worker ??= this.start();
    const worker = await this.worker.catch(async (error: unknown) => {
      this.worker = null;
      throw error;
    });
    this.pages++;
    const { data } = await worker
      .recognize(image, { rotateAuto: true }, { blocks: true, text: false })
      .catch(async (error: unknown) => {
        // A file tesseract could not decode: start afresh for the next one, whatever state it left.
        await this.close();
        throw error;
      });
    const page = data as unknown as PageBlocks;
    const words: OcrWord[] = [];
    for (const block of page.blocks ?? [])
      for (const paragraph of block.paragraphs)
        for (const line of paragraph.lines)
          for (const word of line.words) {
            const text = word.text.replace(/\0/g, "").trim();
            if (text !== "")
              words.push({ text, confidence: word.confidence, box: [word.bbox.x0, word.bbox.y0, word.bbox.x1, word.bbox.y1] });
          }
    const confidence = words.length ? words.reduce((sum, word) => sum + word.confidence, 0) / words.length : 0;
    return { words, angle: page.rotateRadians ?? 0, confidence };
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.pages = 0;
    if (worker) await (await worker.catch(() => null))?.terminate();
    if (this.models) rmSync(this.models, { recursive: true, force: true });
    this.models = null;
  }
}

let engine: OcrEngine | null = null;

/** The process's OCR engine (one tesseract worker, started on first use). */
export function ocrEngine(): OcrEngine {
  engine ??= new OcrEngine();
  return engine;
}

/** Ends the tesseract worker, if one was started. */
export async function closeOcr(): Promise<void> {
  await engine?.close();
}
