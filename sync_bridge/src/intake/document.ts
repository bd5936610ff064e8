/**
 * A document as the extractors see it: its text, one line per printed line, and for a PDF where
 * each piece of that text sits on its page, so a value found in the text can point at its box.
 */
import type { Evidence, PageSize } from "./result";

/** A run of the text that came from one PDF text item or OCR word, with its box (page units, origin top left). */
export interface TextSegment {
  start: number;
  end: number;
  page: number;
  box: [number, number, number, number];
}

export interface IntakeDocument {
  text: string;
  pages: PageSize[];
  /** Empty for plain text (an e-mail): evidence is then a character span. */
  segments: TextSegment[];
  /** Points per unit of the boxes when they are not points (pixels of a scan), for rules written in points. */
  pointsPerUnit?: number;
}

/** One line of the text, with where it starts and ends. */
export interface TextLine {
  index: number;
  start: number;
  end: number;
  text: string;
}

export function plainDocument(text: string): IntakeDocument {
  return { text, pages: [], segments: [] };
}

/** The document's lines, in order. */
export function linesOf(document: IntakeDocument): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (const text of document.text.split("\n")) {
    lines.push({ index: lines.length, start, end: start + text.length, text });
    start += text.length + 1;
  }
  return lines;
}

/** The index of the line holding character `offset`. */
export function lineIndexAt(lines: readonly TextLine[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lines[middle] as TextLine).start <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The box of the segments `[start, end)` touches on the first page it touches; else the span. */
export function evidenceFor(document: IntakeDocument, start: number, end: number): Evidence {
  const touched = document.segments.filter((segment) => segment.start < end && segment.end > start);
  const first = touched[0];
  if (!first) return document.segments.length === 0 ? { span: [start, end] } : null;
  const onPage = touched.filter((segment) => segment.page === first.page);
  const round = (value: number) => Math.max(0, Math.round(value * 10) / 10);
  return {
    page: first.page,
    box: [
      round(Math.min(...onPage.map((s) => s.box[0]))),
      round(Math.min(...onPage.map((s) => s.box[1]))),
      round(Math.max(...onPage.map((s) => s.box[2]))),
      round(Math.max(...onPage.map((s) => s.box[3]))),
    ],
  };
}

/** The left edge (points) of the text at `offset`, for column alignment; null for plain text. */
export function xAt(document: IntakeDocument, offset: number): number | null {
  const segment = document.segments.find((s) => s.start <= offset && s.end > offset);
  return segment ? segment.box[0] * (document.pointsPerUnit ?? 1) : null;
}

/** The horizontal extent (points) of the text between `start` and `end`: its segments' left and right edges. */
export function spanAt(document: IntakeDocument, start: number, end: number): [number, number] | null {
  const covering = document.segments.filter((s) => s.start < Math.max(end, start + 1) && s.end > start);
  if (covering.length === 0) return null;
  const scale = document.pointsPerUnit ?? 1;
  return [Math.min(...covering.map((s) => s.box[0])) * scale, Math.max(...covering.map((s) => s.box[2])) * scale];
}
