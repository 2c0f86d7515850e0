/**
 * A bucket stores only "tokens at the last update" and "when that was". Tokens are topped up lazily
 * on each call from the elapsed time, so no timer runs per client and fractions are never lost.
 */
export class TokenBucket {
  constructor({ capacity, refillPerSecond, now = Date.now }) {
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.now = now;
    this.tokens = capacity;
    this.updatedAt = now();
  }

  /** Adds what flowed in since the last update, never beyond capacity. */
  refill() {
    const t = this.now();
    if (t > this.updatedAt) {
      this.tokens = Math.min(this.capacity, this.tokens + ((t - this.updatedAt) * this.refillPerSecond) / 1000);
      this.updatedAt = t;
    }
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
    if (this.tokens >= cost) return 0;
    return Math.ceil(((cost - this.tokens) * 1000) / this.refillPerSecond);
  }
}

/**
 * One bucket per key in a Map. A bucket idle long enough to be full again behaves exactly like a
 * new one, so it can be forgotten. Sweeping every key on every call would make each call O(clients);
 * instead the sweep runs once per "as many calls as there are buckets", which is O(1) amortised.
 */
export class RateLimiter {
  constructor({ capacity, refillPerSecond, now = Date.now }) {
    this.options = { capacity, refillPerSecond, now };
    this.buckets = new Map();
    this.fullAfterMs = (capacity * 1000) / refillPerSecond;
    this.callsUntilSweep = 1000;
  }

  bucket(key) {
    if (--this.callsUntilSweep <= 0) this.forgetIdle();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.options);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  forgetIdle() {
    const t = this.options.now();
    for (const [key, bucket] of this.buckets) {
      if (t - bucket.updatedAt >= this.fullAfterMs) this.buckets.delete(key);
    }
    this.callsUntilSweep = Math.max(1000, this.buckets.size);
  }

  tryTake(key, cost = 1) {
    return this.bucket(key).tryTake(cost);
  }

  retryAfterMs(key, cost = 1) {
    return this.bucket(key).retryAfterMs(cost);
  }
}
