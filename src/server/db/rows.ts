/**
 * The row an `INSERT … RETURNING` (or an upsert) gave back. Such a statement returns its row or
 * throws, so an empty result means the driver broke that contract: it is raised here as an error
 * (a logged 500) naming the table, never passed on as a row that is `undefined`.
 */
export function returnedRow<T>(rows: readonly T[], table: string): T {
  const [row] = rows;
  if (row === undefined) throw new Error(`The database returned no row from a write to ${table}.`);
  return row;
}
