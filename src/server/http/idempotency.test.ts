import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/app.js';
import { idempotencyKeys, questionReports } from '../db/schema.js';
import { IDEMPOTENCY_CLAIM_TIMEOUT_MS } from './idempotency.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ mode: 'hosted' });
});
afterAll(async () => t?.close());

describe('an Idempotency-Key claim left in progress', () => {
  it('answers 409 while young, and after the claim timeout one retry takes it over and creates once', async () => {
    const { headers, user } = await signUp(t.app, 'stuck-claim@example.com');
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/questions/acid/reports',
        headers: { ...headers, 'idempotency-key': 'stuck-1' },
        payload: { kind: 'typo', message: 'lost with the database' },
      });
    const mine = eq(questionReports.userId, user.id);
    // The state a request leaves when the database goes away mid-request: its claim is taken, its
    // response never recorded, and nothing it meant to create was kept.
    expect((await send()).statusCode).toBe(201);
    await t.database.db.delete(questionReports).where(mine);
    await t.database.db
      .update(idempotencyKeys)
      .set({ status: null, body: null })
      .where(and(eq(idempotencyKeys.owner, user.id), eq(idempotencyKeys.key, 'stuck-1')));

    const early = await send();
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('idempotency_in_progress');

    t.clock.now = new Date(t.clock.now.getTime() + IDEMPOTENCY_CLAIM_TIMEOUT_MS + 1_000);
    // Two retries race for the stale claim: one takes it over and creates; the other is told the
    // request is in progress (or, if it came second, gets the first's response replayed).
    const racing = await Promise.all([send(), send()]);
    const fresh = racing.filter((res) => res.statusCode === 201 && !res.headers['idempotent-replayed']);
    expect(fresh, racing.map((res) => res.body).join('\n')).toHaveLength(1);
    const retry = fresh[0]!;
    const other = racing.find((res) => res !== retry)!;
    expect(other.statusCode === 409 ? other.json().code : other.headers['idempotent-replayed']).toBe(
      other.statusCode === 409 ? 'idempotency_in_progress' : 'true',
    );
    expect(await t.database.db.select().from(questionReports).where(mine)).toHaveLength(1);

    // The taken-over claim is an ordinary one again: the next retry replays its response.
    const replay = await send();
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(retry.json().id);
    expect(await t.database.db.select().from(questionReports).where(mine)).toHaveLength(1);
  });
});
