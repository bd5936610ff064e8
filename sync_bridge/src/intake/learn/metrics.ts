/**
 * How good a classifier is, the same way everywhere (training, retraining, the bench): per-class
 * precision, recall and F1, macro-F1, accuracy, and the expected calibration error (ECE) of the
 * top label's confidence over equal-width bins.
 */

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** How many examples truly have this class. */
  support: number;
}

export interface ClassificationReport {
  perClass: Record<string, ClassScores>;
  macroF1: number;
  accuracy: number;
  ece: number;
  count: number;
}

export interface Prediction {
  label: string;
  /** The confidence of `label`, in [0, 1]. */
  confidence: number;
}

const ratio = (numerator: number, denominator: number) => (denominator === 0 ? 0 : numerator / denominator);

/**
 * ECE: the confidence-weighted gap between how sure the predictions are and how often they are
 * right, bin by bin (`bins` equal-width bins over [0, 1]).
 */
export function expectedCalibrationError(confidences: readonly number[], correct: readonly boolean[], bins = 10): number {
  if (confidences.length !== correct.length) throw new Error("confidences and correct must have the same length.");
  if (confidences.length === 0) return 0;
  const sums = Array.from({ length: bins }, () => ({ count: 0, confidence: 0, correct: 0 }));
  confidences.forEach((confidence, index) => {
    const bin = sums[Math.min(bins - 1, Math.floor(confidence * bins))] as { count: number; confidence: number; correct: number };
    bin.count++;
    bin.confidence += confidence;
    bin.correct += correct[index] ? 1 : 0;
  });
  return sums.reduce((total, bin) => total + (bin.count ? Math.abs(bin.confidence - bin.correct) / confidences.length : 0), 0);
}

/** Scores predictions against the true labels; classes absent from both count with F1 0. */
export function classificationReport(
  gold: readonly string[],
  predicted: readonly Prediction[],
  labels: readonly string[],
): ClassificationReport {
  if (gold.length !== predicted.length) throw new Error("gold and predicted must have the same length.");
  const perClass: Record<string, ClassScores> = {};
  for (const label of labels) {
    let truePositive = 0;
    let predictedCount = 0;
    let support = 0;
    gold.forEach((truth, index) => {
      const guess = (predicted[index] as Prediction).label;
      if (guess === label) predictedCount++;
      if (truth === label) support++;
      if (guess === label && truth === label) truePositive++;
    });
    const precision = ratio(truePositive, predictedCount);
    const recall = ratio(truePositive, support);
    perClass[label] = { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  }
  const correct = gold.map((truth, index) => (predicted[index] as Prediction).label === truth);
  return {
    perClass,
    macroF1: ratio(
      labels.reduce((sum, label) => sum + (perClass[label] as ClassScores).f1, 0),
      labels.length,
    ),
    accuracy: ratio(correct.filter(Boolean).length, gold.length),
    ece: expectedCalibrationError(
      predicted.map((prediction) => prediction.confidence),
      correct,
    ),
    count: gold.length,
  };
}
