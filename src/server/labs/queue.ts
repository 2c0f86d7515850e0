/**
 * Where grading jobs wait. A job is only the id of a durable `lab_submissions` row: the row, not
 * the queue, says whether the submission is graded, and who holds it (its lease, see grading.ts).
 * So a job delivered twice, or left behind by a process that died, never grades twice — the
 * queue only has to deliver each submission at least once, in the order it was submitted.
 */
export interface GradingQueue {
  /** `in-process` for the embedded database (one process); `pg-boss` for PostgreSQL. */
  readonly kind: 'in-process' | 'pg-boss';
  /** Stores a request to grade each submission, in the order given; resolves once stored. */
  enqueue(submissionIds: readonly string[]): Promise<void>;
  /** Starts handing jobs to `handle`, at most `concurrency` at once, oldest first. */
  work(handle: (submissionId: string) => Promise<void>, concurrency: number): Promise<void>;
  /** Stops handing out new jobs; jobs already handed out run on. */
  stopTaking(): Promise<void>;
  /** Jobs waiting to be taken (across every process sharing the queue). */
  depth(): Promise<number>;
  close(): Promise<void>;
}

/** Where `InProcessQueue` reports a job that threw (a pino or Fastify logger fits). */
interface QueueErrorLog {
  error(details: object, message: string): void;
}

/**
 * The queue of personal mode: in memory, in the one process the embedded database allows. Its
 * jobs are lost with the process, which is why start-up enqueues every row still `queued` (see
 * `requeueAbandoned`); with one process there is no other grader to collide with. A job that
 * throws (the database gone mid-grade) is logged with its submission id, never swallowed; its row,
 * not the queue, holds the work, so a later `requeueAbandoned` sweep enqueues it again.
 */
export class InProcessQueue implements GradingQueue {
  readonly kind = 'in-process';
  private jobs: JobQueue | undefined;
  private readonly early: string[] = [];
  private taking = true;

  constructor(private readonly log: QueueErrorLog) {}

  async enqueue(submissionIds: readonly string[]): Promise<void> {
    for (const id of submissionIds) {
      if (this.jobs && this.taking) this.jobs.enqueue(id);
      else if (!this.early.includes(id)) this.early.push(id);
    }
  }

  async work(handle: (submissionId: string) => Promise<void>, concurrency: number): Promise<void> {
    this.jobs = new JobQueue(concurrency, handle, (submissionId, error) =>
      this.log.error({ err: error, submissionId }, 'grading job failed'),
    );
    this.taking = true;
    for (const id of this.early.splice(0)) this.jobs.enqueue(id);
  }

  async stopTaking(): Promise<void> {
    this.taking = false;
    this.jobs?.pause();
  }

  async depth(): Promise<number> {
    return this.early.length + (this.jobs?.waitingCount ?? 0);
  }

  /** Resolves when nothing is waiting or running (tests). */
  async drain(): Promise<void> {
    await this.jobs?.drain();
  }

  async close(): Promise<void> {
    await this.stopTaking();
  }
}

/**
 * An in-memory job runner with a concurrency limit, which `InProcessQueue` is built on. An id
 * already waiting is not queued twice.
 */
export class JobQueue {
  private readonly waiting: string[] = [];
  private readonly queued = new Set<string>();
  private active = 0;
  private idleWaiters: (() => void)[] = [];
  private paused = false;

  constructor(
    private readonly concurrency: number,
    private readonly work: (id: string) => Promise<void>,
    private readonly onError: (id: string, error: unknown) => void,
  ) {}

  /** Queues a job once: enqueueing an id already waiting does nothing (one running may be queued again). */
  enqueue(id: string): void {
    if (this.queued.has(id)) return;
    this.queued.add(id);
    this.waiting.push(id);
    this.pump();
  }

  /** Jobs not yet started. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** Starts no further job; running ones finish. */
  pause(): void {
    this.paused = true;
  }

  /** Resolves when nothing is running and nothing waits (or the runner is paused). */
  drain(): Promise<void> {
    if (this.active === 0 && (this.paused || this.waiting.length === 0)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.paused && this.active < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      this.queued.delete(id);
      this.active += 1;
      this.work(id)
        .catch((error: unknown) => this.onError(id, error))
        .finally(() => {
          this.active -= 1;
          this.pump();
          if (this.active === 0 && (this.paused || this.waiting.length === 0))
            for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }
}
