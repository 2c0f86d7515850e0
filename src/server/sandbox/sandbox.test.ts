import { sandboxProcesses } from '../../../test/processes.js';
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { MAX_LINE_BYTES } from './bounded-json.js';
import { WarmPool } from './warm-pool.js';
import {
  CHANNEL_TOTAL_BYTES,
  type Limits,
  readLines,
  runSandboxed,
  SANDBOX_HOSTNAME,
  sandboxUnavailableReason,
  sweepStaleRunDirs,
} from './sandbox.js';

const run = (runtime: 'node' | 'python', code: string, limits: Partial<Limits> = {}) =>
  runSandboxed({
    runtime,
    files: { [runtime === 'node' ? 'main.js' : 'main.py']: code },
    entry: runtime === 'node' ? 'main.js' : 'main.py',
    limits,
  });

describe('the sandbox', () => {
  it('is available on this machine (bubblewrap, prlimit, setpriv)', () => {
    expect(sandboxUnavailableReason()).toBeNull();
  });

  it('runs Node.js and CPython programs and returns their output', async () => {
    expect(await run('node', 'console.log(6 * 7)')).toMatchObject({ status: 'ok', exitCode: 0, stdout: '42\n' });
    expect(await run('python', 'print(6 * 7)')).toMatchObject({ status: 'ok', exitCode: 0, stdout: '42\n' });
  });

  it('passes stdin through', async () => {
    const result = await runSandboxed({
      runtime: 'python',
      files: { 'main.py': 'print(input().upper())' },
      entry: 'main.py',
      stdin: 'shout\n',
    });
    expect(result.stdout).toBe('SHOUT\n');
  });

  it('reports a runtime error with the program’s own stack trace', async () => {
    const result = await run('node', 'function f(){ return f() + 1 }\nf()');
    expect(result.status).toBe('runtime_error');
    expect(result.stderr).toContain('RangeError: Maximum call stack size exceeded');
    expect(result.stderr).toContain('/work/main.js:1');
  });
});

describe('hostile submissions are contained', () => {
  it('cannot read the host’s files', async () => {
    const result = await run('node', 'console.log(require("fs").readFileSync("/etc/passwd", "utf8"))');
    expect(result.status).toBe('runtime_error');
    expect(result.stderr).toContain('ENOENT');
    const server = await run('python', 'print(open("/work/../proc/1/environ").read())');
    expect(server.stdout).not.toMatch(/DATABASE_URL|HOME=\/root/);
  });

  it('sees an empty environment, not the server’s', async () => {
    const result = await run('node', 'console.log(JSON.stringify(process.env))');
    expect(JSON.parse(result.stdout)).toEqual({ HOME: '/tmp', PATH: '/usr/bin:/bin', PWD: '/work' });
  });

  it('has no network', async () => {
    const result = await run(
      'node',
      'require("net").connect(5432, "127.0.0.1").on("error", (e) => { console.log(e.code); process.exit(3) })',
    );
    expect(result.stdout.trim()).toMatch(/ECONNREFUSED|ENETUNREACH/);
    const python = await run(
      'python',
      'import socket\ntry:\n  socket.create_connection(("127.0.0.1", 6379), timeout=2)\n  print("connected")\nexcept OSError as e:\n  print("refused", e.errno)',
    );
    expect(python.stdout).toMatch(/^refused/);
  });

  it('cannot write outside its private /tmp', async () => {
    // The root and /dev are tmpfs too, remounted read-only.
    for (const file of ['/evil.js', '/dev/evil', '/dev/shm/evil']) {
      const result = await run('node', `require("fs").writeFileSync(${JSON.stringify(file)}, "x")`);
      expect(result.stderr).toContain('EROFS');
    }
    expect((await run('node', 'require("fs").writeFileSync("/usr/evil", "x")')).status).toBe('runtime_error');
    expect(
      (
        await run(
          'node',
          'require("fs").writeFileSync("/tmp/ok", "fine"); console.log(require("fs").readFileSync("/tmp/ok", "utf8"))',
        )
      ).stdout,
    ).toBe('fine\n');
  });

  it('runs as nobody, and a shell it spawns is just as confined', async () => {
    const result = await run(
      'python',
      'import os, subprocess\nprint(os.getuid())\nprint(subprocess.run(["/bin/sh", "-c", "id -u; ls /"], capture_output=True, text=True).stdout)',
    );
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('65534');
    expect(lines[1]).toBe('65534');
    expect(result.stdout).not.toMatch(/\broot\b|\bhome\b|\bvar\b/);
  });

  it('stops a fork bomb and leaves no process behind', async () => {
    const result = await run(
      'node',
      'const cp = require("child_process"); for (;;) { try { cp.spawn("/usr/bin/node", ["-e", "setInterval(() => {}, 1000)"]).on("error", () => {}) } catch {} }',
      { wallMs: 3000 },
    );
    expect(['time_limit', 'memory_limit', 'runtime_error']).toContain(result.status);
    // Killing bwrap tears down the sandbox's PID namespace; the kernel reaps the rest within moments.
    await expect.poll(sandboxProcesses, { timeout: 5_000, interval: 100 }).toBe('');
  });

  it('stops an infinite loop at the CPU limit', async () => {
    expect((await run('node', 'for (;;) {}', { cpuSeconds: 1 })).status).toBe('time_limit');
    expect((await run('python', 'while True: pass', { cpuSeconds: 1 })).status).toBe('time_limit');
  });

  it('stops a program that sleeps forever at the wall-clock limit', async () => {
    const result = await run('node', 'setInterval(() => {}, 1000)', { wallMs: 1000 });
    expect(result.status).toBe('time_limit');
    expect(result.wallMs).toBeLessThan(3000);
  });

  it('reports memory limits for a runaway heap and a 10 GB allocation', async () => {
    expect((await run('node', 'const a = []; for (;;) a.push(new Array(1e6).fill(1))')).status).toBe('memory_limit');
    expect((await run('node', 'const b = []; for (;;) b.push(Buffer.alloc(1024 ** 3, 1))')).status).toBe(
      'memory_limit',
    );
    expect((await run('python', 'x = bytearray(10 * 1024 ** 3)')).status).toBe('memory_limit');
  });

  it('caps 100 MB of output', async () => {
    const result = await run(
      'node',
      'const s = "x".repeat(1e6); for (let i = 0; i < 100; i++) process.stdout.write(s)',
    );
    expect(result.status).toBe('output_limit');
    expect(result.stdout.length).toBeLessThanOrEqual(1_000_000);
    const python = await run('python', 'import sys\nfor _ in range(100): sys.stdout.write("y" * 1000000)');
    expect(python.status).toBe('output_limit');
  });

  it('shows no host path, host name or server process: PID 1, mounts of its own, cgroup', async () => {
    const result = await run(
      'python',
      [
        'import os',
        "print(open('/proc/1/cmdline').read().replace('\\0', ' '))",
        "print(open('/proc/sys/kernel/hostname').read().strip())",
        "print(open('/proc/self/cgroup').read())",
        'print(os.getcwd(), sorted(os.listdir("/")))',
      ].join('\n'),
    );
    const [cmdline, hostname] = result.stdout.split('\n');
    expect(cmdline).toMatch(
      /^\/usr\/bin\/bwrap --args \d+ -- \/usr\/bin\/prlimit .* -- \/usr\/bin\/python3 -I -S -B \/work\/main\.py/,
    );
    expect(cmdline).not.toMatch(/onsite|--bind|\/tmp\//);
    expect(hostname).toBe(SANDBOX_HOSTNAME);
    expect(result.stdout).not.toContain(os.hostname());
    expect(result.stdout).not.toContain(`onsite-${process.pid}`);
    expect(result.stdout).toContain("/work ['bin', 'dev', 'lib', 'lib64', 'proc', 'tmp', 'usr', 'work']");
  });

  it('caps what /tmp can hold: filling it stops at the memory limit, not the host’s RAM', async () => {
    const result = await run(
      'python',
      [
        'n = 0',
        'try:',
        '    while n < 1500:',
        "        open('/tmp/f%d' % n, 'wb').write(b'x' * 900_000)",
        '        n += 1',
        'except OSError as e:',
        '    print(n, e.errno)',
      ].join('\n'),
      { memoryMb: 128 },
    );
    // 1,500 files of 900 kB would be 1.3 GB; the sandbox stops near its 128 MB allowance.
    const written = Number(result.stdout.split(' ')[0]);
    expect(['ok', 'memory_limit']).toContain(result.status);
    if (result.status === 'ok') expect(written * 0.9).toBeLessThanOrEqual(160);
  });

  it('leaves no temporary files: a closed pool removes its database snapshot, a start sweeps a dead server’s', async () => {
    const pool = new WarmPool({ size: 0 });
    const sandbox = await pool.acquire('sql');
    sandbox.kill('runtime_error');
    await sandbox.finish();
    const mine = () => readdirSync(os.tmpdir()).filter((name) => name.startsWith(`onsite-pglite-${process.pid}-`));
    expect(mine()).toHaveLength(1);
    await pool.close();
    expect(mine()).toEqual([]);

    const dead = ['onsite-pglite-999999999-x', 'onsite-run-999999999-y'].map((name) => path.join(os.tmpdir(), name));
    for (const dir of dead) mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dead[0]!, 'lab-base.tgz'), 'x');
    sweepStaleRunDirs();
    for (const dir of dead) expect(existsSync(dir)).toBe(false);
  });

  it(
    'keeps SQL sandboxes warm with a lab’s schema already built, owned by the candidate role',
    { timeout: 180_000 },
    async () => {
      const pool = new WarmPool({ size: 1 });
      try {
        const schema = 'CREATE TABLE ready (x int); INSERT INTO ready VALUES (7);';
        await pool.whenWarm('sql', schema);
        const warm = await pool.acquire('sql', {}, schema);
        expect(warm.schemaApplied).toBe(true);
        const code = "SELECT x, (SELECT tableowner::text FROM pg_tables WHERE tablename = 'ready') FROM ready";
        warm.command({ t: 'load', id: 'load', schema: '', code });
        expect(await warm.nextReply()).toMatchObject({ t: 'loaded', id: 'load' });
        warm.command({ t: 'test', id: 'test', name: 'rows' });
        expect(await warm.nextReply()).toMatchObject({ t: 'result', id: 'test', value: { rows: [[7, 'candidate']] } });
        warm.kill('runtime_error');
        await warm.finish();
      } finally {
        await pool.close();
      }
    },
  );

  it('refuses file names that escape the working folder', async () => {
    await expect(
      runSandboxed({ runtime: 'node', files: { '../escape.js': 'x' }, entry: '../escape.js' }),
    ).rejects.toThrow(/escapes the sandbox/);
  });
});

const MB = 1024 * 1024;

/** A channel fed with `chunks`, and what `readLines` made of it once they are read. */
async function feed(chunks: string[]): Promise<{ lines: number; flooded: boolean }> {
  const channel = new PassThrough();
  const seen = { lines: 0, flooded: false };
  readLines(
    channel,
    () => (seen.lines += 1),
    () => (seen.flooded = true),
  );
  for (const chunk of chunks) channel.write(chunk);
  await new Promise((resolve) => setImmediate(resolve));
  return seen;
}

describe('the results channel', () => {
  it('carries 16 MB from one sandbox and stops at one character more', async () => {
    expect(CHANNEL_TOTAL_BYTES).toBe(16 * MB);
    const line = `${'x'.repeat(MB - 1)}\n`;
    const full = Array.from({ length: 16 }, () => line);
    expect(await feed(full)).toEqual({ lines: 16, flooded: false });
    expect((await feed([...full, 'y'])).flooded).toBe(true);
  });

  it('holds an unfinished line of 2 MB and stops at one character more', async () => {
    expect(await feed(['x'.repeat(MAX_LINE_BYTES)])).toEqual({ lines: 0, flooded: false });
    expect(await feed(['x'.repeat(MAX_LINE_BYTES + 1)])).toEqual({ lines: 0, flooded: true });
  });
});
