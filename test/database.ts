import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../src/server/db/client.js';
import { MIGRATIONS_DIR } from '../src/server/paths.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** File holding a PGlite dump with every migration applied, written once per run by global-setup. */
    migratedDatabaseFile?: string;
  }
}

/** The PostgreSQL server the scaled-out mode is tested against; override with TEST_PG_URL. */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const DATABASE_KINDS = ['embedded', 'postgres'] as const;

/**
 * A fresh, migrated database of either kind. For PostgreSQL, a database with a random name is
 * created on the server and dropped by `close()`, so concurrent test runs never collide.
 */
export async function openTestDatabase(kind: (typeof DATABASE_KINDS)[number]): Promise<Database> {
  if (kind === 'embedded')
    return openDatabase({ kind: 'embedded', dataDir: 'memory', snapshot: await migratedSnapshot() });
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

/**
 * Writes a dump of a freshly migrated embedded database to a temporary file and returns a function
 * that removes it. An embedded test database then opens from the dump in well under a second,
 * where `initdb` plus every migration takes several, once per test that builds an app.
 */
export async function writeMigratedSnapshot(): Promise<{ file: string; remove(): Promise<void> }> {
  const file = path.join(os.tmpdir(), `onsite-test-db-${process.pid}-${randomBytes(4).toString('hex')}.tar`);
  await writeFile(file, Buffer.from(await (await dumpMigrated()).arrayBuffer()));
  return { file, remove: () => rm(file, { force: true }) };
}

async function dumpMigrated(): Promise<Blob> {
  const client = new PGlite();
  try {
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR });
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

let snapshot: Promise<Blob> | undefined;

/**
 * The run's migrated dump, or one made in this process when the run provides none (or when this
 * is not a vitest run at all: the benchmarks build test apps too).
 */
function migratedSnapshot(): Promise<Blob> {
  const file = process.env.VITEST ? inject('migratedDatabaseFile') : undefined;
  snapshot ??= file ? readFile(file).then((bytes) => new Blob([bytes])) : dumpMigrated();
  return snapshot;
}
