/**
 * Node's event loop, one turn: timers → pending callbacks → poll (I/O) → check (setImmediate) →
 * close callbacks. After every single callback Node drains process.nextTick callbacks first, then
 * promise jobs (microtasks), and repeats until both queues are empty.
 */

/**
 * Places A–E around the harness's markers so the log reads
 * A, tick, B, promise, C, immediate, D, timeout, E when called from an I/O callback.
 */
export function scheduleSteps(log: (label: string) => void): void {
  log('A'); // synchronous: before anything queued
  process.nextTick(() => log('B')); // nextTick queue: after the harness's tick, before any promise job
  queueMicrotask(() => log('C')); // microtask: after the harness's promise job
  setImmediate(() => log('D')); // check phase: right after the harness's immediate, same loop turn
  setTimeout(() => log('E'), 0); // timers phase of a later turn, after the harness's timer (FIFO)
}

/**
 * Resolves in the check phase, so due timers and ready I/O callbacks run before (at most one turn
 * later) the caller continues. nextTick and promises resume before the loop moves at all;
 * setTimeout(0) is clamped to 1 ms, which adds up over thousands of yields.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Calls `handle` on every item in order, yielding to the event loop after each chunk so requests,
 * timers and health checks are served while a long batch runs.
 */
export async function processInChunks<T, R>(
  items: readonly T[],
  chunkSize: number,
  handle: (item: T, index: number) => R,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop(); // between chunks only
    const end = Math.min(start + chunkSize, items.length);
    for (let i = start; i < end; i++) results.push(handle(items[i], i));
  }
  return results;
}
