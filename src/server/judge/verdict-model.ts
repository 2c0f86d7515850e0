import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 760 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 85.5%. Do not edit by hand.
 */
export const VERDICT_MODEL: VerdictModel = {
  inputs: [
    'coverage',
    'covered',
    'partly',
    'misconceptions',
    'contradicted',
    'absolutes',
    'affinity',
    'warnings',
    'listed',
    'topicOwn',
    'topicRatio',
    'topicRank',
    'topicForeign',
    'words',
    'specific',
  ],
  mean: [
    0.3857, 0.3709, 0.0297, 0.1289, 0.0763, 0.0276, 0.0628, 0.0395, 0.0446, 0.3111, 1.6415, 0.5534, 0.4632, 4.0912,
    8.7697,
  ],
  scale: [
    0.3449, 0.3493, 0.1294, 0.393, 0.3069, 0.0258, 0.0547, 0.214, 0.1609, 0.1899, 0.9033, 1.1808, 0.2278, 0.6383,
    8.3467,
  ],
  weights: [
    [0.6819, 0.12, -0.2805, -0.5214],
    [0.6353, 0.2278, -0.3915, -0.4716],
    [0.2049, -0.5907, 0.6189, -0.2332],
    [-0.5393, 0.2112, 0.7777, -0.4496],
    [0.1777, -0.0682, 0.3472, -0.4566],
    [-0.1538, -0.1474, 0.4967, -0.1955],
    [0.1941, -0.1074, -0.2902, 0.2035],
    [0.0774, 0.0623, 0.3583, -0.4981],
    [-0.0151, -0.5486, 0.5581, 0.0056],
    [0.0342, -0.2755, 0.2429, -0.0016],
    [0.5861, 0.1901, 0.1054, -0.8816],
    [0.2867, -0.2161, -0.3786, 0.308],
    [0.5004, -1.7116, 0.0975, 1.1137],
    [3.3323, -1.058, -2.4634, 0.1892],
    [0.4465, -0.3479, -0.3276, 0.2291],
  ],
  bias: [-1.4197, 1.3235, 0.7928, -0.6966],
};
