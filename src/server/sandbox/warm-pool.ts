import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PROJECT_ROOT } from '../paths.js';
import {
  DEFAULT_LIMITS,
  type Limits,
  NODE,
  PYTHON,
  type RunResult,
  SandboxProcess,
  type SandboxSpec,
} from './sandbox.js';

/** The grading drivers, one per kind of runtime a lab can use. */
export const DRIVER_KINDS = ['javascript', 'typescript', 'python', 'sql'] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];

/** One line a driver wrote to its results channel, parsed; anything that is not a JSON object is dropped. */
export type DriverRecord = { t: string } & Record<string, unknown>;

const DRIVERS_DIR = path.join(PROJECT_ROOT, 'src/server/sandbox/drivers');
const NODE_MODULES = path.join(PROJECT_ROOT, 'node_modules');
/** More than this on the results channel ends the run: a flood of fake records is an output-limit case. */
const CHANNEL_LIMIT_BYTES = 8 * 1024 * 1024;
/** CPU seconds each driver may spend getting ready, on top of the job's own allowance. */
const WARM_UP_CPU_SECONDS: Record<DriverKind, number> = { javascript: 1, typescript: 8, python: 1, sql: 6 };
/** PGlite's WebAssembly memory, in 64 KiB pages: 1 GiB. */
const SQL_WASM_PAGES = 16_384;

/**
 * A sandbox started ahead of need: its driver has loaded (and, for TypeScript and SQL, warmed the
 * compiler or the database) and waits on stdin for one job. Single use: after its job it is gone.
 */
export class WarmSandbox {
  private buffered: DriverRecord[] = [];
  private listener: ((record: DriverRecord) => void) | null = null;
  private channelBytes = 0;
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private process!: SandboxProcess;

  private constructor(readonly kind: DriverKind) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  static async start(kind: DriverKind, spec: SandboxSpec): Promise<WarmSandbox> {
    const warm = new WarmSandbox(kind);
    warm.process = await SandboxProcess.start(spec, (line) => warm.receive(line));
    return warm;
  }

  private receive(line: string): void {
    this.channelBytes += line.length + 1;
    if (this.channelBytes > CHANNEL_LIMIT_BYTES) {
      this.process.kill('output_limit');
      return;
    }
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return;
    }
    if (typeof record !== 'object' || record === null || typeof (record as DriverRecord).t !== 'string') return;
    if ((record as DriverRecord).t === 'ready') {
      this.markReady();
      return;
    }
    if (this.listener) this.listener(record as DriverRecord);
    else this.buffered.push(record as DriverRecord);
  }

  /** Starts the job; every record the driver writes from now on reaches `listener`, in order. */
  run(job: unknown, listener: (record: DriverRecord) => void): void {
    this.listener = listener;
    for (const record of this.buffered.splice(0)) listener(record);
    this.process.send(JSON.stringify(job));
  }

  kill(as: Parameters<SandboxProcess['kill']>[0]): void {
    this.process.kill(as);
  }

  get exited(): boolean {
    return this.process.exited;
  }

  /** Waits for the sandbox to end; stdout and stderr are the candidate's own output. */
  finish(): Promise<RunResult> {
    return this.process.finish();
  }

  /** Resolves when ready, rejects if the sandbox ends first (a broken installation, not the candidate). */
  async whenReady(): Promise<void> {
    const ended = this.process.finish().then((result) => {
      throw new Error(
        `the ${this.kind} sandbox ended before it was ready: ${result.stderr.slice(0, 500) || result.status}`,
      );
    });
    await Promise.race([this.ready, ended]);
    ended.catch(() => {});
  }
}

export interface WarmPoolOptions {
  /** Ready sandboxes kept per kind of runtime. */
  size: number;
  limits?: Partial<Limits>;
}

/**
 * Keeps a few sandboxes of each kind started and ready, so a submission waits for its own code
 * rather than for Node.js, CPython, the TypeScript compiler or PostgreSQL to start. A kind's pool
 * fills on first use (or on `warm`), and each sandbox taken is replaced at once.
 */
export class WarmPool {
  private readonly idle = new Map<DriverKind, Promise<WarmSandbox>[]>();
  private snapshot: Promise<string> | null = null;
  private closed = false;
  readonly limits: Limits;

  constructor(private readonly options: WarmPoolOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /** Fills the pools of the given kinds ahead of the first submission. */
  warm(kinds: readonly DriverKind[] = DRIVER_KINDS): void {
    for (const kind of kinds) this.fill(kind);
  }

  /** A ready sandbox of `kind` whose job may use up to `limits`. */
  async acquire(kind: DriverKind, limits: Partial<Pick<Limits, 'cpuSeconds' | 'memoryMb'>> = {}): Promise<WarmSandbox> {
    if (this.closed) throw new Error('the sandbox pool is closed');
    const wantsDefaults =
      (limits.cpuSeconds === undefined || limits.cpuSeconds === this.limits.cpuSeconds) &&
      (limits.memoryMb === undefined || limits.memoryMb === this.limits.memoryMb);
    let pending: Promise<WarmSandbox>;
    if (wantsDefaults) {
      pending = this.fill(kind).shift() ?? this.start(kind, this.limits);
      this.fill(kind);
    } else {
      pending = this.start(kind, { ...this.limits, ...limits });
    }
    const sandbox = await pending;
    await sandbox.whenReady();
    return sandbox;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(
      all.map(async (pending) => {
        const sandbox = await pending.catch(() => null);
        if (!sandbox) return;
        sandbox.kill('runtime_error');
        await sandbox.finish().catch(() => {});
      }),
    );
  }

  private fill(kind: DriverKind): Promise<WarmSandbox>[] {
    const queue = this.idle.get(kind) ?? [];
    this.idle.set(kind, queue);
    while (!this.closed && queue.length < this.options.size) {
      const pending = this.start(kind, this.limits);
      pending.catch(() => {});
      queue.push(pending);
    }
    return queue;
  }

  private async start(kind: DriverKind, limits: Limits): Promise<WarmSandbox> {
    const withWarmUp = { ...limits, cpuSeconds: limits.cpuSeconds + WARM_UP_CPU_SECONDS[kind] };
    return WarmSandbox.start(kind, await this.spec(kind, withWarmUp));
  }

  private async spec(kind: DriverKind, limits: Limits): Promise<SandboxSpec> {
    const drivers = { source: DRIVERS_DIR, target: '/driver' };
    const heap = (extra: number) => `--max-old-space-size=${limits.memoryMb + extra}`;
    // Node's permission model, inside the OS sandbox: no child processes, workers, native addons or
    // inspector (which could read the driver's memory), and writes only to the private /tmp.
    const permissions = [
      '--experimental-permission',
      '--allow-fs-read=*',
      '--allow-fs-write=/tmp/*',
      '--disable-warning=ExperimentalWarning',
    ];
    switch (kind) {
      case 'javascript':
        return {
          command: [NODE, heap(0), ...permissions, '/driver/node-driver.mjs', 'javascript'],
          mounts: [drivers],
          limits,
          addressSpaceMb: limits.memoryMb + 1024,
        };
      case 'typescript':
        // The compiler and the standard library's types live in the same heap as the candidate's code.
        return {
          command: [NODE, heap(384), ...permissions, '/driver/node-driver.mjs', 'typescript'],
          mounts: [
            drivers,
            ...['typescript', '@types/node', 'undici-types'].map((name) => ({
              source: path.join(NODE_MODULES, name),
              target: `/opt/node_modules/${name}`,
            })),
          ],
          limits,
          addressSpaceMb: limits.memoryMb + 384 + 1024,
        };
      case 'python':
        return {
          command: [PYTHON, '-I', '-S', '-B', '/driver/python-driver.py'],
          mounts: [drivers],
          limits,
          addressSpaceMb: limits.memoryMb,
        };
      case 'sql':
        return {
          command: [
            NODE,
            '--max-old-space-size=256',
            `--wasm-max-mem-pages=${SQL_WASM_PAGES}`,
            '/driver/sql-driver.mjs',
          ],
          mounts: [
            drivers,
            {
              source: path.join(NODE_MODULES, '@electric-sql/pglite'),
              target: '/opt/node_modules/@electric-sql/pglite',
            },
            { source: await this.sqlSnapshot(), target: '/opt/lab-base.tgz' },
          ],
          limits,
          addressSpaceMb: null,
        };
    }
  }

  /**
   * A PGlite data folder holding an empty database `lab` owned by the role `candidate`, made once per
   * server; every SQL sandbox opens its own copy, so nothing a submission does outlives it.
   */
  private sqlSnapshot(): Promise<string> {
    this.snapshot ??= (async () => {
      const db = new PGlite();
      await db.exec('CREATE ROLE candidate LOGIN');
      await db.exec('CREATE DATABASE lab OWNER candidate');
      const dump = await db.dumpDataDir('gzip');
      await db.close();
      const dir = await mkdtemp(path.join(os.tmpdir(), 'onsite-pglite-'));
      await chmod(dir, 0o755); // bubblewrap runs as the sandbox user and must reach the file
      const file = path.join(dir, 'lab-base.tgz');
      await writeFile(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o644 });
      return file;
    })();
    return this.snapshot;
  }
}
