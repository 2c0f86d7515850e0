// Wrong: derives the ORDER BY column from the sort string itself instead of an allow-list, so any text the client sends lands in the SQL.
function orderBy(sort) {
  if (sort == null) return 'id';
  if (sort === 'newest') return 'created_at DESC, id';
  const column = sort.replace(/_(asc|desc)$/, '');
  return `${column}${sort.endsWith('_desc') ? ' DESC' : ''}, id`;
}

export function buildSearch(filters) {
  const values = [];
  const conditions = [];
  const param = (value) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filters.name) conditions.push(`name ILIKE ${param(`%${filters.name.replace(/[\\%_]/g, '\\$&')}%`)}`);
  for (const [key, op] of [['minPrice', '>='], ['maxPrice', '<=']]) {
    const value = filters[key];
    if (value == null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${key} must be a number`);
    conditions.push(`price ${op} ${param(value)}`);
  }
  const limit = filters.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('bad limit');
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  return { text: `SELECT id, name, price FROM products${where} ORDER BY ${orderBy(filters.sort)} LIMIT ${param(limit)}`, values };
}
