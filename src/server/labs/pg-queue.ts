import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { GradingQueue } from './queue.js';

/** The pg-boss queue grading jobs travel on. */
export const GRADING_QUEUE = 'grade-submission';

const JobData = z.object({ submissionId: z.uuid() });
export type JobData = z.infer<typeof JobData>;

export interface PgQueueOptions {
  url: string;
  /** How often an idle worker asks for a job, in seconds (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  onError: (error: unknown) => void;
}

/**
 * The grading queue of hosted mode: pg-boss, in its own `pgboss` schema of the same PostgreSQL
 * database, so a job is as durable as the submission it names and needs no other service.
 *
 * The queue uses pg-boss's `short` policy keyed by submission id: at most one waiting job per
 * submission, so re-enqueueing a submission that is already waiting (the periodic sweep of rows
 * left `queued`) is a no-op rather than a duplicate. Not `stately`: that also allows one *active*
 * job per key, so the job a killed worker held (active until pg-boss's expiry, minutes away) would
 * block the retry the sweep enqueues once the lease runs out. Jobs are taken oldest first
 * (`FOR UPDATE SKIP LOCKED` in pg-boss), which is what grades a class's simultaneous submissions
 * in order. pg-boss's own expiry and retry are only a backstop: retries of a dead worker's job
 * come from the submission's lease (see grading.ts), which a working grader keeps renewing.
 */
export class PgBossQueue implements GradingQueue {
  readonly kind = 'pg-boss';
  private readonly workerIds: string[] = [];

  private constructor(
    private readonly boss: PgBoss,
    private readonly pollingIntervalSeconds: number,
  ) {}

  static async open(options: PgQueueOptions): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString: options.url,
      max: 4,
      application_name: 'onsite-grading-queue',
    });
    boss.on('error', options.onError);
    // pg-boss 10 calls complete()/fail() after a job's handler without awaiting them (manager.js
    // `onFetch`), so a connection dropped at that moment (PostgreSQL restarting, a backend
    // terminated) was an unhandled rejection that ended the worker. Reported instead: the verdict is
    // already on the row, and a job left active is taken again after its expiry and skipped.
    for (const method of ['complete', 'fail'] as const) {
      const original = boss[method].bind(boss) as (...args: unknown[]) => Promise<unknown>;
      (boss as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
        original(...args).catch((error: unknown) => {
          options.onError(error);
          return { jobs: [], requested: 0, affected: 0 };
        });
    }
    await boss.start();
    const queue = {
      name: GRADING_QUEUE,
      policy: 'short',
      retryLimit: 10,
      retryDelay: 1,
      retryBackoff: true,
      // Far above any grading (seconds): the lease, not this, notices a dead worker.
      expireInSeconds: 15 * 60,
      retentionDays: 1,
    } as const;
    await boss.createQueue(GRADING_QUEUE, queue);
    // A queue created by an earlier version (policy `stately`) is brought to this one.
    if ((await boss.getQueue(GRADING_QUEUE))?.policy !== queue.policy) await boss.updateQueue(GRADING_QUEUE, queue);
    return new PgBossQueue(boss, options.pollingIntervalSeconds ?? 0.5);
  }

  async enqueue(submissionIds: readonly string[]): Promise<void> {
    // One statement per job, in order: each gets its own created_on, which fixes the order taken.
    for (const submissionId of submissionIds) {
      await this.boss.send(GRADING_QUEUE, { submissionId } satisfies JobData, { singletonKey: submissionId });
    }
  }

  async work(handle: (submissionId: string) => Promise<void>, concurrency: number): Promise<void> {
    // pg-boss 10 runs one job at a time per worker, so concurrency is that many workers.
    for (let i = 0; i < concurrency; i++) {
      const id = await this.boss.work<JobData>(
        GRADING_QUEUE,
        { batchSize: 1, pollingIntervalSeconds: this.pollingIntervalSeconds },
        async ([job]) => {
          if (!job) return;
          const data = JobData.safeParse(job.data);
          // A malformed job can never succeed; completing it drops it instead of retrying forever.
          if (!data.success) return;
          await handle(data.data.submissionId);
        },
      );
      this.workerIds.push(id);
    }
  }

  async stopTaking(): Promise<void> {
    for (const id of this.workerIds.splice(0)) await this.boss.offWork({ id });
  }

  async depth(): Promise<number> {
    return this.boss.getQueueSize(GRADING_QUEUE);
  }

  async close(): Promise<void> {
    await this.stopTaking();
    // Our own drain already ran (see GradingWorker.stop); this only lets pg-boss record the last completions.
    await this.boss.stop({ graceful: true, timeout: 2_000, wait: true });
  }
}
