import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { createTestPgDatabase } from '../../../test/database.js';
import { MIGRATIONS_DIR } from '../paths.js';
import { openDatabase } from './client.js';

it('migrates an empty PostgreSQL database once when several processes open it at the same moment', async () => {
  const created = await createTestPgDatabase();
  try {
    // As a deployment starts: two web instances and two workers on one new database.
    const opened = await Promise.allSettled(
      Array.from({ length: 4 }, () => openDatabase({ kind: 'postgres', url: created.url })),
    );
    const databases = opened.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      expect(opened.filter((result) => result.status === 'rejected')).toEqual([]);
      const { rows } = (await databases[0]!.db.execute(
        sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
      )) as unknown as { rows: { applied: number }[] };
      const files = readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql'));
      expect(rows[0]!.applied).toBe(files.length);
    } finally {
      for (const database of databases) await database.close();
    }
  } finally {
    await created.drop();
  }
});
