import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personalSession, type TestApp } from '../../test/app.js';
import { sandboxIsolation } from './sandbox/cgroup.js';
import { json } from '../../test/json.js';

/** The parts of the OpenAPI document these tests read. */
type OpenApiDoc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters: { name: string }[] }>>;
};

let t: TestApp;
let session: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ bodyLimit: 2048 });
  session = await personalSession(t.app);
});
afterAll(async () => t?.close());

const PROBLEM_TYPE = /^application\/problem\+json/;

describe('curriculum API', () => {
  it('lists areas with question counts per level', async () => {
    const res = await t.app.inject('/v1/areas');
    expect(res.statusCode).toBe(200);
    const core = res.json().items.find((a: { id: string }) => a.id === 'core');
    expect(core).toMatchObject({
      name: 'Core programming',
      questionCount: 2,
      levelCounts: { junior: 2, mid: 1, senior: 0 },
    });
  });

  it('filters questions by area, level and tag', async () => {
    const ids = async (query: string) =>
      (await t.app.inject(`/v1/questions?${query}`)).json().items.map((q: { id: string }) => q.id);
    expect(await ids('area=databases')).toEqual(['acid', 'n-plus-one']);
    expect(await ids('area=databases&level=junior')).toEqual(['acid']);
    expect(await ids('tag=nodejs')).toEqual(['node-event-loop']);
    expect(await ids('level=senior')).toEqual(['idempotency-keys']);
  });

  it('finds questions by full-text search, including inflected and partial words', async () => {
    const search = async (q: string) =>
      (await t.app.inject({ url: '/v1/questions', query: { q } })).json().items.map((x: { id: string }) => x.id);
    expect(await search('event loop')).toEqual(['node-event-loop']);
    expect(await search('idempotency')).toContain('idempotency-keys');
    expect(await search('transaction')).toContain('acid');
    expect(await search('eager loading')).toEqual(['n-plus-one']);
    expect(await search('zzzzqqq')).toEqual([]);
  });

  it('pages through results with a cursor until nextCursor is null', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await t.app.inject({ url: '/v1/questions', query: { limit: '4', ...(cursor ? { cursor } : {}) } });
      const body = res.json();
      expect(body.total).toBe(6);
      seen.push(...body.items.map((q: { id: string }) => q.id));
      cursor = body.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  it('returns a question with its hint, rubric, model answer, follow-ups and pitfalls', async () => {
    const res = await t.app.inject('/v1/questions/acid');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: 'acid',
      hint: expect.any(String),
      answer: expect.stringContaining('Atomicity'),
      keyPoints: [{ id: 'main-point', statement: 'The main point.', phrases: ['main point', 'key idea'] }],
      followUps: [{ question: 'What would you do next?', probes: 'main-point' }],
      pitfalls: [{ text: 'Forgetting the main point.', phrases: [] }],
    });
  });

  it('serves the levels and stages guides', async () => {
    const levels = (await t.app.inject('/v1/levels')).json().items;
    expect(levels.map((l: { id: string }) => l.id)).toEqual(['junior', 'mid', 'senior']);
    expect(levels[1].signals.map((s: { name: string }) => s.name)).toContain('Trade-off reasoning');
    const stages = (await t.app.inject('/v1/stages')).json().items;
    expect(stages.map((s: { id: string }) => s.id)).toEqual([
      'recruiter-screen',
      'online-assessment',
      'technical',
      'behavioural',
      'onsite',
    ]);
    expect((await t.app.inject('/v1/stages/onsite')).json().checklist.length).toBeGreaterThan(0);
    expect((await t.app.inject('/v1/levels/mid')).json().name).toBe('Mid-level');
  });

  it('lists tags with counts', async () => {
    const tags = (await t.app.inject('/v1/tags')).json().items;
    expect(tags).toContainEqual({ tag: 'nodejs', count: 1 });
  });
});

describe('errors are problem+json with a stable code and the request id', () => {
  const cases: [string, string, number, string][] = [
    ['unknown route', '/v1/nothing-here', 404, 'route_not_found'],
    ['unknown question', '/v1/questions/no-such-question', 404, 'question_not_found'],
    ['unknown area', '/v1/areas/cooking', 404, 'area_not_found'],
    ['unknown level', '/v1/levels/principal', 404, 'level_not_found'],
    ['unknown stage', '/v1/stages/lunch', 404, 'stage_not_found'],
    ['bad level filter', '/v1/questions?level=expert', 400, 'invalid_request'],
    ['limit out of range', '/v1/questions?limit=1000', 400, 'invalid_request'],
    ['garbage cursor', '/v1/questions?cursor=not-a-cursor', 400, 'invalid_cursor'],
    ['malformed id', '/v1/questions/UPPER%20case', 400, 'invalid_request'],
  ];
  it.each(cases)('%s', async (_name, url, status, code) => {
    const res = await t.app.inject(url);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(PROBLEM_TYPE);
    const body = res.json();
    expect(body).toMatchObject({ status, code, type: 'about:blank', requestId: res.headers['x-request-id'] });
    expect(body.detail).toEqual(expect.any(String));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('names the offending query parameter', async () => {
    const body = (await t.app.inject('/v1/questions?level=expert')).json();
    expect(body.errors).toEqual([expect.objectContaining({ path: 'querystring.level' })]);
    expect(body.detail).toContain('querystring.level');
  });

  it('rejects an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: { ...session, 'content-type': 'application/json' },
      payload: JSON.stringify({ kind: 'typo', message: 'x'.repeat(5000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('rejects an unsupported media type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: { ...session, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
  });

  it('rejects malformed JSON with 400 and keeps serving', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: { ...session, 'content-type': 'application/json' },
      payload: '{"kind": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('malformed_body');
    expect((await t.app.inject('/healthz')).statusCode).toBe(200);
  });

  it('rejects a report with an invalid body, naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: session,
      payload: { kind: 'rant', message: '' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['body.kind', 'body.message']),
    );
  });

  it('answers 404 when reporting on a question that does not exist', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/ghost/reports',
      headers: session,
      payload: { kind: 'typo', message: 'x' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('question_not_found');
  });
});

describe('question reports', () => {
  it('records a report and returns it with 201', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/questions/acid/reports',
      headers: session,
      payload: { kind: 'incorrect', message: "Isolation isn't explained" },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      questionId: 'acid',
      kind: 'incorrect',
      message: "Isolation isn't explained",
      id: expect.any(String),
    });
  });
});

describe('request ids', () => {
  it('echoes a safe caller-supplied X-Request-Id', async () => {
    const res = await t.app.inject({ url: '/v1/questions/nope', headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers['x-request-id']).toBe('trace-123');
    expect(res.json().requestId).toBe('trace-123');
  });

  it('replaces an unsafe one with a generated id', async () => {
    const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\u0001<script>' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('operations', () => {
  it('reports liveness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('reports readiness with each dependency', async () => {
    expect((await t.app.inject('/readyz')).json()).toEqual({
      status: 'ready',
      database: { status: 'up', required: true, kind: 'embedded' },
      redis: { status: 'not_configured', required: false },
      sandbox: { status: 'up', required: false, reason: null, isolation: sandboxIsolation().level },
      queue: { status: 'up', required: false, kind: 'in-process', depth: 0, graders: 'inline' },
    });
  });

  it('exposes request counts and latency by route pattern and status', async () => {
    await t.app.inject('/v1/questions/acid');
    await t.app.inject('/v1/questions/missing');
    const text = (await t.app.inject('/metrics')).body;
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/questions\/:id",status="200"\} \d+/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/v1\/questions\/:id",status="404"\} \d+/,
    );
    expect(text).not.toContain('route="/v1/questions/acid"');
  });

  it('serves OpenAPI 3.1 with a path for each REST route', async () => {
    const spec = json<OpenApiDoc>(await t.app.inject('/openapi.json'));
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/v1/questions',
        '/v1/questions/{id}',
        '/v1/areas',
        '/v1/levels',
        '/v1/stages',
        '/v1/labs',
        '/v1/submissions/{id}',
        '/v1/assessments',
        '/v1/mocks',
        '/v1/mocks/{id}/items/{itemId}/answer',
        '/v1/interviews/{token}/scores',
        '/healthz',
        '/readyz',
      ]),
    );
  });

  it('leaves live sockets out of the OpenAPI document', async () => {
    const spec = json<OpenApiDoc>(await t.app.inject('/openapi.json'));
    // Live sockets are not REST endpoints; the README documents them.
    expect(Object.keys(spec.paths)).not.toContain('/v1/mocks/{id}/live');
  });

  it('generates the OpenAPI parameters from the route’s zod schema', async () => {
    const spec = json<OpenApiDoc>(await t.app.inject('/openapi.json'));
    const params = spec.paths['/v1/questions']!.get!.parameters.map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(['area', 'level', 'tag', 'q', 'cursor', 'limit']));
  });

  it('serves the docs UI', async () => {
    const docs = await t.app.inject('/docs');
    expect([200, 302]).toContain(docs.statusCode);
    const page = await t.app.inject('/docs/');
    expect(page.body).toContain('swagger');
  });
});

describe('web app', () => {
  it('serves the single-page app for client-side routes', async () => {
    const res = await t.app.inject({ url: '/questions/acid', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('<div id="root">');
  });

  it('answers a missing asset with a 404 problem, not the app', async () => {
    const res = await t.app.inject('/assets/missing.js');
    expect(res.statusCode).toBe(404);
  });
});

describe('readiness when the database is gone', () => {
  it('answers 503 database_unavailable', async () => {
    const other = await createTestApp();
    const close = other.database.close;
    await close();
    other.database.close = async () => {};
    const res = await other.app.inject('/readyz');
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'database_unavailable', database: { status: 'down', required: true } });
    expect(res.headers['retry-after']).toBe('5');
    await other.close();
  });
});

/** Twenty failed sign-ins from one client behind the proxy, each claiming another address. */
async function spoofedSignIns(app: TestApp['app']): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 20; i++) {
    const res = await app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      remoteAddress: '10.0.0.2', // the reverse proxy
      headers: { 'x-forwarded-for': `203.0.113.${i + 1}, 198.51.100.7` },
      payload: { email: `nobody${i}@example.com`, password: 'wrong password here' },
    });
    statuses.push(res.statusCode);
  }
  return statuses;
}

describe('behind a reverse proxy', () => {
  let proxied: TestApp | undefined;
  afterEach(async () => {
    await proxied?.close();
    proxied = undefined;
  });

  it('takes the client address from the proxy it trusts, so a forged X-Forwarded-For cannot escape the limit', async () => {
    proxied = await createTestApp({ mode: 'hosted', trustProxy: 1 });
    expect(await spoofedSignIns(proxied.app)).toContain(429);
  });

  it('trusts proxies named by address the same way', async () => {
    proxied = await createTestApp({ mode: 'hosted', trustProxy: ['10.0.0.0/8'] });
    expect(await spoofedSignIns(proxied.app)).toContain(429);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    proxied = await createTestApp({ mode: 'hosted' });
    expect(await spoofedSignIns(proxied.app)).toContain(429);
  });
});
