import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 640 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 80.3%. Do not edit by hand.
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
  mean: [0.3973, 0.3803, 0.0339, 0.1156, 0.0481, 0.3174, 1.6757, 0.4859, 4.0849, 8.9281],
  scale: [0.3442, 0.3503, 0.1411, 0.3433, 0.1699, 0.1886, 0.8932, 1.0738, 0.6465, 8.4049],
  weights: [
    [0.5128, 0.3163, -0.0802, -0.7489],
    [0.4641, 0.4213, -0.1849, -0.7004],
    [0.1978, -0.5485, 0.5269, -0.1763],
    [-0.219, 0.2781, 0.6713, -0.7304],
    [0.016, -0.591, 0.2852, 0.2898],
    [-0.1546, 0.9546, 0.0318, -0.8317],
    [0.4729, 0.1127, 0.145, -0.7307],
    [0.2796, -0.6265, -0.2058, 0.5527],
    [3.4266, -1.8375, -1.9594, 0.3703],
    [0.3931, -0.1808, -0.3558, 0.1435],
  ],
  bias: [-1.4008, 1.142, 1.0371, -0.7782],
};
