// Wrong: assumes promise callbacks run before process.nextTick callbacks, so B and C use each other's queue.
export function scheduleSteps(log) {
  log('A');
  Promise.resolve().then(() => log('B'));
  process.nextTick(() => log('C'));
  setImmediate(() => log('D'));
  setTimeout(() => log('E'), 0);
}

export function yieldToEventLoop() {
  return new Promise((resolve) => setImmediate(resolve));
}

export async function processInChunks(items, chunkSize, handle) {
  const results = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop();
    for (let i = start; i < Math.min(start + chunkSize, items.length); i++) results.push(handle(items[i], i));
  }
  return results;
}
