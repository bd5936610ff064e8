/**
 * An explainable keyword classifier for inbound requests, the baseline a trained model must beat:
 * each class scores the weights of its keywords found (the subject counts twice), `other` a fixed
 * prior; the confidence is the class's share of the total, a raw score, not calibrated.
 */
import { REQUEST_CLASSES, REQUEST_KEYWORDS, type RequestClass } from "./request_keywords";
import { score, type ProposedClass } from "./result";

/** What `other` scores before any keyword is found: a request needs evidence to leave it. */
const OTHER_PRIOR = 1;

/** Lower case, no accents, one space between words: how keywords are matched. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/\s+/g, " ");
}

const patterns = new Map<string, RegExp>();

/** How often `keyword` occurs in folded text, at word starts. */
export function keywordHits(folded: string, keyword: string): number {
  let pattern = patterns.get(keyword);
  if (!pattern) {
    pattern = new RegExp(`(?<![\\p{L}\\d])${keyword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "gu");
    patterns.set(keyword, pattern);
  }
  return folded.match(pattern)?.length ?? 0;
}

export interface Classification extends ProposedClass {
  label: RequestClass;
  /** The keywords each class matched, for the reviewer. */
  matched: Record<string, string[]>;
}

export function classifyRequest(subject: string, body: string): Classification {
  const foldedSubject = foldText(subject);
  const foldedBody = foldText(body);
  const scores = new Map<RequestClass, number>([["other", OTHER_PRIOR]]);
  const matched: Record<string, string[]> = {};
  for (const [label, keywords] of Object.entries(REQUEST_KEYWORDS) as [RequestClass, readonly (readonly [string, number])[]][]) {
    let total = 0;
    for (const [keyword, weight] of keywords) {
      const hits = 2 * Math.min(keywordHits(foldedSubject, keyword), 1) + Math.min(keywordHits(foldedBody, keyword), 2);
      if (hits > 0) {
        total += weight * hits;
        (matched[label] ??= []).push(keyword);
      }
    }
    scores.set(label, total);
  }
  const sum = [...scores.values()].reduce((a, b) => a + b, 0);
  const candidates = REQUEST_CLASSES.map((label) => ({ label, confidence: score((scores.get(label) ?? 0) / sum) })).sort(
    (a, b) => b.confidence - a.confidence,
  );
  const top = candidates[0] as { label: RequestClass; confidence: number };
  return { label: top.label, confidence: top.confidence, candidates, matched };
}
