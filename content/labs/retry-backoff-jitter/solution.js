const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Only an explicit `retryable === true` opts in; a bug (TypeError, say) must surface at once. */
const isRetryable = (error) => error !== null && typeof error === 'object' && error.retryable === true;

/** Exponential backoff with full jitter: wait random() * min(maxMs, baseMs * 2^k) before retry k. */
export async function retry(fn, { retries, baseMs, maxMs, sleep = realSleep, random = Math.random }) {
  for (let attempt = 0; ; attempt++) {
    try {
      // `await` inside the try catches both a synchronous throw and a rejected promise.
      return await fn();
    } catch (error) {
      if (!isRetryable(error) || attempt >= retries) throw error;
      const cap = Math.min(maxMs, baseMs * 2 ** attempt);
      await sleep(random() * cap);
    }
  }
}
