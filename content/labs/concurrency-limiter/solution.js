/**
 * Runs `tasks` (functions returning promises) with at most `limit` in flight and resolves with their
 * results in input order. The first failure rejects the call at once and no further task starts.
 *
 * Pattern: `limit` workers pull the next index from a shared counter. Each worker starts a new task
 * the moment its previous one settles, so the pool stays full instead of waiting for a whole batch.
 * JavaScript is single-threaded, so `next++` between awaits needs no lock.
 */
export async function runWithLimit(tasks, limit) {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const results = new Array(tasks.length);
  let next = 0;
  let failed = false;

  async function worker() {
    while (!failed && next < tasks.length) {
      const index = next++;
      try {
        results[index] = await tasks[index]();
      } catch (error) {
        failed = true; // other workers stop pulling new tasks
        throw error;
      }
    }
  }

  // Never more workers than tasks. Promise.all rejects as soon as one worker throws, without
  // waiting for tasks still running (a promise cannot be cancelled; their results are dropped).
  const workers = Array.from({ length: Math.min(limit, tasks.length) }, () => worker());
  await Promise.all(workers);
  return results;
}
