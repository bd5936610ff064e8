/**
 * How good a field extractor is: per-field and overall exact match of the proposed values against
 * the expected ones, and the ECE of the proposed fields' confidence (is a field proposed at 0.9 right
 * nine times in ten?). A field the extractor does not propose counts as wrong for exact match (and
 * is left out of the ECE: it has no confidence); a field expected empty (null) is right only when
 * nothing (or null) is proposed.
 */
import { expectedCalibrationError } from "./metrics";

export interface ProposedValue {
  name: string;
  value: string | null;
  confidence: number;
}

export interface FieldScores {
  /** Share of documents whose value for this field is exactly the expected one. */
  exact: number;
  correct: number;
  count: number;
}

/** One bin of a reliability diagram: how many values, how sure on average, how often right. */
export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  confidence: number;
  accuracy: number;
}

/** The non-empty bins (`bins` equal-width over [0, 1]) of confidences against outcomes. */
export function reliability(confidences: readonly number[], correct: readonly boolean[], bins = 10): ReliabilityBin[] {
  const sums = Array.from({ length: bins }, (_, index) => ({
    from: index / bins,
    to: (index + 1) / bins,
    count: 0,
    confidence: 0,
    right: 0,
  }));
  confidences.forEach((confidence, index) => {
    const bin = sums[Math.min(bins - 1, Math.floor(confidence * bins))] as (typeof sums)[number];
    bin.count++;
    bin.confidence += confidence;
    bin.right += correct[index] ? 1 : 0;
  });
  return sums
    .filter((bin) => bin.count > 0)
    .map(({ from, to, count, confidence, right }) => ({
      from,
      to,
      count,
      confidence: confidence / count,
      accuracy: right / count,
    }));
}

export interface FieldReport {
  perField: Record<string, FieldScores>;
  /** Exact match over every (document, field) pair. */
  exact: number;
  /** ECE of the proposed fields' confidence against their exactness. */
  ece: number;
  /** Where the ECE comes from: the proposed fields by confidence bin. */
  bins: ReliabilityBin[];
  /** Documents scored. */
  count: number;
}

/** One field of one document: right or not, and how sure the extractor was (null: nothing proposed). */
export function fieldOutcome(
  expected: string | null,
  proposed: ProposedValue | undefined,
): { correct: boolean; confidence: number | null } {
  const value = proposed?.value ?? null;
  return { correct: value === expected, confidence: proposed && proposed.value !== null ? proposed.confidence : null };
}

/** Scores each document's proposals (`proposed[i]`) against its expected values (`expected[i]`). */
export function fieldReport(
  expected: readonly Readonly<Record<string, string | null>>[],
  proposed: readonly (readonly ProposedValue[])[],
  fields: readonly string[],
): FieldReport {
  if (expected.length !== proposed.length) throw new Error("expected and proposed must have the same length.");
  const perField: Record<string, FieldScores> = {};
  const confidences: number[] = [];
  const outcomes: boolean[] = [];
  let correctTotal = 0;
  for (const name of fields) {
    let correct = 0;
    expected.forEach((values, index) => {
      const outcome = fieldOutcome(
        values[name] ?? null,
        (proposed[index] ?? []).find((field) => field.name === name),
      );
      if (outcome.correct) correct++;
      if (outcome.confidence === null) return;
      confidences.push(outcome.confidence);
      outcomes.push(outcome.correct);
    });
    correctTotal += correct;
    perField[name] = { exact: expected.length ? correct / expected.length : 0, correct, count: expected.length };
  }
  const pairs = expected.length * fields.length;
  return {
    perField,
    exact: pairs ? correctTotal / pairs : 0,
    ece: expectedCalibrationError(confidences, outcomes),
    bins: reliability(confidences, outcomes),
    count: expected.length,
  };
}
