/**
 * Multinomial logistic regression (softmax) over sparse vectors, trained by full-batch gradient
 * descent with Nesterov momentum and an L2 penalty. No randomness: the same data and settings give
 * the same weights, to the bit.
 */
import type { SparseVector } from "./features";

export interface SoftmaxWeights {
  /** One row per class, one weight per feature. */
  weights: number[][];
  bias: number[];
}

export interface SoftmaxSettings {
  /** The L2 penalty's strength. */
  l2: number;
  epochs: number;
  learningRate: number;
}

/** The scores (logits) of each class for one vector. */
export function logits(model: SoftmaxWeights, vector: SparseVector): number[] {
  return model.weights.map((row, klass) => {
    let sum = model.bias[klass] as number;
    for (let k = 0; k < vector.index.length; k++) sum += (row[vector.index[k] as number] as number) * (vector.value[k] as number);
    return sum;
  });
}

/** Probabilities from logits divided by a temperature (1: as trained). */
export function softmax(scores: readonly number[], temperature = 1): number[] {
  const scaled = scores.map((value) => value / temperature);
  const top = Math.max(...scaled);
  const exps = scaled.map((value) => Math.exp(value - top));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / sum);
}

/** Fits weights to vectors and their class indexes. */
export function trainSoftmax(
  vectors: readonly SparseVector[],
  targets: readonly number[],
  classes: number,
  features: number,
  settings: SoftmaxSettings,
): SoftmaxWeights {
  const zeros = () => Array.from({ length: classes }, () => new Array<number>(features).fill(0));
  const model: SoftmaxWeights = { weights: zeros(), bias: new Array<number>(classes).fill(0) };
  const velocity: SoftmaxWeights = { weights: zeros(), bias: new Array<number>(classes).fill(0) };
  const momentum = 0.9;
  const count = vectors.length;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    // Nesterov: the gradient is taken at the point momentum is about to carry the weights to.
    const ahead: SoftmaxWeights = {
      weights: model.weights.map((row, c) => row.map((w, f) => w + momentum * ((velocity.weights[c] as number[])[f] as number))),
      bias: model.bias.map((b, c) => b + momentum * (velocity.bias[c] as number)),
    };
    const gradient: SoftmaxWeights = {
      weights: ahead.weights.map((row) => row.map((w) => settings.l2 * w)),
      bias: new Array<number>(classes).fill(0),
    };
    vectors.forEach((vector, n) => {
      const probabilities = softmax(logits(ahead, vector));
      probabilities.forEach((p, c) => {
        const error = (p - (targets[n] === c ? 1 : 0)) / count;
        (gradient.bias as number[])[c] = (gradient.bias[c] as number) + error;
        const row = gradient.weights[c] as number[];
        for (let k = 0; k < vector.index.length; k++) {
          const f = vector.index[k] as number;
          row[f] = (row[f] as number) + error * (vector.value[k] as number);
        }
      });
    });
    for (let c = 0; c < classes; c++) {
      const row = model.weights[c] as number[];
      const v = velocity.weights[c] as number[];
      const g = gradient.weights[c] as number[];
      for (let f = 0; f < features; f++) {
        v[f] = momentum * (v[f] as number) - settings.learningRate * (g[f] as number);
        row[f] = (row[f] as number) + (v[f] as number);
      }
      velocity.bias[c] = momentum * (velocity.bias[c] as number) - settings.learningRate * (gradient.bias[c] as number);
      model.bias[c] = (model.bias[c] as number) + (velocity.bias[c] as number);
    }
  }
  return model;
}
