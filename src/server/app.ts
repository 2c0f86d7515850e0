import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { Registry } from 'prom-client';
import { adminRoutes } from './accounts/admin-routes.js';
import type { LlmClient } from './ai/client.js';
import { speechRoutes } from './speech/routes.js';
import { aiRoutes } from './ai/routes.js';
import type { AiDeps } from './ai/service.js';
import { accountRoutes } from './accounts/routes.js';
import type { AccountDeps, Mailer } from './accounts/service.js';
import type { Config, LlmConfig } from './config.js';
import { curriculumRoutes } from './curriculum/routes.js';
import type { Catalog } from './curriculum/service.js';
import type { Database } from './db/client.js';
import { authentication } from './http/auth.js';
import { idempotency } from './http/idempotency.js';
import { inputGuard } from './http/input-guard.js';
import { registerMetrics } from './http/metrics.js';
import { compression, DOCS_UI, webAssets } from './http/static-assets.js';
import { SECURITY_HEADER_OPTIONS, securityHeaders } from './http/security-headers.js';
import { drillRoutes } from './drills/routes.js';
import type { GradingQueue } from './labs/queue.js';
import { labRoutes } from './labs/routes.js';
import type { LabCatalog, LabDeps } from './labs/service.js';
import { LiveHub } from './mocks/live.js';
import { mockRoutes } from './mocks/routes.js';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandler, sendProblem } from './http/problem.js';
import { opsRoutes } from './ops/routes.js';
import { WEB_DIST_DIR } from './paths.js';
import type { BucketStore } from './rate-limit/token-bucket.js';
import type { RedisLink } from './redis.js';
import { sandboxUnavailableReason } from './sandbox/sandbox.js';
import type { WarmPool } from './sandbox/warm-pool.js';
import { errorCatalogueMarkdown } from '../shared/error-codes.js';
import { reportRoutes } from './reports/routes.js';

export interface AppDeps {
  config: Pick<Config, 'bodyLimit' | 'logLevel' | 'mode' | 'sessionTtlHours' | 'rateLimitPerMinute' | 'trustProxy'> &
    Partial<Pick<Config, 'metricsToken'>>;
  database: Database;
  catalog: Catalog;
  /** Where rate-limit buckets live: memory for one instance, Redis to share across instances. */
  rateLimits: BucketStore;
  /** Labs and where their submissions wait; the pool and queue belong to the caller, who closes them. */
  labs: {
    catalog: LabCatalog;
    pool: WarmPool;
    /** Where submissions wait for a grader (see labs/background.ts for who takes them). */
    queue: GradingQueue;
    /**
     * Who grades, as the entry composed it; the app itself starts no grading (the entry attaches a
     * `LabBackground`, see labs/background.ts). `inline` (default): this process, so without a
     * sandbox submissions answer 503 `sandbox_unavailable` and /readyz reports it down.
     * `external`: worker processes (src/server/worker.ts), so this process never runs user code,
     * needs no sandbox and leaves it out of readiness.
     */
    workers?: 'inline' | 'external';
  };
  /** The registry `/metrics` serves; the caller registers its own there too (grading). A fresh one by default. */
  metrics?: Registry;
  /** Live views of mock interviews; in-process by default, relayed through Redis when scaled out. */
  live?: LiveHub;
  /** The optional AI layer's endpoint and client; without it nothing is ever sent to a model. */
  llm?: { config: LlmConfig; client: LlmClient };
  /** The shared Redis, when configured; reported by /readyz. */
  redis?: RedisLink;
  mailer?: Mailer;
  /** Runs work deferred past a response (see `AccountDeps.defer`); by default detached, failures logged. */
  defer?: (task: () => Promise<void>) => void;
  /** Breaks ties when an assessment's labs are picked; tests seed it. Math.random by default. */
  random?: () => number;
  /** The clock; tests set it to expire sessions and tokens. */
  now?: () => Date;
  /** Where the built web app lives; the SPA is served only if its index.html exists. */
  webDir?: string;
  logger?: FastifyServerOptions['logger'];
}

/**
 * One log line per request, when it completes, carrying what Fastify splits over two ("incoming
 * request" and "request completed"): method, URL, client address, status and time. Formatting
 * and writing a log line is a large share of serving a small cached response.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = {
      method: request.method,
      url: request.url,
      ip: request.ip,
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 10) / 10,
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}

/** A caller-supplied request id is kept only if it is short and plain, so logs stay safe. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Builds the HTTP application without listening, so tests drive it with `app.inject()`. Each
 * domain registers its routes as one plugin; errors of every kind go through one handler. It
 * starts no background work: grading, requeueing and the assessment countdown are
 * `LabBackground`'s (labs/background.ts), which the entries run beside it.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimit,
    requestIdHeader: false,
    logController: new OneLinePerRequest(),
    genReqId: (request) => {
      const supplied = request.headers['x-request-id'];
      return typeof supplied === 'string' && SAFE_REQUEST_ID.test(supplied) ? supplied : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // The nearest N hops are the operator's proxies; the address before them is the client's.
    trustProxy:
      typeof deps.config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(deps.config.trustProxy)
        : deps.config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();

  const accounts: AccountDeps = {
    db: deps.database.db,
    mode: deps.config.mode,
    sessionTtlHours: deps.config.sessionTtlHours,
    now: deps.now ?? (() => new Date()),
    mailer: deps.mailer ?? {
      sendPasswordReset: async (email, token) => {
        app.log.warn(
          { email, resetPath: `/reset-password?token=${token}` },
          'password reset requested: give this link to its owner',
        );
      },
    },
    defer:
      deps.defer ??
      ((task) =>
        setImmediate(() =>
          task().catch((error: unknown) => app.log.error({ err: error }, 'deferred account work failed')),
        )),
  };

  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  const metrics = registerMetrics(app, deps.metrics ?? new Registry());
  await app.register(securityHeaders, { options: SECURITY_HEADER_OPTIONS });
  await app.register(compression);
  await app.register(authentication, {
    accounts,
    rateLimits: deps.rateLimits,
    rateLimitPerMinute: deps.config.rateLimitPerMinute,
  });
  await app.register(inputGuard);
  await app.register(idempotency, { db: deps.database.db, now: accounts.now });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Onsite API',
        version: '1.0.0',
        description:
          'Practise the whole backend interview loop. Every error is RFC 9457 `application/problem+json` with a stable `code` and the `requestId`.\n\n' +
          `## Error codes\n\n${errorCatalogueMarkdown()}`,
      },
      tags: [
        { name: 'curriculum', description: 'Areas, questions and tags' },
        { name: 'guides', description: 'The levels and interview-stages guides' },
        { name: 'accounts', description: 'Sessions, sign-in, passwords, the current user and API tokens' },
        { name: 'drills', description: 'Study plan, spaced-repetition drills with rubric feedback, and progress' },
        { name: 'labs', description: 'Hands-on labs graded in a sandbox, drafts, submissions and timed assessments' },
        { name: 'admin', description: 'User management and the audit log (admins only)' },
        { name: 'ai', description: 'The optional AI layer: availability, consent and the admin switch' },
        { name: 'speech', description: 'Spoken answers: transcription, speaking measures and kept recordings' },
        { name: 'operations', description: 'Health, readiness and metrics' },
      ],
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'onsite_session',
            description: 'Browser session; send X-CSRF-Token on state-changing requests',
          },
          token: { type: 'http', scheme: 'bearer', description: 'Personal API token (onsite_pat_…)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true, ...DOCS_UI });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const queue = deps.labs.queue;
  const external = deps.labs.workers === 'external';
  await app.register(opsRoutes, {
    database: deps.database,
    metrics,
    redis: deps.redis,
    metricsToken: deps.config.metricsToken,
    mode: deps.config.mode,
    grading: { queue, workers: external ? 'external' : 'inline' },
  });
  await app.register(curriculumRoutes, { prefix: '/v1', catalog: deps.catalog });
  await app.register(reportRoutes, { prefix: '/v1', db: deps.database.db, catalog: deps.catalog });
  await app.register(accountRoutes, { prefix: '/v1', deps: accounts, rateLimits: deps.rateLimits });
  await app.register(adminRoutes, { prefix: '/v1', deps: accounts });
  const ai: AiDeps = { db: deps.database.db, mode: deps.config.mode, llm: deps.llm, now: accounts.now };
  await app.register(aiRoutes, { prefix: '/v1', deps: ai });
  await app.register(speechRoutes, {
    prefix: '/v1',
    deps: { db: deps.database.db, catalog: deps.catalog, ai, now: accounts.now },
  });
  await app.register(drillRoutes, {
    prefix: '/v1',
    deps: { db: deps.database.db, catalog: deps.catalog, now: accounts.now, ai },
  });

  const labDeps: LabDeps = {
    db: deps.database.db,
    labs: deps.labs.catalog,
    pool: deps.labs.pool,
    now: accounts.now,
    log: app.log,
    queue,
    // With external workers the sandbox is theirs to have; this process never runs user code.
    sandboxProblem: external ? () => null : sandboxUnavailableReason,
    ...(deps.random ? { random: deps.random } : {}),
  };
  await app.register(labRoutes, { prefix: '/v1', deps: labDeps });
  // Live sockets exist only for mock interviews, so the WebSocket plugin and its per-request hooks
  // are scoped to those routes.
  await app.register(async (live) => {
    await live.register(fastifyWebsocket, { options: { maxPayload: 1024 } });
    await live.register(mockRoutes, {
      prefix: '/v1',
      deps: {
        db: deps.database.db,
        catalog: deps.catalog,
        labs: labDeps,
        live: deps.live ?? new LiveHub(),
        now: accounts.now,
        ai,
      },
    });
  });

  const webDir = deps.webDir ?? WEB_DIST_DIR;
  const hasWeb = existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    await app.register(webAssets, { root: webDir });
  }

  const API_PREFIXES = ['/v1/', '/v1?', '/docs', '/openapi', '/healthz', '/readyz', '/metrics'];
  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url === '/v1' || API_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    const wantsPage = request.method === 'GET' && !isApi && !path.extname(request.url.split('?')[0]!);
    if (hasWeb && wantsPage) return reply.sendsPage().sendFile('index.html');
    return sendProblem(
      request,
      reply,
      'route_not_found',
      `No route for ${request.method} ${request.url.split('?')[0]}.`,
    );
  });

  return app;
}
