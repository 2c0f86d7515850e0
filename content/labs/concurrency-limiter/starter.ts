/**
 * @param tasks functions that start a piece of async work when called
 * @param limit the most tasks allowed to run at the same time (a positive integer)
 * @returns the results, in the same order as `tasks`
 */
export async function runWithLimit<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  return [];
}
