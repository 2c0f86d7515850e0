export interface Document {
  id: string;
  vector: number[];
}

export interface Hit {
  id: string;
  score: number;
}

export function topK(query: number[], documents: Document[], k: number): Hit[] {
  return [];
}
