import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../src/server/app.js';
import type { Mailer } from '../src/server/accounts/service.js';
import { loadCurriculum } from '../src/server/content/load-content.js';
import { syncCurriculum } from '../src/server/content/queries.js';
import { createCatalog } from '../src/server/curriculum/service.js';
import type { Database } from '../src/server/db/client.js';
import { type Lab, loadLabs } from '../src/server/labs/load-labs.js';
import { LabCatalog } from '../src/server/labs/service.js';
import { CONTENT_DIR } from '../src/server/paths.js';
import { WarmPool } from '../src/server/sandbox/warm-pool.js';
import { type BucketStore, MemoryBucketStore } from '../src/server/rate-limit/token-bucket.js';
import { type FixtureQuestion, makeContentFixture } from './content-fixture.js';
import { openTestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Password-reset tokens the app "mailed", newest last. */
  mailbox: { email: string; token: string }[];
  clock: { now: Date };
  close(): Promise<void>;
}

export interface TestAppOptions {
  bodyLimit?: number;
  mode?: 'personal' | 'hosted';
  rateLimitPerMinute?: number;
  rateLimits?: BucketStore;
  database?: Database;
  trustProxy?: boolean;
  /** Questions to serve instead of the small default fixture. */
  questions?: FixtureQuestion[];
  /** Labs to serve; by default the real ones from content/labs. */
  labs?: Lab[];
  /** The sandbox pool; by default a fresh one that fills on first use. */
  pool?: WarmPool;
  labConcurrency?: number;
}

/** The real app on a fresh embedded database and the fixture content, with logging silenced. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const content = await makeContentFixture(options.questions);
  const curriculum = await loadCurriculum(content.dir);
  const database = options.database ?? (await openTestDatabase('embedded'));
  await syncCurriculum(database.db, curriculum);
  const mailbox: TestApp['mailbox'] = [];
  const mailer: Mailer = { sendPasswordReset: async (email, token) => void mailbox.push({ email, token }) };
  const clock = { now: new Date() };
  const rateLimits = options.rateLimits ?? new MemoryBucketStore(() => clock.now.getTime());
  const pool = options.pool ?? new WarmPool({ size: 1 });
  const labs = options.labs ?? (await loadLabs(CONTENT_DIR));
  const deps: AppDeps = {
    config: {
      bodyLimit: options.bodyLimit ?? 1_048_576,
      logLevel: 'silent',
      mode: options.mode ?? 'personal',
      sessionTtlHours: 720,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
      trustProxy: options.trustProxy ?? false,
    },
    database,
    catalog: createCatalog(curriculum),
    rateLimits,
    labs: { catalog: new LabCatalog(labs), pool, concurrency: options.labConcurrency ?? 2 },
    mailer,
    now: () => clock.now,
    logger: false,
  };
  const app = await buildApp(deps);
  return {
    app,
    database,
    mailbox,
    clock,
    close: async () => {
      await app.close();
      if (!options.pool) await pool.close();
      if (!options.database) await database.close();
      await content.cleanup();
    },
  };
}

/** Headers of a browser session: the cookie and the CSRF token (personal mode's local profile). */
export async function personalSession(app: FastifyInstance): Promise<Record<string, string>> {
  const res = await app.inject('/v1/auth/session');
  const cookie = res.cookies.find((c) => c.name === 'onsite_session');
  if (!cookie) throw new Error('no session cookie was set');
  return { cookie: `onsite_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken };
}

/** Signs up in hosted mode and returns the new user's session headers. */
export async function signUp(app: FastifyInstance, email: string, password = 'lantern orbit quietly zebra') {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/sign-up',
    payload: { email, password, displayName: email.split('@')[0] },
  });
  if (res.statusCode !== 201) throw new Error(`sign-up failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'onsite_session')!;
  return {
    headers: { cookie: `onsite_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken as string },
    user: res.json().user as { id: string; role: string },
  };
}
