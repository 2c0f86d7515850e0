// Wrong: assumes setTimeout(0) fires before setImmediate; inside an I/O callback the check phase (setImmediate) always comes first, so D and E use each other's queue.
export function scheduleSteps(log: (label: string) => void): void {
  log('A');
  process.nextTick(() => log('B'));
  Promise.resolve().then(() => log('C'));
  setTimeout(() => log('D'), 0);
  setImmediate(() => log('E'));
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
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
