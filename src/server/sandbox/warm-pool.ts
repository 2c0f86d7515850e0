import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
import { parseReply } from './bounded-json.js';

/** The grading drivers, one per kind of runtime a lab can use. */
export const DRIVER_KINDS = ['javascript', 'typescript', 'python', 'sql'] as const;
export type DriverKind = (typeof DRIVER_KINDS)[number];

/** One reply a driver wrote to its results channel, parsed under bounds; anything else is dropped. */
export type DriverReply = { t: string } & Record<string, unknown>;

const DRIVERS_DIR = path.join(PROJECT_ROOT, 'src/server/sandbox/drivers');
const NODE_MODULES = path.join(PROJECT_ROOT, 'node_modules');
/** CPU seconds each driver may spend getting ready, on top of the job's own allowance. */
const WARM_UP_CPU_SECONDS: Record<DriverKind, number> = { javascript: 1, typescript: 8, python: 1, sql: 6 };
/**
 * Memory each runtime needs for itself, in MB, on top of the job's allowance: the whole sandbox's
 * cgroup limit (its heap, page cache and the files it writes to /tmp) is the sum.
 */
const RUNTIME_MEMORY_MB: Record<DriverKind, number> = { javascript: 96, typescript: 480, python: 32, sql: 1280 };
/** PGlite's WebAssembly memory, in 64 KiB pages: 1 GiB. */
const SQL_WASM_PAGES = 16_384;
/** A sandbox that is not ready this long after it started is broken, not slow. */
const READY_TIMEOUT_MS = 60_000;

/**
 * A sandbox started ahead of need: its driver has loaded (and, for TypeScript and SQL, warmed the
 * compiler or the database) and waits on stdin for commands. Single use: after its job it is gone.
 */
export class WarmSandbox {
  private replies: DriverReply[] = [];
  private waiting: ((reply: DriverReply | null) => void) | null = null;
  private ended = false;
  readonly ready: Promise<void>;
  private markReady!: () => void;
  private process!: SandboxProcess;

  private constructor(readonly kind: DriverKind) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  static async start(kind: DriverKind, spec: SandboxSpec): Promise<WarmSandbox> {
    const warm = new WarmSandbox(kind);
    warm.process = await SandboxProcess.start(spec, (line) => warm.receive(line));
    void warm.process.finish().then(
      () => warm.end(),
      () => warm.end(),
    );
    return warm;
  }

  private receive(line: string): void {
    const reply = parseReply(line);
    if (!reply) return;
    if (reply.t === 'ready') {
      this.markReady();
      return;
    }
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(reply);
    } else if (this.replies.length < 64) this.replies.push(reply);
  }

  private end(): void {
    this.ended = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(null);
    }
  }

  /** Hands the driver one command (a JSON line on its stdin). */
  command(message: Record<string, unknown>): void {
    this.process.sendLine(JSON.stringify(message));
  }

  /** The next reply from the driver, or null once the sandbox has ended. */
  nextReply(): Promise<DriverReply | null> {
    const buffered = this.replies.shift();
    if (buffered) return Promise.resolve(buffered);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The sandbox process itself: its timers, cgroup readings and output. */
  get sandbox(): SandboxProcess {
    return this.process;
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

  /** Resolves when ready, rejects if the sandbox ends first or never gets ready (a broken installation). */
  async whenReady(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ended = this.process.finish().then((result) => {
      throw new Error(
        `the ${this.kind} sandbox ended before it was ready: ${result.stderr.slice(0, 500) || result.status}`,
      );
    });
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill('runtime_error');
        reject(new Error(`the ${this.kind} sandbox was not ready after ${READY_TIMEOUT_MS / 1000} s`));
      }, READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.ready, ended, stuck]);
    } finally {
      clearTimeout(timer);
    }
    ended.catch(() => {});
    stuck.catch(() => {});
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
  private snapshotDir: string | null = null;
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

  /** Resolves once a ready sandbox of `kind` waits in the pool: what benchmarks of the warm path wait for. */
  async whenWarm(kind: DriverKind): Promise<void> {
    const [first] = this.fill(kind);
    if (first) await (await first).ready;
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
    await this.snapshot?.catch(() => null);
    if (this.snapshotDir) await rm(this.snapshotDir, { recursive: true, force: true });
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
    const heap = (extra: number) => `--max-old-space-size=${limits.memoryMb + extra}`;
    const base = { limits, workDir: '/sandbox', sandboxMemoryMb: limits.memoryMb + RUNTIME_MEMORY_MB[kind] };
    // Node's permission model, inside the OS sandbox: no child processes, workers, native addons or
    // inspector, and writes only to the private /tmp and the working folder.
    const permissions = [
      '--experimental-permission',
      '--allow-fs-read=*',
      '--allow-fs-write=/tmp/*',
      '--allow-fs-write=/sandbox/*',
      '--disable-warning=ExperimentalWarning',
    ];
    switch (kind) {
      case 'javascript':
        return {
          ...base,
          command: [NODE, heap(0), ...permissions, '/driver/node-driver.mjs', 'javascript'],
          files: nodeDriverFiles('node-driver.mjs'),
          addressSpaceMb: limits.memoryMb + 1024,
        };
      case 'typescript':
        // The compiler and the standard library's types live in the same heap as the candidate's code.
        return {
          ...base,
          command: [NODE, heap(384), ...permissions, '/driver/node-driver.mjs', 'typescript'],
          files: nodeDriverFiles('node-driver.mjs'),
          mounts: ['typescript', '@types/node', 'undici-types'].map((name) => ({
            source: path.join(NODE_MODULES, name),
            target: `/opt/node_modules/${name}`,
          })),
          addressSpaceMb: limits.memoryMb + 384 + 1024,
        };
      case 'python':
        return {
          ...base,
          command: [PYTHON, '-I', '-S', '-B', '/driver/python-driver.py'],
          files: { '/driver/python-driver.py': driverSource('python-driver.py') },
          addressSpaceMb: limits.memoryMb,
        };
      case 'sql':
        return {
          ...base,
          command: [
            NODE,
            '--max-old-space-size=256',
            `--wasm-max-mem-pages=${SQL_WASM_PAGES}`,
            '/driver/sql-driver.mjs',
          ],
          files: nodeDriverFiles('sql-driver.mjs'),
          mounts: [
            {
              source: path.join(NODE_MODULES, '@electric-sql/pglite'),
              target: '/opt/node_modules/@electric-sql/pglite',
            },
            { source: await this.sqlSnapshot(), target: '/opt/lab-base.tgz' },
          ],
          addressSpaceMb: null,
        };
    }
  }

  /**
   * A PGlite data folder whose public schema belongs to the unprivileged role `candidate`, with
   * the runner every statement of a submission goes through (see sql-driver.mjs), made once per
   * server; every SQL sandbox opens its own copy, so nothing a submission does outlives it. The file
   * is removed when the pool closes, and a server that died leaves one that the next start sweeps.
   */
  private sqlSnapshot(): Promise<string> {
    this.snapshot ??= (async () => {
      // One instance: the candidate owns the default database's public schema and may create schemas.
      const db = new PGlite();
      await db.exec(
        'CREATE ROLE candidate LOGIN; GRANT CREATE ON DATABASE postgres TO candidate; ALTER SCHEMA public OWNER TO candidate;',
      );
      await db.exec(SQL_RUNNER);
      const dump = await db.dumpDataDir('gzip');
      await db.close();
      const dir = await mkdtemp(path.join(os.tmpdir(), `onsite-pglite-${process.pid}-`));
      await chmod(dir, 0o755); // bubblewrap runs as the sandbox user and must reach the file
      const file = path.join(dir, 'lab-base.tgz');
      await writeFile(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o644 });
      this.snapshotDir = dir;
      return file;
    })();
    return this.snapshot;
  }
}

/** A Node.js driver and the command channel it imports, copied into the sandbox's /driver folder. */
function nodeDriverFiles(name: 'node-driver.mjs' | 'sql-driver.mjs'): Record<string, string> {
  return { [`/driver/${name}`]: driverSource(name), '/driver/driver-io.mjs': driverSource('driver-io.mjs') };
}

const driverSources = new Map<string, string>();
function driverSource(name: string): string {
  let source = driverSources.get(name);
  if (source === undefined) {
    source = readFileSync(path.join(DRIVERS_DIR, name), 'utf8');
    driverSources.set(name, source);
  }
  return source;
}

/**
 * The SQL runner: a SECURITY DEFINER function owned by `candidate`, in a schema the candidate may use
 * but not change. Inside it PostgreSQL refuses every change of role or session authorization, so
 * the candidate's SQL and the test's query run as `candidate` with no way back to the superuser.
 * Rows and plans come out through temporary tables named by the driver.
 */
const SQL_RUNNER = `
CREATE SCHEMA onsite;
-- Rows of a query into a temporary table; a query whose columns share a name gets them renamed by position.
CREATE FUNCTION onsite.capture(rows_table text, query text) RETURNS void LANGUAGE plpgsql AS $capture$
DECLARE
  n int := 1;
BEGIN
  EXECUTE pg_catalog.format(E'CREATE TEMP TABLE %I AS %s\n', rows_table, query);
EXCEPTION WHEN duplicate_column THEN
  LOOP
    BEGIN
      EXECUTE pg_catalog.format(
        E'CREATE TEMP TABLE %I AS SELECT * FROM (%s\n) AS q(%s)',
        rows_table, query,
        (SELECT pg_catalog.string_agg('c' || i, ', ') FROM pg_catalog.generate_series(1, n) AS i));
      RETURN;
    EXCEPTION WHEN duplicate_column THEN
      n := n + 1;
    END;
  END LOOP;
END
$capture$;
CREATE FUNCTION onsite.run(statements text[], capture int, rows_table text, query text, plan_table text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $runner$
DECLARE
  i int;
  plan json;
BEGIN
  FOR i IN 1..coalesce(array_length(statements, 1), 0) LOOP
    IF i = capture THEN
      PERFORM onsite.capture(rows_table, statements[i]);
    ELSE
      EXECUTE statements[i];
    END IF;
  END LOOP;
  IF query IS NOT NULL THEN
    PERFORM onsite.capture(rows_table, query);
    IF plan_table IS NOT NULL THEN
      EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
      EXECUTE pg_catalog.format('CREATE TEMP TABLE %I (plan json)', plan_table);
      EXECUTE pg_catalog.format('INSERT INTO %I VALUES ($1)', plan_table) USING plan;
    END IF;
  END IF;
END
$runner$;
ALTER FUNCTION onsite.run(text[], int, text, text, text) OWNER TO candidate;
REVOKE ALL ON SCHEMA onsite FROM PUBLIC;
GRANT USAGE ON SCHEMA onsite TO candidate;
`;
