import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, signUp, type TestApp } from '../../../test/app.js';
import { json } from '../../../test/json.js';

const PROBLEM = /^application\/problem\+json/;
const UUID = '3f6c1f0e-8d1b-4b7a-9a3e-2b1c4d5e6f70';
const LINK = 'a'.repeat(32);

let t: TestApp;
let session: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ mode: 'hosted' });
  session = (await signUp(t.app, 'hardening@example.com')).headers;
});
afterAll(async () => t?.close());

let listening: Promise<number> | undefined;
/** The port of the file's app on loopback, for the tests that need a real socket; it listens from the first. */
function listeningPort(): Promise<number> {
  listening ??= t.app.listen({ port: 0, host: '127.0.0.1' }).then(() => (t.app.server.address() as AddressInfo).port);
  return listening;
}

interface Operation {
  method: string;
  path: string;
  secured: boolean;
  /** The access level the route declared (or was given by default), as the document states it. */
  access: string | undefined;
  /** The scopes an API token needs, as the document states them. */
  tokenScopes: string[] | undefined;
}

async function operations(): Promise<Operation[]> {
  const doc = json<{
    paths: Record<string, Record<string, { security?: Record<string, string[]>[]; 'x-access'?: string }>>;
  }>(await t.app.inject('/openapi.json'));
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      secured: !(Array.isArray(op.security) && op.security.length === 0),
      access: op['x-access'],
      tokenScopes: op.security?.find((requirement) => 'token' in requirement)?.token,
    })),
  );
}

/** Sends `op` with each `{param}` filled and an empty JSON body where one is allowed. */
function send(op: Operation, headers: Record<string, string> = {}) {
  const body = op.method === 'GET' || op.method === 'HEAD' ? {} : { payload: {} };
  return t.app.inject({ method: op.method as 'GET', url: concrete(op.path), headers, ...body });
}

/** A concrete URL for an OpenAPI path: each `{param}` filled with a well-formed value. */
function concrete(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    if (name === 'token') return LINK;
    if (name === 'language') return 'python';
    if (name === 'index') return '0';
    if (name === 'slug') return 'lru-cache';
    if (name === 'questionId') return 'acid';
    if (name === 'itemId') return 'item-1';
    return path.startsWith('/v1/questions') ||
      path.startsWith('/v1/areas') ||
      path.startsWith('/v1/levels') ||
      path.startsWith('/v1/stages')
      ? 'acid'
      : UUID;
  });
}

describe('access is declared on every route and enforced on the route that matched', () => {
  it('refuses an anonymous request to every operation that is not public', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(50);
    for (const op of ops.filter((o) => o.secured && o.path.startsWith('/v1'))) {
      const res = await t.app.inject({ method: op.method as 'GET', url: concrete(op.path), payload: {} });
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    }
  });

  it('makes public exactly the curriculum, the sign-in flows, the interviewer link and the probes', async () => {
    const open = (await operations()).filter((o) => !o.secured || !o.path.startsWith('/v1'));
    const names = open.map((o) => `${o.method} ${o.path}`).sort();
    expect(names).toEqual(
      [
        'GET /healthz',
        'GET /metrics',
        'GET /readyz',
        'GET /v1/areas',
        'GET /v1/areas/{id}',
        'GET /v1/auth/session',
        'GET /v1/interviews/{token}',
        'GET /v1/levels',
        'GET /v1/levels/{id}',
        'GET /v1/questions',
        'GET /v1/questions/{id}',
        'GET /v1/stages',
        'GET /v1/stages/{id}',
        'GET /v1/tags',
        'POST /v1/auth/password-reset',
        'POST /v1/auth/password-reset/confirm',
        'POST /v1/auth/sign-in',
        'POST /v1/auth/sign-out',
        'POST /v1/auth/sign-up',
        'POST /v1/interviews/{token}/messages',
        'PUT /v1/interviews/{token}/scores',
      ].sort(),
    );
  });

  it('declares the access level of every API operation in the document', async () => {
    const api = (await operations()).filter((o) => o.path.startsWith('/v1'));
    for (const op of api) {
      expect(['public', 'user', 'admin'], `${op.method} ${op.path}`).toContain(op.access);
      expect(op.secured, `${op.method} ${op.path}`).toBe(op.access !== 'public');
    }
  });

  it('makes admin-only exactly user management, the audit log, reports and the AI switch', async () => {
    const admin = (await operations()).filter((o) => o.access === 'admin');
    expect(admin.map((o) => `${o.method} ${o.path}`).sort()).toEqual(
      [
        'DELETE /v1/admin/users/{id}',
        'GET /v1/admin/audit',
        'GET /v1/admin/reports',
        'GET /v1/admin/users',
        'PATCH /v1/admin/users/{id}',
        'PUT /v1/admin/ai',
      ].sort(),
    );
  });

  it('refuses a signed-in user who is not an admin on every admin operation', async () => {
    const { headers } = await signUp(t.app, 'not-admin@example.com');
    const admin = (await operations()).filter((o) => o.access === 'admin');
    for (const op of admin) {
      const res = await send(op, headers);
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(403);
      expect(res.json(), `${op.method} ${op.path}`).toMatchObject({ code: 'forbidden' });
    }
  });

  it('needs the write scope for every operation but reads, and refuses a read-only token on each', async () => {
    const minted = await t.app.inject({
      method: 'POST',
      url: '/v1/me/tokens',
      headers: session,
      payload: { name: 'read-only', scope: 'read' },
    });
    const token = { authorization: `Bearer ${minted.json().token as string}` };
    const secured = (await operations()).filter((o) => o.secured && o.path.startsWith('/v1'));
    for (const op of secured) {
      const expected = op.method === 'GET' ? 'read' : 'write';
      expect(op.tokenScopes, `${op.method} ${op.path}`).toEqual([expected]);
      const res = await send(op, token);
      if (expected === 'write') {
        expect(res.statusCode, `${op.method} ${op.path}`).toBe(403);
        expect(res.json(), `${op.method} ${op.path}`).toMatchObject({ code: 'insufficient_scope' });
      } else {
        expect(res.statusCode, `${op.method} ${op.path}`).not.toBe(401);
        if (res.statusCode === 403) expect(res.json().code, `${op.method} ${op.path}`).not.toBe('insufficient_scope');
      }
    }
  });

  it('refuses the candidate live socket to an anonymous client', async () => {
    const res = await t.app.inject({ url: `/v1/mocks/${UUID}/live` });
    expect(res.statusCode).toBe(401);
  });

  const spellings = (path: string) => [
    path,
    path.replace('/v1/', '/%761/'),
    path.replace('/v1/', '/v%31/'),
    path.replace('/v1/', '/%76%31/'),
    `${path}/`,
    path.replace(/\/(\w)/g, (_m, c: string) => `/%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    path.replace(/\/(\w)/g, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`),
  ];

  it('treats every spelling of a private path as that path', async () => {
    for (const url of [...spellings('/v1/me'), ...spellings('/v1/me/export'), ...spellings('/v1/admin/users')]) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(401);
    }
  });

  it('gives every spelling of a limited route one shared per-IP budget', async () => {
    const limited = [
      '/v1/auth/sign-in',
      '/v1/auth/sign-up',
      '/v1/auth/password-reset',
      '/v1/auth/password-reset/confirm',
    ];
    for (const [n, path] of limited.entries()) {
      const variants = [
        ...spellings(path),
        path.replace('/v1/', '/%2576%31/'), // double-encoded: a different path, so 404
        path.replace('/v1/', '/V1/'), // another case: a different path, so 404
      ];
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) {
        const url = variants[i % variants.length]!;
        const res = await t.app.inject({
          method: 'POST',
          url,
          remoteAddress: `198.51.100.${n + 1}`,
          payload: { email: `nobody${i}@example.com`, password: 'wrong password here', token: 'x'.repeat(20) },
        });
        if (res.statusCode >= 400) expect(res.headers['content-type'], url).toMatch(PROBLEM);
        statuses.push(res.statusCode);
      }
      const served = statuses.filter((s) => s !== 429 && s !== 404);
      expect(served.length, `${path}: ${statuses.join(',')}`).toBeLessThanOrEqual(10);
      expect(statuses.slice(-4), path).toContain(429);
    }
  });

  it('counts every spelling of an API route against one per-client budget', async () => {
    const small = await createTestApp({ mode: 'hosted', rateLimitPerMinute: 5 });
    try {
      const statuses: number[] = [];
      for (const url of spellings('/v1/questions')) statuses.push((await small.app.inject({ url })).statusCode);
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      // Requests no route matches spend the same budget, so probing for routes is limited too.
      const probes: number[] = [];
      for (let i = 0; i < 6; i++) {
        probes.push((await small.app.inject({ url: `/v1/probe-${i}`, remoteAddress: '192.0.2.7' })).statusCode);
      }
      expect(probes).toEqual([404, 404, 404, 404, 404, 429]);
    } finally {
      await small.close();
    }
  });
});

describe('router- and parser-level errors are problem+json with a stable code', () => {
  it.each([
    ['an undecodable URL', '/v1/areas/%E0%A4%A', 400, 'bad_url'],
    ['a path parameter over the length limit', `/v1/questions/${'a'.repeat(200)}`, 414, 'path_too_long'],
    ['an unknown route', '/v1/nothing-here', 404, 'route_not_found'],
  ])('%s', async (_name, url, status, code) => {
    const res = await t.app.inject({ url });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.json()).toMatchObject({ status, code, requestId: expect.any(String) });
  });

  it.each([
    [
      'headers over the size limit',
      `GET /v1/areas HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'headers_too_large',
    ],
    ['a request that is not HTTP', 'HELLO THERE\r\n\r\n', 400, 'malformed_request'],
  ])('%s, answered by the HTTP server itself', async (_name, raw, status, code) => {
    const port = await listeningPort();
    const response = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(raw));
      let data = '';
      socket.on('data', (chunk) => (data += chunk.toString()));
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(response).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
    expect(response).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4))).toMatchObject({ status, code });
  });
});

describe('free text refuses control characters, in every field that takes it', () => {
  const fields: [string, 'POST' | 'PUT' | 'PATCH', string, (text: string) => object][] = [
    ['report message', 'POST', '/v1/questions/acid/reports', (x) => ({ kind: 'typo', message: `a${x}b` })],
    ['token name', 'POST', '/v1/me/tokens', (x) => ({ name: `a${x}b`, scope: 'read' })],
    ['plan time zone', 'PUT', '/v1/plan', (x) => ({ levels: ['mid'], hoursPerWeek: 3, timeZone: `Europe/Berlin${x}` })],
    ['typed answer to grade', 'POST', '/v1/drills/grade', (x) => ({ questionId: 'acid', answer: `a${x}b` })],
    [
      'review answer',
      'POST',
      '/v1/drills/reviews',
      (x) => ({ questionId: 'acid', rating: 3, mode: 'typed', answer: `a${x}b`, durationMs: 1 }),
    ],
    ['card note', 'PATCH', '/v1/cards/acid', (x) => ({ note: `a${x}b` })],
    ['lab draft', 'PUT', '/v1/labs/lru-cache/drafts/python', (x) => ({ code: `a${x}b` })],
    [
      'lab submission',
      'POST',
      '/v1/labs/lru-cache/submissions',
      (x) => ({ language: 'python', mode: 'run', code: `a${x}b` }),
    ],
    ['mock answer', 'PUT', `/v1/mocks/${UUID}/items/item-1`, (x) => ({ answer: `a${x}b` })],
    ['mock notes', 'PUT', `/v1/mocks/${UUID}/items/item-1`, (x) => ({ notes: `a${x}b` })],
    ['design section', 'PUT', `/v1/mocks/${UUID}/items/item-1`, (x) => ({ text: { requirements: `a${x}b` } })],
    [
      'diagram label',
      'PUT',
      `/v1/mocks/${UUID}/items/item-1`,
      (x) => ({ diagram: { nodes: [{ id: 'n', label: `a${x}b`, kind: 'service', x: 0, y: 0 }], edges: [] } }),
    ],
    ['final answer', 'POST', `/v1/mocks/${UUID}/items/item-1/answer`, (x) => ({ answer: `a${x}b` })],
    ['interviewer message', 'POST', `/v1/interviews/${LINK}/messages`, (x) => ({ text: `a${x}b` })],
    ['interviewer notes', 'PUT', `/v1/interviews/${LINK}/scores`, (x) => ({ notes: `a${x}b` })],
    [
      'interviewer score note',
      'PUT',
      `/v1/interviews/${LINK}/scores`,
      (x) => ({ scores: { s: { rating: 2, note: `a${x}b` } } }),
    ],
    [
      'interviewer score key',
      'PUT',
      `/v1/interviews/${LINK}/scores`,
      (x) => ({ scores: { [`s${x}`]: { rating: 2, note: '' } } }),
    ],
  ];
  const controls = [
    ['NUL', '\u0000'],
    ['escape', '\u001b'],
    ['backspace', '\u0008'],
    ['DEL', '\u007f'],
    ['C1 control', '\u0085'],
  ];

  it.each(fields)('%s', async (_name, method, url, body) => {
    for (const [label, control] of controls) {
      const res = await t.app.inject({ method, url, headers: session, payload: body(control!) });
      expect(res.statusCode, `${label}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.json().code).toBe('invalid_request');
      expect(res.json().errors.length).toBeGreaterThan(0);
    }
  });

  it('refuses a NUL in the display name at sign-up', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-up',
      payload: { email: 'nul@example.com', password: 'lantern orbit quietly zebra', displayName: 'A\u0000B' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_request');
  });

  it('refuses a NUL in the query string and in a JSON key no schema names', async () => {
    const query = await t.app.inject({ url: '/v1/questions?q=acid%00', headers: session });
    expect(query.statusCode).toBe(400);
    const key = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: session,
      payload: { kind: 'typo', message: 'fine', ['extra\u0000']: 1 },
    });
    expect(key.statusCode).toBe(400);
    expect(key.json().code).toBe('invalid_request');
  });

  it('keeps tabs and line breaks in multi-line text', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: session,
      payload: { kind: 'typo', message: 'line one\r\n\tline two' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().message).toBe('line one\r\n\tline two');
  });

  it('documents the limit of every free-text field in the OpenAPI document', async () => {
    const doc = (await t.app.inject('/openapi.json')).body;
    for (const limit of ['2000', '10000', '20000', '100000', '5000', '80']) {
      expect(doc).toContain(`"maxLength":${limit}`);
    }
    expect(doc).toContain('"pattern":"^[^\\\\u0000-\\\\u0008');
  });
});

describe('cursors and headers are parsed defensively', () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['{"at":1}', 'eyJhdCI6MX0'],
    ['an id that is not a UUID', encode({ at: '2026-01-01T00:00:00.000Z', id: "1' or '1'='1" })],
    ['a date that does not parse', encode({ at: 'yesterday', id: UUID })],
    ['not base64 JSON', '%%%'],
    ['an array', encode([1, 2])],
    ['null', encode(null)],
  ])('a drill-history cursor holding %s is 400 invalid_cursor', async (_name, cursor) => {
    const res = await t.app.inject({
      url: `/v1/drills/history?cursor=${encodeURIComponent(cursor)}`,
      headers: session,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_cursor');
  });

  it.each([['not a url'], ['http://[::1'], ['://'], ['http://exa mple.com'], ['\u00ff']])(
    'a malformed Origin %j on an unsafe request is 403 csrf_failed',
    async (origin) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in',
        headers: { origin },
        payload: { email: 'a@example.com', password: 'whatever it is' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('csrf_failed');
    },
  );

  it('refuses a live socket whose Origin is malformed, with 403 and without crashing', async () => {
    const port = await listeningPort();
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://127.0.0.1:${port}/v1/interviews/${LINK}/live`, { origin: 'not a url' });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => resolve(-1));
    });
    expect(status).toBe(403);
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });
});

describe('per-mock state is bounded', () => {
  it('caps the interviewer messages of a mock with 409 too_many_messages', async () => {
    const mock = await t.app.inject({
      method: 'POST',
      url: '/v1/mocks',
      headers: session,
      payload: { levels: ['mid'], stages: ['recruiter-screen'] },
    });
    expect(mock.statusCode).toBe(201);
    const share = await t.app.inject({ method: 'POST', url: `/v1/mocks/${mock.json().id}/share`, headers: session });
    const { token } = json<{ token: string }>(share);
    const send = (i: number) =>
      t.app.inject({ method: 'POST', url: `/v1/interviews/${token}/messages`, payload: { text: `hint ${i}` } });
    for (let i = 0; i < 50; i++) expect((await send(i)).statusCode).toBe(200);
    const over = await send(50);
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('too_many_messages');
    const view = await t.app.inject({ url: `/v1/mocks/${mock.json().id}`, headers: session });
    expect(view.json().messages).toHaveLength(50);
  });
});

describe('/metrics', () => {
  it('is off in hosted mode without METRICS_TOKEN', async () => {
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('metrics_disabled');
  });

  it('needs the bearer METRICS_TOKEN when one is set', async () => {
    const token = randomUUID();
    const other = await createTestApp({ mode: 'hosted', metricsToken: token });
    try {
      expect((await other.app.inject('/metrics')).json().code).toBe('metrics_token_required');
      expect((await other.app.inject({ url: '/metrics', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(
        401,
      );
      const ok = await other.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('http_request_duration_seconds');
    } finally {
      await other.close();
    }
  });
});
