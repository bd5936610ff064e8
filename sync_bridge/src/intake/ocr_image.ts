/**
 * Page images for the OCR: an image attachment (PNG or JPEG) as it is, or a PDF page rendered by
 * pdf.js onto an `@napi-rs/canvas` canvas, then flattened to grey on white, cleaned of speckle
 * noise (a 3×3 median), its filled boxes turned light with their text dark, and measured for ink,
 * so that a blank page is told apart before any OCR.
 * Attachments are never decoded by `@napi-rs/canvas`: its decoders crash the process on a
 * truncated PNG, where tesseract's reject it with an error.
 */
import type { Canvas } from "@napi-rs/canvas";
import { IntakeFailure } from "./result";

type NapiCanvas = typeof import("@napi-rs/canvas");

/** A scanned PDF page is rendered at this resolution (pixels per inch). */
export const RENDER_DPI = 200;
/** An image of more pixels is refused as no scan (an A4 page at 600 dpi has about 35 million). */
export const MAX_PIXELS = 36_000_000;
/** Less ink than this share of the page (after the noise is cleaned) is a blank page. */
export const BLANK_INK = 0.0005;

/** An image ready for the OCR, and how its pixels map to the attachment's. */
export interface PageImage {
  png: Buffer;
  /** The page's size in its own units: the attachment's pixels, or the rendered PDF page's pixels. */
  width: number;
  height: number;
  /** The share of dark pixels after cleaning. */
  ink: number;
}

/**
 * `@napi-rs/canvas`, loaded by Node's own `require` (as pdf.js loads it), so that a test runner's
 * module system never loads the native addon a second time.
 */
export function napi(): NapiCanvas {
  const { createRequire } = process.getBuiltinModule("node:module");
  return createRequire(__filename)("@napi-rs/canvas") as NapiCanvas;
}

/** The median of nine values (a sorting network would be faster; this stays readable). */
function median9(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[4] as number;
}

/**
 * Grey levels of `canvas`, a 3×3 median against salt-and-pepper noise (only where a pixel differs
 * from its neighbours' median by a lot, which leaves strokes intact), filled boxes made light
 * (`lightenFilledBoxes`), and the ink share as scanned.
 */
function clean(canvas: Canvas): number {
  const { width, height } = canvas;
  const context = canvas.getContext("2d");
  const image = context.getImageData(0, 0, width, height);
  const rgba = image.data;
  const grey = new Uint8Array(width * height);
  for (let i = 0, p = 0; p < grey.length; i += 4, p++) {
    grey[p] = (rgba[i] as number) * 0.299 + (rgba[i + 1] as number) * 0.587 + (rgba[i + 2] as number) * 0.114;
  }
  const out = new Uint8Array(grey);
  const window: number[] = new Array<number>(9).fill(0);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const p = y * width + x;
      let k = 0;
      for (let dy = -width; dy <= width; dy += width) for (let dx = -1; dx <= 1; dx++) window[k++] = grey[p + dy + dx] as number;
      const middle = median9(window);
      if (Math.abs((grey[p] as number) - middle) > 96) out[p] = middle;
    }
  }
  // Ink as scanned: a page holding only a filled box is no blank page.
  let dark = 0;
  for (const value of out) if (value < 128) dark++;
  lightenFilledBoxes(out, width, height);
  for (let p = 0, i = 0; p < out.length; p++, i += 4) {
    const value = out[p] as number;
    rgba[i] = value;
    rgba[i + 1] = value;
    rgba[i + 2] = value;
    rgba[i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
  return dark / out.length;
}

/** Half the side of the square around a pixel in which filled boxes are told from text (at 200 dpi, 4 mm). */
const BOX_RADIUS = 15;
/** The share of dark pixels around a pixel above which it sits in a filled box, not in text (bold text stays near 0.3). */
const BOX_DARK_SHARE = 0.6;
/** Grey levels below this, in a filled box, are its fill (light text on it is lighter still). */
const FILL_MAX = 160;
/** How far a box's edge reaches beyond its core (where the square around a pixel still takes in the paper). */
const BOX_EDGE = 6;

/** Counts of the pixels `test` accepts, summed over rectangles in constant time (an integral image). */
function rectangleCounts(
  width: number,
  height: number,
  test: (p: number) => boolean,
): (x0: number, y0: number, x1: number, y1: number) => number {
  const stride = width + 1;
  const sums = new Uint32Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += test(y * width + x) ? 1 : 0;
      sums[(y + 1) * stride + x + 1] = (sums[y * stride + x + 1] as number) + row;
    }
  }
  return (x0, y0, x1, y1) =>
    (sums[y1 * stride + x1] as number) -
    (sums[y0 * stride + x1] as number) -
    (sums[y1 * stride + x0] as number) +
    (sums[y0 * stride + x0] as number);
}

/** For each pixel, whether `count` over the square of `radius` around it (clipped to the page) passes `accept`. */
function around(
  width: number,
  height: number,
  radius: number,
  count: (x0: number, y0: number, x1: number, y1: number) => number,
  accept: (count: number, area: number) => boolean,
): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const [top, bottom] = [Math.max(0, y - radius), Math.min(height, y + radius + 1)];
    for (let x = 0; x < width; x++) {
      const [left, right] = [Math.max(0, x - radius), Math.min(width, x + radius + 1)];
      if (accept(count(left, top, right, bottom), (bottom - top) * (right - left))) mask[y * width + x] = 1;
    }
  }
  return mask;
}

/**
 * Light text on a dark fill (a total in a coloured band, a table header in reverse) is turned dark
 * on light: where most pixels around are dark (the box's core), and on the dark pixels of its edge,
 * the fill becomes paper and the text's grey levels are inverted. Tesseract finds no text line in a dark box, nor in one left with a dark
 * frame, and would lose what it holds.
 */
export function lightenFilledBoxes(grey: Uint8Array, width: number, height: number): void {
  const dark = rectangleCounts(width, height, (p) => (grey[p] as number) < 128);
  const core = around(width, height, BOX_RADIUS, dark, (count, area) => count > BOX_DARK_SHARE * area);
  const nearCore = rectangleCounts(width, height, (p) => core[p] === 1);
  const edge = around(width, height, BOX_EDGE, nearCore, (count) => count > 0);
  for (let p = 0; p < grey.length; p++) {
    const value = grey[p] as number;
    // The fill becomes paper and the light text dark: a mid-grey fill would be black again once binarized.
    if (core[p] || (edge[p] && value < 128)) grey[p] = value < FILL_MAX ? 255 : 255 - value;
  }
}

/** A white page of `width`×`height` pixels. */
function whitePage(width: number, height: number): Canvas {
  const canvas = napi().createCanvas(width, height);
  const context = canvas.getContext("2d");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, width, height);
  return canvas;
}

/** Cleans a drawn page and encodes it for tesseract. */
function finish(canvas: Canvas, width: number, height: number): PageImage {
  const ink = clean(canvas);
  return { png: canvas.toBuffer("image/png"), width, height, ink };
}

/** The pixel size of a PNG (IHDR) or a baseline/progressive JPEG (SOF marker); null for anything else. */
export function imageSize(data: Buffer): { format: "png" | "jpeg"; width: number; height: number } | null {
  if (data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.toString("latin1", 12, 16) === "IHDR") {
    return { format: "png", width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let at = 2;
    while (at + 9 <= data.length && data[at] === 0xff) {
      const marker = data[at + 1] as number;
      const length = data.readUInt16BE(at + 2);
      // SOF0–SOF15 carry the frame's size, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        return { format: "jpeg", height: data.readUInt16BE(at + 5), width: data.readUInt16BE(at + 7) };
      }
      at += 2 + length;
    }
  }
  return null;
}

/**
 * An image attachment, handed to tesseract as it is: its decoder (leptonica, in WebAssembly) turns
 * a damaged file into an error, where a native decoder could crash the worker. The size is read
 * from the file's header; PNG and JPEG only. Rejects `unsupported` or `corrupt`.
 */
export function imagePage(data: Buffer, what: string): PageImage {
  const size = imageSize(data);
  if (!size) {
    throw new IntakeFailure("unsupported", `The image ${what} is not a PNG or JPEG file: send the scan as PNG, JPEG or PDF.`);
  }
  const { width, height } = size;
  if (!width || !height || width * height > MAX_PIXELS) {
    throw new IntakeFailure(
      "corrupt",
      `The image ${what} says it is ${width}×${height} pixels, which is no scan: send it again.`,
    );
  }
  // Not measured (the file is not decoded here): the OCR tells a blank page by finding no words.
  return { png: data, width, height, ink: 1 };
}

/** The part of a pdf.js page the renderer needs. */
export interface RenderablePage {
  getViewport(options: { scale: number }): { width: number; height: number };
  render(options: { canvas: null; canvasContext: unknown; viewport: unknown }): { promise: Promise<void> };
}

/** Renders a PDF page at `RENDER_DPI`; the page's units are then those pixels. */
export async function renderedPage(page: RenderablePage): Promise<PageImage> {
  const viewport = page.getViewport({ scale: RENDER_DPI / 72 });
  const width = Math.round(viewport.width);
  const height = Math.round(viewport.height);
  const canvas = whitePage(width, height);
  await page.render({ canvas: null, canvasContext: canvas.getContext("2d"), viewport }).promise;
  return finish(canvas, width, height);
}
