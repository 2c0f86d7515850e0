/** Rounds half up to 6 decimals; scores are compared after rounding so near-equal floats tie. */
const round6 = (x) => Math.round(x * 1e6) / 1e6;

function norm(vector) {
  let sum = 0;
  for (const x of vector) sum += x * x;
  return Math.sqrt(sum);
}

export function topK(query, documents, k) {
  if (k <= 0 || documents.length === 0) return [];
  const queryNorm = norm(query); // once, not once per document
  const scored = documents.map(({ id, vector }) => {
    let dot = 0;
    for (let i = 0; i < vector.length; i++) dot += query[i] * vector[i];
    const denominator = queryNorm * norm(vector);
    // A zero vector has no direction: score it 0 instead of dividing 0 by 0 (NaN would break sorting).
    return { id, score: denominator === 0 ? 0 : round6(dot / denominator) };
  });
  // A copy is sorted, never the caller's array; ties on the rounded score go to the smaller id.
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, k);
}
