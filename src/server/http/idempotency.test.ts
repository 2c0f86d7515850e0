import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/app.js';
import { idempotencyKeys, questionReports } from '../db/schema.js';
import { IDEMPOTENCY_CLAIM_TIMEOUT_MS, IDEMPOTENCY_RETRY_AFTER_SECONDS } from './idempotency.js';

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

/**
 * Makes the database refuse `event` on `table` (a row trigger that raises) until the test ends: the
 * failure a request meets when the database goes away under it.
 */
async function refuse(table: 'question_reports' | 'idempotency_keys', event: 'insert' | 'delete') {
  const name = sql.raw(`refuse_${event}_${table}`);
  const { db } = t.database;
  await db.execute(sql`create or replace function refuse() returns trigger language plpgsql as $$
    begin raise exception 'the database is away'; end $$`);
  await db.execute(
    sql`create trigger ${name} before ${sql.raw(event)} on ${sql.raw(table)} for each row execute function refuse()`,
  );
  const allow = () => db.execute(sql`drop trigger if exists ${name} on ${sql.raw(table)}`).then(() => undefined);
  onTestFinished(allow);
  return allow;
}

describe('a request that fails with a server error', () => {
  const report = (headers: Record<string, string>, key: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: { ...headers, 'idempotency-key': key },
      payload: { kind: 'typo', message: 'the first try failed' },
    });

  it('releases its claim, so a retry with the same key runs', async () => {
    const { headers, user } = await signUp(t.app, 'failed-once@example.com');
    const allowReports = await refuse('question_reports', 'insert');
    expect((await report(headers, 'failed-1')).statusCode).toBe(500);
    await allowReports();
    const retry = await report(headers, 'failed-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await t.database.db.select().from(questionReports).where(eq(questionReports.userId, user.id))).toHaveLength(
      1,
    );
  });

  it('whose release fails too keeps releasing in the background: a retry waits Retry-After, not the claim timeout', async () => {
    const { headers, user } = await signUp(t.app, 'failed-twice@example.com');
    const claim = () =>
      t.database.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.owner, user.id), eq(idempotencyKeys.key, 'failed-2')));
    // The create fails, then deleting its claim fails: the database went away with the request.
    const allowReports = await refuse('question_reports', 'insert');
    const allowRelease = await refuse('idempotency_keys', 'delete');
    expect((await report(headers, 'failed-2')).statusCode).toBe(500);
    expect(await claim()).toHaveLength(1);

    // The database is back: the claim is released with no request to prompt it, long before the timeout.
    await allowReports();
    await allowRelease();
    await expect.poll(async () => (await claim()).length).toBe(0);
    const retry = await report(headers, 'failed-2');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await t.database.db.select().from(questionReports).where(eq(questionReports.userId, user.id))).toHaveLength(
      1,
    );
  });

  it('answers a retry while the claim is held with 409 idempotency_in_progress and Retry-After', async () => {
    const { headers } = await signUp(t.app, 'failed-held@example.com');
    await refuse('question_reports', 'insert');
    await refuse('idempotency_keys', 'delete');
    expect((await report(headers, 'failed-3')).statusCode).toBe(500);
    const waiting = await report(headers, 'failed-3');
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().code).toBe('idempotency_in_progress');
    expect(waiting.headers['retry-after']).toBe(String(IDEMPOTENCY_RETRY_AFTER_SECONDS));
  });
});
