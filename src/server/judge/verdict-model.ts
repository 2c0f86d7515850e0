import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 760 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 86.2%. Do not edit by hand.
 */
export const VERDICT_MODEL: VerdictModel = {
  inputs: [
    'coverage',
    'none',
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
    'topicElsewhere',
    'topicForeign',
    'words',
    'specific',
  ],
  mean: [
    0.3857, 0.2724, 0.3709, 0.0297, 0.1289, 0.0763, 0.0259, 0.0628, 0.0395, 0.0446, 0.3111, 1.6415, 0.2003, 0.4632,
    4.0912, 8.7697,
  ],
  scale: [
    0.3449, 0.4452, 0.3493, 0.1294, 0.393, 0.3069, 0.0243, 0.0547, 0.214, 0.1609, 0.1899, 0.9033, 0.0949, 0.2278,
    0.6383, 8.3467,
  ],
  weights: [
    [0.7726, 0.0596, -0.2702, -0.562],
    [0.2893, -0.2007, -0.008, -0.0805],
    [0.7192, 0.173, -0.3628, -0.5294],
    [0.2355, -0.6165, 0.5185, -0.1376],
    [-0.5415, 0.2161, 0.7575, -0.4322],
    [0.2029, -0.083, 0.3415, -0.4614],
    [-0.0962, -0.1625, 0.4437, -0.185],
    [0.2518, -0.1184, -0.2805, 0.1471],
    [0.058, 0.0473, 0.3419, -0.4473],
    [0.0418, -0.5634, 0.6188, -0.0973],
    [0.3347, 0.0495, 0.4462, -0.8304],
    [0.1803, -0.1191, 0.0507, -0.1119],
    [-0.5903, -0.3467, -0.1463, 1.0834],
    [0.2663, -1.8929, -0.1389, 1.7656],
    [3.2847, -0.9749, -2.2699, -0.0399],
    [0.5407, -0.2529, -0.3401, 0.0522],
  ],
  bias: [-1.3417, 1.4351, 1.1038, -1.1972],
};
