import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../paths.js';
import * as schema from './schema.js';

/** The query interface both drivers share; queries.ts files are written against this alone. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  /** `embedded` is PGlite in-process; `postgres` is a server reached through `DATABASE_URL`. */
  kind: 'embedded' | 'postgres';
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

type DatabaseTarget =
  | {
      kind: 'embedded';
      dataDir: string | 'memory';
      /**
       * A PGlite data-directory dump (`dumpDataDir`) to start from instead of an empty cluster:
       * opening from a migrated dump skips `initdb` and the migrations already in it, which is most of
       * the cost of a fresh database. Migrations missing from the dump still apply.
       */
      snapshot?: Blob;
    }
  | { kind: 'postgres'; url: string };

/**
 * Opens the database and applies every pending migration from `src/server/db/migrations` before
 * returning, so callers never see an out-of-date schema. Migrations are checked-in SQL files that
 * are never edited once landed; drizzle records applied ones in its own table.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    // A server that is down or unreachable fails a query within seconds (503, see http/problem.ts)
    // instead of holding the request; the pool reconnects by itself when the server returns.
    const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 3_000 });
    // An idle connection dropped by the server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    const db = drizzleNodePg(pool, { schema });
    try {
      await migrateOnce(pool);
    } catch (error) {
      await pool.end();
      throw error;
    }
    return {
      db: db as unknown as Db,
      kind: 'postgres',
      ping: async () => void (await db.execute(sql`select 1`)),
      close: () => pool.end(),
    };
  }

  if (target.dataDir !== 'memory') await mkdir(target.dataDir, { recursive: true });
  const options = target.snapshot ? { loadDataDir: target.snapshot } : {};
  const client = target.dataDir === 'memory' ? new PGlite(options) : new PGlite(target.dataDir, options);
  const db = drizzlePglite(client, { schema });
  try {
    await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    db: db as unknown as Db,
    kind: 'embedded',
    ping: async () => void (await client.query('select 1')),
    close: () => client.close(),
  };
}

/** Any fixed number: the advisory lock every Onsite process takes around its migrations. */
const MIGRATION_LOCK = 0x6f6e73697465;

/**
 * Applies pending migrations while holding a PostgreSQL advisory lock, so processes starting
 * together on one database (two web instances and the workers of a deployment) apply them one
 * after another: the first applies them, the rest find nothing left to do. Without it, both read
 * "nothing applied yet" and the second fails on tables the first just created.
 */
async function migrateOnce(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A connection whose state is in doubt (the lock may still be held) is closed, not reused.
    client.release(broken);
  }
}
