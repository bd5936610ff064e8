/**
 * Request classification on the frozen held-out set shipped with the bridge: the trained classifier
 * (the shipped default artifact, what the worker uses when Odoo has no active version) next to
 * the two baselines, the keyword rules (`request_classifier.ts`) and the majority class of the
 * training split (always answered, at its training share as confidence).
 */
import { defaultRequestClassifier } from "../../../sync_bridge/src/intake/learn/classifier";
import { loadShippedRequests } from "../../../sync_bridge/src/intake/learn/corpus";
import { evaluateOnHeldout, type HeldoutEvaluation } from "../../../sync_bridge/src/intake/learn/evaluate";
import { classifyRequest } from "../../../sync_bridge/src/intake/request_classifier";

export interface RequestRun {
  name: string;
  report: HeldoutEvaluation;
}

/** The class the training split has most of, and its share. */
export function majorityClass(labels: readonly string[]): { label: string; share: number } {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const [label, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ["other", 0];
  return { label, share: labels.length ? count / labels.length : 0 };
}

/** The three classifiers on the held-out requests, the trained one first. */
export function requestRuns(): RequestRun[] {
  const trained = defaultRequestClassifier();
  const majority = majorityClass(loadShippedRequests("train").map((example) => example.label));
  return [
    { name: `trained (${trained.name})`, report: evaluateOnHeldout((subject, body) => trained.classify(subject, body)) },
    { name: "keyword rules", report: evaluateOnHeldout((subject, body) => classifyRequest(subject, body)) },
    {
      name: `majority (${majority.label})`,
      report: evaluateOnHeldout(() => ({ label: majority.label, confidence: majority.share })),
    },
  ];
}
