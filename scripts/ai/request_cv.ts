/**
 * Development aid, not the bench: cross-validation of the request classifier's training recipe on
 * the TRAINING split only (the held-out split is never read here). Each outer fold trains exactly
 * as the retrain command does (inner out-of-fold calibration included) on the other folds and is
 * scored on the fold it never saw: pooled macro-F1 and ECE. Two schemes:
 *   stratified   5 folds stratified by class, repeated with 3 seeds;
 *   language     leave one language out (en, fr, de, es): a harsher shift, like new wording.
 * Each scheme also scores the held-back fold's e-mails wrapped as they often arrive (`request_wrap.ts`:
 * a reply quoting another e-mail, a forward with nothing or "FYI" said, a signature and legal notice):
 * "wrapped". A second argument `augment` adds a wrapped copy of each training-fold e-mail (never of
 * the scored fold).
 * Bundle and run (the bundle must sit in sync_bridge/dist/ to find the shipped data):
 *   node scripts/bench/sync/build.mjs sync_bridge/dist/request_cv.cjs scripts/ai/request_cv.ts
 *   node sync_bridge/dist/request_cv.cjs '{"l2":0.0001}'   # settings overriding the defaults
 *   node sync_bridge/dist/request_cv.cjs '{"body":"raw"}' augment
 */
import { readFileSync } from "node:fs";
import { requestClassifier } from "../../sync_bridge/src/intake/learn/classifier";
import { shippedSplitPath, type LabelledRequest } from "../../sync_bridge/src/intake/learn/corpus";
import { classificationReport, type Prediction } from "../../sync_bridge/src/intake/learn/metrics";
import { DEFAULT_SETTINGS, stratifiedFolds, trainRequestClassifier } from "../../sync_bridge/src/intake/learn/train";
import { REQUEST_CLASSES } from "../../sync_bridge/src/intake/request_keywords";
import type { TrainingSettings } from "../../sync_bridge/src/intake/learn/artifact";
import { wrapRequest } from "./request_wrap";

interface TrainLine extends LabelledRequest {
  lang: string;
}

const train: TrainLine[] = readFileSync(shippedSplitPath("train"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => {
    const row = JSON.parse(line) as { subject: string; body: string; lang: string; expect: { class: LabelledRequest["label"] } };
    return { subject: row.subject, body: row.body, lang: row.lang, label: row.expect.class };
  });

const settings: TrainingSettings = { ...DEFAULT_SETTINGS, ...(JSON.parse(process.argv[2] ?? "{}") as Partial<TrainingSettings>) };
const augment = process.argv[3] === "augment";
const wrapped = train.map((example, index) => wrapRequest(example, index, train));

type Report = { macroF1: number; ece: number; accuracy: number };

/** Trains on every example whose group differs from each group in turn; predicts that group. */
function crossValidate(groups: readonly (number | string)[]): { plain: Report; wrapped: Report } {
  const predictions: Prediction[] = new Array(train.length);
  const wrappedPredictions: Prediction[] = new Array(train.length);
  for (const group of [...new Set(groups)]) {
    const fold = train.filter((_, index) => groups[index] !== group);
    const extra = augment ? wrapped.filter((_, index) => groups[index] !== group) : [];
    const { artifact } = trainRequestClassifier([...fold, ...extra], settings, "cv");
    const model = requestClassifier(artifact);
    train.forEach((example, index) => {
      if (groups[index] !== group) return;
      predictions[index] = model.classify(example.subject, example.body);
      const copy = wrapped[index] as TrainLine;
      wrappedPredictions[index] = model.classify(copy.subject, copy.body);
    });
  }
  const labels = train.map((example) => example.label);
  return {
    plain: classificationReport(labels, predictions, REQUEST_CLASSES),
    wrapped: classificationReport(labels, wrappedPredictions, REQUEST_CLASSES),
  };
}

const targets = train.map((example) => REQUEST_CLASSES.indexOf(example.label));
const rows: [string, { plain: Report; wrapped: Report }][] = [];
for (const seed of [101, 202, 303]) rows.push([`stratified seed ${seed}`, crossValidate(stratifiedFolds(targets, 5, seed))]);
rows.push(["leave one language out", crossValidate(train.map((example) => example.lang))]);
const fixed = (value: number) => value.toFixed(3);
console.log(`settings ${JSON.stringify(settings)}${augment ? " + augmentation" : ""} (${train.length} training examples)`);
const line = (report: Report) =>
  `macro-F1 ${fixed(report.macroF1)}  accuracy ${fixed(report.accuracy)}  ECE ${fixed(report.ece)}`;
for (const [name, report] of rows) console.log(`${name.padEnd(24)} ${line(report.plain)}   wrapped ${line(report.wrapped)}`);
const strat = rows.slice(0, 3).map(([, report]) => report);
const mean = (pick: (r: { plain: Report; wrapped: Report }) => number) =>
  fixed(strat.reduce((sum, r) => sum + pick(r), 0) / strat.length);
console.log(
  `stratified mean          macro-F1 ${mean((r) => r.plain.macroF1)}  ECE ${mean((r) => r.plain.ece)}` +
    `   wrapped macro-F1 ${mean((r) => r.wrapped.macroF1)}  ECE ${mean((r) => r.wrapped.ece)}`,
);
