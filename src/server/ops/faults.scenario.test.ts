import { createServer, type Server, type Socket, connect } from 'node:net';
import { inArray, sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../../test/app.js';
import { createTestPgDatabase, TEST_PG_URL } from '../../../test/database.js';
import { freePort, type OwnProcess, startRedis, startServer } from '../../../test/services.js';
import { openDatabase } from '../db/client.js';
import { questionReports } from '../db/schema.js';
import { createRedisLiveHub } from '../mocks/live.js';
import { createBucketStore } from '../rate-limit/token-bucket.js';
import { RedisLink } from '../redis.js';

/**
 * Dependencies failing under a running server: Redis absent at start and killed under load, the
 * database's connections terminated under load and the database unreachable, and the server itself
 * killed with writes in flight. Each test uses its own redis-server, PostgreSQL database and port,
 * and each asserts that no write the server acknowledged is lost.
 */

interface Outcome {
  status: number;
  ms: number;
  id?: string;
  code?: string;
  retryAfter?: string;
}

/** Runs `total` report writes, `concurrency` at a time, calling `during` once `trigger` have finished. */
async function writeUnderLoad(
  t: TestApp,
  headers: Record<string, string>,
  total: number,
  concurrency: number,
  trigger: number,
  during: () => Promise<void>,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  let fired: Promise<void> | undefined;
  const worker = async () => {
    while (next < total) {
      const n = next++;
      const started = performance.now();
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/questions/acid/reports',
        headers,
        payload: { kind: 'other', message: `write ${n}` },
      });
      const body = res.json();
      outcomes.push({
        status: res.statusCode,
        ms: performance.now() - started,
        id: body.id,
        code: body.code,
        retryAfter: res.headers['retry-after'] as string | undefined,
      });
      if (outcomes.length === trigger) fired = during();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await fired;
  return outcomes;
}

async function storedReportIds(t: TestApp, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await t.database.db
    .select({ id: questionReports.id })
    .from(questionReports)
    .where(inArray(questionReports.id, ids));
  return new Set(rows.map((r) => r.id));
}

describe('Redis', () => {
  it('absent at start: the server listens, serves and writes, warns once, and uses Redis once it appears', async () => {
    const redisPort = await freePort();
    const port = await freePort();
    const database = await createTestPgDatabase();
    let server: OwnProcess | undefined;
    let redis: OwnProcess | undefined;
    try {
      server = await startServer(port, {
        ONSITE_MODE: 'hosted',
        DATABASE_URL: database.url,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        RATE_LIMIT_PER_MINUTE: '100000',
        LOG_LEVEL: 'info',
      });
      const base = `http://127.0.0.1:${port}`;
      const ready = await (await fetch(`${base}/readyz`)).json();
      expect(ready).toMatchObject({ status: 'degraded', database: { status: 'up' }, redis: { status: 'down' } });

      const signUpRes = await fetch(`${base}/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: 'redisless@example.com',
          password: 'lantern orbit quietly zebra',
          displayName: 'R',
        }),
      });
      expect(signUpRes.status).toBe(202);
      const signIn = await fetch(`${base}/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'redisless@example.com', password: 'lantern orbit quietly zebra' }),
      });
      expect(signIn.status).toBe(200);
      expect((await fetch(`${base}/v1/areas`)).status).toBe(200);

      // Redis comes up: the server finds it without a restart.
      redis = await startRedis(redisPort);
      await expect
        .poll(async () => (await (await fetch(`${base}/readyz`)).json()).redis.status, { timeout: 10_000 })
        .toBe('up');

      const lines = server.output().split('\n');
      expect(lines.filter((line) => line.includes('redis unavailable'))).toHaveLength(1);
      expect(JSON.parse(lines.find((line) => line.includes('redis unavailable'))!)).toMatchObject({ level: 40 });
      expect(server.output()).not.toContain('[ioredis]');
      expect(server.output()).not.toContain('MaxRetriesPerRequestError');
    } finally {
      await server?.kill();
      await redis?.kill();
      await database.drop();
    }
  }, 120_000);

  it('killed under load: no request fails or waits long, no acknowledged write is lost, one warning', async () => {
    const redisPort = await freePort();
    const redis = await startRedis(redisPort);
    const warnings: string[] = [];
    const link = new RedisLink(`redis://127.0.0.1:${redisPort}`, {
      warn: (_o, message) => warnings.push(message),
      info: () => {},
    });
    const live = createRedisLiveHub(link);
    const t = await createTestApp({
      mode: 'hosted',
      rateLimits: createBucketStore(link),
      redis: link,
      live,
      rateLimitPerMinute: 100_000,
    });
    try {
      await expect.poll(() => link.up && live.relaying).toBe(true);
      const { headers } = await signUp(t.app, 'load@example.com');
      const outcomes = await writeUnderLoad(t, headers, 150, 10, 40, () => redis.kill('SIGKILL'));
      expect(outcomes.map((o) => o.status).filter((s) => s !== 201)).toEqual([]);
      expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(1_500);
      const acknowledged = outcomes.map((o) => o.id!);
      expect((await storedReportIds(t, acknowledged)).size).toBe(acknowledged.length);
      expect(warnings).toHaveLength(1);
      expect((await t.app.inject('/readyz')).json()).toMatchObject({ status: 'degraded', redis: { status: 'down' } });
      // Still limited, per instance, while Redis is away.
      expect((await t.app.inject({ url: '/v1/areas' })).headers['ratelimit-limit']).toBe('100000');
    } finally {
      await t.close();
      await link.close();
      await redis.kill();
    }
  });
});

/** A TCP proxy in front of PostgreSQL that the test can cut (every connection dropped, new ones refused) and restore. */
async function startPgProxy(port: number) {
  const target = new URL(TEST_PG_URL);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  await listen();
  return {
    cut: async () => {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
    restore: listen,
  };
}

describe('the database', () => {
  it('backends terminated under load: only 503 database_unavailable, never 500, and every acknowledged write kept', async () => {
    const created = await createTestPgDatabase();
    const database = await openDatabase({ kind: 'postgres', url: created.url });
    const t = await createTestApp({ mode: 'hosted', database, rateLimitPerMinute: 100_000 });
    const admin = new pg.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    try {
      const { headers } = await signUp(t.app, 'terminated@example.com');
      let terminating = true;
      const terminations = (async () => {
        while (terminating) {
          await admin.query(
            'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
            [created.name],
          );
          await new Promise((resolve) => setTimeout(resolve, 30));
        }
      })();
      const outcomes = await writeUnderLoad(t, headers, 200, 8, 1, async () => {});
      terminating = false;
      await terminations;
      for (const o of outcomes) {
        if (o.status !== 201) expect(o).toMatchObject({ status: 503, code: 'database_unavailable', retryAfter: '5' });
      }
      const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.id!);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect((await storedReportIds(t, acknowledged)).size).toBe(acknowledged.length);
      // Recovered without a restart.
      const after = await t.app.inject({
        method: 'POST',
        url: '/v1/questions/acid/reports',
        headers,
        payload: { kind: 'other', message: 'after' },
      });
      expect(after.statusCode).toBe(201);
    } finally {
      await admin.end();
      await t.close();
      await database.close();
      await created.drop();
    }
  });

  it('unreachable: 503 database_unavailable with Retry-After, then back to normal without a restart', async () => {
    const created = await createTestPgDatabase();
    const proxyPort = await freePort();
    const proxy = await startPgProxy(proxyPort);
    const url = new URL(created.url);
    url.hostname = '127.0.0.1';
    url.port = String(proxyPort);
    const database = await openDatabase({ kind: 'postgres', url: url.toString() });
    const t = await createTestApp({ mode: 'hosted', database });
    try {
      const { headers } = await signUp(t.app, 'outage@example.com');
      const write = () =>
        t.app.inject({
          method: 'POST',
          url: '/v1/questions/acid/reports',
          headers,
          payload: { kind: 'other', message: 'during an outage' },
        });
      await proxy.cut();
      const during = await write();
      expect(during.statusCode).toBe(503);
      expect(during.headers['content-type']).toMatch(/problem\+json/);
      expect(during.json().code).toBe('database_unavailable');
      expect(during.headers['retry-after']).toBe('5');
      const ready = await t.app.inject('/readyz');
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ code: 'database_unavailable', database: { status: 'down' } });

      await proxy.restore();
      await expect.poll(async () => (await write()).statusCode, { timeout: 10_000 }).toBe(201);
      expect((await t.app.inject('/readyz')).statusCode).toBe(200);
      const { rows } = (await t.database.db.execute(
        sql`select count(*)::int as n from question_reports where message = 'during an outage'`,
      )) as unknown as { rows: { n: number }[] };
      expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    } finally {
      await t.close();
      await database.close();
      await proxy.cut();
      await created.drop();
    }
  });
});

describe('the server process', () => {
  it('killed with -9 while writes are in flight loses no acknowledged write, and starts again', async () => {
    const created = await createTestPgDatabase();
    const port = await freePort();
    const env = {
      ONSITE_MODE: 'hosted',
      DATABASE_URL: created.url,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'warn',
    };
    let server: OwnProcess | undefined = await startServer(port, env);
    const base = `http://127.0.0.1:${port}`;
    const db = new pg.Client({ connectionString: created.url });
    try {
      const account = { email: 'kill9@example.com', password: 'lantern orbit quietly zebra' };
      await fetch(`${base}/v1/auth/sign-up`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...account, displayName: 'K' }),
      });
      const signIn = await fetch(`${base}/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
      const cookie = signIn.headers
        .getSetCookie()
        .find((c) => c.startsWith('onsite_session='))!
        .split(';')[0]!;
      const headers = { cookie, 'x-csrf-token': (await signIn.json()).csrfToken, 'content-type': 'application/json' };
      const questionId = (await (await fetch(`${base}/v1/questions?limit=1`)).json()).items[0].id as string;

      // 40 clients write one report after another until the server dies under them.
      const acknowledged: string[] = [];
      let failed = 0;
      let killed: Promise<void> | undefined;
      const client = async (c: number) => {
        for (let n = 0; n < 1_000; n++) {
          try {
            const res = await fetch(`${base}/v1/questions/${questionId}/reports`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ kind: 'other', message: `in flight ${c}.${n}` }),
            });
            if (res.status === 201) acknowledged.push((await res.json()).id);
          } catch {
            failed++;
            return;
          }
          if (acknowledged.length >= 100) killed ??= server!.kill('SIGKILL');
        }
      };
      await Promise.all(Array.from({ length: 40 }, (_, c) => client(c)));
      await killed;
      expect(acknowledged.length).toBeGreaterThanOrEqual(100);
      expect(failed).toBeGreaterThan(0);

      await db.connect();
      const { rows } = await db.query<{ id: string }>('select id from question_reports where id = any($1::uuid[])', [
        acknowledged,
      ]);
      expect(rows.length).toBe(acknowledged.length);

      server = await startServer(port, env);
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
    } finally {
      await db.end().catch(() => {});
      await server?.kill();
      await created.drop();
    }
  }, 120_000);
});
