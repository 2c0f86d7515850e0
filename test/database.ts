import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../src/server/db/client.js';

/** The PostgreSQL server the scaled-out mode is tested against; override with TEST_PG_URL. */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const DATABASE_KINDS = ['embedded', 'postgres'] as const;

/**
 * A fresh, migrated database of either kind. For PostgreSQL, a database with a random name is
 * created on the server and dropped by `close()`, so concurrent test runs never collide.
 */
export async function openTestDatabase(kind: (typeof DATABASE_KINDS)[number]): Promise<Database> {
  if (kind === 'embedded') return openDatabase({ kind: 'embedded', dataDir: 'memory' });
  const created = await createTestPgDatabase();
  const database = await openDatabase({ kind: 'postgres', url: created.url });
  return {
    ...database,
    close: async () => {
      await database.close();
      await created.drop();
    },
  };
}

/** An empty PostgreSQL database with a random name, for a server process the test starts itself. */
export async function createTestPgDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `onsite_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: TEST_PG_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
