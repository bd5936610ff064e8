/**
 * The trained request classifier at work: an artifact turned into a function from an e-mail to a
 * class with its calibrated confidence, the other classes' confidences, and the features that
 * weighed most for the chosen class (the reviewer's "why").
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RequestClass } from "../request_keywords";
import type { ProposedClass } from "../result";
import { score } from "../result";
import { parseClassifierArtifact, type ClassifierArtifact } from "./artifact";
import { INTAKE_DATA_DIR } from "./corpus";
import { readBody, requestFeatures, vectorize } from "./features";
import { logits, softmax } from "./softmax";

export interface RequestPrediction extends ProposedClass {
  label: RequestClass;
  /** The words, bigrams and keyword hits that pushed most toward `label`, strongest first. */
  evidence: string[];
}

export interface RequestClassifier {
  /** The model version results name. */
  readonly name: string;
  readonly artifact: ClassifierArtifact;
  classify(subject: string, body: string): RequestPrediction;
}

/** The artifact shipped with the bridge, trained on the shipped training split. */
export const DEFAULT_ARTIFACT_PATH = join(INTAKE_DATA_DIR, "request_classifier.json");

/** "w:devis" → "devis", "k:sales_lead" → "keywords of sales_lead", "x:stock_out" → "stock out (cue)". */
function readable(feature: string): string {
  if (feature.startsWith("k:")) return `keywords of ${feature.slice(2)}`;
  if (feature.startsWith("x:")) return `${feature.slice(2).replace(/_/g, " ")} (cue)`;
  return feature.slice(2).trim();
}

/** A classifier from a validated artifact. */
export function requestClassifier(artifact: ClassifierArtifact): RequestClassifier {
  const vocabulary = new Map(artifact.features.map((feature, index) => [feature, index]));
  const model = { weights: artifact.weights, bias: artifact.bias };
  return {
    name: artifact.name,
    artifact,
    classify(subject, body) {
      const vector = vectorize(
        requestFeatures(subject, readBody(body, artifact.settings)),
        vocabulary,
        artifact.idf,
        artifact.settings.keywordScale,
      );
      const probabilities = softmax(logits(model, vector), artifact.temperature);
      const candidates = artifact.labels
        .map((label, index) => ({ label, confidence: score(probabilities[index] as number) }))
        .sort((a, b) => b.confidence - a.confidence || a.label.localeCompare(b.label));
      const top = candidates[0] as { label: RequestClass; confidence: number };
      const row = artifact.weights[artifact.labels.indexOf(top.label)] as number[];
      const evidence = vector.index
        .map((feature, k) => ({ feature, weight: (row[feature] as number) * (vector.value[k] as number) }))
        // Words, bigrams and keyword hits read well; character n-grams do not.
        .filter((entry) => entry.weight > 0 && !(artifact.features[entry.feature] as string).startsWith("c:"))
        .sort((a, b) => b.weight - a.weight)
        .map((entry) => readable(artifact.features[entry.feature] as string))
        .filter((feature, index, all) => all.indexOf(feature) === index)
        .slice(0, 5);
      return { label: top.label, confidence: top.confidence, candidates, evidence };
    },
  };
}

let shipped: RequestClassifier | undefined;

/** The shipped default classifier (read and validated once). */
export function defaultRequestClassifier(): RequestClassifier {
  shipped ??= requestClassifier(
    parseClassifierArtifact(JSON.parse(readFileSync(DEFAULT_ARTIFACT_PATH, "utf8")), "the bridge's shipped default"),
  );
  return shipped;
}
