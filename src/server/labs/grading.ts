import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Grade } from '../../shared/labs.js';
import type { Db } from '../db/client.js';
import type { WarmPool } from '../sandbox/warm-pool.js';
import { grade, type GradeRequest } from './grader.js';
import * as q from './queries.js';
import type { GradingQueue } from './queue.js';
import type { LabCatalog } from './service.js';

/** Grading attempts per submission before it is given up as an internal error. */
const MAX_GRADING_ATTEMPTS = 3;

export interface GradingDeps {
  db: Db;
  labs: LabCatalog;
  pool: WarmPool;
  now: () => Date;
  log: Pick<FastifyBaseLogger, 'warn' | 'error' | 'info'>;
  /** How long an attempt holds a submission without renewing; renewed every third of it. */
  leaseSeconds: number;
  /** Runs a submission's tests: the real sandbox unless a test deliberately fakes it. */
  runTests?: (pool: WarmPool, request: GradeRequest) => Promise<Grade>;
}

/**
 * How one job ended: `graded` (a verdict, or a final internal error, recorded), `retry` (the grading
 * machinery failed; queue it again), `skipped` (already graded, or held by a live attempt),
 * `discarded` (our lease was taken over, so our result was dropped) or `handed_back` (stopped).
 */
export type JobOutcome = 'graded' | 'retry' | 'skipped' | 'discarded' | 'handed_back';

/**
 * One grading attempt. The row is claimed under a fresh lease token before any user code runs, the
 * lease is renewed while the tests run, and the verdict is written only if the token still holds
 * the row (`finishAttempt`). So two graders racing the same job produce one verdict, a grader that
 * died is replaced once its lease runs out, and a late result from a stalled one is dropped.
 * Aborting `signal` hands the submission back (`queued`, attempt not counted) without a verdict.
 */
export async function gradeSubmission(deps: GradingDeps, id: string, signal?: AbortSignal): Promise<JobOutcome> {
  const token = randomUUID();
  const row = await q.claimSubmission(deps.db, id, token, deps.leaseSeconds);
  if (!row) return 'skipped';
  const attempt = row.attempts;
  const finish = async (changes: Parameters<typeof q.finishAttempt>[3], outcome: JobOutcome) => {
    const recorded = await q.finishAttempt(deps.db, id, token, changes);
    if (recorded) return outcome;
    deps.log.warn({ submission: id, attempt }, 'grading result discarded: another attempt took over the lease');
    return 'discarded';
  };
  const lab = deps.labs.find(row.labSlug);
  if (!lab) {
    return finish(
      {
        status: 'error',
        verdict: 'internal_error',
        error: `The lab "${row.labSlug}" no longer exists.`,
        finishedAt: deps.now(),
      },
      'graded',
    );
  }
  if (attempt > MAX_GRADING_ATTEMPTS) {
    // Every earlier attempt died mid-grade (its lease ran out): stop feeding the submission to graders.
    return finish(
      {
        status: 'error',
        verdict: 'internal_error',
        error: row.error ?? 'Grading was interrupted too many times.',
        finishedAt: deps.now(),
      },
      'graded',
    );
  }

  const heartbeat = setInterval(
    () =>
      void q.renewLease(deps.db, id, token, deps.leaseSeconds).then(
        (held) => held || deps.log.warn({ submission: id, attempt }, 'grading lease lost'),
        (error: unknown) => deps.log.warn({ submission: id, attempt, err: error }, 'could not renew grading lease'),
      ),
    (deps.leaseSeconds * 1000) / 3,
  );
  heartbeat.unref();
  try {
    const running = (deps.runTests ?? grade)(deps.pool, {
      lab,
      language: row.language,
      code: row.code,
      scope: row.mode === 'submit' ? 'all' : 'visible',
    });
    const result = await untilAborted(running, signal);
    if (result === ABORTED) {
      return finish({ status: 'queued', attempts: attempt - 1, startedAt: null }, 'handed_back');
    }
    return await finish(
      {
        status: 'done',
        verdict: result.verdict,
        passed: result.passed,
        total: result.total,
        score: result.score,
        result,
        error: null,
        finishedAt: deps.now(),
      },
      'graded',
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    deps.log.error({ submission: id, attempt, err: error }, 'grading failed');
    const final = attempt >= MAX_GRADING_ATTEMPTS;
    return finish(
      {
        status: final ? 'error' : 'queued',
        error: `Grading failed (attempt ${attempt} of ${MAX_GRADING_ATTEMPTS}): ${message}`,
        ...(final ? { verdict: 'internal_error', finishedAt: deps.now() } : {}),
      },
      final ? 'graded' : 'retry',
    );
  } finally {
    clearInterval(heartbeat);
  }
}

const ABORTED = Symbol('aborted');

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T | typeof ABORTED> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(ABORTED);
  return Promise.race([
    work,
    new Promise<typeof ABORTED>((resolve) => signal.addEventListener('abort', () => resolve(ABORTED), { once: true })),
  ]);
}

/**
 * Finds work nobody will deliver otherwise and enqueues it: rows whose lease ran out (their grader
 * died), and rows `queued` since before `grace` ago (the process that inserted one died before its
 * enqueue was stored). Rows under a live lease are left alone, so any number of instances may run
 * this at any time — at start-up and periodically — without grading anything twice.
 */
export async function requeueAbandoned(
  deps: Pick<GradingDeps, 'db' | 'now'>,
  queue: GradingQueue,
  graceMs: number,
): Promise<number> {
  const expired = await q.requeueExpiredLeases(deps.db);
  const waiting = await q.listQueuedSubmissionIds(deps.db, new Date(deps.now().getTime() - graceMs));
  const ids = [...new Set([...expired, ...waiting])];
  await queue.enqueue(ids);
  return expired.length;
}

/** What a grading worker reports about each job (metrics, see labs/metrics.ts). */
export interface JobReport {
  submissionId: string;
  outcome: JobOutcome | 'crashed';
  /** Seconds from submission to verdict, when this job recorded one. */
  latencySeconds: number | null;
  durationSeconds: number;
}

/**
 * Takes jobs from a queue and grades them, tracking what is in flight so that `stop` can drain:
 * stop taking, let running jobs finish until the deadline, then hand the rest back.
 */
export class GradingWorker {
  private readonly inFlight = new Map<string, { done: Promise<void>; abort: AbortController }>();
  private stopping = false;

  constructor(
    private readonly deps: GradingDeps,
    private readonly queue: GradingQueue,
    private readonly concurrency: number,
    private readonly onJob: (report: JobReport) => void = () => {},
  ) {}

  /** Jobs being graded by this process now. */
  get busy(): number {
    return this.inFlight.size;
  }

  get slots(): number {
    return this.stopping ? 0 : this.concurrency;
  }

  get accepting(): boolean {
    return !this.stopping;
  }

  async start(): Promise<void> {
    await this.queue.work((id) => this.run(id), this.concurrency);
  }

  private async run(id: string): Promise<void> {
    const abort = new AbortController();
    const started = performance.now();
    let settle!: () => void;
    const done = new Promise<void>((resolve) => (settle = resolve));
    this.inFlight.set(id, { done, abort });
    let outcome: JobReport['outcome'] = 'crashed';
    try {
      outcome = await gradeSubmission(this.deps, id, abort.signal);
      if (outcome === 'retry' || outcome === 'handed_back') await this.queue.enqueue([id]);
    } finally {
      this.inFlight.delete(id);
      settle();
      const row = outcome === 'graded' ? await q.findSubmission(this.deps.db, id).catch(() => undefined) : undefined;
      const report: JobReport = {
        submissionId: id,
        outcome,
        latencySeconds:
          row?.finishedAt && row.createdAt ? (row.finishedAt.getTime() - row.createdAt.getTime()) / 1000 : null,
        durationSeconds: (performance.now() - started) / 1000,
      };
      this.deps.log.info({ ...report, attempt: row?.attempts, verdict: row?.verdict ?? null }, 'grading job finished');
      this.onJob(report);
    }
  }

  /**
   * Stops taking jobs, waits up to `deadlineMs` for those running, then hands back the rest (their
   * rows return to `queued` and are enqueued again for another worker).
   */
  async stop(deadlineMs: number): Promise<void> {
    this.stopping = true;
    await this.queue.stopTaking();
    const running = () => Promise.all([...this.inFlight.values()].map((job) => job.done));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deadlineMs)));
    const result = await Promise.race([running().then(() => 'drained' as const), late]);
    clearTimeout(timer);
    if (result === 'late') {
      this.deps.log.warn({ jobs: [...this.inFlight.keys()] }, 'shutdown deadline reached: handing grading jobs back');
      for (const job of this.inFlight.values()) job.abort.abort();
      await running();
    }
  }
}
