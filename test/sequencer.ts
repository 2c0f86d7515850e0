import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest, slowest first, as measured in a clean-clone CI run (seconds: every
 * shipped lab verified 285, scale harness 235, the attack suites and the CLI ~76 each, a11y 71, AI routes 58).
 */
const SLOWEST_FILES = [
  'src/server/labs/verify-lab.test.ts',
  'src/server/ops/scale-harness.scenario.test.ts',
  'src/server/labs/hostile.scenario.test.ts',
  'src/server/labs/grading-attacks.scenario.test.ts',
  'src/cli/main.test.ts',
  'src/web/a11y.e2e.test.ts',
  'src/server/ai/routes.test.ts',
];

/**
 * Starts the longest files first, so the last file to start is a short one and both workers finish
 * close together. Vitest orders by the durations it cached from earlier runs; a clean clone (CI)
 * has none and would order by file size, which starts a 1 kB file that runs for minutes near the
 * end. Files without a cached duration that are on {@link SLOWEST_FILES} go first, in its order;
 * everything else keeps Vitest's order.
 */
export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification): number => {
      const key = path.relative(this.ctx.config.root, file.moduleId);
      const known = this.ctx.cache.getFileTestResults(`${file.project.name}:${key}`);
      const at = SLOWEST_FILES.indexOf(key);
      return known || at < 0 ? SLOWEST_FILES.length : at;
    };
    // Array.prototype.sort is stable: equal ranks keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
