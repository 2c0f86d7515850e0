// Wrong: refills whole tokens only and moves the timestamp anyway, so fractions of a token are thrown away.
export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
  now?: () => number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private readonly now: () => number;

  constructor(private readonly options: BucketOptions) {
    this.now = options.now ?? Date.now;
    this.tokens = options.capacity;
    this.updatedAt = this.now();
  }

  private refill(): void {
    const t = this.now();
    const earned = Math.floor(((t - this.updatedAt) * this.options.refillPerSecond) / 1000);
    this.tokens = Math.min(this.options.capacity, this.tokens + earned);
    this.updatedAt = t;
  }

  tryTake(cost = 1): boolean {
    if (cost > this.options.capacity) return false;
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  retryAfterMs(cost = 1): number {
    if (cost > this.options.capacity) return Infinity;
    this.refill();
    return this.tokens >= cost ? 0 : Math.ceil(((cost - this.tokens) * 1000) / this.options.refillPerSecond);
  }
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly options: BucketOptions) {}

  private bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.options);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  tryTake(key: string, cost = 1): boolean {
    return this.bucket(key).tryTake(cost);
  }

  retryAfterMs(key: string, cost = 1): number {
    return this.bucket(key).retryAfterMs(cost);
  }
}
