// Wrong: the refill is never capped at capacity, so a client idle for an hour gets a huge burst.
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
    this.tokens += ((t - this.updatedAt) * this.refillPerSecond) / 1000;
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
    this.options = options;
    this.buckets = new Map();
  }

  bucket(key) {
    if (!this.buckets.has(key)) this.buckets.set(key, new TokenBucket(this.options));
    return this.buckets.get(key);
  }

  tryTake(key, cost = 1) {
    return this.bucket(key).tryTake(cost);
  }

  retryAfterMs(key, cost = 1) {
    return this.bucket(key).retryAfterMs(cost);
  }
}
