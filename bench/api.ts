import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 10;
const WARM_UP_SECONDS = 2;

interface Figures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** CPU time the server process spent per request: robust to other load on the machine. */
  cpuMicrosPerRequest: number;
  errors: number;
}

/**
 * The server process's CPU time so far (it answers an IPC message with it); with `collect`, after it
 * has collected the garbage left so far, which is not counted against the round about to start.
 */
let serverCpu: (collect?: boolean) => Promise<number> = async () => 0;

/**
 * Requests/s and latency of `url` under autocannon. Answers other than `expectStatus` count as
 * errors, so a route that fails fast cannot look fast.
 */
async function measure(
  url: string,
  headers: Record<string, string> = {},
  expectStatus = 200,
  varyPath?: (n: number) => string,
): Promise<Figures> {
  let unexpected = 0;
  let sent = 0;
  const cpuBefore = await serverCpu(true);
  const result = await autocannon({
    url,
    headers,
    ...(varyPath ? { requests: [{ setupRequest: (request) => ({ ...request, path: varyPath(sent++) }) }] } : {}),
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    setupClient: (client) =>
      client.on('response', (statusCode: number) => {
        if (statusCode !== expectStatus) unexpected++;
      }),
  });
  const cpuMicros = (await serverCpu()) - cpuBefore;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMicrosPerRequest: Math.round(cpuMicros / Math.max(1, result.requests.total)),
    errors: result.errors + unexpected,
  };
}

/** Alternating rounds of each pair, so a change in the machine's load hits both sides alike. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The 1-, 5- and 15-minute load averages, as printed beside each figure. */
function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

function summarise(runs: Figures[]): Figures {
  return {
    requestsPerSecond: Math.round(median(runs.map((r) => r.requestsPerSecond))),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    cpuMicrosPerRequest: median(runs.map((r) => r.cpuMicrosPerRequest)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** What the server process reports once both servers listen. */
interface Servers {
  origin: string;
  bareOrigin: string;
  etag: string;
  questions: number;
  pageBytes: number;
  searchBytes: number;
}

/**
 * `GET /v1/questions` (first page, real content, embedded database, every security control on:
 * auth and rate limiting, CSRF rules, security headers, metrics, and one JSON log line per request
 * written, buffered as in production, to /dev/null) against a bare Fastify route that returns the
 * same bytes, as a Buffer, with the same content type. Both servers run in one child process, so autocannon's own work is not counted
 * against either; they are measured in alternating rounds, each after a garbage collection so that
 * none pays for another's garbage, and the ratios of the medians and the median of the ratios within
 * each round (bare, then Onsite, back to back) are printed with the load average, so load from other
 * work on the machine cancels out as far as it can.
 */
export async function benchQuestionsApi(): Promise<void> {
  const child = fork(fileURLToPath(new URL('./api-server.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const servers = await new Promise<Servers>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Servers));
      child.once('exit', (code) => reject(new Error(`the benchmark server exited with ${code}`)));
    });
    const { origin, bareOrigin, etag } = servers;
    serverCpu = (collect = false) =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve((message as { cpuMicros: number }).cpuMicros));
        child.send(collect ? 'gc' : 'cpu');
      });
    const runs: Record<'bare' | 'onsite' | 'bareSearch' | 'search' | 'uncachedSearch' | 'revalidated', Figures[]> = {
      bare: [],
      onsite: [],
      bareSearch: [],
      search: [],
      uncachedSearch: [],
      revalidated: [],
    };
    // Unmeasured: V8 compiles each path in its first second or two of traffic, which a round of a
    // few seconds would otherwise count against whichever side it measures first.
    for (const [url, headers] of [
      [`${bareOrigin}/`, {}],
      [`${origin}/v1/questions`, {}],
      [`${origin}/v1/questions`, { 'if-none-match': etag }],
      [`${bareOrigin}/search`, {}],
      [`${origin}/v1/questions?q=cache+invalidation&level=mid`, {}],
    ] as const) {
      await autocannon({ url, headers, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
    }
    const startLoad = loadAverage();
    const roundLoads: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      roundLoads.push(os.loadavg()[0]!);
      runs.bare.push(await measure(`${bareOrigin}/`));
      runs.onsite.push(await measure(`${origin}/v1/questions`));
      runs.revalidated.push(await measure(`${origin}/v1/questions`, { 'if-none-match': etag }, 304));
      runs.bareSearch.push(await measure(`${bareOrigin}/search`));
      runs.search.push(await measure(`${origin}/v1/questions?q=cache+invalidation&level=mid`));
      // A word no question has makes every query a new one: search, filter and serialise each time.
      runs.uncachedSearch.push(
        await measure(
          `${origin}/v1/questions`,
          {},
          200,
          (n) => `/v1/questions?q=cache+invalidation+zq${round}x${n}&level=mid`,
        ),
      );
    }
    const figures = Object.fromEntries(Object.entries(runs).map(([name, list]) => [name, summarise(list)])) as Record<
      keyof typeof runs,
      Figures
    >;
    console.log(
      `\nGET /v1/questions vs a bare Fastify route sending the same bytes — ${CONNECTIONS} connections, ` +
        `${ROUNDS} alternating rounds of ${DURATION_SECONDS}s after a ${WARM_UP_SECONDS}s warm-up of each, medians; ${servers.questions} questions; ` +
        `load average ${startLoad} at the start, ${loadAverage()} at the end, on ${os.cpus().length} CPUs`,
    );
    console.table({
      [`bare Fastify, the same ${servers.pageBytes} B`]: figures.bare,
      'GET /v1/questions': figures.onsite,
      'GET /v1/questions, If-None-Match → 304': figures.revalidated,
      [`bare Fastify, the same ${servers.searchBytes} B`]: figures.bareSearch,
      'GET /v1/questions?q=…&level=mid (repeated)': figures.search,
      'GET /v1/questions?q=…&level=mid (a new query each time)': figures.uncachedSearch,
    });
    const ratio = (a: Figures, b: Figures) => (a.requestsPerSecond / b.requestsPerSecond).toFixed(2);
    const cpuRatio = (a: Figures, b: Figures) => (b.cpuMicrosPerRequest / a.cpuMicrosPerRequest).toFixed(2);
    console.log(`ratio of requests/second, /v1/questions ÷ bare same bytes: ${ratio(figures.onsite, figures.bare)}`);
    console.log(
      `ratio of requests per CPU-second (bare CPU per request ÷ Onsite's), /v1/questions: ${cpuRatio(figures.onsite, figures.bare)}`,
    );
    // Each round measures the bare route and then Onsite back to back, so the ratio within a round
    // compares the two under the same load; its median is the figure least moved by the load shifting
    // between rounds.
    const perRound = runs.onsite.map((onsite, i) => {
      const bare = runs.bare[i]!;
      return {
        'load (1 min)': roundLoads[i]!.toFixed(1),
        'bare µs CPU': bare.cpuMicrosPerRequest,
        'Onsite µs CPU': onsite.cpuMicrosPerRequest,
        'ratio by CPU': bare.cpuMicrosPerRequest / onsite.cpuMicrosPerRequest,
        'ratio by req/s': onsite.requestsPerSecond / bare.requestsPerSecond,
      };
    });
    console.table(
      perRound.map((row) => ({
        ...row,
        'ratio by CPU': row['ratio by CPU'].toFixed(2),
        'ratio by req/s': row['ratio by req/s'].toFixed(2),
      })),
    );
    const spread = (values: number[]) =>
      `${median(values).toFixed(2)} (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
    console.log(
      `ratio within each round, /v1/questions ÷ bare, median (range): by CPU ${spread(perRound.map((r) => r['ratio by CPU']))}, ` +
        `by requests/second ${spread(perRound.map((r) => r['ratio by req/s']))}`,
    );
    console.log(`ratio of requests/second, search ÷ bare same bytes: ${ratio(figures.search, figures.bareSearch)}`);
    console.log(
      `ratio of requests/second, a new search each time ÷ bare same bytes: ${ratio(figures.uncachedSearch, figures.bareSearch)}`,
    );
  } finally {
    child.kill('SIGTERM');
  }
}
