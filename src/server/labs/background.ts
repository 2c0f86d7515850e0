import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { sandboxUnavailableReason } from '../sandbox/sandbox.js';
import { GradingWorker, requeueAbandoned, type GradingDeps, type JobReport } from './grading.js';
import { registerGradingMetrics } from './metrics.js';
import type { GradingQueue } from './queue.js';
import { sweepExpiredAssessments } from './assessments.js';

/**
 * The longest pause between sweeps for grading work nobody will deliver and for assessments whose
 * countdown ran out; shorter than the shortest countdown (a minute), so every instance sees each
 * assessment before it ends.
 */
const SWEEP_MS = 15_000;

/** A row `queued` this long without being taken is enqueued again by a shared queue (a duplicate is a no-op). */
const LOST_ENQUEUE_GRACE_MS = 60_000;

interface LabBackgroundDeps extends GradingDeps {
  queue: GradingQueue;
  /** Grading slots of this process, or null when it only enqueues (external workers grade). */
  concurrency: number | null;
  /** Why this machine cannot run the sandbox, or null; a process that cannot does not take jobs. */
  sandboxProblem: () => string | null;
  /** Whether this process closes timed assessments whose countdown ran out (web instances do). */
  sweepAssessments: boolean;
  /** Where the grading metrics (queue depth, slots, jobs by outcome) are registered. */
  metrics: Registry;
}

/**
 * What a process does with labs besides answering requests: takes grading jobs (when it grades),
 * puts back work nobody will deliver (a dead grader's, a lost enqueue's) and closes timed
 * assessments whose countdown reached zero. The web entry runs it beside the HTTP app (grading too
 * in the single-process default), a worker process (src/server/worker.ts) runs it alone.
 *
 * Requeueing is safe from every instance at once (see `requeueAbandoned`), and so is closing
 * assessments (exactly once, see `sweepExpiredAssessments`).
 */
export class LabBackground {
  /** The grader of this process, or undefined when it only enqueues. */
  private readonly worker: GradingWorker | undefined;
  private requeueTimer: NodeJS.Timeout | undefined;
  private countdownTimer: NodeJS.Timeout | undefined;
  private sweepFailures = 0;
  private stopping = false;

  /**
   * Rows `queued` longer than this are enqueued again. 0 for the in-process queue: its jobs die
   * with the process, so at start every such row is this process's to enqueue.
   */
  private readonly requeueGraceMs: number;

  constructor(private readonly deps: LabBackgroundDeps) {
    let observe: (report: JobReport) => void = () => {};
    this.worker =
      deps.concurrency === null
        ? undefined
        : new GradingWorker(deps, deps.queue, deps.concurrency, (report) => observe(report));
    observe = registerGradingMetrics(deps.metrics, { queue: deps.queue, worker: this.worker });
    this.requeueGraceMs = deps.queue.kind === 'in-process' ? 0 : LOST_ENQUEUE_GRACE_MS;
  }

  /** Whether this process takes grading jobs now (false when it only enqueues, or is draining). */
  get accepting(): boolean {
    return this.worker?.accepting ?? false;
  }

  /** Grading slots this process offers now (0 when it only enqueues, or is draining). */
  get slots(): number {
    return this.worker?.slots ?? 0;
  }

  /** Jobs this process is grading now. */
  get busy(): number {
    return this.worker?.busy ?? 0;
  }

  /**
   * Starts taking jobs (unless the sandbox is unavailable here), then sweeps once for abandoned
   * work and expired assessments and keeps sweeping. A database that is down at start-up is
   * reported by readiness; both sweeps are retried on their timers.
   */
  async start(): Promise<void> {
    if (this.worker && !this.deps.sandboxProblem()) await this.worker.start();
    await this.requeue();
    this.requeueTimer = setInterval(() => void this.requeue(), SWEEP_MS).unref();
    if (this.deps.sweepAssessments) await this.sweepAssessments();
  }

  /** Stops sweeping, then stops grading: running jobs get `deadlineMs` to finish before they are handed back. */
  async stop(deadlineMs: number): Promise<void> {
    this.stopping = true;
    clearInterval(this.requeueTimer);
    clearTimeout(this.countdownTimer);
    await this.worker?.stop(deadlineMs);
  }

  private async requeue(): Promise<void> {
    const { log } = this.deps;
    await requeueAbandoned(this.deps, this.deps.queue, this.requeueGraceMs)
      .then((expired) => expired > 0 && log.warn({ expired }, 'requeued grading jobs whose lease ran out'))
      .catch((error: unknown) => log.error({ err: error }, 'could not requeue abandoned grading jobs'));
  }

  /**
   * Expired assessments are closed at the moment their countdown reaches zero: every sweep
   * schedules the next one for the earliest end still to come, and no later than SWEEP_MS. A sweep
   * that failed (the database busy or away) is tried again after 1 s, doubling to SWEEP_MS, so
   * countdowns that ended meanwhile are closed seconds late rather than a whole period.
   */
  private async sweepAssessments(): Promise<void> {
    const { deps } = this;
    let nextMs = SWEEP_MS;
    try {
      const { nextEndsAt } = await sweepExpiredAssessments(deps);
      this.sweepFailures = 0;
      if (nextEndsAt) nextMs = Math.min(SWEEP_MS, Math.max(0, nextEndsAt.getTime() - deps.now().getTime()));
    } catch (error) {
      deps.log.error({ err: error }, 'assessment sweep failed');
      nextMs = Math.min(SWEEP_MS, 1_000 * 2 ** this.sweepFailures++);
    }
    if (!this.stopping) this.countdownTimer = setTimeout(() => void this.sweepAssessments(), nextMs).unref();
  }
}

/**
 * Runs a `LabBackground` beside an HTTP app, as the web entry (src/server/main.ts) and the tests'
 * app (test/app.ts) both compose it: it logs through the app's logger, starts when the app is
 * ready, closes expired assessments, and stops when the app closes, giving running grading jobs
 * `stopDeadlineMs` to finish. A process that grades (`concurrency` set) takes jobs only while
 * this machine can run the sandbox; one that only enqueues never asks.
 */
export function attachLabBackground(
  app: FastifyInstance,
  deps: Omit<LabBackgroundDeps, 'log' | 'sandboxProblem' | 'sweepAssessments'>,
  stopDeadlineMs: number,
): LabBackground {
  const background = new LabBackground({
    ...deps,
    log: app.log,
    sandboxProblem: sandboxUnavailableReason,
    sweepAssessments: true,
  });
  app.addHook('onReady', () => background.start());
  app.addHook('onClose', () => background.stop(stopDeadlineMs));
  return background;
}
