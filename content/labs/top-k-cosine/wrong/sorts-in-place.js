// Wrong: sorts the caller's documents array in place, so whoever passed it in sees it reordered.
export function topK(query, documents, k) {
  if (k <= 0) return [];
  const norm = (v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const queryNorm = norm(query);
  const scores = new Map();
  for (const { id, vector } of documents) {
    const denominator = queryNorm * norm(vector);
    const dot = vector.reduce((s, x, i) => s + x * query[i], 0);
    scores.set(id, denominator === 0 ? 0 : Math.round((dot / denominator) * 1e6) / 1e6);
  }
  documents.sort((a, b) => scores.get(b.id) - scores.get(a.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return documents.slice(0, k).map(({ id }) => ({ id, score: scores.get(id) }));
}
