import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { WEB_DIST_DIR } from '../paths.js';
import { computeSecurityHeaders, SECURITY_HEADER_OPTIONS } from './security-headers.js';
import { IMMUTABLE, REVALIDATE } from './static-assets.js';

let t: TestApp;
let mainScript: string;

beforeAll(async () => {
  t = await createTestApp();
  const assets = await readdir(path.join(WEB_DIST_DIR, 'assets'));
  mainScript = `/assets/${assets.find((file) => /^index-.*\.js$/.test(file))!}`;
});
afterAll(async () => t?.close());

describe('serving the web app', () => {
  it('serves hashed assets immutable for a year, precompressed with brotli or gzip', async () => {
    const br = await t.app.inject({ url: mainScript, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers['content-encoding']).toBe('br');
    const gzip = await t.app.inject({ url: mainScript, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(Number(gzip.headers['content-length'])).toBeLessThan(Number(br.headers['content-length']) * 1.5);
    const plain = await t.app.inject({ url: mainScript, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(Number(br.headers['content-length']) * 2);
  });

  it('revalidates HTML on every use, for the index and the SPA’s deep links alike', async () => {
    for (const url of ['/', '/labs/lru-cache', '/progress']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE);
      expect(res.headers.etag, url).toBeTruthy();
      const again = await t.app.inject({ url, headers: { 'if-none-match': String(res.headers.etag) } });
      expect(again.statusCode, url).toBe(304);
    }
  });

  it('gives pages the full security headers: a CSP that allows only its own scripts, Referrer-Policy', async () => {
    for (const url of ['/', '/labs/lru-cache', mainScript]) {
      const res = await t.app.inject({ url });
      expect(res.headers, url).toMatchObject(computeSecurityHeaders(SECURITY_HEADER_OPTIONS));
      const scriptSrc = String(res.headers['content-security-policy'])
        .split(';')
        .find((directive) => directive.startsWith('script-src '));
      expect(scriptSrc, url).toBe("script-src 'self'");
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    }
  });

  it('compresses API responses above 1 KB, and leaves smaller ones alone', async () => {
    const levels = await t.app.inject({ url: '/v1/levels', headers: { 'accept-encoding': 'br' } });
    expect(levels.statusCode).toBe(200);
    expect(levels.headers['content-encoding']).toBe('br');
    const gz = await t.app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const small = await t.app.inject({ url: '/v1/levels/nope', headers: { 'accept-encoding': 'br' } });
    expect(small.statusCode).toBe(404);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('gives /docs a viewport, so a phone lays it out for its own width', async () => {
    const res = await t.app.inject({ url: '/docs', headers: { 'accept-encoding': 'identity' } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });
});
