/**
 * @param {number[]} query
 * @param {{ id: string, vector: number[] }[]} documents
 * @param {number} k
 * @returns {{ id: string, score: number }[]}
 */
export function topK(query, documents, k) {
  return [];
}
