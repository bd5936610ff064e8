/**
 * What the trained request classifier reads of an e-mail: word unigrams and bigrams (the subject's
 * words once more, marked) and character 4- and 5-grams inside words, which carry meaning across
 * languages and spellings (Bestellung, bestellen; commande, commander), the keyword rules' hits
 * per class, and the cross-language cues of `concepts.ts`. Text is folded first: lower case, no
 * accents, digits as 0.
 */
import { ownMessage } from "../email_body";
import { classifyRequest, foldText } from "../request_classifier";
import type { TrainingSettings } from "./artifact";
import { requestCues } from "./concepts";

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;
const CHAR_GRAMS = [4, 5] as const;

function words(text: string): string[] {
  return (foldText(text).replace(/\p{N}/gu, "0").match(WORD) ?? []).map((word) => word.replace(/^'+|'+$/g, ""));
}

/** The part of a body the classifier reads under `settings.body` (the same at training and run time). */
export function readBody(body: string, settings: Pick<TrainingSettings, "body">): string {
  if (settings.body === "own_text") return ownMessage(body);
  if (settings.body === "own_text_and_forwarded") return ownMessage(body, { forwards: "always" });
  return body;
}

/** The features of one request, with how often each occurs. */
export function requestFeatures(subject: string, body: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string) => counts.set(feature, (counts.get(feature) ?? 0) + 1);
  const subjectWords = words(subject);
  const all = [...subjectWords, ...words(body)];
  for (const word of subjectWords) add(`s:${word}`);
  all.forEach((word, index) => {
    add(`w:${word}`);
    if (index > 0) add(`b:${all[index - 1]} ${word}`);
    const padded = ` ${word} `;
    for (const n of CHAR_GRAMS) {
      for (let start = 0; start + n <= padded.length; start++) add(`c:${padded.slice(start, start + n)}`);
    }
  });
  // The keyword rules' hits, one feature per class: what the baseline knows, for the model to weigh.
  for (const [label, keywords] of Object.entries(classifyRequest(subject, body).matched)) {
    for (let hit = 0; hit < keywords.length; hit++) add(`k:${label}`);
  }
  for (const [cue, found] of requestCues(subject, body)) counts.set(`x:${cue}`, found);
  return counts;
}

/** A sparse vector: feature indexes and their values. */
export interface SparseVector {
  index: number[];
  value: number[];
}

/** The keyword rules' hits and the cues: kept out of the n-grams' unit length, scaled on their own. */
const isLexicon = (feature: string) => feature.startsWith("k:") || feature.startsWith("x:");

/**
 * TF-IDF with a sublinear term frequency, scaled to unit length, over a fixed vocabulary (features
 * outside it are dropped). The keyword rules' hits weigh `keywordScale` each (sublinear too), apart
 * from the thousands of n-grams that would otherwise drown them; so do the cues.
 */
export function vectorize(
  counts: Map<string, number>,
  vocabulary: Map<string, number>,
  idf: readonly number[],
  keywordScale: number,
): SparseVector {
  const entries: [number, number, boolean][] = [];
  for (const [feature, count] of counts) {
    const index = vocabulary.get(feature);
    if (index === undefined) continue;
    const keyword = isLexicon(feature);
    entries.push([index, (1 + Math.log(count)) * (keyword ? keywordScale : (idf[index] as number)), keyword]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const norm = Math.sqrt(entries.reduce((sum, [, value, keyword]) => sum + (keyword ? 0 : value * value), 0)) || 1;
  return {
    index: entries.map(([index]) => index),
    value: entries.map(([, value, keyword]) => (keyword ? value : value / norm)),
  };
}

/**
 * The vocabulary of a training set: features seen in at least `minDf` requests, the `maxFeatures`
 * most frequent kept (ties by name, so the same set always gives the same vocabulary), and their
 * smoothed inverse document frequencies.
 */
export function buildVocabulary(
  documents: readonly Map<string, number>[],
  options: { minDf: number; maxFeatures: number },
): { features: string[]; idf: number[] } {
  const df = new Map<string, number>();
  for (const counts of documents) for (const feature of counts.keys()) df.set(feature, (df.get(feature) ?? 0) + 1);
  const features = [...df.entries()]
    .filter(([, count]) => count >= options.minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxFeatures)
    .map(([feature]) => feature)
    .sort();
  const total = documents.length;
  const idf = features.map((feature) => Math.log((1 + total) / (1 + (df.get(feature) as number))) + 1);
  return { features, idf };
}
