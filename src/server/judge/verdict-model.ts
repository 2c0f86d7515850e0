import type { VerdictModel } from './fit.js';

/**
 * The verdict model, written by `npm run feedback:fit` from 640 labelled answers of the
 * tuning part (L2 1, 4000 iterations). Cross-validated accuracy by held-out
 * question, rules included: 80.5%. Do not edit by hand.
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
  mean: [0.4018, 0.3849, 0.0339, 0.1141, 0.047, 0.3173, 1.6755, 0.4865, 4.0849, 8.9281],
  scale: [0.3436, 0.3499, 0.1411, 0.337, 0.1699, 0.1887, 0.8934, 1.0755, 0.6465, 8.4049],
  weights: [
    [0.5131, 0.3472, -0.1073, -0.753],
    [0.4712, 0.4399, -0.2081, -0.703],
    [0.162, -0.4907, 0.5095, -0.1808],
    [-0.2276, 0.2501, 0.6794, -0.7019],
    [0.1331, -0.7106, 0.2794, 0.2981],
    [-0.1616, 0.9316, 0.0606, -0.8307],
    [0.4866, 0.1152, 0.1307, -0.7325],
    [0.2708, -0.6139, -0.2107, 0.5538],
    [3.4378, -1.8555, -1.9571, 0.3748],
    [0.3752, -0.1715, -0.3495, 0.1458],
  ],
  bias: [-1.3712, 1.1335, 1.0219, -0.7842],
};
