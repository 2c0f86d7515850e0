import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
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

/*
 * Sandboxes started ahead of need, so a grading job does not wait for a runtime to load. Past ~400
 * lines, kept as one file on purpose: `WarmSandbox` is the pool's unit and is never made outside
 * it, and the pool's bookkeeping (kinds, prepared schemas, refills, closing) is one subject.
 */

/** The grading drivers, one per kind of runtime a lab can use. */
const DRIVER_KINDS = ['javascript', 'typescript', 'python', 'sql'] as const;
type DriverKind = (typeof DRIVER_KINDS)[number];

/** One reply a driver wrote to its results channel, parsed under bounds; anything else is dropped. */
export type DriverReply = { t: string } & Record<string, unknown>;

const DRIVERS_DIR = path.join(PROJECT_ROOT, 'src/server/sandbox/drivers');
const NODE_MODULES = path.join(PROJECT_ROOT, 'node_modules');
const SNAPSHOT_WORKER = path.join(PROJECT_ROOT, 'src/server/sandbox/pglite-snapshot.mjs');
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
 * Labs whose schema SQL sandboxes are kept warm with, the most recently used first: each warm
 * sandbox holds a PostgreSQL of its own (~390 MB resident), so the pool keeps them for a few labs only.
 */
const MAX_PREPARED_SCHEMAS = 2;

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

  private constructor(
    readonly kind: DriverKind,
    /** SQL: whether the database already holds the lab's schema (else the `load` command must carry it). */
    readonly schemaApplied: boolean,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  static async start(kind: DriverKind, spec: SandboxSpec, schemaApplied = false): Promise<WarmSandbox> {
    const warm = new WarmSandbox(kind, schemaApplied);
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

interface WarmPoolOptions {
  /** Ready sandboxes kept per kind of runtime, and per recently used SQL schema. */
  size: number;
  limits?: Partial<Limits>;
}

/**
 * Keeps a few sandboxes of each kind started and ready, so a submission waits for its own code
 * rather than for Node.js, CPython, the TypeScript compiler or PostgreSQL to start. A kind's pool
 * fills on first use (or on `warm`), and each sandbox taken is replaced at once. SQL sandboxes are
 * also kept per lab schema, for the few labs used most recently: their database opens from a
 * snapshot that already holds the lab's tables and data, so a submission does not wait for the
 * schema to be built (up to seconds for a lab with 100,000 rows). Each is still a fresh database
 * of its own, used by one submission only.
 */
export class WarmPool {
  /** Waiting sandboxes, by kind, or by `sql:<schema hash>` for SQL sandboxes with a lab's schema. */
  private readonly idle = new Map<string, Promise<WarmSandbox>[]>();
  /** Schema hashes with a pool of their own, the most recently used last. */
  private readonly preparedSchemas: string[] = [];
  /** Snapshot files of SQL databases: '' the base one, else a schema's hash. */
  private readonly snapshots = new Map<string, Promise<string>>();
  private baseSnapshot: Promise<Uint8Array> | null = null;
  private snapshotDir: Promise<string> | null = null;
  /** Snapshots are built one at a time: each build holds a PostgreSQL in memory. */
  private building: Promise<unknown> = Promise.resolve();
  private closed = false;
  readonly limits: Limits;

  constructor(private readonly options: WarmPoolOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  /** Fills the pools of the given kinds ahead of the first submission. */
  warm(kinds: readonly DriverKind[] = DRIVER_KINDS): void {
    for (const kind of kinds) this.fill(kind);
  }

  /**
   * A ready sandbox of `kind` whose job may use up to `limits`. For SQL, `schema` is the lab's:
   * the sandbox comes with it applied when the pool has one ready (see `schemaApplied`), else from
   * the general pool, and the lab's own pool starts filling.
   */
  async acquire(
    kind: DriverKind,
    limits: Partial<Pick<Limits, 'cpuSeconds' | 'memoryMb'>> = {},
    schema?: string,
  ): Promise<WarmSandbox> {
    if (this.closed) throw new Error('the sandbox pool is closed');
    const withSchema = kind === 'sql' && schema ? schema : undefined;
    const wantsDefaults =
      (limits.cpuSeconds === undefined || limits.cpuSeconds === this.limits.cpuSeconds) &&
      (limits.memoryMb === undefined || limits.memoryMb === this.limits.memoryMb);
    let pending: Promise<WarmSandbox>;
    if (wantsDefaults) {
      const own = withSchema === undefined ? undefined : this.idle.get(this.prepare(withSchema))?.shift();
      pending = own ?? this.fill(kind).shift() ?? this.start(kind, this.limits);
      this.fill(kind);
      if (withSchema !== undefined) this.fill(kind, withSchema);
    } else {
      pending = this.start(kind, { ...this.limits, ...limits }, withSchema);
    }
    const sandbox = await pending;
    await sandbox.whenReady();
    return sandbox;
  }

  /** Resolves once a ready sandbox of `kind` (with `schema`, for SQL) waits in the pool: what benchmarks of the warm path wait for. */
  async whenWarm(kind: DriverKind, schema?: string): Promise<void> {
    const withSchema = kind === 'sql' && schema ? schema : undefined;
    if (withSchema !== undefined) this.prepare(withSchema);
    const [first] = this.fill(kind, withSchema);
    if (first) await (await first).ready;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(all.map(discard));
    await Promise.all([...this.snapshots.values()].map((snapshot) => snapshot.catch(() => null)));
    const dir = await this.snapshotDir?.catch(() => null);
    if (dir) await rm(dir, { recursive: true, force: true });
  }

  /** Marks `schema` as recently used, giving it a pool (its key) and dropping that of the least recently used. */
  private prepare(schema: string): string {
    const key = poolKey('sql', schema);
    const at = this.preparedSchemas.indexOf(key);
    if (at >= 0) this.preparedSchemas.splice(at, 1);
    this.preparedSchemas.push(key);
    while (this.preparedSchemas.length > MAX_PREPARED_SCHEMAS) {
      const evicted = this.preparedSchemas.shift()!;
      for (const pending of this.idle.get(evicted) ?? []) void discard(pending);
      this.idle.delete(evicted);
    }
    return key;
  }

  private fill(kind: DriverKind, schema?: string): Promise<WarmSandbox>[] {
    const key = poolKey(kind, schema);
    const queue = this.idle.get(key) ?? [];
    this.idle.set(key, queue);
    while (!this.closed && queue.length < this.options.size) {
      const pending = this.start(kind, this.limits, schema);
      pending.catch(() => {});
      queue.push(pending);
    }
    return queue;
  }

  private async start(kind: DriverKind, limits: Limits, schema?: string): Promise<WarmSandbox> {
    const withWarmUp = { ...limits, cpuSeconds: limits.cpuSeconds + WARM_UP_CPU_SECONDS[kind] };
    const snapshot = kind === 'sql' ? await this.sqlSnapshot(schema) : null;
    return WarmSandbox.start(kind, this.spec(kind, withWarmUp, snapshot), snapshot !== null && Boolean(schema));
  }

  private spec(kind: DriverKind, limits: Limits, snapshot: string | null): SandboxSpec {
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
            { source: snapshot!, target: '/opt/lab-base.tgz' },
          ],
          addressSpaceMb: null,
        };
    }
  }

  /**
   * The snapshot file a SQL sandbox opens its own copy of, so nothing a submission does outlives it:
   * a PGlite data folder whose public schema belongs to the unprivileged role `candidate`, with the
   * runner every statement of a submission goes through (see sql-driver.mjs), and, given a lab's
   * schema, that schema built by `candidate` on top. Each is made once per server, off the main
   * thread; the files are removed when the pool closes, and a server that died leaves a folder
   * that the next start sweeps.
   */
  private sqlSnapshot(schema?: string): Promise<string> {
    const key = schema ? schemaHash(schema) : '';
    let snapshot = this.snapshots.get(key);
    if (!snapshot) {
      snapshot = (async () => {
        // The base: the candidate owns the default database's public schema and may create schemas.
        this.baseSnapshot ??= this.build(null, [
          'CREATE ROLE candidate LOGIN; GRANT CREATE ON DATABASE postgres TO candidate; ALTER SCHEMA public OWNER TO candidate;',
          SQL_RUNNER,
        ]);
        const base = await this.baseSnapshot;
        // The lab's own schema (trusted) is created by, and so owned by, the candidate role.
        const data = schema ? await this.build(base, ['SET ROLE candidate', schema, 'RESET ROLE']) : base;
        this.snapshotDir ??= mkdtemp(path.join(os.tmpdir(), `onsite-pglite-${process.pid}-`)).then(async (dir) => {
          await chmod(dir, 0o755); // bubblewrap runs as the sandbox user and must reach the files
          return dir;
        });
        const file = path.join(await this.snapshotDir, schema ? `lab-${key}.tgz` : 'lab-base.tgz');
        await writeFile(file, data, { mode: 0o644 });
        return file;
      })();
      snapshot.catch(() => {});
      this.snapshots.set(key, snapshot);
    }
    return snapshot;
  }

  /** A gzipped PGlite data folder: `base` (or a fresh database) after `statements`, built in a worker thread. */
  private build(base: Uint8Array | null, statements: string[]): Promise<Uint8Array> {
    const built = this.building.then(
      () =>
        new Promise<Uint8Array>((resolve, reject) => {
          const worker = new Worker(SNAPSHOT_WORKER, { workerData: { base, statements } });
          worker.once('message', (bytes: Uint8Array) => {
            resolve(bytes);
            void worker.terminate();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`the database snapshot builder exited (${code})`)));
        }),
    );
    this.building = built.catch(() => null);
    return built;
  }
}

async function discard(pending: Promise<WarmSandbox>): Promise<void> {
  const sandbox = await pending.catch(() => null);
  if (!sandbox) return;
  sandbox.kill('runtime_error');
  await sandbox.finish().catch(() => {});
}

function poolKey(kind: DriverKind, schema?: string): string {
  return schema === undefined ? kind : `sql:${schemaHash(schema)}`;
}

function schemaHash(schema: string): string {
  return createHash('sha256').update(schema).digest('hex').slice(0, 16);
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
