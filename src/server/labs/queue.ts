/**
 * An in-process job queue with a concurrency limit. Jobs are ids of durable rows (the submission
 * table is the source of truth), so the queue itself may be lost in a crash without losing work:
 * start-up re-enqueues whatever was left queued or running. Swapping this class for a distributed
 * queue (e.g. Redis streams) only needs the same `enqueue` and `drain`.
 */
export class JobQueue {
  private readonly waiting: string[] = [];
  private readonly queued = new Set<string>();
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly work: (id: string) => Promise<void>,
    private readonly onError: (id: string, error: unknown) => void,
  ) {}

  /** Queues a job once: enqueueing an id already waiting or running does nothing. */
  enqueue(id: string): void {
    if (this.queued.has(id)) return;
    this.queued.add(id);
    this.waiting.push(id);
    this.pump();
  }

  get size(): number {
    return this.waiting.length + this.active;
  }

  /** Resolves when nothing is waiting or running. */
  drain(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.active < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      this.active += 1;
      this.work(id)
        .catch((error: unknown) => this.onError(id, error))
        .finally(() => {
          this.active -= 1;
          this.queued.delete(id);
          this.pump();
          if (this.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }
}
