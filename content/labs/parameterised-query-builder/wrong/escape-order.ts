// Wrong: escapes the wildcards before the backslash, so the backslashes it just added get doubled and a literal backslash breaks the match.
export interface SearchFilters {
  name?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
  sort?: string | null;
  limit?: number | null;
}

const ORDER_BY = new Map([
  ['name', 'name, id'],
  ['price_asc', 'price, id'],
  ['price_desc', 'price DESC, id'],
  ['newest', 'created_at DESC, id'],
]);

function escapeLike(text: string): string {
  return text.replaceAll('%', '\\%').replaceAll('_', '\\_').replaceAll('\\', '\\\\');
}

export function buildSearch(filters: SearchFilters): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const conditions: string[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filters.name) conditions.push(`name ILIKE ${param(`%${escapeLike(filters.name)}%`)}`);
  for (const [key, op] of [['minPrice', '>='], ['maxPrice', '<=']] as const) {
    const value: unknown = filters[key];
    if (value == null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${key} must be a number`);
    conditions.push(`price ${op} ${param(value)}`);
  }
  let orderBy = 'id';
  if (filters.sort != null) {
    const clause = ORDER_BY.get(filters.sort);
    if (!clause) throw new Error('unknown sort');
    orderBy = clause;
  }
  const limit = filters.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('bad limit');
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  return { text: `SELECT id, name, price FROM products${where} ORDER BY ${orderBy} LIMIT ${param(limit)}`, values };
}
