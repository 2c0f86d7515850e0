import { describe, expect, it } from 'vitest';
import { conceptFollowUp } from './answer.js';

describe('conceptFollowUp', () => {
  const question = {
    keyPoints: [
      { id: 'signal', statement: 'Scale on the right signal.', phrases: ['queue depth'] },
      { id: 'cold-start', statement: 'Explain the cold start.', phrases: ['cold start'] },
      { id: 'headroom', statement: 'Keep headroom.', phrases: ['headroom'] },
    ],
    followUps: [
      { question: 'Would you scale to zero?', probes: 'headroom' },
      { question: 'Why is the first request slow?', probes: 'cold-start' },
      { question: 'What if two models share a GPU?', probes: undefined },
    ],
  };

  it('probes the first missed key point in key-point order, not follow-up order', () => {
    expect(conceptFollowUp(question, ['headroom', 'cold-start'])).toBe('Why is the first request slow?');
    expect(conceptFollowUp(question, ['headroom'])).toBe('Would you scale to zero?');
  });

  it('falls back to the first general follow-up when no missed point has a probe', () => {
    expect(conceptFollowUp(question, ['signal'])).toBe('What if two models share a GPU?');
    expect(conceptFollowUp(question, [])).toBe('What if two models share a GPU?');
    expect(conceptFollowUp(question, ['not-a-point'])).toBe('What if two models share a GPU?');
  });

  it('returns null when there is nothing suitable to ask', () => {
    expect(conceptFollowUp({ ...question, followUps: question.followUps.slice(0, 2) }, ['signal'])).toBeNull();
    expect(conceptFollowUp({ ...question, followUps: [] }, ['headroom'])).toBeNull();
  });
});
