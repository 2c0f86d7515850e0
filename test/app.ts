import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { loadCurriculum } from '../src/server/content/load-content.js';
import { syncCurriculum } from '../src/server/content/queries.js';
import { createCatalog } from '../src/server/curriculum/service.js';
import type { Database } from '../src/server/db/client.js';
import { makeContentFixture } from './content-fixture.js';
import { openTestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** The real app on a fresh embedded database and the fixture content, with logging silenced. */
export async function createTestApp(options: { bodyLimit?: number } = {}): Promise<TestApp> {
  const content = await makeContentFixture();
  const curriculum = await loadCurriculum(content.dir);
  const database = await openTestDatabase('embedded');
  await syncCurriculum(database.db, curriculum);
  const app = await buildApp({
    config: { bodyLimit: options.bodyLimit ?? 1_048_576, logLevel: 'silent' },
    database,
    catalog: createCatalog(curriculum),
    logger: false,
  });
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
      await content.cleanup();
    },
  };
}
