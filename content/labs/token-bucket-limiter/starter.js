export class TokenBucket {
  /** @param {{ capacity: number, refillPerSecond: number, now?: () => number }} options */
  constructor({ capacity, refillPerSecond, now = Date.now }) {}

  /** @param {number} [cost] @returns {boolean} */
  tryTake(cost = 1) {
    return false;
  }

  /** @param {number} [cost] @returns {number} */
  retryAfterMs(cost = 1) {
    return 0;
  }
}

export class RateLimiter {
  /** @param {{ capacity: number, refillPerSecond: number, now?: () => number }} options */
  constructor({ capacity, refillPerSecond, now = Date.now }) {}

  /** @param {string} key @param {number} [cost] @returns {boolean} */
  tryTake(key, cost = 1) {
    return false;
  }

  /** @param {string} key @param {number} [cost] @returns {number} */
  retryAfterMs(key, cost = 1) {
    return 0;
  }
}
