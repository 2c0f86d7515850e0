import { eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  createTestApp,
  personalSession,
  sessionHeaders,
  signIn,
  signUp,
  TEST_PASSWORD,
  type TestApp,
  type TestAppOptions,
  withSession,
} from '../../../test/app.js';
import { passwordResets, questionReports, users } from '../db/schema.js';
import { API_SECURITY_HEADERS, computeSecurityHeaders, SECURITY_HEADER_OPTIONS } from '../http/security-headers.js';

const PASSWORD = TEST_PASSWORD;
let t: TestApp;

const own: TestApp[] = [];
afterEach(async () => void (await Promise.all(own.splice(0).map((app) => app.close()))));
/** An app on an empty database for this test alone: first-account rules, audit log, own options, a moved clock. */
async function ownApp(options: TestAppOptions): Promise<TestApp> {
  const app = await createTestApp(options);
  own.push(app);
  return app;
}

const shared = new Map<string, Promise<TestApp>>();
afterAll(async () => {
  for (const app of shared.values()) await (await app).close();
});
/**
 * The file's one app for these options. Tests on it sign up accounts of their own (every address in
 * this file is used by one test) and look only at their own rows and mails, so they need no app of
 * their own; building one per test was most of this file's run time.
 */
function sharedApp(options: TestAppOptions): Promise<TestApp> {
  const key = JSON.stringify(options);
  if (!shared.has(key)) shared.set(key, createTestApp(options));
  return shared.get(key)!;
}

/** Mails the app sends from now on, read after `settle()`. */
function mailsFrom(app: TestApp): () => string[] {
  const start = app.mailbox.length;
  return () => app.mailbox.slice(start).map((m) => m.email);
}

describe('personal mode', () => {
  it('signs the browser in to the local profile with a hardened session cookie', async () => {
    t = await sharedApp({ mode: 'personal' });
    const res = await t.app.inject('/v1/auth/session');
    expect(res.json()).toMatchObject({
      mode: 'personal',
      user: { isLocal: true, hasPassword: false, role: 'admin' },
      csrfToken: expect.any(String),
    });
    const cookie = res.cookies.find((c) => c.name === 'onsite_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(
      (await t.app.inject({ url: '/v1/me', headers: { cookie: `onsite_session=${cookie.value}` } })).json().isLocal,
    ).toBe(true);
  });

  it('lets the person set a password, after which signing in is required', async () => {
    t = await ownApp({ mode: 'personal' });
    const session = await personalSession(t.app);
    const set = await t.app.inject({
      method: 'PUT',
      url: '/v1/me/password',
      ...withSession(session, { newPassword: PASSWORD }),
    });
    expect(set.statusCode).toBe(200);
    expect((await t.app.inject('/v1/me')).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/me', headers: session })).statusCode).toBe(401);
    const wrong = await signIn(t.app, { password: 'not the password at all' });
    expect(wrong.statusCode).toBe(401);
    const right = await signIn(t.app, { password: PASSWORD });
    expect(right.statusCode).toBe(200);
    expect(right.json().user.hasPassword).toBe(true);
  });

  it('refuses requests addressed to a non-local host name (DNS rebinding)', async () => {
    t = await sharedApp({ mode: 'personal' });
    const res = await t.app.inject({ url: '/v1/areas', headers: { host: 'evil.example:3000' } });
    expect(res.statusCode).toBe(421);
    expect(res.json().code).toBe('host_not_allowed');
  });

  it('refuses sign-up', async () => {
    t = await sharedApp({ mode: 'personal' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      payload: { email: 'a@b.co', password: PASSWORD, displayName: 'A' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('sign_up_disabled');
  });
});

describe('hosted mode: sign-up, sign-in, sessions', () => {
  it('answers /v1/me with 401 problem+json when signed out', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const res = await t.app.inject('/v1/me');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().code).toBe('unauthenticated');
  });

  it('makes the first account an admin and later ones users', async () => {
    t = await ownApp({ mode: 'hosted' });
    expect((await signUp(t.app, 'first@example.com')).user.role).toBe('admin');
    expect((await signUp(t.app, 'second@example.com')).user.role).toBe('user');
  });

  it('stores the password as argon2id, never in clear', async () => {
    t = await sharedApp({ mode: 'hosted' });
    await signUp(t.app, 'hash@example.com');
    const [row] = await t.database.db.select().from(users).where(eq(users.email, 'hash@example.com'));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);
  });

  it.each([
    ['too short', 'short pass', /at least 12/],
    ['common', 'password123456', /common|guess/],
    ['a keyboard walk', 'qwertyuiop1234', /common|guess|pattern/i],
  ])('rejects a %s password with a clear message', async (_kind, password, message) => {
    t = await sharedApp({ mode: 'hosted' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      payload: { email: 'weak@example.com', password, displayName: 'W' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('weak_password');
    expect(res.json().detail).toMatch(message);
  });

  it('answers a taken address exactly like a free one, and mails its owner a reset link instead', async () => {
    t = await sharedApp({ mode: 'hosted' });
    await signUp(t.app, 'dup@example.com');
    const mails = mailsFrom(t);
    const attempt = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-up',
        payload: { email, password: 'an entirely different passphrase', displayName: 'D' },
      });
    const taken = await attempt('DUP@example.com');
    const free = await attempt('free@example.com');
    expect([taken.statusCode, free.statusCode]).toEqual([202, 202]);
    expect(taken.body).toBe(free.body);
    expect(taken.cookies).toEqual(free.cookies);
    await t.settle();
    expect(mails()).toEqual(['dup@example.com']);
    // The original owner's password still works; the attempt changed nothing of theirs.
    const owner = await signIn(t.app, { email: 'dup@example.com', password: PASSWORD });
    expect(owner.statusCode).toBe(200);
    const intruder = await signIn(t.app, { email: 'dup@example.com', password: 'an entirely different passphrase' });
    expect(intruder.statusCode).toBe(401);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    t = await sharedApp({ mode: 'hosted' });
    await signUp(t.app, 'known@example.com');
    const unknown = await signIn(t.app, { email: 'nobody@example.com', password: PASSWORD });
    const wrong = await signIn(t.app, { email: 'known@example.com', password: 'wrong password here' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (body: { requestId: string }) => ({ ...body, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
  });

  it('rotates the session at sign-in, so a planted session id is useless', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers: before } = await signUp(t.app, 'rotate@example.com');
    const res = await signIn(
      t.app,
      { email: 'rotate@example.com', password: PASSWORD },
      { headers: { cookie: before.cookie } },
    );
    const after = res.cookies.find((c) => c.name === 'onsite_session')!;
    expect(`onsite_session=${after.value}`).not.toBe(before.cookie);
    expect((await t.app.inject({ url: '/v1/me', headers: { cookie: before.cookie } })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ url: '/v1/me', headers: { cookie: `onsite_session=${after.value}` } })).statusCode,
    ).toBe(200);
  });

  it('clears a session cookie it does not know, and a sign-in that sent one sets only the new session', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const stale = { cookie: 'onsite_session=expired-or-made-up' };
    const read = await t.app.inject({ url: '/v1/me', headers: stale });
    expect(read.statusCode).toBe(401);
    expect(read.cookies).toEqual([
      expect.objectContaining({ name: 'onsite_session', value: '', maxAge: 0, httpOnly: true, path: '/' }),
    ]);

    await signUp(t.app, 'stale@example.com');
    const res = await signIn(t.app, { email: 'stale@example.com', password: PASSWORD }, { headers: stale });
    expect(res.statusCode).toBe(200);
    expect([res.headers['set-cookie']].flat()).toHaveLength(1);
    const session = res.cookies.find((c) => c.name === 'onsite_session')!;
    expect(session.value).not.toBe('');
    expect(
      (await t.app.inject({ url: '/v1/me', headers: { cookie: `onsite_session=${session.value}` } })).statusCode,
    ).toBe(200);
  });

  it('ends the session at sign-out and every session at sign-out-everywhere', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers: a } = await signUp(t.app, 'out@example.com');
    const bHeaders = {
      cookie: sessionHeaders(await signIn(t.app, { email: 'out@example.com', password: PASSWORD })).cookie,
    };
    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/sign-out', headers: a })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/v1/me', headers: a })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/me', headers: bHeaders })).statusCode).toBe(200);

    const cHeaders = sessionHeaders(await signIn(t.app, { email: 'out@example.com', password: PASSWORD }));
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/auth/sign-out-everywhere', headers: cHeaders })).statusCode,
    ).toBe(204);
    expect((await t.app.inject({ url: '/v1/me', headers: bHeaders })).statusCode).toBe(401);
  });

  it('rejects an expired session', async () => {
    t = await ownApp({ mode: 'hosted' }); // it moves the clock
    const { headers } = await signUp(t.app, 'expire@example.com');
    t.clock.now = new Date(t.clock.now.getTime() + 721 * 3_600_000);
    expect((await t.app.inject({ url: '/v1/me', headers })).statusCode).toBe(401);
  });

  it('changes the password only with the current one, ending other sessions', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers } = await signUp(t.app, 'change@example.com');
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/v1/me/password',
      ...withSession(headers, { currentPassword: 'nope nope nope', newPassword: 'violet tundra kettle ripple' }),
    });
    expect(bad.statusCode).toBe(403);
    const good = await t.app.inject({
      method: 'PUT',
      url: '/v1/me/password',
      ...withSession(headers, { currentPassword: PASSWORD, newPassword: 'violet tundra kettle ripple' }),
    });
    expect(good.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/v1/me', headers })).statusCode).toBe(401);
    const attempt = await signIn(t.app, { email: 'change@example.com', password: 'violet tundra kettle ripple' });
    expect(attempt.statusCode).toBe(200);
  });
});

describe('password reset', () => {
  it('answers 202 whether or not the account exists, and mails only real accounts', async () => {
    t = await sharedApp({ mode: 'hosted' });
    await signUp(t.app, 'reset@example.com');
    const mails = mailsFrom(t);
    const known = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      payload: { email: 'reset@example.com' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset',
      payload: { email: 'ghost@example.com' },
    });
    expect([known.statusCode, unknown.statusCode]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    await t.settle();
    expect(mails()).toEqual(['reset@example.com']);
  });

  it('uses a token once, and never after it expires', async () => {
    t = await ownApp({ mode: 'hosted' }); // it moves the clock
    await signUp(t.app, 'once@example.com');
    await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: 'once@example.com' } });
    await t.settle();
    const { token } = t.mailbox.at(-1)!;
    const confirm = (newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword } });
    expect((await confirm('violet tundra kettle ripple')).statusCode).toBe(204);
    const again = await confirm('amber glacier violin hatch');
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe('invalid_reset_token');

    await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: 'once@example.com' } });
    await t.settle();
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 60_000);
    const late = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/password-reset/confirm',
      payload: { token: t.mailbox.at(-1)!.token, newPassword: 'amber glacier violin hatch' },
    });
    expect(late.json().code).toBe('invalid_reset_token');
  });

  it('stores reset tokens hashed', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { user } = await signUp(t.app, 'hashed@example.com');
    await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: 'hashed@example.com' } });
    await t.settle();
    const [row] = await t.database.db.select().from(passwordResets).where(eq(passwordResets.userId, user.id));
    expect(row!.tokenHash).not.toBe(t.mailbox.find((m) => m.email === 'hashed@example.com')!.token);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('CSRF protection', () => {
  it.each([
    ['missing', {}],
    ['wrong', { 'x-csrf-token': 'forged-token' }],
  ])('rejects a cookie-authenticated change with a %s CSRF token', async (_kind, extra) => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers } = await signUp(t.app, `csrf-${_kind}@example.com`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/tokens',
      headers: { cookie: headers.cookie, ...extra },
      payload: { name: 'x', scope: 'read' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });

  it('rejects a cross-site request even with a valid token', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers } = await signUp(t.app, 'origin@example.com');
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/me/tokens',
      headers: { ...headers, origin: 'https://evil.example' },
      payload: { name: 'x', scope: 'read' },
    });
    expect(res.json().code).toBe('csrf_failed');
  });
});

describe('personal API tokens', () => {
  it('shows the secret once, stores it hashed, and authenticates the API with it', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers } = await signUp(t.app, 'tok@example.com');
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/me/tokens',
      ...withSession(headers, { name: 'laptop', scope: 'write' }),
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^onsite_pat_/);
    const list = (await t.app.inject({ url: '/v1/me/tokens', headers })).json().items;
    expect(list).toEqual([expect.objectContaining({ id, name: 'laptop', scope: 'write' })]);
    expect(JSON.stringify(list)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/v1/me', headers: bearer })).json().email).toBe('tok@example.com');
    const post = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: bearer,
      payload: { kind: 'typo', message: 'via token' },
    });
    expect(post.statusCode).toBe(201);
  });

  it('refuses writes with a read-only token', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers } = await signUp(t.app, 'ro@example.com');
    const { token } = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/me/tokens',
        ...withSession(headers, { name: 'ro', scope: 'read' }),
      })
    ).json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ url: '/v1/me', headers: bearer })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: bearer,
      payload: { kind: 'typo', message: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('insufficient_scope');
  });

  it('rejects a revoked or made-up token', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers } = await signUp(t.app, 'rev@example.com');
    const { token, id } = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/me/tokens',
        ...withSession(headers, { name: 'old', scope: 'read' }),
      })
    ).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/me/tokens/${id}`, headers })).statusCode).toBe(204);
    for (const value of [token, 'onsite_pat_made-up', 'garbage']) {
      const res = await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${value}` } });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('invalid_token');
    }
  });
});

describe('authorization: one user cannot reach another’s data', () => {
  it('answers 404 when revoking someone else’s token, and leaves it working', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const alice = await signUp(t.app, 'alice-token@example.com');
    const bob = await signUp(t.app, 'bob-token@example.com');
    const { token, id } = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/me/tokens',
        ...withSession(alice.headers, { name: 'a', scope: 'read' }),
      })
    ).json();
    const res = await t.app.inject({ method: 'DELETE', url: `/v1/me/tokens/${id}`, headers: bob.headers });
    expect(res.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/v1/me/tokens', headers: bob.headers })).json().items).toEqual([]);
  });

  it('exports only the caller’s own data', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const alice = await signUp(t.app, 'alice-export@example.com');
    const bob = await signUp(t.app, 'bob-export@example.com');
    await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      ...withSession(alice.headers, { kind: 'typo', message: 'alice private note' }),
    });
    const exported = await t.app.inject({ url: '/v1/me/export', headers: bob.headers });
    expect(exported.body).not.toContain('alice private note');
    expect(exported.json().user.email).toBe('bob-export@example.com');
  });

  it('keeps admin routes from non-admins', async () => {
    t = await sharedApp({ mode: 'hosted' });
    // Someone else's account is the target; on this shared app the admin is whoever signed up first.
    const admin = await signUp(t.app, 'target-of-bob@example.com');
    const bob = await signUp(t.app, 'bob-not-admin@example.com');
    expect(bob.user.role).toBe('user');
    for (const [method, url] of [
      ['GET', '/v1/admin/users'],
      ['GET', '/v1/admin/audit'],
      ['PATCH', `/v1/admin/users/${admin.user.id}`],
      ['DELETE', `/v1/admin/users/${admin.user.id}`],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: bob.headers,
        ...(method === 'PATCH' ? { payload: { role: 'user' } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });
});

describe('admin', () => {
  it('changes roles and reads the audit log of security events', async () => {
    t = await ownApp({ mode: 'hosted' });
    const admin = await signUp(t.app, 'admin@example.com');
    const bob = await signUp(t.app, 'bob@example.com');
    await signIn(t.app, { email: 'bob@example.com', password: 'not bobs password' });
    const promoted = await t.app.inject({
      method: 'PATCH',
      url: `/v1/admin/users/${bob.user.id}`,
      ...withSession(admin.headers, { role: 'admin' }),
    });
    expect(promoted.json().role).toBe('admin');
    const events = (await t.app.inject({ url: '/v1/admin/audit', headers: admin.headers }))
      .json()
      .items.map((e: { event: string }) => e.event);
    expect(events).toEqual(expect.arrayContaining(['user.signed_up', 'auth.sign_in_failed', 'user.role_changed']));
    expect((await t.app.inject({ url: '/v1/admin/users', headers: admin.headers })).json().items).toHaveLength(2);
    await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      ...withSession(bob.headers, { kind: 'unclear', message: 'What is isolation?' }),
    });
    const reports = (await t.app.inject({ url: '/v1/admin/reports', headers: admin.headers })).json().items;
    expect(reports).toEqual([
      expect.objectContaining({ questionId: 'acid', kind: 'unclear', message: 'What is isolation?' }),
    ]);
  });
});

describe('account export and deletion', () => {
  it('exports everything stored about the user, without secrets', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers } = await signUp(t.app, 'export@example.com');
    await t.app.inject({
      method: 'POST',
      url: '/v1/me/tokens',
      ...withSession(headers, { name: 'cli', scope: 'read' }),
    });
    await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      ...withSession(headers, { kind: 'typo', message: 'mine' }),
    });
    const res = await t.app.inject({ url: '/v1/me/export', headers });
    expect(res.headers['content-disposition']).toContain('attachment');
    const body = res.json();
    expect(body.user.email).toBe('export@example.com');
    expect(body.apiTokens).toHaveLength(1);
    expect(body.questionReports.map((r: { message: string }) => r.message)).toEqual(['mine']);
    expect(body.sessions.length).toBeGreaterThan(0);
    expect(res.body).not.toMatch(/argon2|token_hash|tokenHash|passwordHash/);
  });

  it('deletes the account and everything it owns, with the password', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers, user } = await signUp(t.app, 'gone@example.com');
    await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      ...withSession(headers, { kind: 'typo', message: 'bye' }),
    });
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: '/v1/me',
          ...withSession(headers, { password: 'wrong password!!' }),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'DELETE', url: '/v1/me', ...withSession(headers, { password: PASSWORD }) }))
        .statusCode,
    ).toBe(204);
    expect(await t.database.db.select().from(users).where(eq(users.id, user.id))).toEqual([]);
    expect(await t.database.db.select().from(questionReports).where(eq(questionReports.userId, user.id))).toEqual([]);
    expect((await t.app.inject({ url: '/v1/me', headers })).statusCode).toBe(401);
  });
});

describe('idempotency keys', () => {
  it('replays the first response for a retry and creates nothing new', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const { headers, user } = await signUp(t.app, 'idem@example.com');
    const send = (message: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/questions/acid/reports',
        headers: { ...headers, 'idempotency-key': 'report-1' },
        payload: { kind: 'typo', message },
      });
    const first = await send('once');
    const retry = await send('once');
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await t.database.db.select().from(questionReports).where(eq(questionReports.userId, user.id))).toHaveLength(
      1,
    );

    const reused = await send('a different body');
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
  });
});

describe('rate limiting', () => {
  it('stops brute-force sign-in on one account with 429, Retry-After and RateLimit headers', async () => {
    t = await ownApp({ mode: 'hosted' }); // it moves the clock
    await signUp(t.app, 'target@example.com');
    // The helper's own sign-in spent one attempt; let the account's budget refill first.
    t.clock.now = new Date(t.clock.now.getTime() + 10 * 60_000);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 8; i++) {
      last = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in',
        remoteAddress: `10.0.0.${i + 1}`,
        payload: { email: 'target@example.com', password: `guess number ${i}` },
      });
      statuses.push(last.statusCode);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(last!.json().code).toBe('rate_limited');
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.headers['ratelimit-remaining']).toBe('0');
    expect(last!.headers['ratelimit-limit']).toBe('5');
  });

  it('limits sign-in attempts per client IP across accounts', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in',
        remoteAddress: '192.0.2.7',
        payload: { email: `user${i}@example.com`, password: 'whatever password' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 429)).toHaveLength(2);
  });

  it('applies a general per-client budget to the API and refills it over time', async () => {
    t = await ownApp({ mode: 'hosted', rateLimitPerMinute: 3 });
    const codes = [];
    for (let i = 0; i < 4; i++)
      codes.push((await t.app.inject({ url: '/v1/areas', remoteAddress: '198.51.100.1' })).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect((await t.app.inject({ url: '/v1/areas', remoteAddress: '198.51.100.2' })).statusCode).toBe(200);
    t.clock.now = new Date(t.clock.now.getTime() + 20_000);
    expect((await t.app.inject({ url: '/v1/areas', remoteAddress: '198.51.100.1' })).statusCode).toBe(200);
  });
});

describe('security headers', () => {
  it('gives a JSON response the API’s security headers and none of the page-only ones, and no HSTS over plain HTTP', async () => {
    t = await sharedApp({ mode: 'hosted' });
    const res = await t.app.inject('/v1/areas');
    const pageHeaders = computeSecurityHeaders(SECURITY_HEADER_OPTIONS);
    const sent = Object.keys(res.headers).filter((name) => name in pageHeaders || name in API_SECURITY_HEADERS);
    expect(Object.fromEntries(sent.map((name) => [name, res.headers[name]]))).toEqual(API_SECURITY_HEADERS);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('adds HSTS when the request arrived over TLS through a trusted proxy', async () => {
    t = await sharedApp({ mode: 'hosted', trustProxy: 1 });
    const res = await t.app.inject({ url: '/v1/areas', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  });

  it('marks the session cookie Secure over TLS', async () => {
    t = await sharedApp({ mode: 'hosted', trustProxy: 1 });
    await signUp(t.app, 'tls@example.com');
    const res = await signIn(
      t.app,
      { email: 'tls@example.com', password: PASSWORD },
      { headers: { 'x-forwarded-proto': 'https' } },
    );
    expect(res.cookies.find((c) => c.name === 'onsite_session')?.secure).toBe(true);
  });
});

describe('SQL injection', () => {
  const attacks = [
    "'; DROP TABLE users; --",
    "' OR '1'='1",
    'Robert"); DELETE FROM question_reports; --',
    '$1; SELECT pg_sleep(5)',
  ];
  it.each(attacks)('stores and returns %j verbatim', async (attack) => {
    t = await sharedApp({ mode: 'hosted' });
    const email = `sqli-${attacks.indexOf(attack)}@example.com`;
    const { headers } = await signUp(t.app, email);
    const userCount = async () => (await t.database.db.select().from(users)).length;
    const before = await userCount();
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      ...withSession(headers, { kind: 'other', message: attack }),
    });
    expect(created.json().message).toBe(attack);
    const token = await t.app.inject({
      method: 'POST',
      url: '/v1/me/tokens',
      ...withSession(headers, { name: attack, scope: 'read' }),
    });
    expect(token.json().name).toBe(attack);
    const attempt = await signIn(t.app, { email, password: attack });
    expect(attempt.statusCode).toBe(401);
    const search = await t.app.inject({ url: '/v1/questions', query: { q: attack } });
    expect(search.statusCode).toBe(200);
    expect(await userCount()).toBe(before);
    const exported = (await t.app.inject({ url: '/v1/me/export', headers })).json();
    expect(exported.questionReports[0].message).toBe(attack);
  });
});
