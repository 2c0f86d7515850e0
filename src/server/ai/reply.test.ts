import { describe, expect, it } from 'vitest';
import { extractJsonObject, parseReply, retryAfterSeconds } from './reply.js';
import { ReviewReply } from './review.js';

describe('reading replies', () => {
  it('takes the first complete JSON object out of prose, skipping braces inside strings', () => {
    expect(extractJsonObject('Here: {"a": "x } y", "b": {"c": 1}} and {"d": 2}')).toEqual({ a: 'x } y', b: { c: 1 } });
    expect(extractJsonObject('{broken {"ok": true}')).toEqual({ ok: true });
    expect(extractJsonObject('no json')).toBeUndefined();
  });

  it('validates against the schema and refuses what does not fit', () => {
    const good = { points: [], misconceptions: [], verdict: 'weak' };
    expect(parseReply(JSON.stringify(good), ReviewReply)).toEqual(good);
    expect(parseReply(JSON.stringify({ ...good, verdict: 'excellent' }), ReviewReply)).toBeUndefined();
    expect(parseReply('not json at all', ReviewReply)).toBeUndefined();
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('3')).toBe(3);
    expect(retryAfterSeconds('Mon, 07 Dec 2026 15:00:30 GMT', Date.parse('2026-12-07T15:00:00Z'))).toBe(30);
    expect(retryAfterSeconds('soon')).toBeUndefined();
    expect(retryAfterSeconds(null)).toBeUndefined();
  });
});
