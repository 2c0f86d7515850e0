import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CachedJson, JsonCache, matchesIfNoneMatch, negotiateEncoding } from './cached-json.js';

describe('cached JSON bodies', () => {
  it('gives different bodies different tags and equal bodies equal tags', () => {
    expect(new CachedJson({ a: 1 }).tag).toBe(new CachedJson({ a: 1 }).tag);
    expect(new CachedJson({ a: 1 }).tag).not.toBe(new CachedJson({ a: 2 }).tag);
  });

  it('compresses to bytes that decompress to the JSON', () => {
    const value = { text: 'x'.repeat(5000) };
    const body = new CachedJson(value);
    expect(brotliDecompressSync(body.encoded('br')).toString()).toBe(JSON.stringify(value));
    expect(gunzipSync(body.encoded('gzip')).toString()).toBe(JSON.stringify(value));
  });

  it('holds the uncompressed body as its UTF-8 bytes, encoded once', () => {
    const value = { text: 'café — naïve →' };
    const body = new CachedJson(value);
    const sent = body.encoded('identity');
    expect(Buffer.isBuffer(sent)).toBe(true);
    expect(sent.equals(Buffer.from(JSON.stringify(value)))).toBe(true);
    expect(body.encoded('identity')).toBe(sent);
  });

  it('builds once per key, caches nothing when the build throws, and drops the least recently used', () => {
    const cache = new JsonCache(2);
    let builds = 0;
    const build = (value: number) => () => ((builds += 1), { value });
    cache.get('a', build(1));
    cache.get('a', build(1));
    expect(builds).toBe(1);
    expect(() =>
      cache.get('bad', () => {
        throw new Error('no such question');
      }),
    ).toThrow('no such question');
    cache.get('b', build(2));
    cache.get('a', build(1));
    cache.get('c', build(3));
    expect(builds).toBe(3);
    cache.get('a', build(1));
    expect(builds).toBe(3);
    cache.get('b', build(2));
    expect(builds).toBe(4);
  });

  it('drops the entry used longest ago when every entry has been used since it was made', () => {
    const cache = new JsonCache(2);
    let builds = 0;
    const build = (value: number) => () => ((builds += 1), { value });
    cache.get('a', build(1));
    cache.get('b', build(2));
    cache.get('a', build(1));
    cache.get('b', build(2));
    cache.get('c', build(3));
    expect(builds).toBe(3);
    cache.get('b', build(2));
    expect(builds).toBe(3);
    cache.get('a', build(1));
    expect(builds).toBe(4);
  });
});

describe('If-None-Match', () => {
  it('matches the tag in any encoding, weak or strong, in a list, or *', () => {
    expect(matchesIfNoneMatch('"abc"', 'abc')).toBe(true);
    expect(matchesIfNoneMatch('W/"abc-br"', 'abc')).toBe(true);
    expect(matchesIfNoneMatch('"zzz", "abc-gzip"', 'abc')).toBe(true);
    expect(matchesIfNoneMatch('*', 'abc')).toBe(true);
    expect(matchesIfNoneMatch('"abd"', 'abc')).toBe(false);
    expect(matchesIfNoneMatch('"abc-deflate"', 'abc')).toBe(false);
    expect(matchesIfNoneMatch(undefined, 'abc')).toBe(false);
  });
});

describe('Accept-Encoding', () => {
  it('prefers brotli, honours q-values and refusals', () => {
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
    expect(negotiateEncoding('gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0.5, gzip')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0')).toBe('identity');
    expect(negotiateEncoding('deflate')).toBe('identity');
    expect(negotiateEncoding(undefined)).toBe('identity');
  });
});
