import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { ErrorCode } from '../shared/error-codes.js';
import { ConfigError, loadConfig } from './config.js';
import { ContentError } from './content/load-content.js';
import { openDatabase } from './db/client.js';
import { problemBody } from './errors.js';
import { LabBackground } from './labs/background.js';
import { loadLabs } from './labs/load-labs.js';
import { PgBossQueue } from './labs/pg-queue.js';
import { LabCatalog } from './labs/service.js';
import { releaseCgroups } from './sandbox/cgroup.js';
import { configureSandbox, sandboxUnavailableReason, sweepStaleRunDirs } from './sandbox/sandbox.js';
import { WarmPool } from './sandbox/warm-pool.js';

function fail(message: string): never {
  console.error(`Onsite worker will not start: ${message}`);
  process.exit(1);
}

/**
 * A grading worker: takes jobs from the shared pg-boss queue and grades them in the sandbox, with
 * a small HTTP server on WORKER_PORT for /healthz, /readyz and /metrics. Refuses to start without
 * PostgreSQL (the queue) or without the sandbox (it would fail every job). SIGTERM drains: stop
 * taking jobs, finish running ones within SHUTDOWN_DEADLINE_SECONDS, hand back the rest.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const log = pino({ name: 'onsite-worker', level: config.logLevel });
  if (!config.databaseUrl) fail('DATABASE_URL is not set: workers take jobs from the PostgreSQL queue.');
  configureSandbox({ bwrap: config.sandboxBwrap });
  const sandboxProblem = sandboxUnavailableReason();
  if (sandboxProblem) fail(`labs cannot be graded on this machine: ${sandboxProblem}`);
  let labs;
  try {
    labs = await loadLabs(config.contentDir);
  } catch (error) {
    if (error instanceof ContentError) fail(error.message);
    throw error;
  }

  const database = await openDatabase({ kind: 'postgres', url: config.databaseUrl });
  const queue = await PgBossQueue.open({
    url: config.databaseUrl,
    onError: (error) => log.error({ err: error }, 'grading queue error'),
  });
  sweepStaleRunDirs();
  const pool = new WarmPool({ size: config.sandboxPoolSize });
  if (config.sandboxPoolSize > 0) pool.warm();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // A worker grades and requeues work nobody will deliver; closing expired assessments is the web
  // instances' (each sweeps, see labs/background.ts).
  const worker = new LabBackground({
    db: database.db,
    labs: new LabCatalog(labs),
    pool,
    now: () => new Date(),
    log,
    leaseSeconds: config.labLeaseSeconds,
    queue,
    concurrency: config.labConcurrency,
    sandboxProblem: sandboxUnavailableReason,
    sweepAssessments: false,
    metrics: registry,
  });

  const server = http.createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      log.error({ err: error }, 'worker status request failed');
      if (!response.headersSent) problem(response, 'internal_error', 'The worker could not answer.');
    });
  });
  const serve = async (request: http.IncomingMessage, response: http.ServerResponse) => {
    const route = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return problem(response, 'method_not_allowed', 'Only GET is served here.');
    if (route === '/healthz') return json(response, 200, { status: 'ok' });
    if (route === '/readyz') {
      const databaseUp = await database.ping().then(
        () => true,
        () => false,
      );
      const depth = await queue.depth().catch(() => null);
      // Unlike a web instance with external workers, a worker is no use without its sandbox.
      const sandboxProblem = sandboxUnavailableReason();
      const checks = {
        accepting: worker.accepting,
        database: databaseUp ? 'up' : 'down',
        queue: { status: depth === null ? 'down' : 'up', depth },
        sandbox: { status: sandboxProblem ? 'down' : 'up', reason: sandboxProblem },
        busy: worker.busy,
      };
      if (!worker.accepting) return problem(response, 'draining', 'The worker is shutting down.', checks);
      if (!databaseUp) return problem(response, 'database_unavailable', 'The database is not reachable.', checks);
      if (depth === null) return problem(response, 'queue_unavailable', 'The grading queue is not reachable.', checks);
      if (sandboxProblem) {
        return problem(response, 'sandbox_unavailable', `Labs cannot be graded here: ${sandboxProblem}.`, checks);
      }
      return json(response, 200, { status: 'ready', slots: worker.slots, ...checks });
    }
    if (route === '/metrics') {
      if (config.metricsToken) {
        const header = request.headers.authorization ?? '';
        const sent = Buffer.from(header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '');
        const expected = Buffer.from(config.metricsToken);
        if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
          response.setHeader('www-authenticate', 'Bearer realm="metrics"');
          return problem(response, 'metrics_token_required', 'Send Authorization: Bearer <METRICS_TOKEN>.');
        }
      }
      response.writeHead(200, { 'content-type': registry.contentType });
      return response.end(await registry.metrics());
    }
    return problem(response, 'route_not_found', `No route for GET ${route}.`);
  };
  await new Promise<void>((resolve) => server.listen(config.workerPort, config.host, resolve));

  await worker.start();
  const address = server.address();
  log.info(
    {
      port: typeof address === 'object' && address ? address.port : config.workerPort,
      concurrency: config.labConcurrency,
    },
    'worker ready: taking grading jobs',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, deadlineSeconds: config.shutdownDeadlineSeconds }, 'draining: taking no new jobs');
    setTimeout(
      () => {
        log.error('shutdown deadline passed: exiting with jobs unfinished');
        process.exit(1);
      },
      (config.shutdownDeadlineSeconds + 5) * 1000,
    ).unref();
    await worker.stop(config.shutdownDeadlineSeconds * 1000);
    await queue.close();
    await pool.close();
    releaseCgroups();
    await database.close();
    server.close();
    log.info('worker shut down cleanly');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

function json(response: http.ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function problem(response: http.ServerResponse, code: ErrorCode, detail: string, extra: object = {}): void {
  const body = problemBody(code, detail);
  response.writeHead(body.status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ ...body, ...extra }));
}

await main();
