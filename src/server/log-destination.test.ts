import { execFile } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bufferedLogDestination, MAX_PENDING_BYTES } from './log-destination.js';
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

  describe('behind a pipe whose reader does not keep up', () => {
    /** A named pipe with both ends open without blocking, as a log shipper's pipe to stdout is. */
    function openPipe(): { reader: number; writer: number } {
      const fifo = path.join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      return { reader, writer: openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK) };
    }

    /** Everything the pipe holds now. */
    function drain(reader: number): string {
      const chunk = Buffer.alloc(65_536);
      let text = '';
      for (;;) {
        try {
          const n = readSync(reader, chunk);
          if (n === 0) return text;
          text += chunk.toString('utf8', 0, n);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return text;
          throw error;
        }
      }
    }

    it('keeps the lines a full pipe refuses, without blocking or throwing, and writes them once it is read', () => {
      const { reader, writer } = openPipe();
      const destination = bufferedLogDestination(writer, 60_000);
      const log = pino(destination.stream);
      // Some 300 KB of lines, several times what a pipe holds.
      for (let n = 0; n < 3000; n++) log.info({ n, pad: 'x'.repeat(40) }, 'line');
      let received = drain(reader);
      for (let tries = 0; tries < 100 && !received.includes('"n":2999,'); tries++) {
        destination.stream.flushSync();
        received += drain(reader);
      }
      destination.close();
      received += drain(reader);
      const numbers = received
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { n: number }).n);
      expect(numbers).toEqual(Array.from({ length: 3000 }, (_, n) => n));
      closeSync(writer);
      closeSync(reader);
    });

    it('holds at most MAX_PENDING_BYTES while nobody reads, and says how many lines it dropped', () => {
      const { reader, writer } = openPipe();
      const destination = bufferedLogDestination(writer, 60_000);
      const log = pino(destination.stream);
      const lines = Math.ceil((2 * MAX_PENDING_BYTES) / 100);
      for (let n = 0; n < lines; n++) log.info({ n, pad: 'x'.repeat(20) }, 'line');
      let received = '';
      for (let tries = 0; tries < 1000 && !received.includes('droppedLogLines'); tries++) {
        received += drain(reader);
        destination.stream.flushSync();
      }
      destination.close();
      received += drain(reader);
      const parsed = received
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { n?: number; droppedLogLines?: number });
      const kept = parsed.filter((line) => line.n !== undefined);
      const notice = parsed.find((line) => line.droppedLogLines !== undefined);
      expect(received.length).toBeLessThan(MAX_PENDING_BYTES + 100_000);
      expect(notice?.droppedLogLines).toBe(lines - kept.length);
      expect(kept.map((line) => line.n)).toEqual(Array.from({ length: kept.length }, (_, n) => n));
      closeSync(writer);
      closeSync(reader);
    });

    it('stops logging, without throwing, once the reader is gone', () => {
      const { reader, writer } = openPipe();
      const destination = bufferedLogDestination(writer, 60_000);
      const log = pino(destination.stream);
      closeSync(reader);
      expect(() => {
        for (let n = 0; n < 100; n++) log.info({ n, pad: 'x'.repeat(40) }, 'line');
        destination.close();
      }).not.toThrow();
      closeSync(writer);
    });
  });
});
