/**
 * Invoice number candidates of a vendor bill: the token after an invoice-number label, the value under
 * the label in its column, or the number after the document's title.
 */
import type { LabelMatch } from "./bill_labels";
import { lineIndexAt, xAt, type TextLine } from "./document";
import type { Scored } from "./field_choice";
import type { Layout } from "./proximity";

const INVOICE_NUMBER = /^[\s:#.]*(?:(?:n[°º]|no\.?|nr\.?)\s*[:#.]?\s*)?([A-Z0-9][A-Z0-9\-/._]*\d[A-Z0-9\-/._]*|\d)/iu;

/** A line or cell that starts with the document's title and a number: "Bill F2026/4072" (OCR lost the "#"), "Rechnung 2024-17". */
const TITLE_NUMBER =
  /^(?:tax\s+)?(?:invoice|bill|receipt|facture|rechnung|factura)[\s:#.]*(?:(?:n[°º]|no\.?|nr\.?)\s*[:#.]?\s*)?([A-Z0-9][A-Z0-9\-/._]*\d[A-Z0-9\-/._]*)(?=\s|$)/iu;
/** What a number after the document's title scores: below a labelled number (it may be a page header's). */
const TITLE_NUMBER_SCORE = 0.6;

/** How many lines below a label its column's value is looked for. */
const COLUMN_LOOKAHEAD = 3;

/** The tab-separated cells of a line, with where each starts and its x on the page (NaN in plain text). */
function cellsOf(layout: Layout, line: TextLine): { text: string; start: number; x: number }[] {
  const cells: { text: string; start: number; x: number }[] = [];
  let offset = line.start;
  for (const text of line.text.split("\t")) {
    cells.push({ text, start: offset, x: xAt(layout.document, offset) ?? Number.NaN });
    offset += text.length + 1;
  }
  return cells;
}

/** An invoice number read at `start`, scored. */
function numberAt(raw: string, start: number, generator: string, score: number): Scored {
  return { candidate: { raw, value: raw, start, end: start + raw.length, generator, validity: 1 }, score };
}

/** Invoice numbers: the token after an invoice-number label, or under it in the same column, or after the title. */
export function invoiceNumberCandidates(layout: Layout): Scored[] {
  const { text } = layout.document;
  const found: Scored[] = [];
  // The title starts a line, or a cell of its own beside another column (the buyer's address).
  for (const line of layout.lines)
    for (const cell of cellsOf(layout, line)) {
      const match = TITLE_NUMBER.exec(text.slice(cell.start, line.end));
      if (match?.[1])
        found.push(numberAt(match[1], cell.start + match[0].length - match[1].length, "invoice_title", TITLE_NUMBER_SCORE));
    }
  for (const label of layout.labels.filter((l: LabelMatch) => l.label === "invoice_number")) {
    const line = layout.lines[lineIndexAt(layout.lines, label.start)];
    if (!line) continue;
    const after = INVOICE_NUMBER.exec(text.slice(label.end, line.end));
    if (after?.[1]) {
      const start = label.end + (after[0].length - after[1].length);
      found.push(numberAt(after[1].replace(/[.]$/, ""), start, "invoice_number", 0.95));
      continue;
    }
    const labelX = xAt(layout.document, label.start);
    // The value under the label, in its column: on the next line, or a few lines down when the cells
    // of another column (an address) come first.
    for (const next of layout.lines.slice(line.index + 1, line.index + 1 + (labelX === null ? 1 : COLUMN_LOOKAHEAD))) {
      const under =
        labelX === null ? cellsOf(layout, next) : cellsOf(layout, next).filter((cell) => Math.abs(cell.x - labelX) < 25);
      if (under.length === 0) continue;
      const rank = next.index - line.index - 1;
      for (const cell of under) {
        const token = /^\s*([A-Z0-9][A-Z0-9\-/._]*\d[A-Z0-9\-/._]*)\s*$/iu.exec(cell.text);
        const score = labelX === null ? 0.5 : 0.8 - 0.1 * rank;
        if (token?.[1]) found.push(numberAt(token[1], cell.start + cell.text.indexOf(token[1]), "invoice_number", score));
      }
      break;
    }
  }
  return found;
}
