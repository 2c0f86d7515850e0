import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, signUp, TEST_PASSWORD, type TestApp, withSession } from '../../../test/app.js';
import { llmFor, type LlmServer, startLlmServer } from '../../../test/llm-server.js';
import { aiSettings, idempotencyKeys } from '../db/schema.js';
import { changePassword, EXPORT_SECTIONS } from './service.js';
import { deleteUser, findUserByEmail, USER_TABLES } from './queries.js';
import { json } from '../../../test/json.js';

const PASSWORD = TEST_PASSWORD;
// One app for the file: every test signs up accounts no other test uses and reads only their rows.
let t: TestApp;
// A model for the AI layer's rows (consent, token use): it judges every answer weak.
let llm: LlmServer;
beforeAll(async () => {
  llm = await startLlmServer(() => ({ content: JSON.stringify({ points: [], misconceptions: [], verdict: 'weak' }) }));
  t = await createTestApp({ mode: 'hosted', llm: llmFor(llm) });
});
afterAll(async () => {
  await t?.close();
  await llm?.close();
});

async function mintToken(headers: Record<string, string>, scope: 'read' | 'write' = 'write') {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/me/tokens',
    ...withSession(headers, { name: 'cli', scope }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return { authorization: `Bearer ${json<{ token: string }>(res).token}` };
}

async function requestReset(email: string): Promise<string> {
  await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email } });
  await t.settle();
  return t.mailbox.at(-1)!.token;
}

const confirmReset = (token: string, newPassword: string) =>
  t.app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword } });

describe('every way of ending access also revokes API tokens', () => {
  it('a password change', async () => {
    const { headers } = await signUp(t.app, 'change@example.com');
    const bearer = await mintToken(headers);
    const changed = await t.app.inject({
      method: 'PUT',
      url: '/v1/me/password',
      ...withSession(headers, { currentPassword: PASSWORD, newPassword: 'copper meadow stanza whistle' }),
    });
    expect(changed.statusCode).toBe(200);
    const res = await t.app.inject({ url: '/v1/me', headers: bearer });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_token');
  });

  it('a password reset', async () => {
    const { headers } = await signUp(t.app, 'reset@example.com');
    const bearer = await mintToken(headers);
    expect(
      (await confirmReset(await requestReset('reset@example.com'), 'copper meadow stanza whistle')).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/me', headers })).statusCode).toBe(401);
  });

  it('signing out everywhere', async () => {
    const { headers } = await signUp(t.app, 'everywhere@example.com');
    const bearer = await mintToken(headers);
    const out = await t.app.inject({ method: 'POST', url: '/v1/auth/sign-out-everywhere', headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/v1/me', headers: bearer })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('can be created only from a signed-in session, not with another token', async () => {
    const { headers } = await signUp(t.app, 'mint@example.com');
    const bearer = await mintToken(headers, 'write');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/tokens',
      headers: bearer,
      payload: { name: 'more', scope: 'write' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('session_required');
    expect((await t.app.inject({ url: '/v1/me/tokens', headers })).json().items).toHaveLength(1);
  });

  it('keeps no secret in the idempotency store, and a retry creates nothing and replays nothing', async () => {
    const { headers, user } = await signUp(t.app, 'idem@example.com');
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/me/tokens',
        headers: { ...headers, 'idempotency-key': 'token-once' },
        payload: { name: 'ci', scope: 'read' },
      });
    const first = await send();
    expect(first.statusCode).toBe(201);
    const secret = json<{ token: string }>(first).token;
    const stored = await t.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.owner, user.id));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const retry = await send();
    expect(retry.statusCode).toBe(409);
    expect(retry.json().code).toBe('idempotency_secret_not_replayed');
    expect(retry.body).not.toContain(secret);
    expect((await t.app.inject({ url: '/v1/me/tokens', headers })).json().items).toHaveLength(1);
  });
});

describe('password reset links', () => {
  it('a successful reset voids every other outstanding link', async () => {
    await signUp(t.app, 'links@example.com');
    const first = await requestReset('links@example.com');
    const second = await requestReset('links@example.com');
    expect((await confirmReset(second, 'copper meadow stanza whistle')).statusCode).toBe(204);
    const stale = await confirmReset(first, 'quartz harbour lantern fig');
    expect(stale.statusCode).toBe(400);
    expect(stale.json().code).toBe('invalid_reset_token');
  });

  it('a refused new password does not use the link up', async () => {
    await signUp(t.app, 'weak@example.com');
    const token = await requestReset('weak@example.com');
    const weak = await confirmReset(token, 'password1234');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('weak_password');
    expect((await confirmReset(token, 'copper meadow stanza whistle')).statusCode).toBe(204);
    const signedIn = await signIn(t.app, { email: 'weak@example.com', password: 'copper meadow stanza whistle' });
    expect(signedIn.statusCode).toBe(200);
  });
});

describe('the export', () => {
  it('has a section for every table that holds user rows, by the database catalogue', async () => {
    const { rows } = (await t.database.db.execute(sql`
      select distinct c.conrelid::regclass::text as table_name
        from pg_constraint c
       where c.contype = 'f' and c.confrelid = 'users'::regclass
      union
      select table_name::text from information_schema.columns
       where table_schema = 'public' and column_name in ('user_id', 'owner', 'owner_id')`)) as unknown as {
      rows: { table_name: string }[];
    };
    const owned = rows.map((r) => r.table_name.replace(/^"|"$/g, ''));
    expect(owned.length).toBeGreaterThan(5);
    expect([...USER_TABLES].sort()).toEqual(expect.arrayContaining(owned.sort()));
    expect(Object.keys(EXPORT_SECTIONS).sort()).toEqual([...USER_TABLES].sort());
  });

  it('contains every row the user owns, in every user-owned table', async () => {
    const { headers, user } = await signUp(t.app, 'export@example.com');
    await signUp(t.app, 'someone-else@example.com');
    const call = async (method: 'POST' | 'PUT', url: string, payload: object, extra: Record<string, string> = {}) => {
      const res = await t.app.inject({ method, url, headers: { ...headers, ...extra }, payload });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    await call('POST', '/v1/me/tokens', { name: 'cli', scope: 'read' });
    await requestReset('export@example.com');
    await call('POST', '/v1/questions/acid/reports', { kind: 'typo', message: 'a typo' }, { 'idempotency-key': 'k1' });
    await call('PUT', '/v1/plan', {
      levels: ['junior'],
      hoursPerWeek: 5,
      timeZone: 'Europe/Berlin',
    });
    await call('POST', '/v1/drills/reviews', {
      questionId: 'acid',
      rating: 3,
      mode: 'typed',
      answer: 'Atomicity and durability.',
      durationMs: 1000,
    });
    await call('PUT', '/v1/labs/lru-cache/drafts/python', { code: 'class LRUCache: pass' });
    const assessment = await call('POST', '/v1/assessments', { labs: ['lru-cache'], minutes: 30 });
    await call('POST', '/v1/labs/lru-cache/submissions', {
      language: 'python',
      code: 'class LRUCache: pass',
      mode: 'run',
      assessmentId: assessment.id,
    });
    await call('POST', '/v1/mocks', { levels: ['mid'], stages: ['recruiter-screen'] });
    await t.database.db.insert(aiSettings).values({ id: 'ai', enabled: true });
    await call('PUT', '/v1/ai/consent', { choice: 'accepted' });
    const graded = await call('POST', '/v1/drills/grade', { questionId: 'acid', answer: 'Atomicity and durability.' });
    expect(graded.ai.status).toBe('reviewed');

    const kept = await t.app.inject({
      method: 'POST',
      url: '/v1/speech?for=drill&id=acid&durationMs=2000&keep=true',
      headers: { ...headers, 'content-type': 'audio/webm' },
      payload: Buffer.from('a recording'),
    });
    expect(kept.statusCode, kept.body).toBe(200);

    const exported = (await t.app.inject({ url: '/v1/me/export', headers })).json();
    for (const table of USER_TABLES) {
      const { rows } = (await t.database.db.execute(
        table === 'users'
          ? sql`select count(*)::int as n from users where id = ${user.id}`
          : table === 'audit_events'
            ? sql`select count(*)::int as n from audit_events where actor_user_id = ${user.id} or subject_user_id = ${user.id}`
            : table === 'idempotency_keys'
              ? sql`select count(*)::int as n from idempotency_keys where owner = ${user.id}`
              : sql`select count(*)::int as n from ${sql.identifier(table)} where user_id = ${user.id}`,
      )) as unknown as { rows: { n: number }[] };
      const section = exported[EXPORT_SECTIONS[table]];
      const count = Array.isArray(section) ? section.length : section ? 1 : 0;
      expect(rows[0]!.n, `rows of ${table}`).toBeGreaterThan(0);
      expect(count, `export section ${EXPORT_SECTIONS[table]} for ${table}`).toBe(rows[0]!.n);
    }
    expect(JSON.stringify(exported)).not.toMatch(/argon2|onsite_pat_|tokenHash|passwordHash/);
  });
});

describe('a password change for an account deleted meanwhile', () => {
  it('is user_not_found, not a session for a user that is gone', async () => {
    await signUp(t.app, 'deleted-meanwhile@example.com');
    const user = await findUserByEmail(t.database.db, 'deleted-meanwhile@example.com');
    if (!user) throw new Error('the sign-up made no user');
    await deleteUser(t.database.db, user.id);
    const deps = {
      db: t.database.db,
      mode: 'hosted' as const,
      sessionTtlHours: 1,
      now: () => new Date(),
      mailer: { sendPasswordReset: async () => {} },
    };
    const change = changePassword(
      deps,
      { user, currentPassword: PASSWORD, newPassword: 'copper meadow stanza whistle' },
      { ip: '127.0.0.1' },
    );
    await expect(change).rejects.toMatchObject({ code: 'user_not_found', status: 404 });
  });
});
