import { describe, expect, it } from 'vitest';
import { weakestTopics } from './progress.js';

const tags: Record<string, string[]> = { a: ['security'], b: ['security'], c: ['caching'], d: ['caching'] };
const catalog = { findQuestion: (id: string) => (tags[id] ? ({ tags: tags[id] } as never) : undefined) };

describe('the weakest topics', () => {
  it('never lists a topic answered right every time at full recall', () => {
    const recall = new Map([
      ['a', 1],
      ['b', 0.99],
    ]);
    const stats = [
      { questionId: 'a', answers: 2, correct: 2 },
      { questionId: 'b', answers: 1, correct: 1 },
    ];
    expect(weakestTopics(catalog, recall, stats, 0.9)).toEqual([]);
  });

  it('lists a topic answered wrongly a minute ago, although its recall is still near 100 %', () => {
    const recall = new Map([
      ['a', 1],
      ['b', 1],
      ['c', 1],
      ['d', 1],
    ]);
    const stats = [
      { questionId: 'a', answers: 1, correct: 0 },
      { questionId: 'b', answers: 1, correct: 1 },
      { questionId: 'c', answers: 2, correct: 0 },
      { questionId: 'd', answers: 1, correct: 0 },
    ];
    expect(weakestTopics(catalog, recall, stats, 0.9).map((t) => [t.tag, t.correct, t.answers])).toEqual([
      ['caching', 0, 3],
      ['security', 1, 2],
    ]);
  });

  it('lists a topic whose recall fell below the target even if every answer was right', () => {
    const recall = new Map([
      ['c', 0.7],
      ['d', 0.8],
    ]);
    const stats = [
      { questionId: 'c', answers: 3, correct: 3 },
      { questionId: 'd', answers: 3, correct: 3 },
    ];
    expect(weakestTopics(catalog, recall, stats, 0.9)).toEqual([
      { tag: 'caching', retrievability: 0.75, cards: 2, answers: 6, correct: 6 },
    ]);
  });
});
