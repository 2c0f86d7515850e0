export interface Document {
  id: string;
  vector: number[];
}

export interface Hit {
  id: string;
  score: number;
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** true when `a` ranks before `b`: higher score first, then the smaller id. */
function ranksBefore(a: Hit, b: Hit): boolean {
  return a.score !== b.score ? a.score > b.score : a.id < b.id;
}

function norm(vector: number[]): number {
  let sum = 0;
  for (const x of vector) sum += x * x;
  return Math.sqrt(sum);
}

/**
 * Keeps the best k hits in a binary heap whose root is the *worst* of them, so each document costs
 * O(log k) at most: O(n log k) overall instead of sorting all n.
 */
export function topK(query: number[], documents: Document[], k: number): Hit[] {
  if (k <= 0) return [];
  const queryNorm = norm(query);
  const heap: Hit[] = [];
  for (const { id, vector } of documents) {
    let dot = 0;
    for (let i = 0; i < vector.length; i++) dot += query[i] * vector[i];
    const denominator = queryNorm * norm(vector);
    const hit = { id, score: denominator === 0 ? 0 : round6(dot / denominator) };
    if (heap.length < k) {
      heap.push(hit);
      siftUp(heap, heap.length - 1);
    } else if (ranksBefore(hit, heap[0])) {
      heap[0] = hit;
      siftDown(heap, 0);
    }
  }
  return heap.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
}

// In this heap a parent always ranks *after* its children (the root is the weakest hit kept).
function siftUp(heap: Hit[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!ranksBefore(heap[parent], heap[i])) break;
    [heap[parent], heap[i]] = [heap[i], heap[parent]];
    i = parent;
  }
}

function siftDown(heap: Hit[], i: number): void {
  for (;;) {
    let weakest = i;
    for (const child of [2 * i + 1, 2 * i + 2]) {
      if (child < heap.length && ranksBefore(heap[weakest], heap[child])) weakest = child;
    }
    if (weakest === i) return;
    [heap[weakest], heap[i]] = [heap[i], heap[weakest]];
    i = weakest;
  }
}
