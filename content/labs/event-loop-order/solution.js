/**
 * Node's event loop, one turn: timers → pending callbacks → poll (I/O) → check (setImmediate) →
 * close callbacks. After every single callback Node drains process.nextTick callbacks first, then
 * promise jobs (microtasks), and repeats until both queues are empty.
 */

/**
 * Places A–E around the harness's markers so the log reads
 * A, tick, B, promise, C, immediate, D, timeout, E when called from an I/O callback.
 * @param {(label: string) => void} log
 */
export function scheduleSteps(log) {
  log('A'); // synchronous: before anything queued
  process.nextTick(() => log('B')); // nextTick queue: after the harness's tick, before any promise job
  Promise.resolve().then(() => log('C')); // microtask: after the harness's promise job
  setImmediate(() => log('D')); // check phase: right after the harness's immediate, same loop turn
  setTimeout(() => log('E'), 0); // timers phase of a later turn, after the harness's timer (FIFO)
}

/**
 * Resolves in the check phase of the event loop, so timers that are due and I/O callbacks that are
 * ready get to run before (at most one turn later) the caller continues. process.nextTick and promises
 * would resume before the loop moves at all; setTimeout(0) is clamped to 1 ms, slowing every yield.
 * @returns {Promise<void>}
 */
export function yieldToEventLoop() {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Calls `handle` on every item in order, yielding to the event loop after each chunk so requests,
 * timers and health checks are served while a long batch runs.
 * @template T, R
 * @param {T[]} items
 * @param {number} chunkSize
 * @param {(item: T, index: number) => R} handle
 * @returns {Promise<R[]>}
 */
export async function processInChunks(items, chunkSize, handle) {
  const results = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop(); // between chunks, not before the first or after the last
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) results.push(handle(items[i], i));
  }
  return results;
}
