// Wrong: forgets a client after a fixed minute of silence, even when its bucket is far from full,
// so a slow-refilling client gets a fresh, full bucket too early.
const IDLE_MS = 60_000;

export class TokenBucket {
  constructor({ capacity, refillPerSecond, now = Date.now }) {
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.now = now;
    this.tokens = capacity;
    this.updatedAt = now();
  }

  refill() {
    const t = this.now();
    if (t <= this.updatedAt) return;
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.updatedAt) * this.refillPerSecond) / 1000);
    this.updatedAt = t;
  }

  tryTake(cost = 1) {
    if (cost > this.capacity) return false;
    this.refill();
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  retryAfterMs(cost = 1) {
    if (cost > this.capacity) return Infinity;
    this.refill();
    return this.tokens >= cost ? 0 : Math.ceil(((cost - this.tokens) * 1000) / this.refillPerSecond);
  }
}

export class RateLimiter {
  constructor(options) {
    this.options = { now: Date.now, ...options };
    this.buckets = new Map();
  }

  bucket(key) {
    const existing = this.buckets.get(key);
    if (existing && this.options.now() - existing.updatedAt < IDLE_MS) return existing;
    const bucket = new TokenBucket(this.options);
    this.buckets.set(key, bucket);
    return bucket;
  }

  tryTake(key, cost = 1) {
    return this.bucket(key).tryTake(cost);
  }

  retryAfterMs(key, cost = 1) {
    return this.bucket(key).retryAfterMs(cost);
  }
}
