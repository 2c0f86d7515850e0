// Wrong: retries every error, so a 400 or a programming bug is repeated retries + 1 times before it surfaces.
export interface RetryOptions {
  retries: number;
  baseMs: number;
  maxMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export async function retry<T>(fn: () => T | Promise<T>, options: RetryOptions): Promise<T> {
  const { retries, baseMs, maxMs, random = Math.random } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= retries) throw error;
      await sleep(random() * Math.min(maxMs, baseMs * 2 ** attempt));
    }
  }
}
