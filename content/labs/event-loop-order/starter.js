/**
 * Schedule the labels 'A'–'E' (each logged exactly once, by your own scheduling) so the harness's
 * log reads: A, tick, B, promise, C, immediate, D, timeout, E.
 * @param {(label: string) => void} log
 */
export function scheduleSteps(log) {}

/**
 * Resolve only after the event loop has had a turn (due timers, ready I/O), without a timer delay.
 * @returns {Promise<void>}
 */
export function yieldToEventLoop() {
  return Promise.resolve();
}

/**
 * Call handle(item, index) on every item in order, yielding to the event loop between chunks.
 * @template T, R
 * @param {T[]} items
 * @param {number} chunkSize
 * @param {(item: T, index: number) => R} handle
 * @returns {Promise<R[]>}
 */
export async function processInChunks(items, chunkSize, handle) {
  return [];
}
