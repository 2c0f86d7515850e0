import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeContentFixture } from '../../test/content-fixture.js';
import { PROJECT_ROOT } from './paths.js';

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');

async function start(env: Record<string, string>) {
  return run(TSX, ['src/server/main.ts'], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, timeout: 30_000 }).then(
    () => ({ code: 0, stderr: '' }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
}

describe('server start-up', () => {
  it('refuses to start on invalid content, naming the file and line', async () => {
    const content = await makeContentFixture();
    try {
      await writeFile(
        path.join(content.dir, 'questions', 'core', 'lru-cache.md'),
        '---\nid: lru-cache\narea: core\nlevels: [expert]\n---\nBody',
      );
      const result = await start({
        CONTENT_DIR: content.dir,
        PORT: '0',
        DATA_DIR: path.join(content.dir, '..', 'data'),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('Onsite will not start');
      expect(result.stderr).toMatch(/content\/questions\/core\/lru-cache\.md:4: levels\.0: /);
    } finally {
      await content.cleanup();
    }
  });

  it('refuses to start on invalid configuration, naming the variable', async () => {
    const result = await start({ PORT: 'not-a-port' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid configuration:\n\s+PORT: /);
  });
});
