// Wrong: awaiting an already-resolved promise only queues a microtask; the loop never reaches timers or I/O between chunks.
export function scheduleSteps(log: (label: string) => void): void {
  log('A');
  process.nextTick(() => log('B'));
  Promise.resolve().then(() => log('C'));
  setImmediate(() => log('D'));
  setTimeout(() => log('E'), 0);
}

export async function yieldToEventLoop(): Promise<void> {
  await Promise.resolve();
}

export async function processInChunks<T, R>(
  items: readonly T[],
  chunkSize: number,
  handle: (item: T, index: number) => R,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop();
    for (let i = start; i < Math.min(start + chunkSize, items.length); i++) results.push(handle(items[i], i));
  }
  return results;
}
