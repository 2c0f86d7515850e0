import type { Redis } from 'ioredis';
import type { RedisLink } from '../redis.js';

/** A bucket holds up to `capacity` tokens and regains `refillPerSecond` of them every second. */
export interface BucketPolicy {
  capacity: number;
  refillPerSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until the bucket is full again (RateLimit-Reset). */
  resetSeconds: number;
  /** When refused, seconds until one token is available (Retry-After). */
  retryAfterSeconds: number;
}

/**
 * Token-bucket rate limiting: bursts up to `capacity`, a sustained rate of `refillPerSecond`.
 * Unlike a fixed window it has no boundary where twice the budget slips through, and it needs only
 * two numbers of state per key: the tokens left and when they were counted.
 */
export interface BucketStore {
  take(key: string, policy: BucketPolicy, cost?: number): Promise<TakeResult>;
  /** `take` without waiting, for a store that holds its buckets in this process. */
  takeNow?(key: string, policy: BucketPolicy, cost?: number): TakeResult;
  close(): Promise<void>;
}

/** Pure refill-then-take arithmetic shared by both stores (the Redis script mirrors it). */
export function refillAndTake(
  state: { tokens: number; updatedMs: number } | undefined,
  policy: BucketPolicy,
  nowMs: number,
  cost: number,
): { tokens: number; result: TakeResult } {
  const elapsed = state ? Math.max(0, nowMs - state.updatedMs) / 1000 : 0;
  const available = state
    ? Math.min(policy.capacity, state.tokens + elapsed * policy.refillPerSecond)
    : policy.capacity;
  const allowed = available >= cost;
  const tokens = allowed ? available - cost : available;
  return {
    tokens,
    result: {
      allowed,
      remaining: Math.floor(tokens),
      resetSeconds: Math.ceil((policy.capacity - tokens) / policy.refillPerSecond),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((cost - tokens) / policy.refillPerSecond)),
    },
  };
}

/** One process's buckets, in memory. Idle buckets are swept once they would be full again. */
export class MemoryBucketStore implements BucketStore {
  private readonly buckets = new Map<string, { tokens: number; updatedMs: number; fullAtMs: number }>();
  private lastSweepMs = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async take(key: string, policy: BucketPolicy, cost = 1): Promise<TakeResult> {
    return this.takeNow(key, policy, cost);
  }

  takeNow(key: string, policy: BucketPolicy, cost = 1): TakeResult {
    const nowMs = this.now();
    this.sweep(nowMs);
    const bucket = this.buckets.get(key);
    const { tokens, result } = refillAndTake(bucket, policy, nowMs, cost);
    const fullAtMs = nowMs + result.resetSeconds * 1000;
    if (bucket) {
      bucket.tokens = tokens;
      bucket.updatedMs = nowMs;
      bucket.fullAtMs = fullAtMs;
    } else {
      this.buckets.set(key, { tokens, updatedMs: nowMs, fullAtMs });
    }
    return result;
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepMs < 60_000) return;
    this.lastSweepMs = nowMs;
    for (const [key, bucket] of this.buckets) if (bucket.fullAtMs <= nowMs) this.buckets.delete(key);
  }

  async close(): Promise<void> {}
}

/**
 * Runs refill-and-take atomically inside Redis, using Redis's own clock, so every app instance
 * shares one budget per key without races or clock skew between instances.
 */
const TAKE_SCRIPT = `
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated')
local tokens = capacity
if state[1] then
  local elapsed = math.max(0, now - tonumber(state[2])) / 1000
  tokens = math.min(capacity, tonumber(state[1]) + elapsed * rate)
end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'updated', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
return {allowed, tostring(tokens)}
`;

export class RedisBucketStore implements BucketStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'onsite:rl:',
  ) {}

  async take(key: string, policy: BucketPolicy, cost = 1): Promise<TakeResult> {
    const [allowed, tokensText] = (await this.redis.eval(
      TAKE_SCRIPT,
      1,
      this.prefix + key,
      policy.capacity,
      policy.refillPerSecond,
      cost,
    )) as [number, string];
    const tokens = Number(tokensText);
    return {
      allowed: allowed === 1,
      remaining: Math.floor(tokens),
      resetSeconds: Math.ceil((policy.capacity - tokens) / policy.refillPerSecond),
      retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil((cost - tokens) / policy.refillPerSecond)),
    };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

/**
 * Redis's shared buckets while Redis answers, this instance's memory while it does not: a Redis
 * outage makes limits per instance (each instance then allows the full budget) rather than
 * failing or slowing requests. After a failed command Redis is skipped for a few seconds, so an
 * outage costs at most one short command timeout per few seconds, not one per request.
 */
export class FailSoftBucketStore implements BucketStore {
  private skipUntilMs = 0;

  constructor(
    private readonly shared: BucketStore,
    private readonly sharedUp: () => boolean,
    private readonly local: BucketStore = new MemoryBucketStore(),
    private readonly now: () => number = Date.now,
    private readonly backoffMs = 5_000,
  ) {}

  async take(key: string, policy: BucketPolicy, cost = 1): Promise<TakeResult> {
    if (this.now() >= this.skipUntilMs && this.sharedUp()) {
      try {
        return await this.shared.take(key, policy, cost);
      } catch {
        this.skipUntilMs = this.now() + this.backoffMs;
      }
    }
    return this.local.take(key, policy, cost);
  }

  async close(): Promise<void> {
    await this.local.close();
  }
}

/** Memory for a single instance; Redis (shared by every instance, failing soft) when a link is given. */
export function createBucketStore(link: RedisLink | undefined): BucketStore {
  if (!link) return new MemoryBucketStore();
  return new FailSoftBucketStore(new RedisBucketStore(link.connect()), () => link.up);
}
