// Wrong: calling every task function up front starts all the work at once; limiting how many promises are awaited afterwards limits nothing.
export async function runWithLimit<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  const promises = tasks.map((task) => task());
  const results = new Array<T>(promises.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < promises.length) {
      const index = next++;
      results[index] = await promises[index];
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, promises.length) }, worker));
  return results;
}
