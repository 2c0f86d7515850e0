export interface RetryOptions {
  retries: number;
  baseMs: number;
  maxMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export async function retry<T>(fn: () => T | Promise<T>, options: RetryOptions): Promise<T> {
  return fn();
}
