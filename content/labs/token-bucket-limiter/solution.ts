export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** Current time in milliseconds. */
  now?: () => number;
}

/** Stores tokens and the time of the last update; the refill is computed lazily from elapsed time. */
export class TokenBucket {
  readonly capacity: number;
  private readonly refillPerSecond: number;
  private readonly now: () => number;
  private tokens: number;
  updatedAt: number;

  constructor({ capacity, refillPerSecond, now = Date.now }: BucketOptions) {
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.now = now;
    this.tokens = capacity;
    this.updatedAt = now();
  }

  tryTake(cost = 1): boolean {
    if (cost > this.capacity) return false;
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  retryAfterMs(cost = 1): number {
    if (cost > this.capacity) return Infinity;
    this.refill();
    if (this.tokens >= cost) return 0;
    return Math.ceil(((cost - this.tokens) * 1000) / this.refillPerSecond);
  }

  /** Tokens flow in continuously (fractions included) but the bucket never overflows. */
  private refill(): void {
    const t = this.now();
    if (t <= this.updatedAt) return;
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.updatedAt) * this.refillPerSecond) / 1000);
    this.updatedAt = t;
  }
}

/**
 * One bucket per key. A bucket idle long enough to be full again is no different from a new one,
 * so it can be forgotten; the sweep runs once per "as many calls as there are buckets", which keeps
 * memory bounded at O(1) amortised cost per call instead of scanning every key on every call.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly options: Required<BucketOptions>;
  private readonly fullAfterMs: number;
  private callsUntilSweep = 1000;

  constructor({ capacity, refillPerSecond, now = Date.now }: BucketOptions) {
    this.options = { capacity, refillPerSecond, now };
    this.fullAfterMs = (capacity * 1000) / refillPerSecond;
  }

  tryTake(key: string, cost = 1): boolean {
    return this.bucket(key).tryTake(cost);
  }

  retryAfterMs(key: string, cost = 1): number {
    return this.bucket(key).retryAfterMs(cost);
  }

  private bucket(key: string): TokenBucket {
    if (--this.callsUntilSweep <= 0) this.forgetIdle();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.options);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  private forgetIdle(): void {
    const t = this.options.now();
    for (const [key, bucket] of this.buckets) {
      if (t - bucket.updatedAt >= this.fullAfterMs) this.buckets.delete(key);
    }
    this.callsUntilSweep = Math.max(1000, this.buckets.size);
  }
}
