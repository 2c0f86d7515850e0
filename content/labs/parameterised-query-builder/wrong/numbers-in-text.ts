// Wrong: "numbers are safe", so prices and the limit are written into the SQL text instead of being bound; a string price becomes SQL.
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

export function buildSearch(filters: SearchFilters): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const conditions: string[] = [];
  if (filters.name) {
    values.push(`%${filters.name.replace(/[\\%_]/g, '\\$&')}%`);
    conditions.push(`name ILIKE $${values.length}`);
  }
  if (filters.minPrice != null) conditions.push(`price >= ${filters.minPrice}`);
  if (filters.maxPrice != null) conditions.push(`price <= ${filters.maxPrice}`);
  let orderBy = 'id';
  if (filters.sort != null) {
    const clause = ORDER_BY.get(filters.sort);
    if (!clause) throw new Error('unknown sort');
    orderBy = clause;
  }
  const limit = filters.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('bad limit');
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  return { text: `SELECT id, name, price FROM products${where} ORDER BY ${orderBy} LIMIT ${limit}`, values };
}
