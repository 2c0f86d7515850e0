// Wrong: no guard for zero vectors, so 0 / 0 gives NaN, which poisons the sort and the returned scores.
export interface Document {
  id: string;
  vector: number[];
}

export interface Hit {
  id: string;
  score: number;
}

const norm = (v: number[]): number => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));

export function topK(query: number[], documents: Document[], k: number): Hit[] {
  if (k <= 0) return [];
  const queryNorm = norm(query);
  const scored = documents.map(({ id, vector }) => {
    const dot = vector.reduce((sum, x, i) => sum + x * query[i], 0);
    return { id, score: Math.round((dot / (queryNorm * norm(vector))) * 1e6) / 1e6 };
  });
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, k);
}
