import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../paths.js';
import { WarmPool } from '../sandbox/warm-pool.js';
import { loadLabs, readLab } from './load-labs.js';
import { verifyLab } from './verify-lab.js';

const labsDir = path.join(CONTENT_DIR, 'labs');
const { lab } = await readLab(path.join(labsDir, 'latency-percentiles'));
const labs = await loadLabs(CONTENT_DIR);
const pool = new WarmPool({ size: 1 });
afterAll(() => pool.close());

describe('verifyLab', () => {
  // The suite below proves every shipped lab clean; this proves a lab that is not gets reported.
  it('reports a "wrong" solution that passes the functional and the performance tests', async () => {
    const file = path.join(labsDir, 'latency-percentiles', 'wrong', 'is-the-reference.py');
    const slow = lab!.wrong.find((wrong) => wrong.file.endsWith('insert-sorted.py'))!;
    const problems = await verifyLab(
      pool,
      {
        ...lab!,
        solutions: {},
        // insert-sorted.py fails the performance test only: it is not reported.
        wrong: [slow, { file, language: 'python', code: lab!.solutions.python! }],
      },
      labsDir,
    );
    expect(problems).toEqual([
      { file, line: 1, message: 'this wrong solution passes every test: add a test that rejects it' },
    ]);
  });
});

describe('every lab in content/labs', () => {
  it('covers the guide’s areas with at least 24 labs', () => {
    expect(labs.length).toBeGreaterThanOrEqual(24);
    const areas = new Set(labs.map((lab) => lab.meta.area));
    for (const area of [
      'core',
      'databases',
      'apis',
      'system-design',
      'security',
      'observability',
      'testing',
      'ai-ml',
    ]) {
      expect(areas).toContain(area);
    }
  });

  // Each reference solution passes every test; each wrong solution fails at least one.
  it.each(labs.map((lab) => [lab.slug, lab] as const))(
    '%s: references pass, wrong solutions fail',
    async (_slug, lab) => {
      expect(await verifyLab(pool, lab, labsDir)).toEqual([]);
    },
  );
});
