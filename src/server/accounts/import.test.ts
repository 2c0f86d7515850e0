import { afterEach, describe, expect, it } from 'vitest';
import { IMPORT_BODY_LIMIT } from '../../shared/account-import.js';
import { createTestApp, signUp, type TestApp } from '../../../test/app.js';
import { json } from '../../../test/json.js';

let t: TestApp;
afterEach(async () => t?.close());

const PLAN = {
  levels: ['junior'],
  interviewDate: null,
  hoursPerWeek: 6,
  stack: [],
  desiredRetention: 0.9,
  timeZone: 'Europe/Berlin',
  dayStartHour: 4,
};

const post = (headers: Record<string, string>, payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/v1/me/import', headers, payload: payload as Record<string, unknown> });

/** A user with a plan, two answers (so two FSRS cards), a note and a lab draft, and their export. */
async function studiedAccount() {
  const alice = await signUp(t.app, 'alice@example.com');
  const h = alice.headers;
  expect((await t.app.inject({ method: 'PUT', url: '/v1/plan', headers: h, payload: PLAN })).statusCode).toBe(200);
  for (const questionId of ['acid', 'node-event-loop']) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/drills/reviews',
      headers: h,
      payload: { questionId, rating: 3, mode: 'spoken', hintUsed: false, durationMs: 20_000 },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  await t.app.inject({
    method: 'PATCH',
    url: '/v1/cards/acid',
    headers: h,
    payload: { note: 'ACID: think bank', marked: true },
  });
  await t.app.inject({
    method: 'PUT',
    url: '/v1/labs/lru-cache/drafts/python',
    headers: h,
    payload: { code: 'class LRUCache:\n    pass\n' },
  });
  const exported = await t.app.inject({ url: '/v1/me/export', headers: h });
  expect(exported.statusCode).toBe(200);
  return exported.json();
}

/** What a user would see of their progress: plan, cards with notes, history and drafts. */
async function progressOf(headers: Record<string, string>) {
  const exported = (await t.app.inject({ url: '/v1/me/export', headers })).json();
  return {
    plan: exported.studyPlan && { ...exported.studyPlan, createdAt: undefined, updatedAt: undefined },
    cards: exported.cards.sort((a: { questionId: string }, b: { questionId: string }) =>
      a.questionId.localeCompare(b.questionId),
    ),
    reviews: exported.reviews
      .map(({ id: _id, ...review }: { id: string }) => review)
      .sort((a: { reviewedAt: string }, b: { reviewedAt: string }) => a.reviewedAt.localeCompare(b.reviewedAt)),
    drafts: exported.labDrafts,
  };
}

describe('importing an export file', () => {
  it('restores plan, cards, notes, history and drafts into a fresh account, and a second import changes nothing', async () => {
    t = await createTestApp({ mode: 'hosted' });
    const file = await studiedAccount();
    const bob = await signUp(t.app, 'bob@example.com');

    const first = await post(bob.headers, file);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      studyPlan: 'replaced',
      cards: { imported: 2, unchanged: 0, skipped: 0 },
      reviews: { imported: 2, unchanged: 0, skipped: 0 },
      labDrafts: { imported: 1, unchanged: 0, skipped: 0 },
    });
    const restored = await progressOf(bob.headers);
    expect(restored.plan).toMatchObject(PLAN);
    expect(restored.cards.find((c: { questionId: string }) => c.questionId === 'acid')).toMatchObject({
      note: 'ACID: think bank',
      marked: true,
    });
    expect(restored.cards).toEqual(
      file.cards.sort((a: { questionId: string }, b: { questionId: string }) =>
        a.questionId.localeCompare(b.questionId),
      ),
    );
    expect(restored.reviews).toHaveLength(2);
    expect(restored.drafts).toEqual(file.labDrafts);
    const queue = await t.app.inject({ url: '/v1/cards/acid', headers: bob.headers });
    expect(queue.json()).toMatchObject({ note: 'ACID: think bank' });

    const second = await post(bob.headers, file);
    expect(second.json()).toEqual({
      studyPlan: 'unchanged',
      cards: { imported: 0, unchanged: 2, skipped: 0 },
      reviews: { imported: 0, unchanged: 2, skipped: 0 },
      labDrafts: { imported: 0, unchanged: 1, skipped: 0 },
    });
    expect(await progressOf(bob.headers)).toEqual(restored);
  });

  it('keeps a card reviewed more recently than the file and skips questions this instance lacks', async () => {
    t = await createTestApp({ mode: 'hosted' });
    const file = await studiedAccount();
    const alice = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      payload: { email: 'alice@example.com', password: 'lantern orbit quietly zebra' },
    });
    const headers = {
      cookie: `onsite_session=${alice.cookies.find((c) => c.name === 'onsite_session')!.value}`,
      'x-csrf-token': json<{ csrfToken: string }>(alice).csrfToken,
    };
    const older = {
      ...file,
      cards: [
        ...file.cards.map((c: { lastReview: string }) => ({
          ...c,
          lastReview: '2020-01-01T00:00:00.000Z',
          note: 'old',
        })),
        { ...file.cards[0], questionId: 'not-on-this-instance' },
      ],
    };
    const res = await post(headers, older);
    expect(res.json().cards).toEqual({ imported: 0, unchanged: 2, skipped: 1 });
    expect((await t.app.inject({ url: '/v1/cards/acid', headers })).json().note).toBe('ACID: think bank');
  });

  it('refuses a file that is not an export with 400 invalid_export_file naming the wrong field', async () => {
    t = await createTestApp({ mode: 'hosted' });
    const file = await studiedAccount();
    const bob = await signUp(t.app, 'bob@example.com');
    const wrong = { ...file, cards: [{ ...file.cards[0], stability: 'high' }] };
    const res = await post(bob.headers, wrong);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'invalid_export_file', errors: [{ path: 'file.cards.0.stability' }] });

    const notAnExport = await post(bob.headers, { hello: 'world' });
    expect(notAnExport.json()).toMatchObject({ code: 'invalid_export_file', errors: [{ path: 'file.exportedAt' }] });

    const badZone = await post(bob.headers, { ...file, studyPlan: { ...PLAN, timeZone: 'Mars/Olympus' } });
    expect(badZone.json()).toMatchObject({
      code: 'invalid_export_file',
      errors: [{ path: 'file.studyPlan.timeZone' }],
    });

    const notJson = await t.app.inject({
      method: 'POST',
      url: '/v1/me/import',
      headers: { ...bob.headers, 'content-type': 'application/json' },
      payload: '{"exportedAt": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().code).toBe('malformed_body');
    expect((await progressOf(bob.headers)).cards).toEqual([]);
  });

  it('exports a kept recording as metadata with its playback URL, so the export imports back', async () => {
    t = await createTestApp({ mode: 'hosted' });
    const alice = await signUp(t.app, 'alice@example.com');
    // 7 MB of audio, under the upload limit: as base64 in the export it alone would pass 8 MiB.
    const audio = Buffer.alloc(7_000_000, 1);
    const kept = await t.app.inject({
      method: 'POST',
      url: '/v1/speech?for=drill&id=acid&durationMs=60000&keep=true',
      headers: { ...alice.headers, 'content-type': 'audio/webm' },
      payload: audio,
    });
    expect(kept.statusCode, kept.body).toBe(200);
    const id = kept.json().recording.id;

    const exported = await t.app.inject({ url: '/v1/me/export', headers: alice.headers });
    expect(exported.body.length).toBeLessThan(100_000);
    expect(exported.json().spokenRecordings).toEqual([
      {
        id,
        subject: 'drill:acid',
        contentType: 'audio/webm',
        durationMs: 60_000,
        bytes: audio.length,
        transcript: null,
        createdAt: expect.any(String),
        audioUrl: `/v1/speech/recordings/${id}/audio`,
      },
    ]);
    const played = await t.app.inject({ url: exported.json().spokenRecordings[0].audioUrl, headers: alice.headers });
    expect(played.rawPayload.equals(audio)).toBe(true);

    const bob = await signUp(t.app, 'bob@example.com');
    const imported = await post(bob.headers, exported.json());
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().studyPlan).toBe('absent');
  });

  it('refuses a file over 8 MiB with 413', async () => {
    t = await createTestApp({ mode: 'hosted' });
    const bob = await signUp(t.app, 'bob@example.com');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/import',
      headers: { ...bob.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ exportedAt: new Date().toISOString(), padding: 'x'.repeat(IMPORT_BODY_LIMIT) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('needs the CSRF token and a signed-in user', async () => {
    t = await createTestApp({ mode: 'hosted' });
    const file = await studiedAccount();
    const bob = await signUp(t.app, 'bob@example.com');
    const noCsrf = await post({ cookie: bob.headers.cookie! }, file);
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_failed');
    expect((await post({}, file)).statusCode).toBe(401);
    expect((await progressOf(bob.headers)).cards).toEqual([]);
  });
});
