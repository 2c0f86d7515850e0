import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { Problem } from '../../shared/api.js';
import type { Database } from '../db/client.js';
import { AppError } from '../errors.js';
import { sandboxIsolation } from '../sandbox/cgroup.js';

const Health = z.object({ status: z.literal('ok') });
const Ready = z.object({
  status: z.literal('ready'),
  database: z.enum(['embedded', 'postgres']),
  /** How sandboxes are isolated here: a cgroup each (v2 or v1), or per-process limits only. */
  sandbox: z.object({ isolation: z.enum(['cgroup-v2', 'cgroup-v1', 'process-limits']) }),
});

/** Liveness, readiness and Prometheus metrics, outside the versioned API. */
export const opsRoutes: FastifyPluginAsyncZod<{ database: Database; metrics: Registry }> = async (
  app,
  { database, metrics },
) => {
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
        summary: 'Readiness: the database answers',
        response: { 200: Ready, 503: Problem },
      },
    },
    async (request) => {
      try {
        await database.ping();
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        throw new AppError('database_unavailable', 503, 'The database is not reachable.');
      }
      return { status: 'ready' as const, database: database.kind, sandbox: { isolation: sandboxIsolation().level } };
    },
  );

  app.get(
    '/metrics',
    { schema: { tags: ['operations'], summary: 'Prometheus metrics (text exposition format)' } },
    async (_request, reply) => {
      reply.type(metrics.contentType);
      return metrics.metrics();
    },
  );
};
