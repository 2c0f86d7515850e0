import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { buildApp } from '../src/server/app.js';
import { InProcessQueue } from '../src/server/labs/queue.js';
import { loadCurriculum } from '../src/server/content/load-content.js';
import { syncCurriculum } from '../src/server/content/queries.js';
import { createCatalog } from '../src/server/curriculum/service.js';
import { openDatabase } from '../src/server/db/client.js';
import { loadLabs } from '../src/server/labs/load-labs.js';
import { LabCatalog } from '../src/server/labs/service.js';
import { CONTENT_DIR } from '../src/server/paths.js';
import { MemoryBucketStore } from '../src/server/rate-limit/token-bucket.js';
import { WarmPool } from '../src/server/sandbox/warm-pool.js';
import { launchBrowser } from '../test/browser.js';

/** Chromium's "Slow 4G"-like profile of the issue: 1.6 Mbps down, 750 kbps up, 150 ms RTT, CPU 4× slower. */
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);

interface Page {
  name: string;
  path: string;
  /** The page's main content, visible: what the candidate came for. */
  ready: string;
  /** Target for time to main content, milliseconds. */
  targetMs: number;
}

/**
 * `npm run bench -- web`: builds the web app, serves it from the real server (compression and cache
 * headers as in production), and loads each page in a fresh Chromium profile under network and CPU
 * throttling. Prints the JavaScript transferred on first load (bytes on the wire, compressed) and the
 * time from navigation to the main content being visible (median of runs), against the targets.
 */
export async function benchWeb(): Promise<void> {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', mode: 'production' });
  process.env.NODE_ENV = previous;

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'onsite-bench-web-'));
  const curriculum = await loadCurriculum(CONTENT_DIR);
  const database = await openDatabase({ kind: 'embedded', dataDir });
  await syncCurriculum(database.db, curriculum);
  const pool = new WarmPool({ size: 0 });
  const app = await buildApp({
    config: {
      bodyLimit: 1_048_576,
      logLevel: 'silent',
      mode: 'personal',
      sessionTtlHours: 24,
      rateLimitPerMinute: 1e9,
      trustProxy: false,
    },
    database,
    catalog: createCatalog(curriculum),
    labs: { catalog: new LabCatalog(await loadLabs(CONTENT_DIR)), pool, queue: new InProcessQueue(console) },
    rateLimits: new MemoryBucketStore(),
    logger: false,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const question = curriculum.questions[0]!.id;
  const pages: Page[] = [
    { name: '/', path: '/', ready: 'main .card-grid li', targetMs: 2500 },
    { name: '/questions/:id', path: `/questions/${question}`, ready: 'main h1.question-title', targetMs: 2500 },
    { name: '/labs/lru-cache', path: '/labs/lru-cache', ready: 'main .cm-content', targetMs: 4000 },
    { name: '/progress', path: '/progress', ready: '[data-testid="total-reviews"]', targetMs: 4000 },
  ];

  const browser = await launchBrowser();
  const rows: Record<string, Record<string, string | number>> = {};
  try {
    for (const page of pages) {
      const times: number[] = [];
      let scriptBytes = 0;
      for (let run = 0; run < RUNS; run++) {
        const result = await loadOnce(browser, base, page);
        times.push(result.ms);
        scriptBytes = result.scriptBytes;
      }
      const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
      rows[page.name] = {
        'first-load JS (KB, compressed)': Math.round(scriptBytes / 102.4) / 10,
        'main content (ms, median)': Math.round(median),
        target: `≤ ${page.targetMs} ms`,
        verdict: median <= page.targetMs ? 'ok' : 'OVER',
      };
    }
  } finally {
    await browser.close();
    await app.close();
    await pool.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nWeb first load — Chromium, ${NETWORK.latency} ms RTT, 1.6 Mbps down, CPU ${CPU_SLOWDOWN}× slower, fresh profile each run, median of ${RUNS}`,
  );
  console.table(rows);
  const home = rows['/']!['first-load JS (KB, compressed)'] as number;
  console.log(`first-load JS of /: ${home} KB compressed (target ≤ 150 KB gzip)`);
}

/** One cold load: returns the ms from navigation start to the main content, and script bytes on the wire. */
async function loadOnce(browser: Browser, base: string, page: Page): Promise<{ ms: number; scriptBytes: number }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 850 } });
  // Personal mode hands out a session on first contact; do it before the throttled measurement.
  await context.request.get(`${base}/v1/auth/session`);
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  const scripts = new Set<string>();
  let scriptBytes = 0;
  cdp.on('Network.responseReceived', (event) => {
    if (event.type === 'Script') scripts.add(event.requestId);
  });
  cdp.on('Network.loadingFinished', (event) => {
    if (scripts.has(event.requestId)) scriptBytes += event.encodedDataLength;
  });
  await tab.goto(`${base}${page.path}`, { waitUntil: 'commit' });
  const handle = await tab.waitForFunction(
    (selector) => {
      const element = document.querySelector(selector);
      const loading = [...document.querySelectorAll('main .status')].some((e) => /Loading/.test(e.textContent ?? ''));
      return element && !loading ? performance.now() : null;
    },
    page.ready,
    { polling: 50, timeout: 60_000 },
  );
  const ms = (await handle.jsonValue()) as number;
  // Let late chunks finish so the byte count covers the whole first load.
  await tab.waitForLoadState('networkidle');
  await context.close();
  return { ms, scriptBytes };
}
