import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 760 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 84.7%. Do not edit by hand.
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
    'words',
    'specific',
  ],
  mean: [
    0.3857, 0.3709, 0.0297, 0.1289, 0.0763, 0.0276, 0.0628, 0.0395, 0.0446, 0.3111, 1.6415, 0.5534, 4.0912, 8.7697,
  ],
  scale: [0.3449, 0.3493, 0.1294, 0.393, 0.3069, 0.0258, 0.0547, 0.214, 0.1609, 0.1899, 0.9033, 1.1808, 0.6383, 8.3467],
  weights: [
    [0.6352, 0.3539, -0.2666, -0.7224],
    [0.6028, 0.4554, -0.3836, -0.6746],
    [0.1314, -0.5729, 0.6498, -0.2083],
    [-0.5163, 0.2148, 0.8218, -0.5204],
    [0.16, 0.0164, 0.3329, -0.5094],
    [-0.1277, -0.0975, 0.4712, -0.246],
    [0.1486, 0.0474, -0.2853, 0.0892],
    [0.1069, 0.0855, 0.3273, -0.5197],
    [-0.0492, -0.6434, 0.5779, 0.1148],
    [-0.1154, 0.9427, -0.0629, -0.7644],
    [0.5874, 0.2047, 0.1555, -0.9476],
    [0.3769, -0.4541, -0.3323, 0.4095],
    [3.4885, -1.6816, -2.3069, 0.5],
    [0.4007, -0.2866, -0.1926, 0.0785],
  ],
  bias: [-1.5002, 1.4242, 0.8065, -0.7305],
};
