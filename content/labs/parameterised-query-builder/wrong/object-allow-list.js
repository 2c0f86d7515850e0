// Wrong: the allow-list is a plain object, so inherited keys such as "constructor" or "__proto__" pass the lookup and reach the SQL text.
const SORTS = {
  name: 'name, id',
  price_asc: 'price, id',
  price_desc: 'price DESC, id',
  newest: 'created_at DESC, id',
};

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
  let orderBy = 'id';
  if (filters.sort != null) {
    orderBy = SORTS[filters.sort];
    if (!orderBy) throw new Error('unknown sort');
  }
  const limit = filters.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('bad limit');
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  return { text: `SELECT id, name, price FROM products${where} ORDER BY ${orderBy} LIMIT ${param(limit)}`, values };
}
