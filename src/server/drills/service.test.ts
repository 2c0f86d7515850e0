import { describe, expect, it } from 'vitest';
import { reviewsOfNewCards, weakestTopics } from './service.js';
import { addDays } from './study-day.js';

const plan = { desiredRetention: 0.9, timeZone: 'Europe/Berlin', dayStartHour: 4 };
const window = (newPerDay: number[]) => newPerDay.map((newCards, i) => ({ day: addDays('2026-03-02', i), newCards }));

describe('the reviews new cards bring to the forecast', () => {
  it('counts the later reviews of every day’s new cards, none on the day they are introduced', () => {
    const reviews = reviewsOfNewCards(window(Array(14).fill(13)), plan);
    expect(reviews.get('2026-03-02')).toBeUndefined();
    const total = [...reviews.values()].reduce((sum, n) => sum + n, 0);
    // Every day but the last few introduces cards whose first review falls inside the window.
    expect(total).toBeGreaterThanOrEqual(13 * 10);
    expect([...reviews.values()].every((n) => n % 13 === 0)).toBe(true);
    expect([...reviews.keys()].every((day) => day > '2026-03-02' && day <= '2026-03-15')).toBe(true);
  });

  it('brings nothing when there are no new cards', () => {
    expect(reviewsOfNewCards(window(Array(14).fill(0)), plan).size).toBe(0);
  });

  it('a higher retention target schedules more reviews', () => {
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const low = sum(reviewsOfNewCards(window(Array(14).fill(10)), { ...plan, desiredRetention: 0.75 }));
    const high = sum(reviewsOfNewCards(window(Array(14).fill(10)), { ...plan, desiredRetention: 0.97 }));
    expect(high).toBeGreaterThan(low);
  });
});

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
