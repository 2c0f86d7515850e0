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
  mean: [0.3973, 0.3803, 0.0339, 0.1156, 0.047, 0.3174, 1.6757, 0.4859, 4.0849, 8.9281],
  scale: [0.3442, 0.3503, 0.1411, 0.3433, 0.1699, 0.1886, 0.8932, 1.0738, 0.6465, 8.4049],
  weights: [
    [0.5118, 0.3191, -0.082, -0.7488],
    [0.4701, 0.413, -0.1838, -0.6992],
    [0.1632, -0.494, 0.5125, -0.1818],
    [-0.2187, 0.2781, 0.671, -0.7304],
    [0.134, -0.7097, 0.2801, 0.2955],
    [-0.1639, 0.9615, 0.0338, -0.8315],
    [0.4829, 0.1075, 0.1415, -0.7318],
    [0.2765, -0.6257, -0.2049, 0.5541],
    [3.4336, -1.8445, -1.9608, 0.3718],
    [0.3786, -0.1723, -0.3515, 0.1452],
  ],
  bias: [-1.3862, 1.1281, 1.0337, -0.7756],
};
