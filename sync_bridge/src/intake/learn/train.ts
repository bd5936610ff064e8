/**
 * Training the request classifier, deterministic from its settings (the seed orders the folds):
 * 1. the vocabulary and IDF of the whole training set;
 * 2. out-of-fold scores: k models, each trained without one fold, score that fold;
 * 3. the temperature that calibrates those held-back scores (never the held-out set's);
 * 4. the final model on the whole training set, with that temperature.
 */
import { createHash } from "node:crypto";
import { CLASSIFIER_FORMAT, roundWeight, type ClassifierArtifact, type TrainingSettings } from "./artifact";
import { trainingSetSha256, type LabelledRequest } from "./corpus";
import { buildVocabulary, readBody, requestFeatures, vectorize, type SparseVector } from "./features";
import { fitTemperature } from "./calibration";
import { logits, trainSoftmax } from "./softmax";
import { REQUEST_CLASSES } from "../request_keywords";

export const DEFAULT_SETTINGS: TrainingSettings = {
  seed: 15,
  l2: 0.0001,
  epochs: 200,
  learningRate: 10,
  minDf: 2,
  maxFeatures: 4000,
  keywordScale: 0.3,
  folds: 5,
  // The sender's own text, a forward's message always (email_body.ts): chosen by cross-validation on train.
  body: "own_text_and_forwarded",
};

/** A small seeded generator (mulberry32): the same seed, the same folds. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fold numbers per example, stratified by class, shuffled by the seed. */
export function stratifiedFolds(targets: readonly number[], folds: number, seed: number): number[] {
  const random = seeded(seed);
  const assignment = new Array<number>(targets.length).fill(0);
  const byClass = new Map<number, number[]>();
  targets.forEach((target, index) => byClass.set(target, [...(byClass.get(target) ?? []), index]));
  let offset = 0;
  for (const klass of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(klass) as number[];
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    members.forEach((index, position) => (assignment[index] = (position + offset) % folds));
    offset += members.length;
  }
  return assignment;
}

export interface TrainingRun {
  artifact: ClassifierArtifact;
  /** The out-of-fold scores and classes the temperature was fitted on (to measure calibration). */
  outOfFold: { scores: number[][]; targets: number[] };
}

/** The name of a trained classifier: what it is made of (data, settings, weights), hashed. */
export function classifierName(artifact: Omit<ClassifierArtifact, "name">): string {
  const content = Object.fromEntries(Object.entries(artifact).filter(([key]) => key !== "name"));
  return `request-classifier-${createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 12)}`;
}

/** Trains a classifier on `examples`; named after its content unless `name` is given. */
export function trainRequestClassifier(
  examples: readonly LabelledRequest[],
  settings: TrainingSettings = DEFAULT_SETTINGS,
  name?: string,
): TrainingRun {
  const labels = REQUEST_CLASSES.filter((label) => examples.some((example) => example.label === label));
  if (labels.length < 2) throw new Error("Training needs examples of at least two classes.");
  const counts = examples.map((example) => requestFeatures(example.subject, readBody(example.body, settings)));
  const { features, idf } = buildVocabulary(counts, settings);
  const vocabulary = new Map(features.map((feature, index) => [feature, index]));
  const vectors: SparseVector[] = counts.map((count) => vectorize(count, vocabulary, idf, settings.keywordScale));
  const targets = examples.map((example) => labels.indexOf(example.label));
  const fit = (indexes: number[]) =>
    trainSoftmax(
      indexes.map((index) => vectors[index] as SparseVector),
      indexes.map((index) => targets[index] as number),
      labels.length,
      features.length,
      settings,
    );

  const folds = stratifiedFolds(targets, settings.folds, settings.seed);
  const scores: number[][] = new Array(examples.length);
  for (let fold = 0; fold < settings.folds; fold++) {
    const model = fit(targets.map((_, index) => index).filter((index) => folds[index] !== fold));
    folds.forEach((assigned, index) => {
      if (assigned === fold) scores[index] = logits(model, vectors[index] as SparseVector);
    });
  }
  const temperature = roundWeight(fitTemperature(scores, targets));
  const model = fit(targets.map((_, index) => index));
  const content: Omit<ClassifierArtifact, "name"> = {
    format: CLASSIFIER_FORMAT,
    labels: [...labels],
    training_set_sha256: trainingSetSha256(examples),
    training_examples: examples.length,
    settings,
    features,
    idf: idf.map(roundWeight),
    weights: model.weights.map((row) => row.map(roundWeight)),
    bias: model.bias.map(roundWeight),
    temperature,
  };
  const artifact: ClassifierArtifact = { ...content, name: name ?? classifierName(content) };
  return { artifact, outOfFold: { scores, targets } };
}
