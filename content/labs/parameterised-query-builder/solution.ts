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

/** The allow-list: public sort keys to fixed SQL. A Map has no inherited keys like "constructor". */
const ORDER_BY: ReadonlyMap<string, string> = new Map([
  ['name', 'name, id'],
  ['price_asc', 'price, id'],
  ['price_desc', 'price DESC, id'],
  ['newest', 'created_at DESC, id'],
]);

/** One pass over the string, so an added backslash is never escaped a second time. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** Values arrive from parsed JSON or query strings, so check types at runtime, not just in the signature. */
function finiteNumber(value: unknown, key: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${key} must be a finite number`);
  return value;
}

export function buildSearch(filters: SearchFilters): Query {
  const values: unknown[] = [];
  const conditions: string[] = [];
  const param = (value: unknown): string => {
    values.push(value);
    return `$${values.length}`;
  };

  const name: unknown = filters.name;
  if (name !== undefined && name !== null && name !== '') {
    if (typeof name !== 'string') throw new TypeError('name must be a string');
    conditions.push(`name ILIKE ${param(`%${escapeLike(name)}%`)}`);
  }
  if (filters.minPrice != null) conditions.push(`price >= ${param(finiteNumber(filters.minPrice, 'minPrice'))}`);
  if (filters.maxPrice != null) conditions.push(`price <= ${param(finiteNumber(filters.maxPrice, 'maxPrice'))}`);

  let orderBy = 'id';
  if (filters.sort != null) {
    const clause = ORDER_BY.get(filters.sort);
    if (clause === undefined) throw new Error(`unknown sort: ${String(filters.sort)}`);
    orderBy = clause;
  }

  const limit: unknown = filters.limit ?? 20;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new RangeError('limit must be an integer from 1 to 100');
  }

  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  return { text: `SELECT id, name, price FROM products${where} ORDER BY ${orderBy} LIMIT ${param(limit)}`, values };
}
