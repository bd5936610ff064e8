/**
 * Measuring a request classifier on the frozen held-out set shipped with the bridge: per-class
 * precision, recall and F1, macro-F1, accuracy and ECE, plus the held-out file's SHA-256 so two
 * measurements can be told to be comparable. The retrain command and the bench both use it.
 */
import { classificationReport, type ClassificationReport, type Prediction } from "./metrics";
import { heldoutSha256, loadShippedRequests, type LabelledRequest } from "./corpus";
import { REQUEST_CLASSES } from "../request_keywords";

export interface HeldoutEvaluation extends ClassificationReport {
  heldoutSha256: string;
}

/** Scores `classify` on `examples` (the shipped held-out split by default). */
export function evaluateOnHeldout(
  classify: (subject: string, body: string) => Prediction,
  examples: readonly LabelledRequest[] = loadShippedRequests("heldout"),
): HeldoutEvaluation {
  const predictions = examples.map((example) => classify(example.subject, example.body));
  return {
    ...classificationReport(
      examples.map((example) => example.label),
      predictions,
      REQUEST_CLASSES,
    ),
    heldoutSha256: heldoutSha256(),
  };
}
