import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeContentFixture } from '../../test/content-fixture.js';
import { PROJECT_ROOT } from '../server/paths.js';

const run = promisify(execFile);

describe('npm run content:check', () => {
  it('prints file:line: problem for each bad file and exits non-zero', async () => {
    const content = await makeContentFixture();
    try {
      await writeFile(
        path.join(content.dir, 'questions', 'core', 'broken.md'),
        '---\nid: broken\narea: core\nlevels: [junior]\ntags: [Bad Tag]\n---\n',
      );
      const result = await run(
        path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
        ['src/cli/content-check.ts', content.dir],
        { cwd: PROJECT_ROOT },
      ).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^content\/questions\/core\/broken\.md:5: tags\.0: must be a slug/m);
      expect(result.stderr).toMatch(/problem\(s\) found/);
    } finally {
      await content.cleanup();
    }
  });
});
