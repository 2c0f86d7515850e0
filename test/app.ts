import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Registry } from 'prom-client';
import { buildApp, type AppDeps } from '../src/server/app.js';
import type { Mailer } from '../src/server/accounts/service.js';
import { loadCurriculum } from '../src/server/content/load-content.js';
import { syncCurriculum } from '../src/server/content/queries.js';
import { createCatalog } from '../src/server/curriculum/service.js';
import type { TrustProxy } from '../src/server/config.js';
import type { Database } from '../src/server/db/client.js';
import { type Lab, loadLabs } from '../src/server/labs/load-labs.js';
import { attachLabBackground } from '../src/server/labs/background.js';
import { InProcessQueue } from '../src/server/labs/queue.js';
import { LabCatalog } from '../src/server/labs/service.js';
import { CONTENT_DIR } from '../src/server/paths.js';
import { configureSandbox } from '../src/server/sandbox/sandbox.js';
import { WarmPool } from '../src/server/sandbox/warm-pool.js';
import type { LiveHub } from '../src/server/mocks/live.js';
import type { RedisLink } from '../src/server/redis.js';
import { type BucketStore, MemoryBucketStore } from '../src/server/rate-limit/token-bucket.js';
import { type FixtureQuestion, makeContentFixture } from './content-fixture.js';
import { openTestDatabase } from './database.js';
import { json } from './json.js';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  /** Password-reset tokens the app "mailed", newest last. */
  mailbox: { email: string; token: string }[];
  clock: { now: Date };
  /** Waits for work the app deferred past its responses (mailing reset links). */
  settle(): Promise<void>;
  /** Closes the app and what it opened; later calls wait for the first, so an `afterEach` may repeat it. */
  close(): Promise<void>;
}

export interface TestAppOptions {
  bodyLimit?: number;
  mode?: 'personal' | 'hosted';
  rateLimitPerMinute?: number;
  rateLimits?: BucketStore;
  database?: Database;
  trustProxy?: TrustProxy;
  /** Questions to serve instead of the small default fixture. */
  questions?: FixtureQuestion[];
  /** Labs to serve; by default the real ones from content/labs. */
  labs?: Lab[];
  /** The sandbox pool; by default a fresh one that fills on first use. */
  pool?: WarmPool;
  labConcurrency?: number;
  metricsToken?: string;
  /** A Redis link reported by /readyz, and the live hub relayed through it. */
  redis?: RedisLink;
  live?: LiveHub;
  /** Tie-breaker for picking an assessment's labs (a seeded generator makes picks repeatable). */
  random?: () => number;
  /** Fastify's logger options; silent by default. */
  logger?: AppDeps['logger'];
  /** The AI layer's endpoint and client (see test/llm-server.ts); off when absent. */
  llm?: AppDeps['llm'];
  /** SANDBOX_BWRAP for this test file; a missing path is a machine without bubblewrap. Reset on close. */
  sandboxBwrap?: string;
}

let labsOfContent: Promise<Lab[]> | undefined;

/** The real labs of content/labs, read once per test process: they are read-only and take seconds to parse. */
function contentLabs(): Promise<Lab[]> {
  labsOfContent ??= loadLabs(CONTENT_DIR);
  return labsOfContent;
}

/** The real app on a fresh embedded database and the fixture content, with logging silenced. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  if (options.sandboxBwrap) configureSandbox({ bwrap: options.sandboxBwrap });
  const content = await makeContentFixture(options.questions);
  const curriculum = await loadCurriculum(content.dir);
  const database = options.database ?? (await openTestDatabase('embedded'));
  await syncCurriculum(database.db, curriculum);
  const mailbox: TestApp['mailbox'] = [];
  const mailer: Mailer = { sendPasswordReset: async (email, token) => void mailbox.push({ email, token }) };
  const deferred = new Set<Promise<void>>();
  // Like the app's default, the task starts after the current turn (once the response is sent).
  const defer = (task: () => Promise<void>) => {
    const running: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(task)
      .finally(() => deferred.delete(running));
    deferred.add(running);
  };
  const settle = async () => {
    while (deferred.size > 0) await Promise.allSettled([...deferred]);
  };
  const clock = { now: new Date() };
  const rateLimits = options.rateLimits ?? new MemoryBucketStore(() => clock.now.getTime());
  const pool = options.pool ?? new WarmPool({ size: 1 });
  const labCatalog = new LabCatalog(options.labs ?? (await contentLabs()));
  // Logs through the app's logger (silent unless a test asks), which exists before any job runs.
  const queue = new InProcessQueue({ error: (details, message) => app.log.error(details, message) });
  const metrics = new Registry();
  const deps: AppDeps = {
    config: {
      bodyLimit: options.bodyLimit ?? 1_048_576,
      logLevel: 'silent',
      mode: options.mode ?? 'personal',
      sessionTtlHours: 720,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
      trustProxy: options.trustProxy ?? false,
      metricsToken: options.metricsToken,
    },
    database,
    catalog: createCatalog(curriculum),
    rateLimits,
    labs: { catalog: labCatalog, pool, queue },
    metrics,
    mailer,
    defer,
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.live ? { live: options.live } : {}),
    ...(options.llm ? { llm: options.llm } : {}),
    now: () => clock.now,
    ...(options.random ? { random: options.random } : {}),
    logger: options.logger ?? false,
  };
  const app = await buildApp(deps);
  // Composed as src/server/main.ts composes the single-process default: the app grades too.
  attachLabBackground(
    app,
    {
      db: database.db,
      labs: labCatalog,
      pool,
      now: () => clock.now,
      leaseSeconds: 30,
      queue,
      concurrency: options.labConcurrency ?? 2,
      metrics,
    },
    30_000,
  );
  let closed: Promise<void> | undefined;
  return {
    app,
    database,
    mailbox,
    clock,
    settle,
    close: () => {
      closed ??= (async () => {
        await settle();
        await app.close();
        await queue.close();
        if (!options.pool) await pool.close();
        if (!options.database) await database.close();
        await content.cleanup();
        if (options.sandboxBwrap) configureSandbox({ bwrap: '/usr/bin/bwrap' });
      })();
      return closed;
    },
  };
}

/** What a browser sends with a change: the session cookie and the CSRF token it was given. */
type SessionHeaders = Record<'cookie' | 'x-csrf-token', string>;

/** The session a sign-in (or `GET /v1/auth/session`) response set; throws when it set none. */
export function sessionHeaders(res: LightMyRequestResponse): SessionHeaders {
  const cookie = res.cookies.find((c) => c.name === 'onsite_session');
  if (!cookie) throw new Error(`no session cookie was set: ${res.statusCode} ${res.body}`);
  return { cookie: `onsite_session=${cookie.value}`, 'x-csrf-token': json<{ csrfToken: string }>(res).csrfToken };
}

/**
 * An `inject` request with a browser session's headers and, when given, a JSON body — a change as
 * the web app sends it: `app.inject({ method: 'POST', url, ...withSession(headers, payload) })`.
 */
export function withSession(headers: Record<string, string>, payload?: unknown) {
  return { headers, ...(payload === undefined ? {} : { payload: payload as object }) };
}

/** Headers of a browser session: the cookie and the CSRF token (personal mode's local profile). */
export async function personalSession(app: FastifyInstance): Promise<SessionHeaders> {
  return sessionHeaders(await app.inject('/v1/auth/session'));
}

let clients = 0;

/**
 * A loopback address no earlier call returned. Sign-in is limited per client IP, so tests that share
 * one app, or create many users, each come from their own address and stay inside the budget.
 */
function nextClientAddress(): string {
  clients += 1;
  return `127.0.${Math.floor(clients / 250) % 250}.${(clients % 250) + 2}`;
}

export const TEST_PASSWORD = 'lantern orbit quietly zebra';

/**
 * `POST /v1/auth/sign-in` from a fresh client address (see `nextClientAddress`), answered as is:
 * read the session from a 200 with `sessionHeaders`. `headers` are sent along (a cookie already held,
 * a forwarded protocol).
 */
export function signIn(
  app: FastifyInstance,
  credentials: { email?: string; password: string },
  options: { headers?: Record<string, string>; remoteAddress?: string } = {},
) {
  return app.inject({
    method: 'POST',
    url: '/v1/auth/sign-in',
    remoteAddress: options.remoteAddress ?? nextClientAddress(),
    ...(options.headers ? { headers: options.headers } : {}),
    payload: credentials,
  });
}

/**
 * Signs up in hosted mode (202), then signs in, and returns the new user's session headers. Sign-up
 * answers alike for a new and a taken address and so starts no session (no enumeration); the
 * sign-in is the user's first. Both come from one fresh client address.
 */
export async function signUp(app: FastifyInstance, email: string, password = TEST_PASSWORD) {
  const remoteAddress = nextClientAddress();
  const created = await app.inject({
    method: 'POST',
    url: '/v1/auth/sign-up',
    remoteAddress,
    payload: { email, password, displayName: email.split('@')[0] },
  });
  if (created.statusCode !== 202) throw new Error(`sign-up failed: ${created.body}`);
  const res = await signIn(app, { email, password }, { remoteAddress });
  if (res.statusCode !== 200) throw new Error(`sign-in after sign-up failed: ${res.body}`);
  return { headers: sessionHeaders(res), user: json<{ user: { id: string; role: string } }>(res).user };
}
