import { execFile } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferedLogDestination } from './log-destination.js';
import { PROJECT_ROOT } from './paths.js';

const run = promisify(execFile);
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'onsite-log-'));
  file = path.join(dir, 'out.log');
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const written = () => readFileSync(file, 'utf8');

/** pino as the project resolves it: the child's script sits in a temp folder, outside node_modules' reach. */
const PINO_URL = pathToFileURL(createRequire(path.join(PROJECT_ROOT, 'package.json')).resolve('pino')).href;

/**
 * Runs `body` in a process of its own, with `log` writing to `file` through the destination. The
 * process may die by a signal (that is the point of some tests), but it must have started.
 */
async function inChildProcess(body: string): Promise<void> {
  const script = path.join(dir, 'script.ts');
  await writeFile(
    script,
    `import { openSync } from 'node:fs';
     import { pino } from ${JSON.stringify(PINO_URL)};
     import { bufferedLogDestination } from ${JSON.stringify(pathToFileURL(path.join(PROJECT_ROOT, 'src/server/log-destination.ts')).href)};
     const log = pino(bufferedLogDestination(openSync(${JSON.stringify(file)}, 'w'), 60_000).stream);
     ${body}`,
  );
  const stderr = await run(process.execPath, ['--import', 'tsx', script], { cwd: PROJECT_ROOT }).then(
    () => '',
    (error: { stderr?: string }) => error.stderr ?? '',
  );
  if (!existsSync(file)) throw new Error(`the child process did not start:\n${stderr}`);
}

describe('the server log destination', () => {
  it('gathers lines instead of writing each one, and writes them all when closed', () => {
    const fd = openSync(file, 'w');
    const destination = bufferedLogDestination(fd, 60_000);
    const log = pino(destination.stream);
    log.info({ n: 1 }, 'first');
    log.info({ n: 2 }, 'second');
    expect(written()).toBe('');
    destination.close();
    expect(
      written()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).msg),
    ).toEqual(['first', 'second']);
    closeSync(fd);
  });

  it('writes a quiet server’s lines on its timer', async () => {
    const fd = openSync(file, 'w');
    const destination = bufferedLogDestination(fd, 10);
    try {
      pino(destination.stream).info('quiet');
      await expect.poll(written).toContain('"msg":"quiet"');
    } finally {
      destination.close();
      closeSync(fd);
    }
  });

  it('writes what it holds when the process exits', async () => {
    await inChildProcess(`log.info('before exit'); process.exit(0);`);
    expect(written()).toContain('"msg":"before exit"');
  });

  it('writes what it holds right after a fatal line, before the process can die', async () => {
    await inChildProcess(`log.info('context'); log.fatal('dying'); process.kill(process.pid, 'SIGKILL');`);
    expect(written()).toContain('"msg":"context"');
    expect(written()).toContain('"msg":"dying"');
  });
});
