/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

/** The builder's result, or "rejected" if it threw (any error counts as a rejection). */
function attempt(buildSearch, filters) {
  try {
    return buildSearch(filters);
  } catch {
    return 'rejected';
  }
}

const nameValue = (buildSearch, name) => buildSearch({ name }).values[0];

export default {
  'no filters gives the default query': ({ buildSearch }) => buildSearch({}),
  'every filter together': ({ buildSearch }) =>
    buildSearch({ name: 'desk lamp', minPrice: 10, maxPrice: 49.5, sort: 'price_desc', limit: 5 }),
  'LIKE wildcards in the name match literally': ({ buildSearch }) =>
    ['100%', 'a_b', '50%_off', 'name%'].map((name) => nameValue(buildSearch, name)),
  'a backslash in the name is escaped too': ({ buildSearch }) =>
    ['C:\\temp', '\\%'].map((name) => nameValue(buildSearch, name)),
  'hostile names stay in the values': ({ buildSearch }) => [
    buildSearch({ name: "' OR 1=1 --" }),
    buildSearch({ name: '"; DROP TABLE products; --' }),
  ],
  'an unknown sort is rejected': ({ buildSearch }) =>
    ['price; DROP TABLE x', 'id', 'PRICE_ASC', 'constructor', '__proto__', 'toString'].map((sort) => {
      const result = attempt(buildSearch, { sort });
      return result === 'rejected' ? result : result.text;
    }),
  'placeholders are numbered by the filters present': ({ buildSearch }) => [
    buildSearch({ maxPrice: 50, sort: 'newest' }),
    buildSearch({ name: '', minPrice: 0, maxPrice: null }),
  ],
  'prices must be numbers': ({ buildSearch }) => [
    attempt(buildSearch, { minPrice: '0 OR 1=1' }),
    attempt(buildSearch, { maxPrice: '100' }),
    attempt(buildSearch, { minPrice: NaN }),
    attempt(buildSearch, { minPrice: 9.99, maxPrice: 20, sort: 'name' }),
  ],
  'limit must be an integer from 1 to 100': ({ buildSearch }) =>
    [1, 100, 0, 101, 2.5, '10', -1].map((limit) => {
      const result = attempt(buildSearch, { limit });
      return result === 'rejected' ? result : result.values.at(-1);
    }),
};
