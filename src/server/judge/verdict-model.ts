import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 640 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 83.3%. Do not edit by hand.
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
  mean: [0.3927, 0.3762, 0.033, 0.1266, 0.0481, 0.3174, 1.6757, 0.4859, 4.0848, 8.9281],
  scale: [0.3442, 0.3498, 0.1384, 0.4007, 0.1699, 0.1886, 0.8932, 1.0738, 0.6465, 8.4049],
  weights: [
    [0.5802, 0.3783, -0.1975, -0.761],
    [0.5399, 0.4812, -0.3055, -0.7157],
    [0.1563, -0.5513, 0.5616, -0.1666],
    [-0.6171, 0.2108, 1.0291, -0.6227],
    [-0.037, -0.6176, 0.3215, 0.3331],
    [-0.0354, 1.0805, -0.1678, -0.8773],
    [0.5076, 0.163, 0.0799, -0.7505],
    [0.3194, -0.5449, -0.3039, 0.5294],
    [3.3556, -1.7925, -1.9231, 0.3601],
    [0.3677, -0.2611, -0.2729, 0.1664],
  ],
  bias: [-1.4003, 1.2411, 0.8865, -0.7273],
};
