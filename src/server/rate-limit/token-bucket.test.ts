import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app.js';
import { openTestDatabase } from '../../../test/database.js';
import { FailSoftBucketStore, MemoryBucketStore, RedisBucketStore, refillAndTake } from './token-bucket.js';

const policy = { capacity: 3, refillPerSecond: 1 };
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('refillAndTake', () => {
  it('starts full, drains, then refills at the configured rate up to capacity', () => {
    let state: { tokens: number; updatedMs: number } | undefined;
    const take = (nowMs: number) => {
      const { tokens, result } = refillAndTake(state, policy, nowMs, 1);
      state = { tokens, updatedMs: nowMs };
      return result;
    };
    expect([take(0), take(0), take(0)].map((r) => r.allowed)).toEqual([true, true, true]);
    const refused = take(0);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 1, resetSeconds: 3 });
    expect(take(1_000).allowed).toBe(true);
    expect(take(1_000).allowed).toBe(false);
    expect(take(60_000)).toMatchObject({ allowed: true, remaining: 2 });
  });
});

describe('MemoryBucketStore', () => {
  it('keeps separate budgets per key', async () => {
    let now = 0;
    const store = new MemoryBucketStore(() => now);
    for (let i = 0; i < 3; i++) await store.take('a', policy);
    expect((await store.take('a', policy)).allowed).toBe(false);
    expect((await store.take('b', policy)).allowed).toBe(true);
    now = 2_000;
    expect((await store.take('a', policy)).remaining).toBe(1);
  });

  it('answers takeNow from the same buckets as take', async () => {
    const store = new MemoryBucketStore(() => 0);
    expect(store.takeNow('a', policy).remaining).toBe(2);
    expect((await store.take('a', policy)).remaining).toBe(1);
    expect(store.takeNow('a', policy).remaining).toBe(0);
    expect(store.takeNow('a', policy)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });
});

describe('RedisBucketStore shared by two app instances', () => {
  const prefix = `onsite:test:${randomBytes(4).toString('hex')}:`;
  const clients: Redis[] = [];
  afterAll(async () => {
    const cleaner = new Redis(REDIS_URL);
    const keys = await cleaner.keys(`${prefix}*`);
    if (keys.length) await cleaner.del(...keys);
    await cleaner.quit();
    await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
  });

  it('enforces one budget across instances', async () => {
    const database = await openTestDatabase('embedded');
    const make = () => {
      const redis = new Redis(REDIS_URL);
      clients.push(redis);
      return createTestApp({
        mode: 'hosted',
        rateLimitPerMinute: 4,
        database,
        rateLimits: new RedisBucketStore(redis, prefix),
      });
    };
    const one = await make();
    const two = await make();
    try {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) {
        const app = i % 2 === 0 ? one.app : two.app;
        codes.push((await app.inject({ url: '/v1/areas', remoteAddress: '203.0.113.9' })).statusCode);
      }
      expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
      const refused = await two.app.inject({ url: '/v1/areas', remoteAddress: '203.0.113.9' });
      expect(refused.headers['retry-after']).toBeDefined();
    } finally {
      await one.close();
      await two.close();
      await database.close();
    }
  });
});

describe('FailSoftBucketStore', () => {
  const policy = { capacity: 2, refillPerSecond: 1 };
  it('uses the shared store while it answers, memory while it fails, and retries it after the back-off', async () => {
    let now = 0;
    let calls = 0;
    let failing = false;
    const shared = {
      take: async () => {
        calls++;
        if (failing) throw new Error('redis gone');
        return { allowed: true, remaining: 99, resetSeconds: 0, retryAfterSeconds: 0 };
      },
      close: async () => {},
    };
    const store = new FailSoftBucketStore(
      shared,
      () => true,
      new MemoryBucketStore(() => now),
      () => now,
      5_000,
    );
    expect((await store.take('k', policy)).remaining).toBe(99);
    failing = true;
    expect((await store.take('k', policy)).remaining).toBe(1);
    expect(calls).toBe(2);
    // Within the back-off the shared store is not asked again; memory still enforces the budget.
    expect((await store.take('k', policy)).remaining).toBe(0);
    expect((await store.take('k', policy)).allowed).toBe(false);
    expect(calls).toBe(2);
    now += 5_000;
    failing = false;
    expect((await store.take('k', policy)).remaining).toBe(99);
    expect(calls).toBe(3);
  });

  it('skips the shared store while its connection is down', async () => {
    let calls = 0;
    const shared = {
      take: async () => {
        calls++;
        return { allowed: true, remaining: 99, resetSeconds: 0, retryAfterSeconds: 0 };
      },
      close: async () => {},
    };
    const store = new FailSoftBucketStore(shared, () => false);
    expect((await store.take('k', policy)).remaining).toBe(1);
    expect(calls).toBe(0);
  });
});
