import { setTimeout as delay } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { z } from 'zod';
import type { GradingQueue } from './queue.js';

/** The pg-boss queue grading jobs travel on. */
export const GRADING_QUEUE = 'grade-submission';

const JobData = z.object({ submissionId: z.uuid() });
type JobData = z.infer<typeof JobData>;

interface PgQueueOptions {
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
  private taking = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly pollingIntervalSeconds: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  static async open(options: PgQueueOptions): Promise<PgBossQueue> {
    const boss = new PgBoss({
      connectionString: options.url,
      max: 4,
      application_name: 'onsite-grading-queue',
    });
    boss.on('error', options.onError);
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
    return new PgBossQueue(boss, options.pollingIntervalSeconds ?? 0.5, options.onError);
  }

  async enqueue(submissionIds: readonly string[]): Promise<void> {
    // One statement per job, in order: each gets its own created_on, which fixes the order taken.
    for (const submissionId of submissionIds) {
      await this.boss.send(GRADING_QUEUE, { submissionId } satisfies JobData, { singletonKey: submissionId });
    }
  }

  /**
   * Takes jobs with `concurrency` polling loops of our own rather than pg-boss's `work()`: pg-boss 10
   * calls complete()/fail() after a handler without awaiting them, so a connection dropped at that
   * moment (PostgreSQL restarting, a backend terminated) was an unhandled rejection that ended the
   * worker. Here every queue call is awaited and a failure is reported: the verdict is already on
   * the row, and a job left active is taken again after its expiry and skipped.
   */
  async work(handle: (submissionId: string) => Promise<void>, concurrency: number): Promise<void> {
    this.taking = true;
    for (let i = 0; i < concurrency; i++) void this.takeJobs(handle);
  }

  private async takeJobs(handle: (submissionId: string) => Promise<void>): Promise<void> {
    while (this.taking) {
      const job = await this.boss
        .fetch<JobData>(GRADING_QUEUE, { batchSize: 1 })
        .then((jobs) => jobs[0])
        .catch((error: unknown) => {
          this.onError(error);
          return undefined;
        });
      if (!job) {
        await delay(this.pollingIntervalSeconds * 1000);
        continue;
      }
      const data = JobData.safeParse(job.data);
      try {
        // A malformed job can never succeed; completing it drops it instead of retrying forever.
        if (data.success) await handle(data.data.submissionId);
        await this.boss.complete(GRADING_QUEUE, job.id);
      } catch (error) {
        this.onError(error);
        await this.boss.fail(GRADING_QUEUE, job.id).catch(this.onError);
      }
    }
  }

  async stopTaking(): Promise<void> {
    // Jobs already taken finish in their loop (GradingWorker.stop drains them against its deadline).
    this.taking = false;
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
