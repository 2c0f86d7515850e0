import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { writeMigratedSnapshot } from './database.js';

/**
 * Once per test run: builds the web app so route and browser tests serve the real bundle, and
 * writes a migrated embedded database that every test database starts from (see
 * `openTestDatabase`). Returns the teardown that removes the database file.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [snapshot] = await Promise.all([writeMigratedSnapshot(), buildWebApp()]);
  project.provide('migratedDatabaseFile', snapshot.file);
  return snapshot.remove;
}

async function buildWebApp(): Promise<void> {
  // Vitest sets NODE_ENV=test, which would give React's development build; test what users get.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
