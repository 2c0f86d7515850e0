import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/app.js';
import { type FuzzRequest, type OpenApiDoc, requestsFor } from '../../../test/openapi-fuzz.js';
import { json } from '../../../test/json.js';

/**
 * A schema-driven fuzzer over every operation in /openapi.json: valid requests, and requests with
 * wrong types, huge and unusual Unicode strings, NUL, nulls, extra keys, broken JSON, wrong content
 * types, other spellings of the path and traversal in ids. Whatever arrives, the API answers in
 * under 2 s, never with a 5xx, and every 4xx is problem+json with a stable `code`.
 *
 * FUZZ_RUNS (default 3000) sets the number of requests, spread evenly over the operations;
 * FUZZ_SEED (default fixed) varies them. A failure prints the seed and the shrunk request.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_207);
const SLOWEST_MS = 2_000;

/** Requests that would end the fuzzer's own session are sent anonymously. */
const ENDS_SESSION = new Set(['POST /v1/auth/sign-out', 'POST /v1/auth/sign-out-everywhere', 'PUT /v1/me/password']);

let t: TestApp;
let session: Record<string, string>;
/** Path parameter values that name things that exist, so fuzzed bodies reach the services. */
let known: Record<string, string[]>;
beforeAll(async () => {
  // No labs, so fuzzed submissions never start sandboxes: the subject here is the HTTP surface.
  t = await createTestApp({ mode: 'hosted', labs: [] });
  session = (await signUp(t.app, 'fuzzer@example.com')).headers;
  const post = async (url: string, payload?: object) =>
    (await t.app.inject({ method: 'POST', url, headers: session, ...(payload ? { payload } : {}) })).json();
  const mock = await post('/v1/mocks', { levels: ['mid'] });
  const share = await post(`/v1/mocks/${mock.id}/share`);
  const apiToken = await post('/v1/me/tokens', { name: 'fuzz', scope: 'read' });
  const items: string[] = mock.stages.flatMap((stage: { items: { id: string }[] }) => stage.items.map((i) => i.id));
  known = {
    id: ['acid', 'core', 'mid', 'recruiter-screen', mock.id, apiToken.id],
    questionId: ['acid', 'lru-cache'],
    itemId: items,
    index: ['0', '1', '4'],
    token: [share.token],
    slug: ['lru-cache'],
    language: ['python', 'javascript', 'sql'],
  };
});
afterAll(async () => t?.close());

describe('fuzzing every operation of the OpenAPI document', () => {
  it(`answers ${RUNS} generated requests without a 5xx, a hang or a 4xx that is not problem+json`, async () => {
    const doc = json<OpenApiDoc>(await t.app.inject('/openapi.json'));
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    expect(operations.length).toBeGreaterThan(50);
    const perOperation = Math.max(1, Math.ceil(RUNS / operations.length));
    let sent = 0;

    for (const [index, { method, path, op }] of operations.entries()) {
      const headers = ENDS_SESSION.has(`${method} ${path}`) ? {} : session;
      const check = async (request: FuzzRequest) => {
        sent++;
        const started = performance.now();
        const res = await t.app.inject({
          method: request.method as 'GET',
          url: request.url,
          headers: request.headers,
          ...(request.payload === undefined ? {} : { payload: request.payload }),
        });
        const elapsed = performance.now() - started;
        const where = `${request.method} ${request.url.slice(0, 200)} (${request.how}) → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, where).toBeLessThan(500);
        expect(elapsed, `${where} took ${Math.round(elapsed)} ms`).toBeLessThan(SLOWEST_MS);
        if (res.statusCode >= 400) {
          expect(res.headers['content-type'], where).toMatch(/^application\/problem\+json/);
          expect(res.json().code, where).toMatch(/^[a-z_]+$/);
        }
      };
      await fc.assert(fc.asyncProperty(requestsFor(method, path, op, doc, headers, known), check), {
        numRuns: perOperation,
        seed: SEED + index,
        endOnFailure: true,
      });
    }
    expect(sent).toBeGreaterThanOrEqual(RUNS);
    // The fuzzer's session survived, so signed-in requests reached the services throughout.
    expect((await t.app.inject({ url: '/v1/me', headers: session })).statusCode).toBe(200);
  });
});
