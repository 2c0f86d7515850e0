/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

/** [id, score] pairs; NaN would not survive JSON, so it is reported as the string "NaN". */
const pairs = (hits) => hits.map((h) => [h.id, Number.isNaN(h.score) ? 'NaN' : h.score]);

/** Deterministic pseudo-random integers in [-128, 127] (a 32-bit LCG, the same in tests.py). */
function lcg(seed) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return (x >>> 24) - 128;
  };
}

export default {
  'ranks documents by cosine similarity': ({ topK }) => {
    const docs = [
      { id: 'north', vector: [0, 1] },
      { id: 'east', vector: [1, 0] },
      { id: 'north-east', vector: [1, 1] },
      { id: 'west', vector: [-2, 0] },
      { id: 'east-far', vector: [10, 1] },
    ];
    return pairs(topK([1, 0], docs, 3));
  },

  'equal scores go to the smaller id': ({ topK }) => {
    const docs = [
      { id: 'c', vector: [2, 4, 6] },
      { id: 'd', vector: [3, 2, 1] },
      { id: 'a', vector: [0.1, 0.2, 0.3] },
      { id: 'b', vector: [1, 2, 3] },
    ];
    return pairs(topK([1, 2, 3], docs, 4));
  },

  'zero vectors score 0': ({ topK }) => {
    const docs = [
      { id: 'z', vector: [0, 0] },
      { id: 'n', vector: [-3, -4] },
      { id: 'p', vector: [6, 8] },
      { id: 'o', vector: [4, -3] },
    ];
    return pairs(topK([3, 4], docs, 10));
  },

  'a zero query ranks by id': ({ topK }) => {
    const docs = ['doc-3', 'doc-1', 'doc-2'].map((id, i) => ({ id, vector: [i + 1, 2, 3] }));
    return pairs(topK([0, 0, 0], docs, 2));
  },

  'k larger than the collection returns everything': ({ topK }) => {
    const docs = [
      { id: 'x', vector: [1, 2] },
      { id: 'y', vector: [2, 1] },
    ];
    return [pairs(topK([1, 1], docs, 5)), pairs(topK([1, 1], docs, 0)), pairs(topK([1, 1], [], 3))];
  },

  'scores are rounded to 6 decimals': ({ topK }) => {
    const docs = [
      { id: 'p', vector: [2, 1] },
      { id: 'q', vector: [1, 3] },
      { id: 'r', vector: [5, -1] },
      { id: 's', vector: [-1, -7] },
    ];
    return pairs(topK([1, 2], docs, 4));
  },

  'leaves the documents untouched': ({ topK }) => {
    const docs = [
      { id: 'b', vector: [0, 1] },
      { id: 'a', vector: [1, 0] },
      { id: 'c', vector: [1, 1] },
    ];
    topK([1, 0], docs, 3);
    return docs.map((d) => [d.id, d.vector]);
  },

  '20000 documents of 64 dimensions': ({ topK }) => {
    const next = lcg(42);
    const query = Array.from({ length: 64 }, next);
    const docs = [];
    for (let i = 0; i < 20000; i++)
      docs.push({ id: `doc-${String(i).padStart(5, '0')}`, vector: Array.from({ length: 64 }, next) });
    // Two scaled copies of the query must tie at 1 and come first, smaller id first.
    docs[7000] = { id: 'doc-07000', vector: query.map((x) => 3 * x) };
    docs[123] = { id: 'doc-00123', vector: query.map((x) => x / 2) };
    return pairs(topK(query, docs, 10));
  },
};
