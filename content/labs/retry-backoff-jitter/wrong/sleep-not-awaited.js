// Wrong: calls sleep but does not await it, so the next attempt fires immediately and the backoff never happens.
export async function retry(
  fn,
  { retries, baseMs, maxMs, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), random = Math.random },
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (error?.retryable !== true || attempt >= retries) throw error;
      sleep(random() * Math.min(maxMs, baseMs * 2 ** attempt));
    }
  }
}
