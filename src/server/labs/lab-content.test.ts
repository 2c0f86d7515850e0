import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../paths.js';
import { WarmPool } from '../sandbox/warm-pool.js';
import { loadLabs } from './load-labs.js';
import { verifyLab } from './verify-lab.js';

const labs = await loadLabs(CONTENT_DIR);
const pool = new WarmPool({ size: 1 });
afterAll(() => pool.close());

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
      expect(await verifyLab(pool, lab, path.join(CONTENT_DIR, 'labs'))).toEqual([]);
    },
  );
});
