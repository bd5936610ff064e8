/**
 * Scans read by OCR into the document the extractors know: the recognised words grouped into
 * printed lines (tesseract reads after deskewing the image; the lines are formed in that upright
 * frame), each word's box mapped back to the page as the reviewer sees it (pixels, origin top
 * left, not deskewed), and the text separated like a PDF's text layer (a space between words,
 * a tab between columns).
 */
import type { IntakeDocument, TextSegment } from "./document";
import { ocrEngine, type OcrReading, type OcrWord } from "./ocr_engine";
import { BLANK_INK, imagePage, renderedPage, type PageImage, type RenderablePage } from "./ocr_image";
import { withPdf } from "./pdf_text";
import { IntakeFailure, type PageSize } from "./result";

/** Words tesseract is less sure of than this (0–100) are noise, not text. */
export const MIN_WORD_CONFIDENCE = 10;
/** A page with fewer readable words than this holds no text worth extracting. */
export const MIN_WORDS = 3;

/** One page read by the OCR, in page units (pixels). */
export interface OcrPage {
  image: PageImage;
  reading: OcrReading;
}

interface PlacedWord {
  text: string;
  /** In the upright (deskewed) frame, for line grouping. */
  upright: [number, number, number, number];
  /** On the page as given (page units). */
  box: [number, number, number, number];
}

/**
 * Maps a box of the deskewed image back to the page: tesseract rotated the image by `angle`
 * about its centre, so the inverse rotation of the box's corners.
 */
function unrotate(box: readonly number[], angle: number, image: PageImage): [number, number, number, number] {
  const cx = image.width / 2;
  const cy = image.height / 2;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const [x0, y0, x1, y1] = box as [number, number, number, number];
  const corners = [
    [x0, y0],
    [x1, y0],
    [x0, y1],
    [x1, y1],
  ].map(([x, y]) => {
    const dx = (x as number) - cx;
    const dy = (y as number) - cy;
    return [cx + dx * cos + dy * sin, cy - dx * sin + dy * cos] as const;
  });
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  const clamp = (value: number, max: number) => Math.round(Math.min(max, Math.max(0, value)));
  return [
    clamp(Math.min(...xs), image.width),
    clamp(Math.min(...ys), image.height),
    clamp(Math.max(...xs), image.width),
    clamp(Math.max(...ys), image.height),
  ];
}

/** Groups words into lines (vertical centres within half a word height), top to bottom, left to right. */
function linesOfWords(words: readonly PlacedWord[]): PlacedWord[][] {
  const centre = (word: PlacedWord) => (word.upright[1] + word.upright[3]) / 2;
  const heightOf = (word: PlacedWord) => Math.max(1, word.upright[3] - word.upright[1]);
  const lines: { centre: number; height: number; words: PlacedWord[] }[] = [];
  for (const word of [...words].sort((a, b) => centre(a) - centre(b))) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(centre(word) - line.centre) <= 0.5 * Math.min(line.height, heightOf(word))) {
      line.words.push(word);
      line.centre = line.words.reduce((sum, w) => sum + centre(w), 0) / line.words.length;
    } else lines.push({ centre: centre(word), height: heightOf(word), words: [word] });
  }
  return lines.map((line) => line.words.sort((a, b) => a.upright[0] - b.upright[0]));
}

/** The median word height of a line, which sizes its word and column gaps. */
function lineHeight(line: readonly PlacedWord[]): number {
  const heights = line.map((word) => word.upright[3] - word.upright[1]).sort((a, b) => a - b);
  return Math.max(1, heights[Math.floor(heights.length / 2)] ?? 1);
}

/** The readable words of a reading, with both boxes. */
function placed(page: OcrPage): PlacedWord[] {
  return page.reading.words
    .filter((word: OcrWord) => word.confidence >= MIN_WORD_CONFIDENCE && /[\p{L}\p{N}]/u.test(word.text))
    .map((word) => ({ text: word.text, upright: word.box, box: unrotate(word.box, page.reading.angle, page.image) }));
}

/** Whether an OCR page has text at all: enough ink, and a few words tesseract could read. */
export function hasText(page: OcrPage): boolean {
  return page.image.ink >= BLANK_INK && placed(page).length >= MIN_WORDS;
}

/**
 * The document of OCR pages. Rejects `empty` when no page has readable text (a blank scan).
 * `pointsPerUnit` of the result lets column rules written in points read pixel pages.
 */
export function ocrDocument(pages: readonly OcrPage[]): IntakeDocument {
  const sizes: PageSize[] = [];
  const segments: TextSegment[] = [];
  const out: string[] = [];
  let offset = 0;
  const emit = (text: string) => {
    out.push(text);
    offset += text.length;
  };
  pages.forEach((page, index) => {
    const number = index + 1;
    sizes.push({ number, width: page.image.width, height: page.image.height, unit: "px" });
    if (index > 0) emit("\n\n");
    linesOfWords(placed(page)).forEach((line, lineIndex) => {
      if (lineIndex > 0) emit("\n");
      const height = lineHeight(line);
      line.forEach((word, wordIndex) => {
        const previous = line[wordIndex - 1];
        if (previous) emit(word.upright[0] - previous.upright[2] < 1.2 * height ? " " : "\t");
        const start = offset;
        emit(word.text);
        segments.push({ start, end: offset, page: number, box: word.box });
      });
    });
  });
  const text = out.join("");
  if (!pages.some(hasText)) {
    const inked = pages.filter((page) => page.image.ink >= BLANK_INK).length;
    throw new IntakeFailure(
      "empty",
      inked === 0
        ? `The scan is blank (${pages.length} page${pages.length === 1 ? "" : "s"} without ink): scan the document again.`
        : "No text could be read from the scan (too faint, too blurred or not a document): scan it again at 200 dpi or more, or enter the data by hand.",
    );
  }
  // An A4 page is 595 points wide: pixels become points by the page's width.
  const first = sizes[0] as PageSize;
  return { text, pages: sizes, segments, pointsPerUnit: 595.28 / first.width };
}

/** Reads page images with the process's OCR engine, one after the other. */
export async function readImages(images: AsyncIterable<PageImage> | Iterable<PageImage>): Promise<IntakeDocument> {
  const pages: OcrPage[] = [];
  for await (const image of images) {
    // A blank page is not sent to tesseract: it has nothing to read.
    const reading = image.ink < BLANK_INK ? { words: [], angle: 0, confidence: 0 } : await ocrEngine().read(image.png);
    pages.push({ image, reading });
  }
  return ocrDocument(pages);
}

/**
 * OCR reads at most this many pages of a scanned PDF: 5 to 11 s a page on this 2-core machine, so
 * a longest scan stays well inside the job's 300 s lease (20 pages took 224 s under load).
 */
export const MAX_SCANNED_PAGES = 10;

/** Reads a PDF without a usable text layer: each page rendered, then read by the OCR. */
export async function readScannedPdf(data: Uint8Array, maxPages = MAX_SCANNED_PAGES): Promise<IntakeDocument> {
  return withPdf(data, maxPages, "a scanned PDF (each page goes through OCR)", async (pdf) => {
    async function* rendered(): AsyncGenerator<PageImage> {
      for (let number = 1; number <= pdf.numPages; number++) {
        const page = await pdf.getPage(number);
        try {
          yield await renderedPage(page as unknown as RenderablePage);
        } finally {
          page.cleanup();
        }
      }
    }
    return readImages(rendered());
  });
}

/** Reads an image attachment (one page). */
export async function readImage(data: Buffer, what: string): Promise<IntakeDocument> {
  const image = imagePage(data, what);
  try {
    return await readImages([image]);
  } catch (error) {
    if (error instanceof IntakeFailure) throw error;
    // tesseract's decoder refused the file ("Error attempting to read image").
    throw new IntakeFailure(
      "corrupt",
      `The image ${what} could not be decoded (${error instanceof Error ? error.message : String(error)}): send it again.`,
    );
  }
}
