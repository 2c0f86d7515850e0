import os from 'node:os';
import { inArray } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client.js';
import { labSubmissions, users } from '../src/server/db/schema.js';
import { loadLabs } from '../src/server/labs/load-labs.js';
import { PgBossQueue } from '../src/server/labs/pg-queue.js';
import * as q from '../src/server/labs/queries.js';
import { CONTENT_DIR } from '../src/server/paths.js';
import { createTestPgDatabase } from '../test/database.js';
import { type Started, startEntry } from '../test/processes.js';
import { stats } from './sandbox.js';

/** Submissions per round (BENCH_JOBS); each is the lru-cache reference in JavaScript, all tests. */
const JOBS = Number(process.env.BENCH_JOBS ?? 60);

/**
 * Grading throughput of separate worker processes on one PostgreSQL queue: a burst of submissions
 * enqueued at once (a class's assessment ending together), graded by 1 and then 2 workers (one
 * grading slot each, `npm run worker` as in production, on a database of its own). Prints jobs/s
 * and the p50/p99 of enqueue → verdict, read from the rows' own timestamps.
 */
export async function benchScale(): Promise<void> {
  const created = await createTestPgDatabase();
  const database = await openDatabase({ kind: 'postgres', url: created.url });
  const workers: Started[] = [];
  try {
    const lab = (await loadLabs(CONTENT_DIR)).find((l) => l.slug === 'lru-cache')!;
    const [user] = await database.db.insert(users).values({ displayName: 'Bench' }).returning();
    const queue = await PgBossQueue.open({ url: created.url, onError: () => {} });
    console.log(
      `\nScale-out grading: ${JOBS} submissions enqueued at once (lru-cache, JavaScript, all tests), ${os.cpus().length} cores`,
    );
    console.log(
      'workers  jobs/s  p50 enqueue→verdict  p99 enqueue→verdict  max attempts  load avg (1 min)  not accepted',
    );
    for (const count of [1, 2]) {
      while (workers.length < count) {
        const worker = startEntry('src/server/worker.ts', {
          DATABASE_URL: created.url,
          WORKER_PORT: '0',
          LAB_CONCURRENCY: '1',
          SANDBOX_POOL_SIZE: '1',
          LOG_LEVEL: 'warn',
        });
        workers.push(worker);
      }
      // Warm up: one job per worker, so start-up and the first sandbox are not measured.
      await round(count);
      const figures = await round(JOBS);
      console.log(
        `${String(count).padStart(7)}  ${figures.perSecond.toFixed(2).padStart(6)}  ${`${figures.p50.toFixed(2)} s`.padStart(19)}  ${`${figures.p99.toFixed(2)} s`.padStart(19)}  ${String(figures.attempts).padStart(12)}  ${os.loadavg()[0]!.toFixed(2).padStart(16)}  ${figures.notAccepted || 'none'}`,
      );
    }
    await queue.close();

    async function round(
      jobs: number,
    ): Promise<{ perSecond: number; p50: number; p99: number; notAccepted: string; attempts: number }> {
      const ids: string[] = [];
      const start = Date.now();
      for (let i = 0; i < jobs; i++) {
        const row = await q.insertSubmission(database.db, {
          userId: user!.id,
          labSlug: lab.slug,
          language: 'javascript',
          mode: 'submit',
          code: lab.solutions.javascript!,
          status: 'queued',
          createdAt: new Date(start + i),
        });
        ids.push(row.id);
      }
      await queue.enqueue(ids);
      for (;;) {
        const rows = await database.db.select().from(labSubmissions).where(inArray(labSubmissions.id, ids));
        if (rows.every((row) => row.status === 'done' || row.status === 'error')) {
          const failed = rows.filter((row) => row.verdict !== 'passed');
          // Under a loaded machine the performance test can time out: counted, not hidden.
          const notAccepted = failed.map((row) => row.verdict ?? row.status).join(', ');
          const last = Math.max(...rows.map((row) => row.finishedAt!.getTime()));
          const latencies = rows.map((row) => (row.finishedAt!.getTime() - row.createdAt.getTime()) / 1000);
          const { p50, p99 } = stats(latencies);
          return {
            perSecond: jobs / ((last - start) / 1000),
            p50,
            p99,
            notAccepted,
            attempts: Math.max(...rows.map((row) => row.attempts)),
          };
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    await database.close();
    await created.drop();
  }
}
