import { describe, expect, it } from 'vitest';
import { ReplyCache } from './client.js';

describe('ReplyCache', () => {
  it('holds 500 replies by default and drops the least recently used first', () => {
    const cache = new ReplyCache();
    for (let i = 0; i < 500; i++) cache.set(`k${i}`, i);
    expect(cache.get('k0')).toBe(0); // now the most recently used
    cache.set('k500', 500);
    expect(cache.size).toBe(500);
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k0')).toBe(0);
    expect(cache.get('k500')).toBe(500);
  });
});
