import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { curriculumRoutes } from './curriculum/routes.js';
import type { Catalog } from './curriculum/service.js';
import type { Database } from './db/client.js';
import { registerMetrics } from './http/metrics.js';
import { registerErrorHandler, sendProblem } from './http/problem.js';
import { opsRoutes } from './ops/routes.js';
import { WEB_DIST_DIR } from './paths.js';
import { reportRoutes } from './reports/routes.js';

export interface AppDeps {
  config: Pick<Config, 'bodyLimit' | 'logLevel'>;
  database: Database;
  catalog: Catalog;
  /** Where the built web app lives; the SPA is served only if its index.html exists. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
}

/** A caller-supplied request id is kept only if it is short and plain, so logs stay safe. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Builds the whole HTTP application without listening, so tests drive it with `app.inject()`.
 * Each domain registers its routes as one plugin; errors of every kind go through one handler.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimit,
    requestIdHeader: false,
    genReqId: (request) => {
      const supplied = request.headers['x-request-id'];
      return typeof supplied === 'string' && SAFE_REQUEST_ID.test(supplied) ? supplied : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerErrorHandler(app);
  const metrics = registerMetrics(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Onsite API',
        version: '1.0.0',
        description:
          'Practise the whole backend interview loop. Every error is RFC 9457 `application/problem+json` with a stable `code` and the `requestId`.',
      },
      tags: [
        { name: 'curriculum', description: 'Areas, questions and tags' },
        { name: 'guides', description: 'The levels and interview-stages guides' },
        { name: 'operations', description: 'Health, readiness and metrics' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(opsRoutes, { database: deps.database, metrics });
  await app.register(curriculumRoutes, { prefix: '/v1', catalog: deps.catalog });
  await app.register(reportRoutes, { prefix: '/v1', db: deps.database.db, catalog: deps.catalog });

  const webDir = deps.webDir ?? WEB_DIST_DIR;
  const hasWeb = existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
  }

  const API_PREFIXES = ['/v1/', '/v1?', '/docs', '/openapi', '/healthz', '/readyz', '/metrics'];
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === '/v1' || API_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    const wantsPage = request.method === 'GET' && !isApi && !path.extname(request.url.split('?')[0]!);
    if (hasWeb && wantsPage) return reply.sendFile('index.html');
    return sendProblem(
      request,
      reply,
      404,
      'route_not_found',
      `No route for ${request.method} ${request.url.split('?')[0]}.`,
    );
  });

  return app;
}
