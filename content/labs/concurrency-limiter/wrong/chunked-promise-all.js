// Wrong: runs the tasks in fixed batches with Promise.all, so one slow task holds back the whole next batch instead of the next task starting as soon as any slot frees up.
export async function runWithLimit(tasks, limit) {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  const results = [];
  for (let start = 0; start < tasks.length; start += limit) {
    const batch = tasks.slice(start, start + limit).map((task) => task());
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
