import type { Evidence } from './verdict.js';

/**
 * Evidence for the verdict's tests: a terse answer that covers every key point, on topic, with no
 * wrong claim (the rules call it strong), changed by `overrides`. One shape for every test, so a
 * measure added to `Evidence` is added here once.
 */
export function evidenceOf(overrides: Partial<Evidence> = {}): Evidence {
  return {
    coverage: 1,
    covered: 1,
    partly: 0,
    misconceptions: 0,
    contradicted: 0,
    listed: 0.1,
    disclaimed: 0,
    hedged: 0,
    topicOwn: 0.35,
    topicRatio: 2,
    topicRank: 1,
    topicForeign: 0.2,
    topicElsewhere: 0.15,
    words: 45,
    warnings: 0,
    specific: 4,
    absolutes: 0.02,
    affinity: 0,
    ...overrides,
  };
}
