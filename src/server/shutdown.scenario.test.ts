import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transpileServer } from '../../test/build.js';
import { createTestPgDatabase } from '../../test/database.js';
import { enqueueReferenceSubmission } from '../../test/grading.js';
import { startEntry as startProcess } from '../../test/processes.js';
import { type Database, openDatabase } from './db/client.js';
import { labSubmissions, users } from './db/schema.js';
import { json } from '../../test/json.js';

let database: Database;
let url: string;
let drop: () => Promise<void>;
let userId: string;

beforeAll(async () => {
  const created = await createTestPgDatabase();
  url = created.url;
  drop = created.drop;
  database = await openDatabase({ kind: 'postgres', url });
  const [user] = await database.db.insert(users).values({ displayName: 'Candidate' }).returning();
  userId = user!.id;
});

afterAll(async () => {
  await database.close();
  await drop();
});

/** An entry point as its own process on this test's database. */
const startEntry = (entry: string, env: Record<string, string>) => startProcess(entry, { DATABASE_URL: url, ...env });

async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const row = async (id: string) =>
  (await database.db.select().from(labSubmissions).where(eq(labSubmissions.id, id)))[0]!;

describe('worker readiness', () => {
  it('a worker whose sandbox disappears reports not ready with sandbox_unavailable', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'onsite-bwrap-'));
    const bwrap = path.join(dir, 'bwrap');
    await symlink('/usr/bin/bwrap', bwrap);
    const worker = startEntry('src/server/worker.ts', {
      WORKER_PORT: '0',
      SANDBOX_POOL_SIZE: '0',
      SANDBOX_BWRAP: bwrap,
    });
    try {
      const ready = await worker.line((l) => l.msg === 'worker ready: taking grading jobs');
      const base = `http://127.0.0.1:${String(ready.port)}`;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      await rm(dir, { recursive: true });
      const gone = await fetch(`${base}/readyz`);
      expect(gone.status).toBe(503);
      expect(await gone.json()).toMatchObject({
        code: 'sandbox_unavailable',
        sandbox: { status: 'down', reason: expect.stringContaining(`${bwrap} is missing`) },
      });
    } finally {
      worker.child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the built entry point', () => {
  it('node dist/server/worker.js starts, answers /healthz and /readyz, and exits 0 on SIGTERM', async () => {
    const build = await transpileServer();
    const worker = startEntry(path.join(build.root, 'dist/server/worker.js'), {
      WORKER_PORT: '0',
      SANDBOX_POOL_SIZE: '0',
    });
    try {
      const ready = await worker.line((l) => l.msg === 'worker ready: taking grading jobs');
      const base = `http://127.0.0.1:${String(ready.port)}`;
      expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      worker.child.kill('SIGKILL');
      await build.cleanup();
    }
  });
});

describe('graceful shutdown', () => {
  it('a worker on SIGTERM reports not ready, finishes its job, logs it with the submission id and exits 0', async () => {
    const worker = startEntry('src/server/worker.ts', {
      WORKER_PORT: '0',
      LAB_CONCURRENCY: '1',
      SANDBOX_POOL_SIZE: '0',
      SHUTDOWN_DEADLINE_SECONDS: '30',
    });
    try {
      const ready = await worker.line((l) => l.msg === 'worker ready: taking grading jobs');
      const base = `http://127.0.0.1:${String(ready.port)}`;
      const readiness = await fetch(`${base}/readyz`);
      expect(readiness.status).toBe(200);
      expect(await readiness.json()).toMatchObject({
        status: 'ready',
        database: 'up',
        queue: { status: 'up', depth: 0 },
        sandbox: { status: 'up', reason: null },
      });

      const submissionId = await enqueueReferenceSubmission(database, url, userId);
      await until(async () => (await row(submissionId)).status === 'running');

      worker.child.kill('SIGTERM');
      await worker.line((l) => l.msg === 'draining: taking no new jobs');
      const draining = await fetch(`${base}/readyz`);
      expect(draining.status).toBe(503);
      expect(await draining.json()).toMatchObject({ code: 'draining', accepting: false });

      expect(await worker.exited).toBe(0);
      expect(await row(submissionId)).toMatchObject({ status: 'done', verdict: 'passed', attempts: 1 });
      expect(worker.lines).toContainEqual(
        expect.objectContaining({ msg: 'grading job finished', submissionId, outcome: 'graded' }),
      );
    } finally {
      worker.child.kill('SIGKILL');
    }
  });

  it('a web instance with external workers only enqueues, and on SIGTERM finishes in-flight requests then exits 0', async () => {
    // No bubblewrap here: with external workers the web tier needs none, and is ready without it.
    const web = startEntry('src/server/main.ts', {
      PORT: '0',
      LAB_WORKERS: 'external',
      SHUTDOWN_DEADLINE_SECONDS: '30',
      SANDBOX_BWRAP: '/nonexistent/bwrap',
    });
    try {
      const listening = await web.line((l) => typeof l.msg === 'string' && l.msg.startsWith('Server listening at'));
      const base = String(listening.msg).replace('Server listening at ', '');
      const readiness = await fetch(`${base}/readyz`);
      expect(readiness.status).toBe(200);
      expect(await readiness.json()).toMatchObject({
        status: 'ready',
        database: { status: 'up', kind: 'postgres' },
        sandbox: { status: 'not_configured', reason: null },
        queue: { status: 'up', required: true, kind: 'pg-boss', graders: 'external' },
      });
      const session = await fetch(`${base}/v1/auth/session`);
      const cookie = session.headers
        .getSetCookie()
        .find((c) => c.startsWith('onsite_session='))!
        .split(';')[0]!;
      const headers = {
        cookie,
        'x-csrf-token': (await json<{ csrfToken: string }>(session)).csrfToken,
        'content-type': 'application/json',
      };
      const created = await fetch(`${base}/v1/labs/lru-cache/submissions`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ language: 'python', mode: 'run', code: 'print(1)' }),
      });
      expect(created.status).toBe(202);
      const { id } = await json<{ id: string }>(created);

      // A long poll is in flight when the signal arrives; it must still get its answer.
      const polling = fetch(`${base}/v1/submissions/${id}?waitMs=3000`, { headers });
      await new Promise((resolve) => setTimeout(resolve, 300));
      web.child.kill('SIGTERM');
      await web.line((l) => l.msg === 'draining before shutdown');
      await expect(fetch(`${base}/readyz`)).rejects.toThrow();
      const answered = await polling;
      expect(answered.status).toBe(200);
      expect(await answered.json()).toMatchObject({ id, status: 'queued' });
      expect(await web.exited).toBe(0);
      // Nothing graded it: with external workers, the web tier never runs user code.
      expect(await row(id)).toMatchObject({ status: 'queued', attempts: 0 });
    } finally {
      web.child.kill('SIGKILL');
    }
  });
});
