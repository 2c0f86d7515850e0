export interface RetryOptions {
  retries: number;
  baseMs: number;
  maxMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isRetryable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
}

/**
 * Calls `fn` up to `retries + 1` times. Retryable failures wait random() * min(maxMs, baseMs * 2^k)
 * before retry k; anything else, or the final failure, is rethrown unchanged.
 */
export async function retry<T>(fn: () => T | Promise<T>, options: RetryOptions): Promise<T> {
  const { retries, baseMs, maxMs, sleep = realSleep, random = Math.random } = options;
  let attempt = 0;
  while (true) {
    try {
      return await fn();
    } catch (error) {
      // Checking the count before sleeping is what avoids a pointless wait after the last attempt.
      if (!isRetryable(error) || attempt === retries) throw error;
      await sleep(random() * Math.min(maxMs, baseMs * 2 ** attempt));
      attempt += 1;
    }
  }
}
