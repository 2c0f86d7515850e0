import { openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { InProcessQueue } from '../src/server/labs/queue.js';
import { loadCurriculum } from '../src/server/content/load-content.js';
import { syncCurriculum } from '../src/server/content/queries.js';
import { createCatalog } from '../src/server/curriculum/service.js';
import { openDatabase } from '../src/server/db/client.js';
import { LabCatalog } from '../src/server/labs/service.js';
import { bufferedLogDestination } from '../src/server/log-destination.js';
import { CONTENT_DIR } from '../src/server/paths.js';
import { MemoryBucketStore } from '../src/server/rate-limit/token-bucket.js';
import { WarmPool } from '../src/server/sandbox/warm-pool.js';

/**
 * The servers `npm run bench -- api` measures, in a process of their own: Onsite as it runs in
 * production (embedded database, every security control on, info-level JSON logs buffered as in
 * production, to /dev/null) and a bare Fastify answering with the same bytes. Reports their
 * addresses over IPC.
 */
async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'onsite-bench-'));
const curriculum = await loadCurriculum(CONTENT_DIR);
const database = await openDatabase({ kind: 'embedded', dataDir });
await syncCurriculum(database.db, curriculum);
// Buffered as the server buffers its lines to stdout (src/server/main.ts).
const logSink = bufferedLogDestination(openSync('/dev/null', 'w'));
const app = await buildApp({
  config: {
    bodyLimit: 1_048_576,
    logLevel: 'info',
    mode: (process.env.BENCH_MODE as 'hosted' | undefined) ?? 'personal',
    sessionTtlHours: 24,
    // The benchmark measures serving, not the limiter refusing requests: every bucket is still taken.
    rateLimitPerMinute: 1e9,
    trustProxy: false,
  },
  database,
  catalog: createCatalog(curriculum),
  labs: { catalog: new LabCatalog([]), pool: new WarmPool({ size: 0 }), queue: new InProcessQueue(console) },
  rateLimits: new MemoryBucketStore(),
  logger: { level: 'info', stream: logSink.stream },
});
const origin = await listen(app);
const page = await app.inject({ url: '/v1/questions', headers: { host: '127.0.0.1' } });
const searched = await app.inject({
  url: '/v1/questions?q=cache+invalidation&level=mid',
  headers: { host: '127.0.0.1' },
});
// The bytes as a Buffer, the cheapest form for Fastify to send: a string is measured and encoded per response.
const bare = Fastify();
const pageBytes = page.rawPayload;
const searchBytes = searched.rawPayload;
bare.get('/', (_request, reply) => reply.type('application/json; charset=utf-8').send(pageBytes));
bare.get('/search', (_request, reply) => reply.type('application/json; charset=utf-8').send(searchBytes));
const bareOrigin = await listen(bare);

process.send!({
  origin,
  bareOrigin,
  etag: page.headers.etag,
  questions: curriculum.questions.length,
  pageBytes: pageBytes.length,
  searchBytes: searchBytes.length,
});

// CPU time this process has used, in microseconds, so the benchmark can work out CPU per request.
// Asked with 'gc' (before a round), it first collects the garbage earlier rounds left (it runs with
// --expose-gc), so a round does not pay for another's: the uncached searches leave the most.
process.on('message', (message) => {
  if (message === 'gc') globalThis.gc!();
  const { user, system } = process.cpuUsage();
  process.send!({ cpuMicros: user + system });
});

process.once('SIGTERM', () => {
  void (async () => {
    await bare.close();
    await app.close();
    logSink.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  })();
});
