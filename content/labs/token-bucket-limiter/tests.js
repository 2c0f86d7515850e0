/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

/** A hand-driven clock: tests move `clock.t` (milliseconds) and pass `clock.now`. */
function makeClock() {
  const clock = { t: 0, now: () => clock.t };
  return clock;
}

/** Infinity is not JSON: report it as "never". */
const shown = (ms) => (ms === Infinity ? 'never' : ms);

const takeTimes = (bucket, n, cost = 1) => Array.from({ length: n }, () => bucket.tryTake(cost));

export default {
  'allows a burst up to capacity': ({ TokenBucket }) => {
    const clock = makeClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 1, now: clock.now });
    return takeTimes(bucket, 4);
  },
  'refills at the configured rate': ({ TokenBucket }) => {
    const clock = makeClock();
    const bucket = new TokenBucket({ capacity: 4, refillPerSecond: 2, now: clock.now });
    takeTimes(bucket, 4);
    const seen = [];
    clock.t = 500;
    seen.push(...takeTimes(bucket, 2));
    clock.t = 1000;
    seen.push(...takeTimes(bucket, 2));
    clock.t = 2000;
    seen.push(...takeTimes(bucket, 3));
    return seen;
  },
  'each client key has its own bucket': ({ RateLimiter }) => {
    const clock = makeClock();
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1, now: clock.now });
    const seen = ['a', 'a', 'a', 'b'].map((key) => limiter.tryTake(key));
    clock.t = 1000;
    seen.push(...['a', 'a', 'b', 'b', 'b'].map((key) => limiter.tryTake(key)));
    return seen;
  },
  'fractional tokens are not lost': ({ TokenBucket }) => {
    const clock = makeClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 4, now: clock.now });
    takeTimes(bucket, 5);
    const seen = [];
    for (let step = 1; step <= 6; step++) {
      clock.t = step * 125;
      seen.push(bucket.tryTake());
    }
    return seen;
  },
  'never holds more than capacity after a long idle': ({ TokenBucket }) => {
    const clock = makeClock();
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 1, now: clock.now });
    takeTimes(bucket, 3);
    clock.t = 3_600_000;
    return [...takeTimes(bucket, 5), shown(bucket.retryAfterMs(1))];
  },
  'retry after says when the next take succeeds': ({ TokenBucket }) => {
    const clock = makeClock();
    const bucket = new TokenBucket({ capacity: 2, refillPerSecond: 4, now: clock.now });
    takeTimes(bucket, 2);
    const seen = [shown(bucket.retryAfterMs(1)), shown(bucket.retryAfterMs(2))];
    clock.t = 125;
    seen.push(shown(bucket.retryAfterMs()), bucket.tryTake(), shown(bucket.retryAfterMs(2)));
    clock.t = 250;
    seen.push(shown(bucket.retryAfterMs(1)), bucket.tryTake(1), shown(bucket.retryAfterMs(3)));
    return seen;
  },
  'a cost above capacity never succeeds': ({ TokenBucket, RateLimiter }) => {
    const clock = makeClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 1, now: clock.now });
    const limiter = new RateLimiter({ capacity: 5, refillPerSecond: 1, now: clock.now });
    const seen = [bucket.tryTake(6), shown(bucket.retryAfterMs(6))];
    clock.t = 3_600_000;
    seen.push(bucket.tryTake(6), bucket.tryTake(5), limiter.tryTake('k', 6), shown(limiter.retryAfterMs('k', 6)));
    return seen;
  },
  'a refused take consumes nothing': ({ TokenBucket }) => {
    const clock = makeClock();
    const bucket = new TokenBucket({ capacity: 5, refillPerSecond: 1, now: clock.now });
    const seen = [bucket.tryTake(3), bucket.tryTake(3), bucket.tryTake(2), bucket.tryTake(1)];
    clock.t = 1000;
    seen.push(bucket.tryTake(1));
    return seen;
  },
  'an idle client does not get a fresh bucket too early': ({ RateLimiter }) => {
    const clock = makeClock();
    // One token every 128 seconds: a client idle for two minutes has not earned a whole token yet.
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1 / 128, now: clock.now });
    const seen = [limiter.tryTake('a'), limiter.tryTake('a')];
    clock.t = 120_000;
    seen.push(limiter.tryTake('a'), limiter.tryTake('b'));
    clock.t = 300_000;
    seen.push(limiter.tryTake('a'), limiter.tryTake('a'), limiter.tryTake('a'));
    return seen;
  },
  '150000 requests from 50000 clients': ({ RateLimiter }) => {
    const clock = makeClock();
    const limiter = new RateLimiter({ capacity: 2, refillPerSecond: 1 / 256, now: clock.now });
    const keys = Array.from({ length: 50_000 }, (_, i) => `client-${i}`);
    let allowed = 0;
    let refused = 0;
    for (let round = 0; round < 3; round++) {
      for (const key of keys) {
        clock.t += 1;
        if (limiter.tryTake(key)) allowed += 1;
        else refused += 1;
      }
    }
    return [allowed, refused];
  },
};
