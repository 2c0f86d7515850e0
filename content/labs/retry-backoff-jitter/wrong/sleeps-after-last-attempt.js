// Wrong: sleeps after every retryable failure, including the final one, so the caller waits for nothing before getting the error.
export async function retry(
  fn,
  { retries, baseMs, maxMs, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), random = Math.random },
) {
  let lastError;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (error?.retryable !== true) throw error;
      lastError = error;
      await sleep(random() * Math.min(maxMs, baseMs * 2 ** attempt));
    }
  }
  throw lastError;
}
