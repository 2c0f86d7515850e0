import path from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createLlmClient } from './ai/client.js';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { ContentError, loadCurriculum } from './content/load-content.js';
import { syncCurriculum } from './content/queries.js';
import { createCatalog } from './curriculum/service.js';
import { openDatabase } from './db/client.js';
import { loadLabs } from './labs/load-labs.js';
import { bufferedLogDestination } from './log-destination.js';
import { createRedisLiveHub, LiveHub } from './mocks/live.js';
import { LabCatalog } from './labs/service.js';
import { WarmPool } from './sandbox/warm-pool.js';
import { configureSandbox, sandboxUnavailableReason, sweepStaleRunDirs } from './sandbox/sandbox.js';
import { attachLabBackground } from './labs/background.js';
import { PgBossQueue } from './labs/pg-queue.js';
import { type GradingQueue, InProcessQueue } from './labs/queue.js';
import { releaseCgroups, sandboxIsolation } from './sandbox/cgroup.js';
import { createBucketStore } from './rate-limit/token-bucket.js';
import { RedisLink } from './redis.js';

/**
 * Start-up, in order: configuration, content (the server refuses to start on invalid content),
 * database and migrations, the idempotent content sync, then the HTTP server with the labs'
 * background work (grading, requeueing, the assessment countdown) beside it.
 */
async function main(): Promise<void> {
  const logDestination = bufferedLogDestination();
  const bootLog = pino({ name: 'onsite' }, logDestination.stream);
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = bootLog.child({}, { level: config.logLevel });

  let curriculum;
  let labs;
  try {
    curriculum = await loadCurriculum(config.contentDir);
    labs = await loadLabs(config.contentDir);
  } catch (error) {
    if (error instanceof ContentError) {
      console.error(`Onsite will not start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }

  const database = await openDatabase(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl }
      : { kind: 'embedded', dataDir: path.join(config.dataDir, 'db') },
  );
  const counts = await syncCurriculum(database.db, curriculum);
  log.info(
    { database: database.kind, questions: curriculum.questions.length, labs: labs.length, sync: counts },
    'content synced',
  );

  // Redis is optional even when configured: without it, limits and live updates stay per instance.
  const redis = config.redisUrl ? new RedisLink(config.redisUrl, log) : undefined;
  const rateLimits = createBucketStore(redis);
  const live = redis ? createRedisLiveHub(redis) : new LiveHub();
  configureSandbox({ bwrap: config.sandboxBwrap });
  const external = config.labWorkers === 'external';
  // With external workers the sandbox is theirs to have; this process never runs user code.
  const sandboxProblem = external ? null : sandboxUnavailableReason();
  if (sandboxProblem) log.warn(`labs cannot be graded on this machine: ${sandboxProblem}`);
  // Output folders and database snapshots a server that died left in the temp folder.
  const swept = sweepStaleRunDirs();
  const isolation = sandboxIsolation();
  if (isolation.level === 'process-limits') {
    log.warn(
      { isolation: isolation.level, swept },
      `sandboxes run without a cgroup, so CPU, memory and processes are limited per process only: ${isolation.reason}`,
    );
  } else {
    log.info({ isolation: isolation.level, swept }, 'sandboxes run in a cgroup each');
  }
  const pool = new WarmPool({ size: config.sandboxPoolSize });
  if (!sandboxProblem && !external && config.sandboxPoolSize > 0) pool.warm();
  // PostgreSQL carries the queue (pg-boss), so instances and workers share it; the embedded database
  // is one process's, and so is its queue.
  const queue: GradingQueue = config.databaseUrl
    ? await PgBossQueue.open({
        url: config.databaseUrl,
        onError: (error) => log.error({ err: error }, 'grading queue error'),
      })
    : new InProcessQueue(log);
  const labCatalog = new LabCatalog(labs);
  const metrics = new Registry();
  const app = await buildApp({
    config,
    database,
    catalog: createCatalog(curriculum),
    rateLimits,
    labs: { catalog: labCatalog, pool, queue, workers: config.labWorkers },
    metrics,
    live,
    redis,
    ...(config.llm ? { llm: { config: config.llm, client: createLlmClient(config.llm, log) } } : {}),
    logger: { level: config.logLevel, stream: logDestination.stream },
  });
  // Beside the HTTP app, this process requeues abandoned grading work and closes expired
  // assessments; it grades too unless external workers (src/server/worker.ts) do.
  attachLabBackground(
    app,
    {
      db: database.db,
      labs: labCatalog,
      pool,
      now: () => new Date(),
      leaseSeconds: config.labLeaseSeconds,
      queue,
      concurrency: external ? null : config.labConcurrency,
      metrics,
    },
    config.shutdownDeadlineSeconds * 1000,
  );
  log.info(
    {
      mode: config.mode,
      rateLimits: config.redisUrl ? 'redis' : 'memory',
      queue: queue.kind,
      workers: config.labWorkers,
      ai: config.llm ? { model: config.llm.model, provider: new URL(config.llm.url).host } : 'off',
    },
    'ready to serve',
  );
  let stopping = false;
  /**
   * Graceful shutdown: Fastify stops listening and answers 503 (readiness included) on connections
   * still open, in-flight requests finish, then grading jobs finish or are handed back (onClose).
   * Past the deadline the process exits anyway; anything unfinished is retried after its lease.
   */
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, deadlineSeconds: config.shutdownDeadlineSeconds }, 'draining before shutdown');
    setTimeout(
      () => {
        app.log.error('shutdown deadline passed: exiting with work unfinished');
        process.exit(1);
      },
      (config.shutdownDeadlineSeconds + 5) * 1000,
    ).unref();
    // A keep-alive connection whose request finishes while draining is closed as soon as it idles.
    const closeIdle = setInterval(() => app.server.closeIdleConnections(), 100);
    await app.close();
    clearInterval(closeIdle);
    await queue.close();
    await pool.close();
    releaseCgroups();
    await rateLimits.close();
    await live.close();
    await redis?.close();
    await database.close();
    app.log.info('shut down cleanly');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
}

await main();
