import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 760 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 83.4%. Do not edit by hand.
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
    'words',
    'specific',
  ],
  mean: [0.3857, 0.3709, 0.0297, 0.1289, 0.0446, 0.3111, 1.6415, 0.5534, 4.0912, 8.7697],
  scale: [0.3449, 0.3493, 0.1294, 0.393, 0.1609, 0.1899, 0.9033, 1.1808, 0.6383, 8.3467],
  weights: [
    [0.5362, 0.3716, -0.1859, -0.722],
    [0.4998, 0.4668, -0.2877, -0.6789],
    [0.1597, -0.5394, 0.5627, -0.1831],
    [-0.5687, 0.1274, 0.886, -0.4447],
    [-0.0081, -0.5868, 0.4291, 0.1658],
    [-0.0407, 0.9822, -0.1831, -0.7584],
    [0.624, 0.2257, 0.1938, -1.0435],
    [0.3923, -0.4331, -0.3713, 0.4121],
    [3.5254, -1.7605, -2.1855, 0.4205],
    [0.4366, -0.2485, -0.342, 0.1539],
  ],
  bias: [-1.5, 1.3586, 0.7736, -0.6323],
};
