import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { LabCatalog } from '../src/server/labs/service.js';
import { WarmPool } from '../src/server/sandbox/warm-pool.js';
import { loadCurriculum } from '../src/server/content/load-content.js';
import { syncCurriculum } from '../src/server/content/queries.js';
import { createCatalog } from '../src/server/curriculum/service.js';
import { openDatabase } from '../src/server/db/client.js';
import { MemoryBucketStore } from '../src/server/rate-limit/token-bucket.js';
import { CONTENT_DIR } from '../src/server/paths.js';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(url: string): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/**
 * `GET /v1/questions` (first page, real content, embedded database) against a bare Fastify
 * "hello" route on the same machine, measured one after the other with autocannon.
 */
export async function benchQuestionsApi(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'onsite-bench-'));
  const curriculum = await loadCurriculum(CONTENT_DIR);
  const database = await openDatabase({ kind: 'embedded', dataDir });
  await syncCurriculum(database.db, curriculum);
  const app = await buildApp({
    config: {
      bodyLimit: 1_048_576,
      logLevel: 'silent',
      mode: (process.env.BENCH_MODE as 'hosted' | undefined) ?? 'personal',
      sessionTtlHours: 24,
      // The benchmark measures serving, not the limiter refusing requests.
      rateLimitPerMinute: 1e9,
      trustProxy: false,
    },
    database,
    catalog: createCatalog(curriculum),
    labs: { catalog: new LabCatalog([]), pool: new WarmPool({ size: 0 }), concurrency: 1 },
    rateLimits: new MemoryBucketStore(),
    logger: false,
  });
  const hello = Fastify();
  hello.get('/', async () => ({ hello: 'world' }));

  try {
    const bare = await measure(await listen(hello));
    const onsite = await measure(`${await listen(app)}/v1/questions`);
    const searched = await measure(`${app.listeningOrigin}/v1/questions?q=cache+invalidation&level=mid`);
    console.log(
      `\nGET /v1/questions vs bare Fastify hello — ${CONNECTIONS} connections, ${DURATION_SECONDS}s each, ${curriculum.questions.length} questions`,
    );
    console.table({
      'bare hello': bare,
      'GET /v1/questions': onsite,
      'GET /v1/questions?q=…&level=mid': searched,
    });
    console.log(
      `ratio of requests/second, /v1/questions ÷ hello: ${(onsite.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}`,
    );
    console.log(
      `ratio of requests/second, search ÷ hello: ${(searched.requestsPerSecond / bare.requestsPerSecond).toFixed(2)}`,
    );
  } finally {
    await hello.close();
    await app.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
