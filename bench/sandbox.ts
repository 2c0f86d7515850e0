import { spawnSync } from 'node:child_process';
import { runSandboxed, type Runtime } from '../src/server/sandbox/sandbox.js';

const RUNS = 20;

/** Median and 99th percentile of timing samples, in the samples' unit. */
export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: sorted[Math.floor(sorted.length / 2)]!,
    p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!,
  };
}

function bareStart(argv: string[]): number[] {
  return Array.from({ length: RUNS }, () => {
    const start = performance.now();
    spawnSync(argv[0]!, argv.slice(1));
    return performance.now() - start;
  });
}

async function sandboxed(runtime: Runtime, code: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await runSandboxed({ runtime, files: { main: code }, entry: 'main' });
    samples.push(performance.now() - start);
  }
  return samples;
}

/** What the sandbox adds to a bare runtime start: a "hello" run inside it against `node -e 0` / `python3 -c pass`. */
export async function benchSandbox(): Promise<void> {
  const rows: Record<string, { 'p50 ms': string; 'p99 ms': string; 'p50 ratio to bare': string }> = {};
  for (const [runtime, bare, code] of [
    ['node', ['/usr/bin/node', '-e', '0'], 'console.log("hello")'],
    ['python', ['/usr/bin/python3', '-c', 'pass'], 'print("hello")'],
  ] as const) {
    const base = stats(bareStart([...bare]));
    const boxed = stats(await sandboxed(runtime, code));
    rows[`${runtime} bare start`] = {
      'p50 ms': base.p50.toFixed(1),
      'p99 ms': base.p99.toFixed(1),
      'p50 ratio to bare': '1.00',
    };
    rows[`${runtime} hello in sandbox`] = {
      'p50 ms': boxed.p50.toFixed(1),
      'p99 ms': boxed.p99.toFixed(1),
      'p50 ratio to bare': (boxed.p50 / base.p50).toFixed(2),
    };
  }
  console.log(`\nSandbox start-up, ${RUNS} runs each`);
  console.table(rows);
}
