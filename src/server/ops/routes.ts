import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { Problem } from '../../shared/api.js';
import { type CodeOfStatus, ERROR_CATALOGUE } from '../../shared/error-codes.js';
import type { Database } from '../db/client.js';
import { notFound, problemBody, unauthenticated } from '../errors.js';
import type { GradingQueue } from '../labs/queue.js';
import type { RedisLink } from '../redis.js';
import { sandboxIsolation } from '../sandbox/cgroup.js';
import { sandboxUnavailableReason } from '../sandbox/sandbox.js';

/** How long a readiness probe waits for the database before calling it down. */
const PROBE_TIMEOUT_MS = 1_000;

const DependencyStatus = z.enum(['up', 'down', 'not_configured']);
const Checks = {
  database: z.object({
    status: DependencyStatus,
    required: z.literal(true),
    kind: z.enum(['embedded', 'postgres']),
  }),
  redis: z
    .object({ status: DependencyStatus, required: z.literal(false) })
    .describe('Optional: while it is down, rate limits and live updates work per instance'),
  sandbox: z
    .object({
      status: DependencyStatus,
      required: z.literal(false),
      reason: z.string().nullable(),
      isolation: z
        .enum(['cgroup-v2', 'cgroup-v1', 'process-limits'])
        .nullable()
        .describe(
          'How sandboxes are isolated here: a cgroup each (v2 or v1), or per-process limits only; null when this process runs none',
        ),
    })
    .describe(
      'Optional: while it is down, lab submissions cannot be graded. `not_configured` with external workers (LAB_WORKERS=external): they run the sandbox, and their own /readyz reports it',
    ),
  queue: z
    .object({
      status: z.enum(['up', 'down']),
      required: z.boolean(),
      kind: z.enum(['in-process', 'pg-boss']),
      depth: z.number().int().nullable(),
      graders: z.enum(['inline', 'external']),
    })
    .describe(
      'The grading queue: required when it is pg-boss on PostgreSQL (submissions are enqueued there); `depth` is jobs waiting; `graders` says whether this process grades (`inline`) or only enqueues (`external`)',
    ),
};
type CheckValues = { [K in keyof typeof Checks]: z.output<(typeof Checks)[K]> };
const Health = z.object({ status: z.literal('ok') });
const Ready = z
  .object({ status: z.enum(['ready', 'degraded']), ...Checks })
  .describe('`degraded`: an optional dependency is down and the instance serves without it');
const NotReady = Problem.extend(Checks);

interface OpsOptions {
  database: Database;
  metrics: Registry;
  redis: RedisLink | undefined;
  /** Bearer token that /metrics requires; without one, hosted mode does not serve metrics. */
  metricsToken: string | undefined;
  mode: 'personal' | 'hosted';
  /** Where submissions are enqueued, and whether this process grades them or leaves that to workers. */
  grading: { queue: GradingQueue; workers: 'inline' | 'external' };
}

/** Liveness, readiness and Prometheus metrics, outside the versioned API. */
export const opsRoutes: FastifyPluginAsyncZod<OpsOptions> = async (app, options) => {
  const { database, metrics, redis, metricsToken, mode, grading } = options;

  app.get(
    '/healthz',
    { schema: { tags: ['operations'], summary: 'Liveness: the process is up', response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary:
          'Readiness of each dependency: database and the PostgreSQL grading queue (required), Redis and the sandbox (optional)',
        description:
          '`200` while the database answers (`status: degraded` if Redis or the sandbox is down); `503` problem+json `database_unavailable` or `queue_unavailable`, with every check, when a required one does not. With external workers the sandbox is theirs and not counted here.',
        response: { 200: Ready, 503: NotReady },
      },
    },
    async (request, reply) => {
      const databaseUp = await withTimeout(database.ping(), PROBE_TIMEOUT_MS).then(
        () => true,
        (error: unknown) => {
          request.log.warn({ err: error }, 'readiness: database check failed');
          return false;
        },
      );
      const external = grading.workers === 'external';
      const sandboxProblem = external ? null : sandboxUnavailableReason();
      const depth = await withTimeout(grading.queue.depth(), PROBE_TIMEOUT_MS).catch((error: unknown) => {
        request.log.warn({ err: error }, 'readiness: grading queue check failed');
        return null;
      });
      const checks: CheckValues = {
        database: { status: databaseUp ? 'up' : 'down', required: true, kind: database.kind },
        redis: { status: !redis ? 'not_configured' : redis.up ? 'up' : 'down', required: false },
        sandbox: external
          ? { status: 'not_configured', required: false, reason: null, isolation: null }
          : {
              status: sandboxProblem ? 'down' : 'up',
              required: false,
              reason: sandboxProblem,
              isolation: sandboxIsolation().level,
            },
        queue: {
          status: depth === null ? 'down' : 'up',
          required: grading.queue.kind === 'pg-boss',
          kind: grading.queue.kind,
          depth,
          graders: grading.workers,
        },
      };
      const unavailable: { code: CodeOfStatus<503>; detail: string } | null = !databaseUp
        ? { code: 'database_unavailable', detail: 'The database is not reachable.' }
        : checks.queue.required && checks.queue.status === 'down'
          ? { code: 'queue_unavailable', detail: 'The grading queue is not reachable: submissions cannot be enqueued.' }
          : null;
      if (unavailable) {
        const problem = problemBody(unavailable.code, unavailable.detail, {
          instance: '/readyz',
          requestId: String(request.id),
        });
        reply.header('retry-after', 5);
        return reply
          .code(ERROR_CATALOGUE[unavailable.code].status)
          .type('application/problem+json')
          .send({ ...problem, ...checks });
      }
      const degraded = checks.redis.status === 'down' || checks.sandbox.status === 'down';
      return { status: degraded ? ('degraded' as const) : ('ready' as const), ...checks };
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics (text exposition format)',
        description:
          'With `METRICS_TOKEN` set, only for `Authorization: Bearer <METRICS_TOKEN>` (else `401 metrics_token_required`). In hosted mode without it, metrics are off (`404 metrics_disabled`).',
        security: [],
      },
    },
    async (request, reply) => {
      if (metricsToken) {
        const header = request.headers.authorization ?? '';
        const sent = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
        if (!sameSecret(sent, metricsToken)) {
          reply.header('www-authenticate', 'Bearer realm="metrics"');
          throw unauthenticated('metrics_token_required', 'Send Authorization: Bearer <METRICS_TOKEN>.');
        }
      } else if (mode === 'hosted') {
        throw notFound('metrics_disabled', 'Metrics are off in hosted mode until METRICS_TOKEN is set.');
      }
      reply.type(metrics.contentType);
      return metrics.metrics();
    },
  );
};

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
