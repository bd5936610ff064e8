/**
 * Temperature scaling: one number that softens (or sharpens) a classifier's probabilities so that
 * its confidence matches how often it is right. Fitted on predictions the model made for examples
 * it did not train on (out-of-fold), by minimizing their negative log-likelihood.
 */
import { softmax } from "./softmax";

/** The mean negative log-likelihood of the true classes under `temperature`. */
export function negativeLogLikelihood(scores: readonly number[][], targets: readonly number[], temperature: number): number {
  const total = scores.reduce((sum, row, index) => {
    const probability = softmax(row, temperature)[targets[index] as number] as number;
    return sum - Math.log(Math.max(probability, 1e-12));
  }, 0);
  return total / Math.max(scores.length, 1);
}

/** The temperature in [0.05, 20] with the lowest NLL (golden-section search over its logarithm). */
export function fitTemperature(scores: readonly number[][], targets: readonly number[]): number {
  if (scores.length === 0) return 1;
  const loss = (logT: number) => negativeLogLikelihood(scores, targets, Math.exp(logT));
  const golden = (Math.sqrt(5) - 1) / 2;
  let low = Math.log(0.05);
  let high = Math.log(20);
  let a = high - golden * (high - low);
  let b = low + golden * (high - low);
  let lossA = loss(a);
  let lossB = loss(b);
  for (let step = 0; step < 60; step++) {
    if (lossA <= lossB) {
      high = b;
      b = a;
      lossB = lossA;
      a = high - golden * (high - low);
      lossA = loss(a);
    } else {
      low = a;
      a = b;
      lossA = lossB;
      b = low + golden * (high - low);
      lossB = loss(b);
    }
  }
  return Math.exp((low + high) / 2);
}
