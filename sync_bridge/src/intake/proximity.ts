/**
 * Scores a value by how it sits next to the label of a field: right after it on the same line
 * (best), under it in the same column (a header row above a value row), or nowhere near one.
 * Every score here is a raw score in [0, 1]: ordered, not calibrated (calibration on held-out data
 * comes with the trained models).
 */
import type { LabelMatch } from "./bill_labels";
import type { Candidate } from "./candidates/candidate";
import { lineIndexAt, spanAt, xAt, type IntakeDocument, type TextLine } from "./document";

/** What a value scores with no label near it. */
export const UNLABELLED_SCORE = 0.15;

export interface Layout {
  document: IntakeDocument;
  lines: TextLine[];
  /** Every field label, of every field: a nearer label of another field takes a value away. */
  labels: LabelMatch[];
  /** Where the receiving company's own name is printed: its address block, unlabelled, is the customer's. */
  buyerAnchors?: number[];
  /** The lines that head the table of bill lines ("Description | Qty | VAT | Subtotal"). */
  tableHeaders?: ReadonlySet<number>;
}

/** How well `candidate` reads as the value of `label`. */
export function proximity(layout: Layout, label: LabelMatch, candidate: Pick<Candidate, "start" | "end">): number {
  const labelLine = lineIndexAt(layout.lines, label.start);
  const valueLine = lineIndexAt(layout.lines, candidate.start);
  if (valueLine === labelLine) {
    if (candidate.start < label.end) return 0;
    const between = layout.labels.some((other) => other !== label && other.start >= label.end && other.end <= candidate.start);
    const distance = candidate.start - label.end;
    return (1 - Math.min(distance, 60) / 120) * (between ? 0.3 : 1);
  }
  const below = valueLine - labelLine;
  if (below < 1 || below > 3) return 0;
  // Under a table's header are the bill's lines: "Subtotal" heading a column names each line's amount.
  if (layout.tableHeaders?.has(labelLine)) return 0;
  // A label followed by its own value on its line ("Date : 31/12/2024") does not reach further down.
  const nextOnLine = layout.labels.find(
    (other) => other.start >= label.end && lineIndexAt(layout.lines, other.start) === labelLine,
  );
  const lineEnd = layout.lines[labelLine]?.end ?? label.end;
  const ownValue = /[^\s:#.]/.test(layout.document.text.slice(label.end, nextOnLine ? nextOnLine.start : lineEnd));
  const reach = ownValue ? 0.3 : 1;
  const labelX = xAt(layout.document, label.start);
  const valueX = xAt(layout.document, candidate.start);
  const base = 0.8 - 0.1 * (below - 1);
  if (labelX === null || valueX === null) {
    // Plain text has no columns: the line under a label that ends its line reads as its value.
    return base * reach;
  }
  // In the label's column: left edges together, or the value under the label's extent (right-aligned figures).
  const valueSpan = spanAt(layout.document, candidate.start, candidate.end);
  const columnGap = (match: LabelMatch) => {
    const left = xAt(layout.document, match.start);
    if (left === null) return Infinity;
    const span = spanAt(layout.document, match.start, match.end);
    const under = span && valueSpan ? Math.max(0, span[0] - valueSpan[1], valueSpan[0] - span[1]) : Infinity;
    return Math.min(Math.abs(left - valueX), under);
  };
  const gap = columnGap(label);
  const aligned = gap < 25;
  const otherAbove = layout.labels.some(
    (other) => other !== label && lineIndexAt(layout.lines, other.start) === labelLine && columnGap(other) < gap,
  );
  return (aligned && !otherAbove ? base : base * 0.25) * reach;
}

/** A field's candidates scored: the best label's proximity times the reading's validity. */
export function scoreCandidates<C extends Candidate>(
  layout: Layout,
  field: string,
  candidates: readonly C[],
  labelOf: (match: LabelMatch) => boolean = (match) => match.label === field,
): { candidate: C; score: number }[] {
  const labels = layout.labels.filter(labelOf);
  return candidates.map((candidate) => {
    const near = Math.max(UNLABELLED_SCORE, ...labels.map((label) => proximity(layout, label, candidate)));
    return { candidate, score: near * candidate.validity };
  });
}
