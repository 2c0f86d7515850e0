/**
 * Runs `tasks` with at most `limit` in flight and resolves with their results in input order.
 * The first failure rejects the call at once and no further task starts.
 *
 * Pattern: `limit` workers pull the next index from a shared counter; each starts a new task the
 * moment its previous one settles, so the pool stays full instead of waiting for a whole batch.
 */
export async function runWithLimit<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const results = new Array<T>(tasks.length);
  let next = 0;
  let failed = false;

  const worker = async (): Promise<void> => {
    while (!failed && next < tasks.length) {
      const index = next++; // single-threaded: no race between the check and the increment
      try {
        results[index] = await tasks[index]();
      } catch (error) {
        failed = true; // other workers stop pulling new tasks
        throw error;
      }
    }
  };

  // Promise.all rejects on the first worker failure without waiting for the tasks still running.
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
