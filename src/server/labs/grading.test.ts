import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestPgDatabase } from '../../../test/database.js';
import type { Grade } from '../../shared/labs.js';
import { type Database, openDatabase } from '../db/client.js';
import { labSubmissions, users } from '../db/schema.js';
import { CONTENT_DIR } from '../paths.js';
import { WarmPool } from '../sandbox/warm-pool.js';
import { type GradingDeps, GradingWorker, gradeSubmission, requeueAbandoned } from './grading.js';
import { loadLabs } from './load-labs.js';
import { PgBossQueue } from './pg-queue.js';
import * as q from './queries.js';
import { LabCatalog } from './service.js';

const silent = { info: () => {}, warn: () => {}, error: () => {} };
const PASSED: Grade = {
  verdict: 'passed',
  passed: 1,
  total: 1,
  score: 100,
  runtimeMs: 1,
  memoryKb: null,
  tests: [],
  diagnostics: [],
  output: '',
};

let database: Database;
let url: string;
let drop: () => Promise<void>;
let catalog: LabCatalog;
let userId: string;
const pool = new WarmPool({ size: 0 });
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  const created = await createTestPgDatabase();
  url = created.url;
  drop = created.drop;
  database = await openDatabase({ kind: 'postgres', url });
  catalog = new LabCatalog(await loadLabs(CONTENT_DIR));
  const [user] = await database.db.insert(users).values({ displayName: 'Candidate' }).returning();
  userId = user!.id;
});

afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
});

afterAll(async () => {
  await database.close();
  await drop();
  await pool.close();
});

/** A grader whose "sandbox" counts its runs and waits `ms` (or until `gate` opens). */
function grader(options: { ms?: number; gate?: Promise<void>; leaseSeconds?: number } = {}) {
  const runs: string[] = [];
  const deps: GradingDeps = {
    db: database.db,
    labs: catalog,
    pool,
    now: () => new Date(),
    log: silent,
    leaseSeconds: options.leaseSeconds ?? 30,
    runTests: async (_pool, request) => {
      runs.push(request.code);
      if (options.gate) await options.gate;
      await new Promise((resolve) => setTimeout(resolve, options.ms ?? 5));
      return PASSED;
    },
  };
  return { deps, runs };
}

async function submit(count: number): Promise<string[]> {
  const base = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const row = await q.insertSubmission(database.db, {
      userId,
      labSlug: 'lru-cache',
      language: 'python',
      mode: 'submit',
      code: `# submission ${i}`,
      status: 'queued',
      createdAt: new Date(base + i),
    });
    ids.push(row.id);
  }
  return ids;
}

async function openQueue(): Promise<PgBossQueue> {
  const queue = await PgBossQueue.open({ url, onError: () => {} });
  opened.push(queue);
  return queue;
}

function startWorker(deps: GradingDeps, queue: PgBossQueue, concurrency: number): GradingWorker {
  const worker = new GradingWorker(deps, queue, concurrency);
  opened.push({ close: () => worker.stop(5_000) });
  return worker;
}

async function rows(ids: string[]) {
  return database.db.select().from(labSubmissions).where(inArray(labSubmissions.id, ids));
}

async function until(check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('grading on PostgreSQL with several graders', () => {
  it('records one verdict when two graders race the same job', async () => {
    const [id] = await submit(1);
    const a = grader({ ms: 200 });
    const b = grader({ ms: 200 });
    const outcomes = await Promise.all([gradeSubmission(a.deps, id!), gradeSubmission(b.deps, id!)]);
    expect(outcomes.sort()).toEqual(['graded', 'skipped']);
    expect(a.runs.length + b.runs.length).toBe(1);
    const [row] = await rows([id!]);
    expect(row).toMatchObject({ status: 'done', verdict: 'passed', attempts: 1, leaseToken: null });
  });

  it('retries the job of a grader killed mid-job once its lease runs out, and drops the dead one’s late result', async () => {
    const [id] = await submit(1);
    // A grader took the job and died: its lease is never renewed.
    const deadToken = randomUUID();
    expect(await q.claimSubmission(database.db, id!, deadToken, 1)).toBeDefined();
    const queue = await openQueue();
    const live = grader();
    await startWorker(live.deps, queue, 1).start();

    // While the lease runs, a sweep leaves the row alone; once it has run out, the sweep hands it on.
    expect(await requeueAbandoned(live.deps, queue, 60_000)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await requeueAbandoned(live.deps, queue, 60_000)).toBe(1);
    await until(async () => (await rows([id!]))[0]!.status === 'done');

    expect(live.runs).toHaveLength(1);
    expect((await rows([id!]))[0]).toMatchObject({ verdict: 'passed', attempts: 2 });
    const late = await q.finishAttempt(database.db, id!, deadToken, { status: 'done', verdict: 'failed' });
    expect(late).toBeUndefined();
    expect((await rows([id!]))[0]!.verdict).toBe('passed');
  });

  it('does not re-queue a job another instance is grading when a new instance starts', async () => {
    const [id] = await submit(1);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const queue = await openQueue();
    const first = grader({ gate, leaseSeconds: 1 });
    await startWorker(first.deps, queue, 1).start();
    await queue.enqueue([id!]);
    await until(async () => (await rows([id!]))[0]!.status === 'running');

    // What a starting instance runs (app.ts onReady), after the holder's lease was renewed at least once.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const second = await openQueue();
    expect(await requeueAbandoned(first.deps, second, 0)).toBe(0);
    expect(await second.depth()).toBe(0);

    open();
    await until(async () => (await rows([id!]))[0]!.status === 'done');
    expect(first.runs).toHaveLength(1);
    expect((await rows([id!]))[0]!.attempts).toBe(1);
  });

  it('grades 100 submissions enqueued at once, each exactly once, starting them in submission order', async () => {
    const ids = await submit(100);
    const queues = [await openQueue(), await openQueue()];
    await queues[0]!.enqueue(ids);
    const graders = [grader({ ms: 20 }), grader({ ms: 20 })];
    await Promise.all(graders.map((g, i) => startWorker(g.deps, queues[i]!, 2).start()));
    await until(async () => (await rows(ids)).every((row) => row.status === 'done'));

    const graded = await rows(ids);
    expect(graded.every((row) => row.attempts === 1 && row.verdict === 'passed')).toBe(true);
    expect(graders[0]!.runs.length + graders[1]!.runs.length).toBe(100);
    expect(graders[0]!.runs.length).toBeGreaterThan(0);
    expect(graders[1]!.runs.length).toBeGreaterThan(0);
    // Four slots take jobs oldest first, so a job starts at most a few places from its turn.
    const byStart = [...graded].sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime()).map((r) => r.id);
    const displacement = ids.map((id, turn) => Math.abs(byStart.indexOf(id) - turn));
    expect(Math.max(...displacement)).toBeLessThan(4);
  });

  it('hands a running job back when a worker stops past its deadline, and another grades it once', async () => {
    const [id] = await submit(1);
    const queue = await openQueue();
    const stuck = grader({ gate: new Promise<void>(() => {}) });
    const worker = new GradingWorker(stuck.deps, queue, 1);
    await worker.start();
    await queue.enqueue([id!]);
    await until(async () => (await rows([id!]))[0]!.status === 'running');
    await worker.stop(200);
    expect((await rows([id!]))[0]).toMatchObject({ status: 'queued', attempts: 0, leaseToken: null });

    const next = grader();
    await startWorker(next.deps, await openQueue(), 1).start();
    await until(async () => (await rows([id!]))[0]!.status === 'done');
    expect((await rows([id!]))[0]).toMatchObject({ verdict: 'passed', attempts: 1 });
    expect(next.runs).toHaveLength(1);
    await database.db.delete(labSubmissions).where(eq(labSubmissions.id, id!));
  });
});
