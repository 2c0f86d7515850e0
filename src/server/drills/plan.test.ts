import { describe, expect, it } from 'vitest';
import { reviewsOfNewCards } from './plan.js';
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
