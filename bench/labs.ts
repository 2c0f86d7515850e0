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

const RUNS = 20;
const CONCURRENT = 50;

async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function samples(work: () => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) out.push(await timed(work));
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
  const cases: [string, () => Promise<unknown>, () => unknown][] = [
    ['JavaScript (lru-cache)', run(lru, 'javascript'), () => spawnSync('/usr/bin/node', ['-e', '0'])],
    ['Python (lru-cache)', run(lru, 'python'), () => spawnSync('/usr/bin/python3', ['-c', 'pass'])],
    ['SQL (top-n-per-group)', run(sql, 'sql'), async () => (await PGlite.create()).close()],
  ];
  console.log(`\nLab grading, warm pool (${RUNS} runs each, visible tests)`);
  for (const [name, graded, bare] of cases) {
    await graded(); // fill the pool
    const lab = stats(
      await samples(async () => {
        await graded();
        // let the pool replace the sandbox just used, as it would between a candidate's runs
        await new Promise((resolve) => setTimeout(resolve, name.startsWith('SQL') ? 1500 : 300));
      }).then((list) => list.map((ms) => ms - (name.startsWith('SQL') ? 1500 : 300))),
    );
    const baseline = stats(await samples(bare));
    console.log(
      `${name.padEnd(24)} p50 ${lab.p50.toFixed(0).padStart(5)} ms  p99 ${lab.p99.toFixed(0).padStart(5)} ms  ` +
        `bare start p50 ${baseline.p50.toFixed(0).padStart(4)} ms  ratio ${(lab.p50 / baseline.p50).toFixed(2)}`,
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
}
