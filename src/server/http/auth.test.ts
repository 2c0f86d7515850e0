import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { UserRow } from '../accounts/service.js';
import { createTestApp, signUp, type TestApp, withSession } from '../../../test/app.js';

let t: TestApp;
let session: Record<string, string>;
let userId: string;
let readToken: string;

beforeAll(async () => {
  t = await createTestApp({ mode: 'hosted' });
  // Routes added before the first request, so the access hook declares them like the app's own.
  // The types are checked by tsc (`npm run check`): non-null wherever the route is not public.
  t.app.get('/v1/probe/public', { config: { access: 'public' } }, async (request) => {
    expectTypeOf(request.user).toEqualTypeOf<UserRow | null>();
    return { id: request.user?.id ?? null };
  });
  t.app.get('/v1/probe/private', async (request) => {
    expectTypeOf(request.user).toEqualTypeOf<UserRow>();
    return { id: request.user.id };
  });
  t.app.get('/v1/probe/admin', { config: { access: 'admin' } }, async (request) => {
    expectTypeOf(request.user).toEqualTypeOf<UserRow>();
    return { id: request.user.id };
  });
  t.app.get('/probe/outside', async (request) => ({ id: request.user.id }));
  t.app.post('/v1/probe/read-post', { config: { scope: 'read' } }, async (request) => ({ id: request.user.id }));
  t.app.get('/v1/probe/write-get', { config: { scope: 'write' } }, async (request) => ({ id: request.user.id }));

  const signedUp = await signUp(t.app, 'auth-probe@example.com');
  session = signedUp.headers;
  userId = signedUp.user.id;
  const minted = await t.app.inject({
    method: 'POST',
    url: '/v1/me/tokens',
    ...withSession(session, { name: 'probe', scope: 'read' }),
  });
  expect(minted.statusCode).toBe(201);
  readToken = minted.json().token as string;
});
afterAll(async () => t?.close());

const bearer = () => ({ authorization: `Bearer ${readToken}` });

describe('request.user', () => {
  it('is the signed-in user on a route that requires one', async () => {
    const res = await t.app.inject({ url: '/v1/probe/private', headers: session });
    expect(res.json()).toEqual({ id: userId });
  });

  it('is null on a public route when nobody is signed in, and the user when someone is', async () => {
    // The access hook never let an anonymous request reach the private route; the public one it did.
    expect((await t.app.inject({ url: '/v1/probe/private' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/probe/public' })).json()).toEqual({ id: null });
    expect((await t.app.inject({ url: '/v1/probe/public', headers: session })).json()).toEqual({ id: userId });
  });

  it('is an admin on a route declared `admin`: anyone else is refused before the handler', async () => {
    // The first account of a hosted Onsite is its admin.
    expect((await t.app.inject({ url: '/v1/probe/admin', headers: session })).json()).toEqual({ id: userId });
    const other = await signUp(t.app, 'auth-probe-other@example.com');
    const res = await t.app.inject({ url: '/v1/probe/admin', headers: other.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden' });
  });

  it('fails closed outside the API, where nobody is authenticated: 401, not an anonymous handler', async () => {
    const res = await t.app.inject({ url: '/probe/outside', headers: session });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
  });
});

describe('a route declares the token scope it needs', () => {
  it('lets a read-only token call a POST declared `read`', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/probe/read-post', headers: bearer() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: userId });
  });

  it('refuses a read-only token on a GET declared `write`', async () => {
    const res = await t.app.inject({ url: '/v1/probe/write-get', headers: bearer() });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'insufficient_scope' });
  });

  it('states the scope in the OpenAPI document of every operation that needs a user', async () => {
    const doc = (await t.app.inject('/openapi.json')).json() as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    expect(doc.paths['/v1/me']?.get?.security).toEqual([{ session: [] }, { token: ['read'] }]);
    expect(doc.paths['/v1/me']?.delete?.security).toEqual([{ session: [] }, { token: ['write'] }]);
  });
});
