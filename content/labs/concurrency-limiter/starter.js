/**
 * @template T
 * @param {Array<() => Promise<T>>} tasks functions that start a piece of async work when called
 * @param {number} limit the most tasks allowed to run at the same time (a positive integer)
 * @returns {Promise<T[]>} the results, in the same order as `tasks`
 */
export async function runWithLimit(tasks, limit) {
  return [];
}
