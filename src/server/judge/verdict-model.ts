import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 401 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 77.1%. Do not edit by hand.
 */
export const VERDICT_MODEL: VerdictModel = {
  inputs: [
    'coverage',
    'covered',
    'partly',
    'misconceptions',
    'contradicted',
    'listed',
    'disclaimed',
    'hedged',
    'topicOwn',
    'topicRatio',
    'topicRank',
    'words',
    'warnings',
    'specific',
  ],
  mean: [0.4022, 0.3818, 0.0408, 0.1047, 0.0449, 0.0517, 0.0081, 0.0088, 0.3112, 1.6791, 0.5261, 4.0731, 0.02, 8.3267],
  scale: [
    0.3356, 0.3407, 0.1582, 0.3221, 0.2188, 0.1755, 0.0487, 0.0375, 0.1846, 0.8985, 1.1737, 0.6227, 0.1398, 7.9622,
  ],
  weights: [
    [0.521, 0.2137, -0.2411, -0.4937],
    [0.3521, 0.363, -0.2527, -0.4624],
    [0.6937, -0.6572, 0.0658, -0.1023],
    [-0.0757, 0.151, 0.5489, -0.6242],
    [0.1768, 0.0656, 0.2539, -0.4963],
    [0.3748, -0.7404, 0.5361, -0.1705],
    [0.2667, -0.2534, 0.1548, -0.1682],
    [0.1975, -0.3308, 0.3692, -0.2359],
    [-0.2204, 0.787, 0.2137, -0.7803],
    [0.4681, 0.1077, 0.3213, -0.8971],
    [0.0951, -0.832, -0.0239, 0.7608],
    [3.0693, -1.5091, -1.6504, 0.0903],
    [0.1594, -0.2329, 0.3455, -0.272],
    [0.3009, -0.2364, -0.3787, 0.3142],
  ],
  bias: [-0.9651, 0.7157, 1.0297, -0.7803],
};
