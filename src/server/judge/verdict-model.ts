import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 640 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 82.0%. Do not edit by hand.
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
  mean: [0.3929, 0.3762, 0.0333, 0.1344, 0.0481, 0.3174, 1.6757, 0.4859, 4.0848, 8.9281],
  scale: [0.3434, 0.3492, 0.1386, 0.4116, 0.1699, 0.1886, 0.8932, 1.0738, 0.6465, 8.4049],
  weights: [
    [0.5688, 0.3897, -0.1888, -0.7697],
    [0.5241, 0.4968, -0.2974, -0.7235],
    [0.1772, -0.5727, 0.5635, -0.1681],
    [-0.3558, 0.1635, 0.9036, -0.7114],
    [-0.0052, -0.6153, 0.3023, 0.3181],
    [-0.0911, 1.0578, -0.1084, -0.8583],
    [0.5136, 0.1564, 0.0728, -0.7427],
    [0.2889, -0.556, -0.2746, 0.5417],
    [3.432, -1.8281, -1.9706, 0.3667],
    [0.3514, -0.2674, -0.2468, 0.1629],
  ],
  bias: [-1.375, 1.2129, 0.9053, -0.7432],
};
