import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 760 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 84.3%. Do not edit by hand.
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
    'listed',
    'topicOwn',
    'topicRatio',
    'topicRank',
    'words',
    'specific',
  ],
  mean: [0.3857, 0.3709, 0.0297, 0.1289, 0.0763, 0.0276, 0.0628, 0.0446, 0.3111, 1.6415, 0.5534, 4.0912, 8.7697],
  scale: [0.3449, 0.3493, 0.1294, 0.393, 0.3069, 0.0258, 0.0547, 0.1609, 0.1899, 0.9033, 1.1808, 0.6383, 8.3467],
  weights: [
    [0.5784, 0.3615, -0.252, -0.6879],
    [0.5468, 0.4626, -0.3698, -0.6396],
    [0.1311, -0.5711, 0.6537, -0.2138],
    [-0.5151, 0.2129, 0.8119, -0.5097],
    [0.1402, 0.0184, 0.3325, -0.491],
    [-0.146, -0.0914, 0.4719, -0.2345],
    [0.1125, 0.055, -0.2736, 0.1061],
    [-0.0501, -0.6428, 0.5655, 0.1274],
    [-0.0882, 0.941, -0.0845, -0.7683],
    [0.5935, 0.2148, 0.1543, -0.9626],
    [0.3883, -0.4533, -0.3534, 0.4183],
    [3.5433, -1.6842, -2.2931, 0.434],
    [0.3998, -0.2943, -0.1923, 0.0868],
  ],
  bias: [-1.4832, 1.3958, 0.7637, -0.6762],
};
