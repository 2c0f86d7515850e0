/**
 * @param {{ name?: string | null, minPrice?: number | null, maxPrice?: number | null, sort?: string | null, limit?: number | null }} filters
 * @returns {{ text: string, values: unknown[] }}
 */
export function buildSearch(filters) {
  return { text: '', values: [] };
}
