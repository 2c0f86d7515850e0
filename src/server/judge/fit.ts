import type { Verdict } from '../../shared/judgement.js';
import { MODEL_CLASSES, MODEL_INPUTS, type Evidence } from './verdict.js';

/**
 * Fits the judge's small models: multinomial logistic regression over standardised inputs, by
 * full-batch gradient descent with L2 regularisation. Deterministic: the same samples always give
 * the same model, so a committed model can be reproduced by its script.
 */

export interface SoftmaxModel {
  inputs: readonly string[];
  mean: readonly number[];
  scale: readonly number[];
  /** weights[input][class], classes in the order of the model's class list. */
  weights: readonly (readonly number[])[];
  bias: readonly number[];
}

/** The verdict model: classes in {@link MODEL_CLASSES} order, inputs named by {@link MODEL_INPUTS}. */
export type VerdictModel = SoftmaxModel;

export interface Sample {
  evidence: Evidence;
  label: Verdict;
  /** Samples of one group (one question) stay together in cross-validation. */
  group: string;
}

export interface FitOptions {
  l2: number;
  iterations: number;
  learningRate: number;
}

export const FIT = { l2: 1, iterations: 4000, learningRate: 0.1, folds: 5 } as const;

/** Fits `rows` (one value per input) to `labels` (class indexes in `0…classes-1`). */
export function fitSoftmax(
  inputs: readonly string[],
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  classes: number,
  options: FitOptions = FIT,
): SoftmaxModel {
  const mean = inputs.map((_, i) => rows.reduce((sum, r) => sum + r[i]!, 0) / rows.length);
  const scale = inputs.map((_, i) => {
    const variance = rows.reduce((sum, r) => sum + (r[i]! - mean[i]!) ** 2, 0) / rows.length;
    return Math.sqrt(variance) || 1;
  });
  const x = rows.map((r) => r.map((v, i) => (v - mean[i]!) / scale[i]!));
  const k = classes;
  const d = inputs.length;
  const n = x.length;
  const weights = Array.from({ length: d }, () => new Array<number>(k).fill(0));
  const bias = new Array<number>(k).fill(0);
  const z = new Array<number>(k);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const gradW = Array.from({ length: d }, () => new Array<number>(k).fill(0));
    const gradB = new Array<number>(k).fill(0);
    for (let s = 0; s < n; s++) {
      const row = x[s]!;
      let top = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        let sum = bias[c]!;
        for (let i = 0; i < d; i++) sum += row[i]! * weights[i]![c]!;
        z[c] = sum;
        top = Math.max(top, sum);
      }
      let total = 0;
      for (let c = 0; c < k; c++) total += z[c] = Math.exp(z[c]! - top);
      for (let c = 0; c < k; c++) {
        const error = z[c]! / total - (labels[s] === c ? 1 : 0);
        gradB[c]! += error / n;
        for (let i = 0; i < d; i++) gradW[i]![c]! += (error * row[i]!) / n;
      }
    }
    for (let i = 0; i < d; i++) {
      for (let c = 0; c < k; c++)
        weights[i]![c]! -= options.learningRate * (gradW[i]![c]! + (options.l2 * weights[i]![c]!) / n);
    }
    for (let c = 0; c < k; c++) bias[c]! -= options.learningRate * gradB[c]!;
  }
  return { inputs, mean, scale, weights, bias };
}

/** The model's score (logit) per class for one row of inputs. */
export function softmaxScores(model: SoftmaxModel, row: readonly number[]): number[] {
  return model.bias.map((b, c) =>
    row.reduce((sum, v, i) => sum + ((v - model.mean[i]!) / model.scale[i]!) * model.weights[i]![c]!, b),
  );
}

/** The model, rounded to four decimals, as the source of a committed TypeScript module. */
export function modelSource(model: SoftmaxModel): string {
  const round = (n: number) => Math.round(n * 1e4) / 1e4;
  return JSON.stringify({
    inputs: model.inputs,
    mean: model.mean.map(round),
    scale: model.scale.map(round),
    weights: model.weights.map((row) => row.map(round)),
    bias: model.bias.map(round),
  });
}

export function fitVerdictModel(samples: readonly Sample[]): VerdictModel {
  const inputs = Object.keys(MODEL_INPUTS);
  const rows = samples.map((s) => inputs.map((name) => MODEL_INPUTS[name]!(s.evidence)));
  const labels = samples.map((s) => MODEL_CLASSES.indexOf(s.label as (typeof MODEL_CLASSES)[number]));
  return fitSoftmax(inputs, rows, labels, MODEL_CLASSES.length);
}

/** The groups of each cross-validation fold: every {@link FIT.folds}-th group of the sorted list. */
export function foldsOf(groups: Iterable<string>): Set<string>[] {
  const sorted = [...new Set(groups)].sort();
  return Array.from({ length: FIT.folds }, (_, fold) => new Set(sorted.filter((_, i) => i % FIT.folds === fold)));
}

/** Accuracy of the fitted model on held-back questions: each fold's questions are left out of its fit. */
export function crossValidate(
  samples: readonly Sample[],
  predict: (model: VerdictModel, evidence: Evidence) => Verdict,
): number {
  let right = 0;
  for (const held of foldsOf(samples.map((s) => s.group))) {
    const model = fitVerdictModel(samples.filter((s) => !held.has(s.group)));
    for (const s of samples.filter((s) => held.has(s.group))) if (predict(model, s.evidence) === s.label) right++;
  }
  return right / samples.length;
}
