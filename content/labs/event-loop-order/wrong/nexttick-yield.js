// Wrong: process.nextTick runs before the event loop moves on at all (despite its name), so "yielding" with it starves timers and I/O for the whole batch.
export function scheduleSteps(log) {
  log('A');
  process.nextTick(() => log('B'));
  Promise.resolve().then(() => log('C'));
  setImmediate(() => log('D'));
  setTimeout(() => log('E'), 0);
}

export function yieldToEventLoop() {
  return new Promise((resolve) => process.nextTick(resolve));
}

export async function processInChunks(items, chunkSize, handle) {
  const results = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    if (start > 0) await yieldToEventLoop();
    for (let i = start; i < Math.min(start + chunkSize, items.length); i++) results.push(handle(items[i], i));
  }
  return results;
}
