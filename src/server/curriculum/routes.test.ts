import { brotliDecompressSync } from 'node:zlib';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { FIXTURE_QUESTIONS } from '../../../test/content-fixture.js';
import { API_SECURITY_HEADERS } from '../http/security-headers.js';

let t: TestApp;
const logLines: Record<string, unknown>[] = [];
beforeAll(async () => {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) logLines.push(JSON.parse(line));
      done();
    },
  });
  t = await createTestApp({ logger: { level: 'info', stream } });
});
afterAll(async () => t?.close());

const CATALOG_URLS = [
  '/v1/questions',
  '/v1/questions?area=databases&limit=1',
  '/v1/questions/acid',
  '/v1/areas',
  '/v1/areas/databases',
  '/v1/tags',
  '/v1/levels',
  '/v1/levels/mid',
  '/v1/stages',
];

describe('catalog revalidation', () => {
  it.each(CATALOG_URLS)('%s carries an ETag and answers 304 with no body to a matching If-None-Match', async (url) => {
    const first = await t.app.inject(url);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('no-cache');

    const again = await t.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);

    const stale = await t.app.inject({ url, headers: { 'if-none-match': '"not-this-one"' } });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual(first.json());
  });

  it('gives different queries different ETags', async () => {
    const tags = await Promise.all(
      ['/v1/questions', '/v1/questions?area=databases', '/v1/questions?q=transaction', '/v1/questions?limit=1'].map(
        async (url) => (await t.app.inject(url)).headers.etag,
      ),
    );
    expect(new Set(tags).size).toBe(4);
  });

  it('changes the ETag when the content changes', async () => {
    const edited = await createTestApp({
      questions: FIXTURE_QUESTIONS.map((q) => (q.id === 'acid' ? { ...q, question: `${q.question} (edited)` } : q)),
    });
    try {
      const before = await t.app.inject('/v1/questions/acid');
      const after = await edited.app.inject({
        url: '/v1/questions/acid',
        headers: { 'if-none-match': before.headers.etag as string },
      });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.json().question).toContain('(edited)');
    } finally {
      await edited.close();
    }
  });

  it('serves a body of 1 KB or more compressed, with its own ETag, which revalidates the same content', async () => {
    const plain = await t.app.inject('/v1/areas');
    expect(plain.body.length).toBeGreaterThan(1024);
    const br = await t.app.inject({ url: '/v1/areas', headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.headers.etag).toBe((plain.headers.etag as string).replace(/"$/, '-br"'));
    const revalidated = await t.app.inject({
      url: '/v1/areas',
      headers: { 'if-none-match': br.headers.etag as string },
    });
    expect(revalidated.statusCode).toBe(304);
  });

  it('sends a body under 1 KB as it is, whatever the client accepts', async () => {
    const small = await t.app.inject({ url: '/v1/questions', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json().items.length).toBeGreaterThan(0);
  });

  it('answers every spelling of one query, and a URL too long to cache, with the same body and ETag', async () => {
    const plain = await t.app.inject('/v1/questions?area=databases');
    for (const url of [
      '/v1/questions?area=databases&limit=20',
      '/v1/questions?limit=20&area=databases',
      `/v1/questions?area=databases&note=${'x'.repeat(3000)}`,
    ]) {
      const res = await t.app.inject(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe(plain.headers.etag);
      expect(res.body).toBe(plain.body);
    }
  });

  it('keeps the security headers on the cached path', async () => {
    const res = await t.app.inject({ url: '/v1/questions' });
    expect(res.headers).toMatchObject(API_SECURITY_HEADERS);
  });

  it('keeps the rate limit on the cached path', async () => {
    const res = await t.app.inject({ url: '/v1/questions' });
    expect(res.headers['ratelimit-remaining']).toBeDefined();
  });

  it('keeps the caller’s request id on the cached path', async () => {
    const res = await t.app.inject({ url: '/v1/questions', headers: { 'x-request-id': 'catalog-read-0' } });
    expect(res.headers['x-request-id']).toBe('catalog-read-0');
  });

  it('logs one line per request on the cached path', async () => {
    logLines.length = 0;
    await t.app.inject({ url: '/v1/questions', headers: { 'x-request-id': 'catalog-read-1' } });
    const lines = logLines.filter((line) => line.reqId === 'catalog-read-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request completed', method: 'GET', url: '/v1/questions', statusCode: 200 });
  });

  it('still refuses a bad query with problem+json and caches no error', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await t.app.inject('/v1/questions?cursor=nonsense');
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('invalid_cursor');
      expect(res.headers.etag).toBeUndefined();
    }
    expect((await t.app.inject('/v1/questions/no-such-question')).json().code).toBe('question_not_found');
  });
});
