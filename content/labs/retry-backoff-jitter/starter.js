/**
 * @template T
 * @param {() => T | Promise<T>} fn
 * @param {{ retries: number, baseMs: number, maxMs: number, sleep?: (ms: number) => Promise<void>, random?: () => number }} options
 * @returns {Promise<T>}
 */
export async function retry(fn, { retries, baseMs, maxMs, sleep, random }) {
  return fn();
}
