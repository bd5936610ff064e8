/**
 * Training the request classifier: the same data and seed give the same artifact to the byte, the
 * shipped default is exactly what training on the shipped split gives (a guard, like the generated
 * web bundle's), and temperature scaling lowers the calibration error where it was fitted.
 */
import { readFileSync } from "node:fs";
import { DEFAULT_ARTIFACT_PATH, requestClassifier } from "../../../../sync_bridge/src/intake/learn/classifier";
import { loadShippedRequests, trainingSetSha256 } from "../../../../sync_bridge/src/intake/learn/corpus";
import { expectedCalibrationError } from "../../../../sync_bridge/src/intake/learn/metrics";
import { softmax } from "../../../../sync_bridge/src/intake/learn/softmax";
import {
  classifierName,
  DEFAULT_SETTINGS,
  stratifiedFolds,
  trainRequestClassifier,
  type TrainingRun,
} from "../../../../sync_bridge/src/intake/learn/train";
import { evaluateOnHeldout } from "../../../../sync_bridge/src/intake/learn/evaluate";
import { classifyRequest } from "../../../../sync_bridge/src/intake/request_classifier";

const train = loadShippedRequests("train");
let shippedRun: TrainingRun;

beforeAll(() => {
  shippedRun = trainRequestClassifier(train);
});

/** ECE of the top class under `temperature`, on scores the model did not train on. */
function oofEce(run: TrainingRun, temperature: number): number {
  const probabilities = run.outOfFold.scores.map((scores) => softmax(scores, temperature));
  const confidences = probabilities.map((p) => Math.max(...p));
  const correct = probabilities.map((p, index) => p.indexOf(Math.max(...p)) === run.outOfFold.targets[index]);
  return expectedCalibrationError(confidences, correct);
}

describe("training the request classifier", () => {
  test("the same examples and seed give the same artifact, byte for byte; another seed other folds", () => {
    const subset = train.filter((_, index) => index % 3 === 0);
    const settings = { ...DEFAULT_SETTINGS, epochs: 40 };
    const first = JSON.stringify(trainRequestClassifier(subset, settings).artifact);
    const second = JSON.stringify(trainRequestClassifier(subset, settings).artifact);
    expect(second).toBe(first);
    // the name says what the model is made of: other settings, another name
    const other = trainRequestClassifier(subset, { ...settings, epochs: 41 }).artifact;
    expect(other.name).not.toBe(JSON.parse(first).name);
    expect(other.name).toBe(classifierName(other));
    const targets = subset.map((example) => example.label.length);
    expect(stratifiedFolds(targets, 5, 1)).not.toEqual(stratifiedFolds(targets, 5, 2));
  });

  test("the shipped default is what the shipped training split trains to", () => {
    const shipped = readFileSync(DEFAULT_ARTIFACT_PATH, "utf8");
    const parsed = JSON.parse(shipped) as { training_set_sha256: string };
    // On a mismatch: npm run -s bridge -- intake retrain --offline --out sync_bridge/data/intake/request_classifier.json
    expect(parsed.training_set_sha256).toBe(trainingSetSha256(train));
    expect(shipped).toBe(`${JSON.stringify(shippedRun.artifact)}\n`);
  });

  test("temperature scaling lowers the ECE of the out-of-fold predictions it was fitted on", () => {
    const fitted = shippedRun.artifact.temperature;
    expect(fitted).not.toBe(1);
    expect(oofEce(shippedRun, fitted)).toBeLessThan(oofEce(shippedRun, 1));
  });

  test("the trained model beats the keyword rules on the held-out requests it never saw", () => {
    const model = requestClassifier(shippedRun.artifact);
    const trained = evaluateOnHeldout((subject, body) => model.classify(subject, body));
    const keywords = evaluateOnHeldout((subject, body) => classifyRequest(subject, body));
    expect(trained.count).toBe(60);
    expect(trained.macroF1).toBeGreaterThan(keywords.macroF1);
    expect(trained.ece).toBeLessThan(keywords.ece);
  });
});
