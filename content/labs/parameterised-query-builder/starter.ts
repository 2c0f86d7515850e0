export interface SearchFilters {
  name?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  sort?: string | null;
  limit?: number | null;
}

export interface Query {
  text: string;
  values: unknown[];
}

export function buildSearch(filters: SearchFilters): Query {
  return { text: '', values: [] };
}
