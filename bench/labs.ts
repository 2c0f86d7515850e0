import { spawnSync } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import type { LabLanguage } from '../src/shared/labs.js';
import os from 'node:os';
import { grade } from '../src/server/labs/grader.js';
import { JobQueue } from '../src/server/labs/queue.js';
import { loadLabs } from '../src/server/labs/load-labs.js';
import { CONTENT_DIR } from '../src/server/paths.js';
import { WarmPool } from '../src/server/sandbox/warm-pool.js';
import { stats } from './sandbox.js';
import { SandboxCgroup, sandboxIsolation } from '../src/server/sandbox/cgroup.js';
import { createTestApp, personalSession } from '../test/app.js';

const RUNS = 20;
const CONCURRENT = 50;

async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Timings of `work`, or what it returns when it times itself (to leave its own waiting out). */
async function samples(work: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = await work();
    out.push(typeof result === 'number' ? result : performance.now() - start);
  }
  return out;
}

/**
 * Grading latency of a lab's reference solution ("Run": its visible tests) with a warm pool, as a
 * ratio to the bare start of the same runtime; then 50 concurrent submissions, all graded.
 */
export async function benchLabs(): Promise<void> {
  const labs = await loadLabs(CONTENT_DIR);
  const lru = labs.find((lab) => lab.slug === 'lru-cache')!;
  const sql = labs.find((lab) => lab.slug === 'top-n-per-group')!;
  const pool = new WarmPool({ size: 2 });
  const run = (lab: typeof lru, language: LabLanguage) => () =>
    grade(pool, { lab, language, code: lab.solutions[language]!, scope: 'visible' });
  const cases: [string, typeof lru, LabLanguage, () => Promise<unknown>, () => unknown][] = [
    [
      'JavaScript (lru-cache)',
      lru,
      'javascript',
      run(lru, 'javascript'),
      () => spawnSync('/usr/bin/node', ['-e', '0']),
    ],
    ['Python (lru-cache)', lru, 'python', run(lru, 'python'), () => spawnSync('/usr/bin/python3', ['-c', 'pass'])],
    ['SQL (top-n-per-group)', sql, 'sql', run(sql, 'sql'), async () => (await PGlite.create()).close()],
  ];
  console.log(`\nLab grading, warm pool (${RUNS} runs each, visible tests)`);
  for (const [name, lab, language, graded, bare] of cases) {
    await graded(); // fill the pool
    const timing = stats(
      await samples(async () => {
        // the pool has replaced the sandbox just used, as it would between a candidate's runs
        await pool.whenWarm(language, lab.schema);
        return timed(graded);
      }),
    );
    const baseline = stats(await samples(bare));
    console.log(
      `${name.padEnd(24)} p50 ${timing.p50.toFixed(0).padStart(5)} ms  p99 ${timing.p99.toFixed(0).padStart(5)} ms  ` +
        `bare start p50 ${baseline.p50.toFixed(0).padStart(4)} ms  ratio ${(timing.p50 / baseline.p50).toFixed(2)}`,
    );
  }
  // Through the same job queue the server uses, with its default concurrency (one job per CPU).
  const results: Awaited<ReturnType<typeof grade>>[] = [];
  const queue = new JobQueue(
    os.availableParallelism(),
    async (id) => {
      const language = Number(id) % 2 ? 'python' : 'javascript';
      results.push(await grade(pool, { lab: lru, language, code: lru.solutions[language]!, scope: 'all' }));
    },
    (id, error) => console.error(`submission ${id} failed`, error),
  );
  const started = performance.now();
  for (let i = 0; i < CONCURRENT; i++) queue.enqueue(String(i));
  await queue.drain();
  const seconds = (performance.now() - started) / 1000;
  const passed = results.filter((result) => result.verdict === 'passed').length;
  console.log(
    `${CONCURRENT} concurrent submissions (all tests, JS and Python): ${passed}/${CONCURRENT} graded as passed in ${seconds.toFixed(1)} s — ${(CONCURRENT / seconds).toFixed(1)} per second`,
  );
  await pool.close();
  await benchSqlPhases(labs.filter((lab) => lab.meta.languages.includes('sql')));
  benchIsolationCost();
  await benchStorm();
}

/**
 * Where a SQL submission's time goes, per lab: a warm sandbox whose database already holds the
 * lab's schema (what the pool keeps for recently used labs) against one that builds it at load
 * (the general pool), each driven through load and two runs of the first visible test. Wall-clock
 * and the sandbox's CPU time (from its cgroup, where there is one), in ms, medians of a few runs.
 */
async function benchSqlPhases(labs: Awaited<ReturnType<typeof loadLabs>>): Promise<void> {
  const runs = 3;
  const pool = new WarmPool({ size: 1 });
  console.log(`\nSQL grading phases, warm sandbox (median of ${runs}; wall ms / sandbox CPU ms)`);
  try {
    for (const lab of labs) {
      const test = lab.meta.tests.find((candidate) => candidate.visible)!;
      for (const prepared of [true, false]) {
        const phases: number[][] = [];
        for (let i = 0; i < runs; i++) {
          const schema = prepared ? lab.schema : undefined;
          await pool.whenWarm('sql', schema);
          const warm = await pool.acquire('sql', {}, schema);
          const marks = [[performance.now(), warm.sandbox.cpuMs() ?? 0]];
          const step = async (command: Record<string, unknown>) => {
            warm.command(command);
            await warm.nextReply();
            marks.push([performance.now(), warm.sandbox.cpuMs() ?? 0]);
          };
          const schemaText = warm.schemaApplied ? '' : lab.schema;
          await step({ t: 'load', id: 'load', schema: schemaText, code: lab.solutions.sql });
          for (const id of ['first', 'again']) {
            await step({
              t: 'test',
              id,
              name: test.name,
              setup: test.setup,
              query: test.query,
              plan: Boolean(test.plan),
            });
          }
          warm.kill('runtime_error');
          await warm.finish();
          phases.push(marks.slice(1).flatMap(([wall, cpu], j) => [wall! - marks[j]![0]!, cpu! - marks[j]![1]!]));
        }
        const median = (k: number) => stats(phases.map((row) => row[k]!)).p50.toFixed(0);
        console.log(
          `${lab.slug.padEnd(28)} ${prepared ? 'schema in snapshot' : 'schema at load    '}  ` +
            `load ${median(0)} / ${median(1)}  test ${median(2)} / ${median(3)}  same test again ${median(4)} / ${median(5)}`,
        );
      }
    }
  } finally {
    await pool.close();
  }
}

/** What the per-sandbox cgroup costs: creating, limiting and removing one, and reading its CPU per test. */
function benchIsolationCost(): void {
  const isolation = sandboxIsolation();
  console.log(`\nIsolation in force: ${isolation.level}${isolation.reason ? ` (${isolation.reason})` : ''}`);
  if (isolation.level === 'process-limits') return;
  const create = stats(
    Array.from({ length: RUNS }, () => {
      const start = performance.now();
      const cgroup = SandboxCgroup.create({ memoryBytes: 256 * 1024 * 1024, pids: 96, cpus: 1 })!;
      void cgroup.remove();
      return performance.now() - start;
    }),
  );
  const cgroup = SandboxCgroup.create({ memoryBytes: 256 * 1024 * 1024, pids: 96, cpus: 1 })!;
  const reads = 1000;
  const start = performance.now();
  for (let i = 0; i < reads; i++) cgroup.cpuUsageUs();
  const perRead = (performance.now() - start) / reads;
  void cgroup.remove();
  console.log(
    `cgroup per sandbox: create + limits + remove p50 ${create.p50.toFixed(2)} ms (p99 ${create.p99.toFixed(2)} ms, ` +
      `off the request path: done when the pool starts a sandbox); CPU reading per test ${(perRead * 1000).toFixed(0)} µs`,
  );
}

/** Hostile submissions, one of each kind the storm cycles through. */
const HOSTILE: { language: LabLanguage; code: string }[] = [
  { language: 'javascript', code: 'export class LRUCache { constructor() { for (;;) {} } }' },
  {
    language: 'python',
    code: 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass',
  },
  {
    language: 'javascript',
    code: 'process.exit = () => {}; setInterval(() => {}, 1 << 30);\nexport class LRUCache { get() { return -1; } put() {} }',
  },
  {
    language: 'python',
    code: "n = 0\ntry:\n    while n < 1500:\n        open('/tmp/f%d' % n, 'wb').write(b'x' * 900000)\n        n += 1\nexcept OSError:\n    pass\nclass LRUCache:\n    def __init__(self, c): raise ValueError('x' * 1000000)",
  },
  {
    language: 'javascript',
    code: 'export class LRUCache { get() { let v = []; for (let i = 0; i < 200000; i++) v = [v]; return v; } put() {} }',
  },
  { language: 'javascript', code: 'const a = []; for (;;) a.push(new Array(1e6).fill(1));' },
  {
    language: 'python',
    code: 'import sys\nfor _ in range(100): sys.stdout.write("y" * 1000000)\nclass LRUCache: pass',
  },
  {
    language: 'python',
    code: 'import threading, time\nthreading.Thread(target=lambda: time.sleep(3600)).start()\nclass LRUCache: pass',
  },
];

/**
 * 20 hostile and 3 honest submissions at once through the real app and its job queue (one job per
 * CPU), with /healthz sampled every 50 ms meanwhile: its p99 is the figure, the honest verdicts the check.
 */
async function benchStorm(): Promise<void> {
  const t = await createTestApp({ labConcurrency: os.availableParallelism() });
  try {
    const headers = await personalSession(t.app);
    const post = async (slug: string, language: LabLanguage, code: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: `/v1/labs/${slug}/submissions`,
          headers,
          payload: { language, mode: 'submit', code },
        })
      ).json().id as string;
    const labs = await loadLabs(CONTENT_DIR);
    const lru = labs.find((lab) => lab.slug === 'lru-cache')!;
    const sql = labs.find((lab) => lab.slug === 'top-n-per-group')!;
    const started = performance.now();
    const hostile = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post('lru-cache', HOSTILE[i % HOSTILE.length]!.language, HOSTILE[i % HOSTILE.length]!.code),
      ),
    );
    const honest = await Promise.all([
      post('lru-cache', 'javascript', lru.solutions.javascript!),
      post('lru-cache', 'python', lru.solutions.python!),
      post('top-n-per-group', 'sql', sql.solutions.sql!),
    ]);
    const latencies: number[] = [];
    let done = false;
    const sampler = (async () => {
      while (!done) {
        const start = performance.now();
        await t.app.inject('/healthz');
        latencies.push(performance.now() - start);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const verdicts = async (ids: string[]) =>
      Promise.all(
        ids.map(async (id) => {
          for (;;) {
            const res = (await t.app.inject({ url: `/v1/submissions/${id}?waitMs=10000`, headers })).json();
            if (res.status === 'done' || res.status === 'error') return res.verdict as string;
          }
        }),
      );
    const honestVerdicts = await verdicts(honest);
    const hostileVerdicts = await verdicts(hostile);
    done = true;
    await sampler;
    const health = stats(latencies);
    console.log(
      `\nStorm: 20 hostile + 3 honest submissions at once, ${os.availableParallelism()} at a time, ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s: honest ${honestVerdicts.join(', ')}; ` +
        `hostile ${hostileVerdicts.filter((v) => v !== 'passed').length}/20 not passed; ` +
        `/healthz p50 ${health.p50.toFixed(1)} ms, p99 ${health.p99.toFixed(1)} ms over ${latencies.length} samples`,
    );
  } finally {
    await t.close();
  }
}
