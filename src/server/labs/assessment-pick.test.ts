import { describe, expect, it } from 'vitest';
import { type PickableLab, pickAssessmentLabs } from './assessment-pick.js';

const lab = (slug: string, area: string, status: 'new' | 'solved' = 'new'): PickableLab => ({
  slug,
  area,
  solved: status === 'solved',
});

const LABS = [lab('a', 'core'), lab('b', 'core'), lab('c', 'databases'), lab('d', 'apis'), lab('e', 'apis')];

/** A seeded generator, so each case is repeatable. */
function seeded(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('picking the labs of a timed assessment', () => {
  it('does not repeat the labs of the last assessment while others are unsat', () => {
    const first = pickAssessmentLabs(LABS, [], 2, seeded(1));
    const second = pickAssessmentLabs(LABS, [first], 2, seeded(1));
    expect(second.filter((slug) => first.includes(slug))).toEqual([]);
  });

  it('varies between fresh starts instead of always choosing the same labs', () => {
    const picks = new Set(Array.from({ length: 20 }, (_, i) => pickAssessmentLabs(LABS, [], 2, seeded(i + 1)).join()));
    expect(picks.size).toBeGreaterThan(2);
  });

  it('spreads over areas and leaves solved labs for last', () => {
    const labs = [lab('a', 'core', 'solved'), lab('b', 'core'), lab('c', 'databases', 'solved'), lab('d', 'apis')];
    const picked = pickAssessmentLabs(labs, [], 2, seeded(3));
    expect(picked.sort()).toEqual(['b', 'd']);
    expect(pickAssessmentLabs(labs, [], 4, seeded(3)).slice(2).sort()).toEqual(['a', 'c']);
  });

  it('returns what there is when fewer labs exist than asked for', () => {
    expect(pickAssessmentLabs([lab('a', 'core')], [], 3)).toEqual(['a']);
    expect(pickAssessmentLabs([], [], 3)).toEqual([]);
  });
});
