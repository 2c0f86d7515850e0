/**
 * Schedule the labels 'A'–'E' (each logged exactly once, by your own scheduling) so the harness's
 * log reads: A, tick, B, promise, C, immediate, D, timeout, E.
 */
export function scheduleSteps(log: (label: string) => void): void {}

/** Resolve only after the event loop has had a turn (due timers, ready I/O), without a timer delay. */
export function yieldToEventLoop(): Promise<void> {
  return Promise.resolve();
}

/** Call handle(item, index) on every item in order, yielding to the event loop between chunks. */
export async function processInChunks<T, R>(
  items: readonly T[],
  chunkSize: number,
  handle: (item: T, index: number) => R,
): Promise<R[]> {
  return [];
}
