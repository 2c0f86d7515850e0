export interface BucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** Current time in milliseconds. */
  now?: () => number;
}

export class TokenBucket {
  constructor(options: BucketOptions) {}

  tryTake(cost = 1): boolean {
    return false;
  }

  retryAfterMs(cost = 1): number {
    return 0;
  }
}

export class RateLimiter {
  constructor(options: BucketOptions) {}

  tryTake(key: string, cost = 1): boolean {
    return false;
  }

  retryAfterMs(key: string, cost = 1): number {
    return 0;
  }
}
