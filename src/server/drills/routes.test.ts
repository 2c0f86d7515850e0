import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generatedQuestions } from '../../../test/content-fixture.js';
import { createTestApp, personalSession, signUp, type TestApp } from '../../../test/app.js';
import { DATABASE_KINDS, openTestDatabase } from '../../../test/database.js';

let t: TestApp;
afterEach(async () => t?.close());

const PLAN = {
  levels: ['junior'],
  interviewDate: null,
  hoursPerWeek: 21,
  stack: ['nodejs'],
  desiredRetention: 0.9,
  timeZone: 'Pacific/Honolulu',
  dayStartHour: 4,
};
const DAY = 86_400_000;

async function setup(plan: Record<string, unknown> = PLAN) {
  t = await createTestApp({ mode: 'personal', questions: generatedQuestions(12) });
  t.clock.now = new Date('2026-03-02T20:00:00Z'); // 10:00 in Honolulu
  const headers = await personalSession(t.app);
  const saved = await t.app.inject({ method: 'PUT', url: '/v1/plan', headers, payload: plan });
  expect(saved.statusCode, saved.body).toBe(200);
  return { headers, plan: saved.json() };
}

async function answer(
  headers: Record<string, string>,
  questionId: string,
  rating: number,
  extra: Record<string, unknown> = {},
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/drills/reviews',
    headers,
    payload: { questionId, rating, mode: 'spoken', hintUsed: false, durationMs: 30_000, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('study plan', () => {
  // One app for the checks that save no plan: the local profile stays without one throughout.
  let planless: TestApp;
  beforeAll(async () => {
    planless = await createTestApp({ mode: 'personal' });
  });
  afterAll(async () => planless?.close());

  it('asks for a plan before drilling', async () => {
    const headers = await personalSession(planless.app);
    const res = await planless.app.inject({ url: '/v1/drills/queue', headers });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('plan_required');
  });

  it('covers the levels and the chosen stack only, and sizes the daily budget from the hours', async () => {
    const { plan } = await setup();
    // 12 per area, a third junior: 4 in each of 5 non-framework areas, plus junior nodejs framework questions.
    expect(plan.summary.relevantTotal).toBe(5 * 4 + 2);
    expect(plan.summary.newPerDay).toBe(36); // 21 h/week = 180 min/day ÷ 5 min per new card
    expect(plan.summary.onTrack).toBe(true);
    expect(plan.summary.today).toBe('2026-03-02');
    expect(plan.summary.forecast).toHaveLength(14);
  });

  it('spreads the bank over the days before the interview and says when the hours do not fit', async () => {
    const { plan } = await setup({ ...PLAN, levels: ['junior', 'mid'], interviewDate: '2026-03-09', hoursPerWeek: 1 });
    expect(plan.summary.daysLeft).toBe(7);
    expect(plan.summary.newPerDay).toBe(Math.ceil(plan.summary.relevantTotal / 4));
    expect(plan.summary.onTrack).toBe(false);
    expect(plan.summary.message).toMatch(/^Behind/);
  });

  it.each([
    [{ timeZone: 'Mars/Base' }, 'invalid_time_zone'],
    [{ levels: ['junior', 'senior'] }, 'invalid_blend'],
    [{ interviewDate: '2020-01-01' }, 'interview_date_past'],
    [{ hoursPerWeek: 0 }, 'invalid_request'],
  ])('rejects an invalid plan %j', async (change, code) => {
    const headers = await personalSession(planless.app);
    const res = await planless.app.inject({
      method: 'PUT',
      url: '/v1/plan',
      headers,
      payload: { ...PLAN, ...change },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe(code);
  });
});

describe('a drill session, then tomorrow', () => {
  it('drills new cards, interleaving areas, then brings back exactly the cards due the next day', async () => {
    const { headers } = await setup({ ...PLAN, levels: ['junior', 'mid'], hoursPerWeek: 3 });
    const queue = (await t.app.inject({ url: '/v1/drills/queue', headers })).json();
    expect(queue.reviewsDue).toBe(0);
    expect(queue.items.length).toBe(queue.newBudgetLeft);
    expect(queue.items.every((i: { kind: string }) => i.kind === 'new')).toBe(true);
    const firstAreas = queue.items.slice(0, 5).map((i: { area: string }) => i.area);
    expect(new Set(firstAreas).size).toBeGreaterThanOrEqual(4);

    // Answer every card: the first "Again", the second "Good", the rest "Easy".
    const ids = queue.items.map((i: { questionId: string }) => i.questionId);
    for (const [i, id] of ids.entries()) await answer(headers, id, i === 0 ? 1 : i === 1 ? 3 : 4);
    // "Again" and "Good" on a first answer are FSRS learning steps (minutes away): still today's work.
    const after = (await t.app.inject({ url: '/v1/drills/queue', headers })).json();
    expect(after.newBudgetLeft).toBe(0);
    expect(after.items.map((i: { questionId: string }) => i.questionId).sort()).toEqual([ids[0], ids[1]].sort());

    // Tomorrow: exactly the cards whose FSRS due date falls before tomorrow's study day ends.
    t.clock.now = new Date(t.clock.now.getTime() + DAY);
    const tomorrow = (await t.app.inject({ url: '/v1/drills/queue', headers })).json();
    expect(tomorrow.day).toBe('2026-03-03');
    const endOfTomorrow = new Date('2026-03-04T14:00:00Z').getTime(); // 04:00 on 4 March in Honolulu
    const cards = await Promise.all(
      ids.map(async (id: string) => (await t.app.inject({ url: `/v1/cards/${id}`, headers })).json()),
    );
    const expectedDue = cards
      .filter((c: { due: string }) => new Date(c.due).getTime() < endOfTomorrow)
      .map((c: { questionId: string }) => c.questionId);
    expect(expectedDue).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    expect(expectedDue.length).toBeLessThan(ids.length);
    const dueIds = tomorrow.items
      .filter((i: { kind: string }) => i.kind === 'review')
      .map((i: { questionId: string }) => i.questionId);
    expect(dueIds.sort()).toEqual(expectedDue.sort());
    expect(tomorrow.reviewsDue).toBe(expectedDue.length);
    expect(tomorrow.newBudgetLeft).toBeGreaterThan(0);
  });

  it('counts a 1 a.m. session as the previous study day in the user’s time zone', async () => {
    const { headers } = await setup();
    t.clock.now = new Date('2026-03-03T11:00:00Z'); // 01:00 on 3 March in Honolulu, before the 04:00 day start
    const queue = (await t.app.inject({ url: '/v1/drills/queue', headers })).json();
    expect(queue.day).toBe('2026-03-02');
  });
});

describe('typed answers get rubric feedback', () => {
  it('grades coverage, highlights the matched words and preselects a rating', async () => {
    const { headers } = await setup();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/drills/grade',
      headers,
      payload: { questionId: 'core-q1', answer: 'The MAIN points here: I would explain the key ideas first.' },
    });
    expect(res.statusCode).toBe(200);
    const feedback = res.json();
    expect(feedback.score).toBe(1);
    // One short sentence that covers the rubric: never weak, and the rating follows the verdict.
    expect(['strong', 'partial']).toContain(feedback.verdict);
    expect(feedback.suggestedRating).toBe(feedback.verdict === 'strong' ? 4 : 2);
    expect(feedback.reasons.length).toBeGreaterThan(0);
    const [point] = feedback.points;
    expect(point.status).toBe('covered');
    const text = 'The MAIN points here: I would explain the key ideas first.';
    expect(point.evidence.map((h: { start: number; end: number }) => text.slice(h.start, h.end))).toEqual([
      'MAIN',
      'points',
    ]);
  });

  it('records the typed answer with its feedback in the history', async () => {
    const { headers } = await setup();
    await answer(headers, 'core-q1', 2, {
      mode: 'typed',
      answer: 'Something unrelated about cooking pasta.',
      hintUsed: true,
    });
    const history = (await t.app.inject({ url: '/v1/drills/history', headers })).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      questionId: 'core-q1',
      rating: 2,
      mode: 'typed',
      hintUsed: true,
      score: 0,
    });
    expect(history.items[0].feedback.points[0].status).toBe('missed');
  });
});

describe('card actions', () => {
  it('marks, notes, suspends and resets a card', async () => {
    const { headers } = await setup();
    const patch = (payload: object) => t.app.inject({ method: 'PATCH', url: '/v1/cards/core-q4', headers, payload });
    expect((await patch({ marked: true, note: 'Revise B-trees' })).json()).toMatchObject({
      marked: true,
      note: 'Revise B-trees',
      state: 'new',
    });
    const queue = (await t.app.inject({ url: '/v1/drills/queue', headers })).json();
    expect(queue.items[0]).toMatchObject({ questionId: 'core-q4', marked: true });

    await answer(headers, 'core-q4', 3);
    const studied = (await t.app.inject({ url: '/v1/cards/core-q4', headers })).json();
    expect(studied).toMatchObject({ state: 'learning', reps: 1, note: 'Revise B-trees', marked: false });

    expect((await patch({ suspended: true })).json().suspended).toBe(true);
    t.clock.now = new Date(t.clock.now.getTime() + 10 * DAY);
    const later = (await t.app.inject({ url: '/v1/drills/queue', headers })).json();
    expect(later.items.map((i: { questionId: string }) => i.questionId)).not.toContain('core-q4');

    const reset = await t.app.inject({ method: 'POST', url: '/v1/cards/core-q4/reset', headers });
    expect(reset.json()).toMatchObject({ state: 'new', reps: 0, note: 'Revise B-trees' });
    expect((await t.app.inject({ url: '/v1/drills/history', headers })).json().items).toHaveLength(1);
  });
});

describe('progress', () => {
  it('shows readiness, activity, streak and time spent that change as the candidate drills', async () => {
    const { headers } = await setup();
    const before = (await t.app.inject({ url: '/v1/progress', headers })).json();
    expect(before.totalReviews).toBe(0);
    expect(before.streak).toBe(0);
    expect(
      before.readiness.find((r: { area: string; level: string }) => r.area === 'core' && r.level === 'junior')
        .readiness,
    ).toBe(0);

    for (const id of ['core-q1', 'core-q4', 'core-q7', 'databases-q1']) await answer(headers, id, 3);
    t.clock.now = new Date(t.clock.now.getTime() + DAY);
    await answer(headers, 'core-q10', 4);
    const after = (await t.app.inject({ url: '/v1/progress', headers })).json();
    expect(after.totalReviews).toBe(5);
    expect(after.streak).toBe(2);
    expect(after.totalMinutes).toBe(2.5);
    const core = after.readiness.find(
      (r: { area: string; level: string }) => r.area === 'core' && r.level === 'junior',
    );
    expect(core.seen).toBe(4);
    expect(core.readiness).toBeGreaterThan(0.5);
    expect(after.daily.at(-1)).toMatchObject({ day: '2026-03-03', reviews: 1, correct: 1 });
    expect(after.daily.at(-2)).toMatchObject({ day: '2026-03-02', reviews: 4, correct: 4 });
  });
});

describe('one candidate never sees another’s drills', () => {
  it('keeps plans, cards, history and progress per user', async () => {
    t = await createTestApp({ mode: 'hosted', questions: generatedQuestions(6) });
    const alice = await signUp(t.app, 'alice@example.com');
    const bob = await signUp(t.app, 'bob@example.com');
    await t.app.inject({ method: 'PUT', url: '/v1/plan', headers: alice.headers, payload: PLAN });
    await t.app.inject({
      method: 'POST',
      url: '/v1/drills/reviews',
      headers: alice.headers,
      payload: {
        questionId: 'core-q1',
        rating: 3,
        mode: 'typed',
        answer: 'alice secret',
        hintUsed: false,
        durationMs: 1000,
      },
    });
    await t.app.inject({
      method: 'PATCH',
      url: '/v1/cards/core-q1',
      headers: alice.headers,
      payload: { note: 'alice note' },
    });

    expect((await t.app.inject({ url: '/v1/plan', headers: bob.headers })).statusCode).toBe(409);
    expect((await t.app.inject({ url: '/v1/drills/history', headers: bob.headers })).json().items).toEqual([]);
    expect((await t.app.inject({ url: '/v1/cards/core-q1', headers: bob.headers })).json()).toMatchObject({
      state: 'new',
      note: '',
    });
    expect((await t.app.inject({ url: '/v1/progress', headers: bob.headers })).json().totalReviews).toBe(0);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/cards/core-q1/reset', headers: bob.headers })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/v1/cards/core-q1', headers: alice.headers })).json().note).toBe('alice note');
    expect((await t.app.inject({ url: '/v1/drills/queue' })).statusCode).toBe(401);
  });
});

describe.each(DATABASE_KINDS)('the drill data layer on the %s database', (kind) => {
  it('schedules, queues and reports the same way', async () => {
    const database = await openTestDatabase(kind);
    try {
      t = await createTestApp({ mode: 'personal', questions: generatedQuestions(6), database });
      t.clock.now = new Date('2026-03-02T20:00:00Z');
      const headers = await personalSession(t.app);
      await t.app.inject({ method: 'PUT', url: '/v1/plan', headers, payload: { ...PLAN, hoursPerWeek: 2 } });
      const queue = (await t.app.inject({ url: '/v1/drills/queue', headers })).json();
      expect(queue.items).toHaveLength(queue.newBudgetLeft);
      for (const item of queue.items) await answer(headers, item.questionId, 4);
      t.clock.now = new Date(t.clock.now.getTime() + 30 * DAY);
      const later = (await t.app.inject({ url: '/v1/drills/queue', headers })).json();
      expect(later.reviewsDue).toBe(queue.items.length);
      const progress = (await t.app.inject({ url: '/v1/progress', headers })).json();
      expect(progress.totalReviews).toBe(queue.items.length);
      const history = (await t.app.inject({ url: '/v1/drills/history?limit=2', headers })).json();
      expect(history.items).toHaveLength(2);
      const next = (
        await t.app.inject({ url: `/v1/drills/history?limit=2&cursor=${history.nextCursor}`, headers })
      ).json();
      expect(next.items.map((i: { id: string }) => i.id)).not.toContain(history.items[0].id);
    } finally {
      await t.close();
      await database.close();
      t = undefined as unknown as TestApp;
    }
  });
});
