import type { Verdict } from '../../shared/judgement.js';
import { MODEL_CLASSES, MODEL_INPUTS, type Evidence } from './verdict.js';

/**
 * Fits the verdict model: multinomial logistic regression over the standardised measures of
 * {@link MODEL_INPUTS}, by full-batch gradient descent with L2 regularisation. Deterministic: the
 * same samples always give the same model, so the committed model can be reproduced.
 */

export interface VerdictModel {
  inputs: readonly string[];
  mean: readonly number[];
  scale: readonly number[];
  /** weights[input][class], classes in {@link MODEL_CLASSES} order. */
  weights: readonly (readonly number[])[];
  bias: readonly number[];
}

export interface Sample {
  evidence: Evidence;
  label: Verdict;
  /** Samples of one group (one question) stay together in cross-validation. */
  group: string;
}

export const FIT = { l2: 1, iterations: 4000, learningRate: 0.1, folds: 5 } as const;

export function fitVerdictModel(samples: readonly Sample[]): VerdictModel {
  const inputs = Object.keys(MODEL_INPUTS);
  const rows = samples.map((s) => inputs.map((name) => MODEL_INPUTS[name]!(s.evidence)));
  const mean = inputs.map((_, i) => rows.reduce((sum, r) => sum + r[i]!, 0) / rows.length);
  const scale = inputs.map((_, i) => {
    const variance = rows.reduce((sum, r) => sum + (r[i]! - mean[i]!) ** 2, 0) / rows.length;
    return Math.sqrt(variance) || 1;
  });
  const x = rows.map((r) => r.map((v, i) => (v - mean[i]!) / scale[i]!));
  const y = samples.map((s) => MODEL_CLASSES.indexOf(s.label as (typeof MODEL_CLASSES)[number]));
  const k = MODEL_CLASSES.length;
  const d = inputs.length;
  const n = x.length;
  const weights = Array.from({ length: d }, () => new Array<number>(k).fill(0));
  const bias = new Array<number>(k).fill(0);
  for (let iteration = 0; iteration < FIT.iterations; iteration++) {
    const gradW = Array.from({ length: d }, () => new Array<number>(k).fill(0));
    const gradB = new Array<number>(k).fill(0);
    for (let s = 0; s < n; s++) {
      const z = bias.map((b, c) => b + x[s]!.reduce((sum, v, i) => sum + v * weights[i]![c]!, 0));
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const total = e.reduce((a, b) => a + b, 0);
      for (let c = 0; c < k; c++) {
        const error = e[c]! / total - (y[s] === c ? 1 : 0);
        gradB[c]! += error / n;
        for (let i = 0; i < d; i++) gradW[i]![c]! += (error * x[s]![i]!) / n;
      }
    }
    for (let i = 0; i < d; i++) {
      for (let c = 0; c < k; c++)
        weights[i]![c]! -= FIT.learningRate * (gradW[i]![c]! + (FIT.l2 * weights[i]![c]!) / n);
    }
    for (let c = 0; c < k; c++) bias[c]! -= FIT.learningRate * gradB[c]!;
  }
  return { inputs, mean, scale, weights, bias };
}

/** Accuracy of the fitted model on held-back questions: each fold's questions are left out of its fit. */
export function crossValidate(
  samples: readonly Sample[],
  predict: (model: VerdictModel, evidence: Evidence) => Verdict,
): number {
  const groups = [...new Set(samples.map((s) => s.group))].sort();
  let right = 0;
  for (let fold = 0; fold < FIT.folds; fold++) {
    const held = new Set(groups.filter((_, i) => i % FIT.folds === fold));
    const model = fitVerdictModel(samples.filter((s) => !held.has(s.group)));
    for (const s of samples.filter((s) => held.has(s.group))) if (predict(model, s.evidence) === s.label) right++;
  }
  return right / samples.length;
}
