/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

/** A fake clock: sleep records the delay and resolves on a later macrotask, without real waiting. */
function fakeSleep(events = null) {
  const sleeps = [];
  const sleep = (ms) => {
    sleeps.push(ms);
    events?.push(`sleep ${ms}`);
    return new Promise((resolve) =>
      setImmediate(() => {
        events?.push('woke');
        resolve();
      }),
    );
  };
  return { sleeps, sleep };
}

/** A seeded random source: returns the given values in turn (cycling) and counts the draws. */
function fakeRandom(values) {
  const source = { draws: 0, random: () => values[source.draws++ % values.length] };
  return source;
}

const retryableError = (message) => Object.assign(new Error(message), { retryable: true });

/** `fn` that fails with retryable errors for the first `failures` calls, then returns `value`. */
function flaky(failures, value) {
  const state = { calls: 0 };
  state.fn = async () => {
    state.calls += 1;
    if (state.calls <= failures) throw retryableError(`attempt ${state.calls}`);
    return value;
  };
  return state;
}

async function settle(promise) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

export default {
  'resolves with the first success': async ({ retry }) => {
    const { sleeps, sleep } = fakeSleep();
    const target = flaky(2, 'ok');
    const value = await retry(target.fn, { retries: 5, baseMs: 100, maxMs: 10_000, sleep, random: () => 0.5 });
    return [value, target.calls, sleeps];
  },
  'rethrows the last error once retries run out': async ({ retry }) => {
    const { sleeps, sleep } = fakeSleep();
    const thrown = [];
    let calls = 0;
    const fn = async () => {
      calls += 1;
      const error = retryableError(`attempt ${calls}`);
      thrown.push(error);
      throw error;
    };
    const { error } = await settle(retry(fn, { retries: 3, baseMs: 100, maxMs: 10_000, sleep, random: () => 0.5 }));
    return [error?.message ?? null, error === thrown.at(-1), calls, sleeps];
  },
  'full jitter scales each delay by its own random draw': async ({ retry }) => {
    const { sleeps, sleep } = fakeSleep();
    const source = fakeRandom([0.5, 0.25, 0.75, 0.125]);
    const target = flaky(100, 'never');
    await settle(retry(target.fn, { retries: 4, baseMs: 100, maxMs: 100_000, sleep, random: source.random }));
    return [sleeps, source.draws, target.calls];
  },
  'the delay is capped at maxMs before jitter': async ({ retry }) => {
    const { sleeps, sleep } = fakeSleep();
    const source = fakeRandom([0.5, 0.5, 0.5, 0.5, 0.5, 0.96875]);
    const target = flaky(100, 'never');
    await settle(retry(target.fn, { retries: 6, baseMs: 100, maxMs: 500, sleep, random: source.random }));
    return sleeps;
  },
  'no sleep after the final failure': async ({ retry }) => {
    const results = [];
    for (const retries of [0, 2]) {
      const { sleeps, sleep } = fakeSleep();
      const source = fakeRandom([0.5]);
      const target = flaky(100, 'never');
      const { error } = await settle(
        retry(target.fn, { retries, baseMs: 10, maxMs: 1000, sleep, random: source.random }),
      );
      results.push([error?.message ?? null, target.calls, sleeps.length, source.draws]);
    }
    return results;
  },
  'non-retryable errors fail immediately': async ({ retry }) => {
    const results = [];
    const candidates = [
      Object.assign(new Error('bad request'), { retryable: false }),
      new TypeError('undefined is not a function'),
      Object.assign(new Error('truthy is not true'), { retryable: 'yes' }),
    ];
    for (const failure of candidates) {
      const { sleeps, sleep } = fakeSleep();
      let calls = 0;
      const fn = async () => {
        calls += 1;
        throw failure;
      };
      const { error } = await settle(retry(fn, { retries: 5, baseMs: 100, maxMs: 1000, sleep, random: () => 0.5 }));
      results.push([error === failure, calls, sleeps.length]);
    }
    return results;
  },
  'a non-retryable error ends the retries early': async ({ retry }) => {
    const { sleeps, sleep } = fakeSleep();
    let calls = 0;
    const fn = async () => {
      calls += 1;
      if (calls < 3) throw retryableError('timeout');
      throw Object.assign(new Error('card declined'), { retryable: false });
    };
    const { error } = await settle(retry(fn, { retries: 10, baseMs: 100, maxMs: 1000, sleep, random: () => 0.5 }));
    return [error?.message ?? null, calls, sleeps];
  },
  'waits for each sleep before the next attempt': async ({ retry }) => {
    const events = [];
    const { sleep } = fakeSleep(events);
    let calls = 0;
    const fn = async () => {
      calls += 1;
      events.push('call');
      if (calls < 3) throw retryableError('busy');
      return 'done';
    };
    const value = await retry(fn, { retries: 5, baseMs: 100, maxMs: 1000, sleep, random: () => 0.5 });
    return [value, events];
  },
  'fn may throw synchronously or return a plain value': async ({ retry }) => {
    const { sleeps, sleep } = fakeSleep();
    let calls = 0;
    const fn = () => {
      calls += 1;
      if (calls === 1) throw retryableError('sync failure');
      return 42;
    };
    const value = await retry(fn, { retries: 2, baseMs: 40, maxMs: 1000, sleep, random: () => 0.25 });
    return [value, calls, sleeps];
  },
};
