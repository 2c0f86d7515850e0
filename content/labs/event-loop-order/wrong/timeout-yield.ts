// Wrong: setTimeout(0) is clamped to 1 ms, so every yield waits at least a millisecond (and several loop turns); thousands of chunks spend seconds idle.
export function scheduleSteps(log: (label: string) => void): void {
  log('A');
  process.nextTick(() => log('B'));
  Promise.resolve().then(() => log('C'));
  setImmediate(() => log('D'));
  setTimeout(() => log('E'), 0);
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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
