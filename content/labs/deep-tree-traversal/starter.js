/**
 * @param {{ value: number, children: object[] } | null} root the top comment of a thread, or null
 * @returns {Array<[number, number]>} [value, depth] for every comment, in display (pre-order) order
 */
export function flattenThread(root) {
  return [];
}
