import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 760 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 85.1%. Do not edit by hand.
 */
export const VERDICT_MODEL: VerdictModel = {
  inputs: [
    'coverage',
    'covered',
    'partly',
    'misconceptions',
    'listed',
    'topicOwn',
    'topicRatio',
    'topicRank',
    'topicForeign',
    'words',
    'specific',
  ],
  mean: [0.3857, 0.3709, 0.0297, 0.1289, 0.0446, 0.3111, 1.6415, 0.5534, 0.4632, 4.0912, 8.7697],
  scale: [0.3449, 0.3493, 0.1294, 0.393, 0.1609, 0.1899, 0.9033, 1.1808, 0.2278, 0.6383, 8.3467],
  weights: [
    [0.5292, 0.2225, -0.1955, -0.5561],
    [0.4779, 0.3253, -0.2902, -0.5129],
    [0.2408, -0.5705, 0.5248, -0.1951],
    [-0.5859, 0.0988, 0.8615, -0.3743],
    [0.0275, -0.5029, 0.4186, 0.0568],
    [0.1106, -0.2856, 0.098, 0.077],
    [0.6155, 0.2165, 0.1132, -0.9452],
    [0.2861, -0.1687, -0.415, 0.2975],
    [0.4693, -1.6296, 0.0352, 1.1251],
    [3.3778, -1.2413, -2.3263, 0.1897],
    [0.4715, -0.273, -0.4806, 0.2821],
  ],
  bias: [-1.4104, 1.2337, 0.7485, -0.5718],
};
