import { describe, expect, it } from 'vitest';
import type { MockState } from '../../shared/mocks.js';
import { loadCurriculum } from '../content/load-content.js';
import { createCatalog } from '../curriculum/service.js';
import { CONTENT_DIR } from '../paths.js';
import { judgeStar } from '../judge/star.js';
import { buildScorecard, targetLevel, toRating } from './scorecard.js';

const catalog = createCatalog(await loadCurriculum(CONTENT_DIR));
const prompt = catalog.behaviouralPrompts().find((p) => p.competency === 'incident')!;

function behaviouralOnly(answer: string, interviewerOwnership?: number): MockState {
  return {
    stages: [
      {
        stage: 'behavioural',
        minutes: 20,
        startedAt: '2026-01-01T10:00:00Z',
        endsAt: '2026-01-01T10:20:00Z',
        finishedAt: '2026-01-01T10:15:00Z',
        expired: false,
        skipped: false,
        items: [
          { kind: 'star', id: 'star-1', promptId: prompt.id, answer, feedback: judgeStar(prompt, 'mid', answer) },
        ],
      },
    ],
    messages: [],
    interviewer: {
      scores: interviewerOwnership ? { ownership: { rating: interviewerOwnership, note: '' } } : {},
      notes: '',
    },
  };
}

describe('the scorecard', () => {
  it('rates from evidence in bands and takes the higher level of a blend as the bar', () => {
    expect([0.9, 0.7, 0.5, 0.1].map(toRating)).toEqual([4, 3, 2, 1]);
    expect(targetLevel(['junior', 'mid'])).toBe('mid');
  });

  it('rates ownership from a strong STAR answer and links the rating to that answer', () => {
    const card = buildScorecard(catalog, ['mid'], behaviouralOnly(prompt.example));
    const ownership = card.signals.find((s) => s.id === 'ownership')!;
    expect(ownership.rating).toBeGreaterThanOrEqual(3);
    expect(ownership.evidence.map((e) => e.itemId)).toEqual(['star-1']);
    expect(card.signals.map((s) => s.level)).toEqual(['junior', 'junior', 'junior', 'mid', 'mid', 'mid']);
  });

  it('averages in the interviewer and never recommends a level on signals nobody saw', () => {
    const weak = buildScorecard(catalog, ['mid'], behaviouralOnly('We did it as a team and it went fine.', 1));
    const ownership = weak.signals.find((s) => s.id === 'ownership')!;
    expect(ownership.interviewerRating).toBe(1);
    expect(ownership.rating).toBeLessThanOrEqual(1.5);
    const tradeOffs = weak.signals.find((s) => s.id === 'trade-off-reasoning')!;
    expect(tradeOffs.rating).toBeNull();
    const mid = weak.recommendations.find((r) => r.level === 'mid')!;
    expect(['lean-no', 'no']).toContain(mid.decision);
    expect(mid.reason).toContain('not observed: Trade-off reasoning, Collaborative coding');
    expect(weak.practice.map((p) => p.href)).toContain('/questions?area=behavioural');
  });
});
