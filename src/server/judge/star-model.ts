import type { SoftmaxModel } from './fit.js';
import { STAR_FEATURES } from './star-features.js';

export const STAR_MODEL: SoftmaxModel = {
  inputs: STAR_FEATURES,
  mean: STAR_FEATURES.map(() => 0),
  scale: STAR_FEATURES.map(() => 1),
  weights: STAR_FEATURES.map(() => [0, 0, 0, 0]),
  bias: [0, 0, 0, 0],
};
