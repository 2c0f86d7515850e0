import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { GradingWorker, JobReport } from './grading.js';
import type { GradingQueue } from './queue.js';

/**
 * Grading metrics, on the registry of the process that serves them (a web instance or a worker):
 *
 * - `onsite_grading_queue_depth`: jobs waiting for a grader, across every process sharing the queue
 *   (the same figure from each instance: aggregate with `max`, not `sum`).
 * - `onsite_grading_workers`: grading slots this process offers now (0 while draining); `sum` over
 *   instances is the fleet's worker count.
 * - `onsite_grading_jobs_in_flight`: jobs this process is grading now.
 * - `onsite_grading_latency_seconds`: submission → verdict, for each verdict this process recorded.
 * - `onsite_grading_jobs_total{outcome}`: jobs by how they ended (graded, retry, skipped, discarded,
 *   handed_back, crashed).
 *
 * Returns the function a worker calls after each job.
 */
export function registerGradingMetrics(
  registry: Registry,
  source: { queue: GradingQueue; worker: GradingWorker | undefined },
): (report: JobReport) => void {
  new Gauge({
    name: 'onsite_grading_queue_depth',
    help: 'Grading jobs waiting for a grader (shared queue: the same value on every instance)',
    registers: [registry],
    async collect() {
      this.set(await source.queue.depth().catch(() => Number.NaN));
    },
  });
  new Gauge({
    name: 'onsite_grading_workers',
    help: 'Grading slots this process offers (0 when it does not grade or is draining); sum over instances',
    registers: [registry],
    collect() {
      this.set(source.worker?.slots ?? 0);
    },
  });
  new Gauge({
    name: 'onsite_grading_jobs_in_flight',
    help: 'Grading jobs this process is running now',
    registers: [registry],
    collect() {
      this.set(source.worker?.busy ?? 0);
    },
  });
  const latency = new Histogram({
    name: 'onsite_grading_latency_seconds',
    help: 'Submission stored → verdict recorded, for verdicts this process recorded',
    buckets: [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'onsite_grading_jobs_total',
    help: 'Grading jobs this process ran, by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  return (report) => {
    jobs.inc({ outcome: report.outcome });
    if (report.latencySeconds !== null) latency.observe(report.latencySeconds);
  };
}
