/**
 * Scores a value by how it sits next to the label of a field: right after it on the same line
 * (best), under it in the same column (a header row above a value row), or nowhere near one.
 * Every score here is a raw score in [0, 1]: ordered, not calibrated (calibration on held-out data
 * comes with the trained models).
 */
import type { LabelMatch } from "./bill_labels";
import type { Candidate } from "./candidates/candidate";
import { lineIndexAt, xAt, type IntakeDocument, type TextLine } from "./document";

/** What a value scores with no label near it. */
export const UNLABELLED_SCORE = 0.15;

export interface Layout {
  document: IntakeDocument;
  lines: TextLine[];
  /** Every field label, of every field: a nearer label of another field takes a value away. */
  labels: LabelMatch[];
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
  const aligned = Math.abs(labelX - valueX) < 25;
  const otherAbove = layout.labels.some(
    (other) =>
      other !== label &&
      lineIndexAt(layout.lines, other.start) === labelLine &&
      Math.abs((xAt(layout.document, other.start) ?? Infinity) - valueX) < Math.abs(labelX - valueX),
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
