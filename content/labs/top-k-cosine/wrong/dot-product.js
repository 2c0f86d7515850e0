// Wrong: ranks by the raw dot product without dividing by the vectors' lengths, so long vectors win regardless of direction.
export function topK(query, documents, k) {
  if (k <= 0) return [];
  const scored = documents.map(({ id, vector }) => {
    let dot = 0;
    for (let i = 0; i < vector.length; i++) dot += query[i] * vector[i];
    return { id, score: Math.round(dot * 1e6) / 1e6 };
  });
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, k);
}
