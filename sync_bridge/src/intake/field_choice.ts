/**
 * Turns a field's scored candidates into the proposed field: one entry per distinct value (its
 * best occurrence), the best first, and a confidence that drops when a rival value scores close.
 */
import type { Candidate } from "./candidates/candidate";
import { evidenceFor, type IntakeDocument } from "./document";
import { score, type ProposedField } from "./result";

/** How many alternatives a field keeps for the reviewer. */
const MAX_CANDIDATES = 5;

export interface Scored<C extends Candidate = Candidate> {
  candidate: C;
  score: number;
}

/** The best occurrence of each distinct value, best first. */
export function rankByValue<C extends Candidate>(scored: readonly Scored<C>[]): Scored<C>[] {
  const best = new Map<string, Scored<C>>();
  for (const entry of scored) {
    const known = best.get(entry.candidate.value);
    if (!known || entry.score > known.score) best.set(entry.candidate.value, entry);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.candidate.start - b.candidate.start);
}

/**
 * The raw confidence of the top value: its score, lowered by half the runner-up's share of it.
 * A raw score, not a calibrated probability.
 */
export function rawConfidence(ranked: readonly Scored[]): number {
  const [first, second] = ranked;
  if (!first || first.score <= 0) return 0;
  return first.score * (1 - 0.5 * ((second?.score ?? 0) / first.score));
}

/** The proposed field for `name`; null when no candidate was found. */
export function chooseField(document: IntakeDocument, name: string, scored: readonly Scored[]): ProposedField | null {
  const ranked = rankByValue(scored);
  const top = ranked[0];
  if (!top) return null;
  return {
    name,
    raw: top.candidate.raw,
    value: top.candidate.value,
    confidence: score(rawConfidence(ranked)),
    evidence: evidenceFor(document, top.candidate.start, top.candidate.end),
    candidates: ranked.slice(0, MAX_CANDIDATES).map((entry) => ({
      value: entry.candidate.value,
      confidence: score(entry.score),
      generator: entry.candidate.generator,
    })),
    generator: top.candidate.generator,
  };
}
