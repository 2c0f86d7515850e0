import { describe, expect, it } from 'vitest';
import { evidenceOf } from './evidence.fixture.js';
import { decide, modelScores, RULES, type Evidence } from './verdict.js';

/** A terse, complete answer: every key point covered in few words, as bullet-style answers are. */
const terse = evidenceOf();

describe('the rules over the verdict model', () => {
  it('call a terse answer that covers every key point without a wrong claim strong', () => {
    expect(decide(terse).verdict).toBe('strong');
  });

  it('never call an answer with a wrong claim strong, however much it covers', () => {
    expect(decide({ ...terse, misconceptions: 1 }).verdict).not.toBe('strong');
  });

  it('call an answer weak when a fifth of it disclaims knowledge, and say why', () => {
    const { verdict, reasons } = decide({ ...terse, coverage: 0.3, covered: 0.3, disclaimed: RULES.disclaims });
    expect(verdict).toBe('weak');
    expect(reasons.join(' ')).toMatch(/do not know/);
  });

  it('call a list of bare terms weak even when the terms cover the rubric', () => {
    expect(decide({ ...terse, listed: RULES.mostly }).verdict).toBe('weak');
  });

  it('need enough words for the terse rule: a one-line answer is not strong on coverage alone', () => {
    expect(decide({ ...terse, words: 8, specific: 1, topicOwn: 0.1 }).verdict).not.toBe('strong');
  });
});

describe('the verdict model', () => {
  /** A thin answer on the partial/weak boundary. */
  const thin: Evidence = { ...terse, coverage: 0.2, covered: 0.2, words: 30, specific: 3, topicOwn: 0.2 };
  const weakOverPartial = (evidence: Evidence) => {
    const scores = modelScores(evidence);
    return scores.weak - scores.partial;
  };

  it('leans towards weak for an answer that overclaims ("always", "just", "basically")', () => {
    expect(weakOverPartial({ ...thin, absolutes: 0.08 })).toBeGreaterThan(
      weakOverPartial({ ...thin, absolutes: 0.01 }),
    );
  });

  it('leans towards weak for an answer that contradicts a key point', () => {
    expect(weakOverPartial({ ...thin, contradicted: 1 })).toBeGreaterThan(weakOverPartial(thin));
  });

  it('leans towards strong for an answer that warns against a common mistake', () => {
    const strongOverPartial = (evidence: Evidence) => {
      const scores = modelScores(evidence);
      return scores.strong - scores.partial;
    };
    expect(strongOverPartial({ ...terse, warnings: 1 })).toBeGreaterThan(strongOverPartial(terse));
  });

  it('leans away from weak for an answer whose own words come near the points it misses', () => {
    expect(weakOverPartial({ ...thin, affinity: 0.2 })).toBeLessThan(weakOverPartial({ ...thin, affinity: 0 }));
  });
});

describe('the unrelated rule over the verdict model', () => {
  const aside = evidenceOf({
    coverage: 0,
    covered: 0,
    listed: 0,
    topicOwn: 0.02,
    topicRatio: 0.1,
    topicRank: 150,
    topicForeign: RULES.unrelatedForeign,
    topicElsewhere: 0.1,
    words: 8,
    specific: RULES.unrelatedSpecific,
    absolutes: 0,
  });

  it('calls a short answer mostly foreign to the question, with none of its points, off-topic', () => {
    expect(decide(aside).verdict).toBe('off-topic');
  });

  it('calls a short answer far more like another question of the bank than its own off-topic', () => {
    const elsewhere = { ...aside, topicForeign: 0.5, specific: 3, topicElsewhere: RULES.elsewhere };
    expect(decide({ ...elsewhere, topicRatio: RULES.elsewhereRatio }).verdict).toBe('off-topic');
  });

  it('leaves an answer that disclaims knowledge weak, and one with a wrong claim about the topic weak', () => {
    expect(decide({ ...aside, disclaimed: RULES.disclaims }).verdict).toBe('weak');
    expect(decide({ ...aside, misconceptions: 1 }).verdict).toBe('weak');
  });

  it('leaves an answer that denies a key fact off the off-topic rule: contradicting the topic is being about it', () => {
    expect(decide({ ...aside, contradicted: 1 }).verdict).not.toBe('off-topic');
    const elsewhere = { ...aside, topicForeign: 0.5, specific: 3, topicElsewhere: RULES.elsewhere };
    expect(decide({ ...elsewhere, topicRatio: RULES.elsewhereRatio, contradicted: 1 }).verdict).not.toBe('off-topic');
  });
});
