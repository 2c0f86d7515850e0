import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIsolation, SandboxCgroup, sandboxIsolation, sweepStale } from './cgroup.js';

/** Runs a shell script inside `cgroup` (joined before it starts, as the sandbox launcher does). */
function runIn(cgroup: SandboxCgroup, script: string): Promise<{ code: number | null; out: string }> {
  const join = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';
  const child = spawn('/bin/sh', ['-c', join, 'sh', ...cgroup.joinFiles, '--', '/bin/sh', '-c', script]);
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

const MB = 1024 * 1024;

describe('the cgroup of a sandbox', () => {
  it('is available on this host (root, cgroup v1 or v2), and says which', () => {
    // CI runs on a host like this one; a host without cgroups reports `process-limits` and why.
    expect(sandboxIsolation()).toMatchObject({ level: expect.stringMatching(/^cgroup-v[12]$/), reason: null });
  });

  it('degrades honestly: with cgroups turned off it reports per-process limits and why', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        "import('./src/server/sandbox/cgroup.ts').then((m) => console.log(JSON.stringify(m.sandboxIsolation())))",
      ],
      { env: { ...process.env, ONSITE_SANDBOX_CGROUPS: 'off' } },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((resolve) => child.on('close', resolve));
    expect(JSON.parse(out)).toEqual({
      level: 'process-limits',
      reason: expect.stringContaining('ONSITE_SANDBOX_CGROUPS'),
    });
  });

  it('counts the CPU of every process in it, and one CPU is all they get together', async () => {
    const cgroup = SandboxCgroup.create({ memoryBytes: 128 * MB, pids: 64, cpus: 1 })!;
    try {
      const started = performance.now();
      // Four busy processes for one second of wall time: with one CPU between them, about one CPU-second.
      await runIn(cgroup, 'for i in 1 2 3 4; do timeout 1 sh -c "while :; do :; done" & done; wait');
      const wallMs = performance.now() - started;
      const cpuMs = cgroup.cpuUsageUs() / 1000;
      expect(cpuMs).toBeGreaterThan(300);
      expect(cpuMs).toBeLessThan(wallMs * 1.2);
    } finally {
      await cgroup.remove();
    }
  });

  it('stops forking at its process limit', async () => {
    const cgroup = SandboxCgroup.create({ memoryBytes: 128 * MB, pids: 10, cpus: 1 })!;
    try {
      const { out } = await runIn(
        cgroup,
        'n=0; while [ $n -lt 40 ]; do sleep 2 & if [ $? -ne 0 ]; then break; fi; n=$((n+1)); done; echo $n; kill $(jobs -p) 2>/dev/null',
      );
      expect(Number(out.trim() || 0)).toBeLessThan(12);
    } finally {
      await cgroup.remove();
    }
  });

  it('counts tmpfs files against its memory: writing past the limit kills or fails, and is reported', async () => {
    const cgroup = SandboxCgroup.create({ memoryBytes: 64 * MB, pids: 64, cpus: 1 })!;
    const dir = `/dev/shm/onsite-cgroup-test-${process.pid}`;
    try {
      // /dev/shm is tmpfs: 200 MB of files there is charged to the cgroup like heap would be.
      await runIn(cgroup, `mkdir -p ${dir} && head -c ${200 * MB} /dev/zero > ${dir}/fill`);
      expect(cgroup.hitMemoryLimit()).toBe(true);
      expect(cgroup.memoryPeakBytes()).toBeLessThanOrEqual(64 * MB);
    } finally {
      await runIn(cgroup, `rm -rf ${dir}`);
      await cgroup.remove();
    }
  });

  it('kills everything inside, detached or not, and is removed', async () => {
    const cgroup = SandboxCgroup.create({ memoryBytes: 64 * MB, pids: 64, cpus: 1 })!;
    const running = runIn(cgroup, 'setsid sleep 600 & setsid sleep 600 & wait');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await cgroup.remove();
    await running;
    for (const file of cgroup.joinFiles) expect(existsSync(path.dirname(file))).toBe(false);
  });

  it('sweeps the folders of a server that is gone, and leaves a live one alone', () => {
    const { host } = detectIsolation();
    const home = path.dirname(host!.parents.pids);
    const dead = path.join(home, 'onsite-999999999');
    const live = host!.parents.pids;
    mkdirSync(path.join(dead, 'sandbox-1'), { recursive: true });
    mkdirSync(live, { recursive: true });
    sweepStale(home);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });
});
