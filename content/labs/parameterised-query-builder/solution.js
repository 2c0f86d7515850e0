/**
 * Sort keys map to fixed SQL fragments. A Map (not a plain object) means keys such as
 * "constructor" or "__proto__" are simply absent instead of resolving to inherited properties.
 */
const ORDER_BY = new Map([
  ['name', 'name, id'],
  ['price_asc', 'price, id'],
  ['price_desc', 'price DESC, id'],
  ['newest', 'created_at DESC, id'],
]);

/** Escape the backslash first, then the wildcards, so the escapes we add are not escaped again. */
function escapeLike(text) {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

function given(value) {
  return value !== undefined && value !== null;
}

function price(value, key) {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${key} must be a finite number`);
  return value;
}

export function buildSearch(filters) {
  const values = [];
  const conditions = [];
  // Push the value, then return its placeholder: numbering can never drift from the values array.
  const param = (value) => {
    values.push(value);
    return `$${values.length}`;
  };

  if (given(filters.name) && filters.name !== '') {
    if (typeof filters.name !== 'string') throw new TypeError('name must be a string');
    conditions.push(`name ILIKE ${param(`%${escapeLike(filters.name)}%`)}`);
  }
  if (given(filters.minPrice)) conditions.push(`price >= ${param(price(filters.minPrice, 'minPrice'))}`);
  if (given(filters.maxPrice)) conditions.push(`price <= ${param(price(filters.maxPrice, 'maxPrice'))}`);

  let orderBy = 'id';
  if (given(filters.sort)) {
    const clause = ORDER_BY.get(filters.sort);
    if (clause === undefined) throw new Error(`unknown sort: ${String(filters.sort)}`);
    orderBy = clause;
  }

  const limit = given(filters.limit) ? filters.limit : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('limit must be an integer from 1 to 100');

  const where = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
  const text = `SELECT id, name, price FROM products${where} ORDER BY ${orderBy} LIMIT ${param(limit)}`;
  return { text, values };
}
