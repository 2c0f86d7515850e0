import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { chmod, mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_LINE_BYTES } from './bounded-json.js';
import { type CgroupLimits, SandboxCgroup } from './cgroup.js';

/**
 * The only code in Onsite that runs user code. Isolation comes from the operating system, not the
 * language: each sandbox is a fresh bubblewrap container (new user, PID, network, IPC, UTS and
 * mount namespaces) entered as the unprivileged user `nobody`, seeing a read-only root with a
 * read-only /usr and only what it is given, a size-capped private /tmp, no network and an empty
 * environment, inside a cgroup of its own (CPU, memory including tmpfs, process count — see
 * `cgroup.ts`) where the host allows one, under rlimits for CPU time, address space, processes and
 * file size — plus wall-clock and output caps enforced from outside.
 *
 * Past ~400 lines, kept as one file on purpose: how a container is built, limited, fed and read
 * is one security boundary, and a review of how user code runs should read it in one place.
 */
export type Runtime = 'node' | 'python';

export interface Limits {
  wallMs: number;
  cpuSeconds: number;
  memoryMb: number;
  /** Processes the sandbox may hold at once (a fork bomb stops here). */
  processes: number;
  /** Bytes of stdout plus stderr kept; more ends the run. */
  outputBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  wallMs: 10_000,
  cpuSeconds: 5,
  memoryMb: 256,
  processes: 64,
  outputBytes: 1_000_000,
};

export type RunStatus = 'ok' | 'runtime_error' | 'time_limit' | 'memory_limit' | 'output_limit';

export interface RunResult {
  status: RunStatus;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
}

interface RunRequest {
  runtime: Runtime;
  /** Files to place in the read-only working folder, by relative path. */
  files: Record<string, string>;
  /** The file to run. */
  entry: string;
  stdin?: string;
  limits?: Partial<Limits>;
}

const SANDBOX_UID = '65534';
export const NODE = '/usr/bin/node';
export const PYTHON = '/usr/bin/python3';
/** The sandbox's host name: the host's own is not the candidate's business. */
export const SANDBOX_HOSTNAME = 'sandbox';
/** Host folders holding sandboxes' output are named after the server's pid, so stale ones can be swept. */
const RUN_DIR_PREFIX = 'onsite-run-';

/** Where bubblewrap is: `/usr/bin/bwrap` unless configured (`SANDBOX_BWRAP`) at start-up. */
let bwrapPath = '/usr/bin/bwrap';

/** Sets, once at start-up, the bubblewrap binary every sandbox of this process runs. */
export function configureSandbox(options: { bwrap: string }): void {
  bwrapPath = options.bwrap;
}

/** Why the sandbox cannot run here, or null when it can (bubblewrap, prlimit and setpriv present). */
export function sandboxUnavailableReason(): string | null {
  for (const tool of [bwrapPath, '/usr/bin/prlimit', '/usr/bin/setpriv']) {
    if (!existsSync(tool)) return `${tool} is missing: install the Debian packages bubblewrap and util-linux`;
  }
  return null;
}

export interface SandboxSpec {
  /** The program and its arguments, as seen inside the sandbox. */
  command: string[];
  /** Host folders made visible read-only at the given paths (runtime libraries only). */
  mounts?: { source: string; target: string }[];
  /** Files copied in read-only, by absolute path inside the sandbox (never a host path). */
  files?: Record<string, string>;
  /** The working folder inside the sandbox; it is a small private tmpfs the program may write. */
  workDir: string;
  limits: Limits;
  /**
   * RLIMIT_AS in MB, or null for none. WebAssembly reserves gigabytes of guard pages up front, so a
   * runtime hosting PGlite cannot run under an address-space limit; its memory is capped by the
   * wasm heap maximum, V8's heap flag and the cgroup instead.
   */
  addressSpaceMb: number | null;
  /** Memory for the whole sandbox (the cgroup's limit), in MB: the job's allowance plus the runtime's own. */
  sandboxMemoryMb: number;
}

interface Ended {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

/** The shell that puts itself in the sandbox's cgroup, then becomes the sandbox: nothing runs outside it. */
const JOIN_CGROUP = 'while [ "$1" != -- ]; do echo $$ > "$1" || exit 125; shift; done; shift; exec "$@"';

/**
 * One running sandbox. Besides stdin, stdout and stderr the program gets file descriptor 3, a pipe
 * whose lines reach `onLine`: the channel for the driver to answer the grader. stdout and stderr
 * are size-capped files on the host, opened by the server and handed in as descriptors, so nothing
 * of the host's file tree is mounted for them.
 */
export class SandboxProcess {
  readonly started = performance.now();
  /** Set when the sandbox was killed from outside, to the verdict that killing stands for. */
  killedAs: RunStatus | null = null;
  private readonly ended: Promise<Ended>;
  private wallTimer: NodeJS.Timeout | undefined;
  private finished: Promise<RunResult> | null = null;
  /** The cgroup's peak memory, read just before the cgroup is removed. */
  private finalMemoryPeakKb: number | null = null;
  private collected = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly runDir: string,
    private readonly limits: Limits,
    private readonly cgroup: SandboxCgroup | null,
  ) {
    this.ended = new Promise((resolve) => child.on('close', (exitCode, signal) => resolve({ exitCode, signal })));
  }

  static async start(spec: SandboxSpec, onLine?: (line: string) => void): Promise<SandboxProcess> {
    const reason = sandboxUnavailableReason();
    if (reason) throw new Error(`sandbox unavailable: ${reason}`);
    const runDir = await mkdtemp(path.join(os.tmpdir(), `${RUN_DIR_PREFIX}${process.pid}-`));
    await chmod(runDir, 0o700);
    const { limits } = spec;
    const cgroupLimits: CgroupLimits = {
      memoryBytes: spec.sandboxMemoryMb * 1024 * 1024,
      // bubblewrap's own two processes and the runtime's threads come on top of the candidate's.
      pids: limits.processes + 32,
      // One core for the program plus room for its runtime's helper threads (garbage collection),
      // so a sandbox never takes the whole of a two-core host.
      cpus: 1.5,
    };
    let cgroup: SandboxCgroup | null;
    try {
      cgroup = SandboxCgroup.create(cgroupLimits);
    } catch (error) {
      await rm(runDir, { recursive: true, force: true });
      throw error;
    }
    const files = Object.entries(spec.files ?? {});
    for (const [target] of files) {
      if (!path.isAbsolute(target) || path.normalize(target) !== target || target.includes('\0')) {
        await rm(runDir, { recursive: true, force: true });
        await cgroup?.remove();
        throw new Error(`file name escapes the sandbox: ${target}`);
      }
    }
    const stdoutFd = openSync(path.join(runDir, 'stdout'), 'w', 0o600);
    const stderrFd = openSync(path.join(runDir, 'stderr'), 'w', 0o600);
    const FIRST_DATA_FD = 5;
    const bwrapArgs = [
      '--unshare-all',
      '--die-with-parent',
      '--new-session',
      '--hostname',
      SANDBOX_HOSTNAME,
      ...['/usr', '/lib', '/bin', ...(existsSync('/lib64') ? ['/lib64'] : [])].flatMap((dir) => [
        '--ro-bind',
        dir,
        dir,
      ]),
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      // Without a cgroup this cap is what keeps /tmp from filling the host's memory.
      '--size',
      String(limits.memoryMb * 1024 * 1024),
      '--tmpfs',
      '/tmp',
      '--size',
      String(limits.outputBytes),
      '--tmpfs',
      spec.workDir,
      ...(spec.mounts ?? []).flatMap(({ source, target }) => ['--ro-bind', source, target]),
      ...files.flatMap(([target], i) => ['--ro-bind-data', String(FIRST_DATA_FD + i), target]),
      // The root and /dev are tmpfs too: read-only, so no file outside /tmp and the working folder grows.
      '--remount-ro',
      '/dev',
      '--remount-ro',
      '/',
      '--chdir',
      spec.workDir,
      '--clearenv',
      '--setenv',
      'PATH',
      '/usr/bin:/bin',
      '--setenv',
      'HOME',
      '/tmp',
    ];
    // The command stays on bubblewrap's command line: what PID 1 shows inside holds no host path.
    const command = [
      '/usr/bin/prlimit',
      ...(spec.addressSpaceMb === null ? [] : [`--as=${spec.addressSpaceMb * 1024 * 1024}`]),
      // Soft limit sends SIGXCPU, which the runtimes do not catch; the hard limit one second later is SIGKILL.
      `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
      `--nproc=${limits.processes}`,
      `--fsize=${limits.outputBytes}`,
      '--core=0',
      '--',
      ...spec.command,
    ];
    // bubblewrap reads its options (mounts included) from a pipe, so they never show in PID 1's command line.
    const ARGS_FD = 4;
    const sandboxed = [
      '/usr/bin/setpriv',
      `--reuid=${SANDBOX_UID}`,
      `--regid=${SANDBOX_UID}`,
      '--clear-groups',
      bwrapPath,
      '--args',
      String(ARGS_FD),
      '--',
      ...command,
    ];
    const [program, ...args] = cgroup
      ? ['/bin/sh', '-c', JOIN_CGROUP, 'sh', ...cgroup.joinFiles, '--', ...sandboxed]
      : sandboxed;
    let child: ChildProcess;
    try {
      child = spawn(program!, args, {
        stdio: ['pipe', stdoutFd, stderrFd, 'pipe', 'pipe', ...files.map(() => 'pipe' as const)],
        env: {},
        detached: true,
      });
    } finally {
      closeSync(stdoutFd);
      closeSync(stderrFd);
    }
    child.stdin!.on('error', () => {});
    const feed = (fd: number, data: string) => {
      const stream = child.stdio[fd] as NodeJS.WritableStream;
      stream.on('error', () => {});
      stream.end(data);
    };
    feed(ARGS_FD, bwrapArgs.map((arg) => `${arg}\0`).join(''));
    files.forEach(([, content], i) => feed(FIRST_DATA_FD + i, content));
    const sandbox = new SandboxProcess(child, runDir, limits, cgroup);
    const channel = child.stdio[3] as NodeJS.ReadableStream;
    if (onLine) readLines(channel, onLine, () => sandbox.kill('output_limit'));
    else channel.resume();
    return sandbox;
  }

  /** Writes one line to the program's stdin, which stays open for the next. */
  sendLine(line: string): void {
    if (!this.child.stdin!.writable) return;
    this.child.stdin!.write(`${line}\n`);
  }

  /** Writes the whole of stdin and closes it. */
  send(input: string): void {
    this.child.stdin!.end(input);
  }

  /**
   * Arms the sandbox's total wall-clock limit, replacing any earlier one: when it fires the whole
   * sandbox is killed as a time limit, whatever it is doing (or not doing) at that moment.
   */
  limitWallTime(ms: number): void {
    clearTimeout(this.wallTimer);
    this.wallTimer = setTimeout(() => this.kill('time_limit'), ms);
  }

  /** Kills every process in the sandbox; `as` is the verdict this kill stands for. */
  kill(as: RunStatus): void {
    if (this.killedAs) return;
    this.killedAs = as;
    // The whole process group: bwrap, and with it every process in the sandbox's PID namespace.
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
    // And every process in its cgroup, wherever it went.
    this.cgroup?.killAll();
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** CPU time the whole sandbox has used so far in ms, or null when there is no cgroup to ask. */
  cpuMs(): number | null {
    try {
      return this.cgroup ? this.cgroup.cpuUsageUs() / 1000 : null;
    } catch {
      return null;
    }
  }

  /** Peak memory of the whole sandbox in KB, or null when there is no cgroup to ask. */
  memoryPeakKb(): number | null {
    if (this.collected) return this.finalMemoryPeakKb;
    const bytes = this.cgroup?.memoryPeakBytes() ?? null;
    return bytes === null ? null : Math.round(bytes / 1024);
  }

  /** Bytes printed so far to stdout and to stderr, measured on the host. */
  printed(): { stdout: number; stderr: number } {
    const size = (name: string) => {
      try {
        return statSync(path.join(this.runDir, name)).size;
      } catch {
        return 0;
      }
    };
    return { stdout: size('stdout'), stderr: size('stderr') };
  }

  /** What the program has printed so far (each stream capped), read without waiting for it to end. */
  async outputSoFar(): Promise<{ stdout: string; stderr: string }> {
    const [stdout, stderr] = await Promise.all(
      ['stdout', 'stderr'].map((name) => readCapped(path.join(this.runDir, name), this.limits.outputBytes)),
    );
    return { stdout: stdout!, stderr: stderr! };
  }

  /** Waits for the sandbox to end, collects its output and removes its folder and cgroup. */
  finish(): Promise<RunResult> {
    this.finished ??= this.collect();
    return this.finished;
  }

  private async collect(): Promise<RunResult> {
    const ended = await this.ended;
    clearTimeout(this.wallTimer);
    const wallMs = Math.round(performance.now() - this.started);
    try {
      const hitMemory = this.cgroup?.hitMemoryLimit() ?? false;
      const peak = this.cgroup?.memoryPeakBytes() ?? null;
      this.finalMemoryPeakKb = peak === null ? null : Math.round(peak / 1024);
      this.collected = true;
      const [stdout, stderr] = await Promise.all(
        ['stdout', 'stderr'].map((name) => readCapped(path.join(this.runDir, name), this.limits.outputBytes)),
      );
      const flooded = stdout!.length >= this.limits.outputBytes || stderr!.length >= this.limits.outputBytes;
      const status =
        this.killedAs ?? (flooded ? 'output_limit' : classify(ended.exitCode, ended.signal, stderr!, hitMemory));
      return { status, exitCode: ended.exitCode, signal: ended.signal, stdout: stdout!, stderr: stderr!, wallMs };
    } finally {
      await this.cgroup?.remove();
      await rm(this.runDir, { recursive: true, force: true });
    }
  }
}

/** Longest line and most bytes in all the results channel may carry; more is an output-limit kill. */
const CHANNEL_LINE_BYTES = MAX_LINE_BYTES;
export const CHANNEL_TOTAL_BYTES = 16 * 1024 * 1024;

/** Splits the channel into lines without ever holding more than one capped line in memory. */
export function readLines(channel: NodeJS.ReadableStream, onLine: (line: string) => void, onFlood: () => void): void {
  let pending = '';
  let total = 0;
  let flooded = false;
  channel.setEncoding('utf8');
  channel.on('data', (chunk: string) => {
    if (flooded) return;
    total += chunk.length;
    let text = pending + chunk;
    let newline = text.indexOf('\n');
    while (newline >= 0) {
      onLine(text.slice(0, newline));
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
    }
    pending = text;
    if (pending.length > CHANNEL_LINE_BYTES || total > CHANNEL_TOTAL_BYTES) {
      flooded = true;
      pending = '';
      onFlood();
    }
  });
}

/** Removes output folders a server that is no longer running left behind (called at start-up). */
export function sweepStaleRunDirs(dir = os.tmpdir()): number {
  let removed = 0;
  for (const entry of safeReadDir(dir)) {
    const match = new RegExp(`^(?:${RUN_DIR_PREFIX}|onsite-pglite-)(\\d+)-`).exec(entry);
    if (!match || Number(match[1]) === process.pid || pidAlive(Number(match[1]))) continue;
    rmSync(path.join(dir, entry), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

function safeReadDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs one program in a fresh sandbox and reports how it ended. Never throws for the program's faults. */
export async function runSandboxed(request: RunRequest): Promise<RunResult> {
  const limits = { ...DEFAULT_LIMITS, ...request.limits };
  const entry = path.posix.join('/work', request.entry);
  const command =
    request.runtime === 'node'
      ? // V8 reserves far more address space than it uses; the heap cap does the real limiting.
        [NODE, `--max-old-space-size=${limits.memoryMb}`, entry]
      : [PYTHON, '-I', '-S', '-B', entry];
  const files: Record<string, string> = {};
  for (const [name, content] of Object.entries(request.files)) {
    const target = path.posix.join('/work', name);
    if (!target.startsWith('/work/')) throw new Error(`file name escapes the sandbox: ${name}`);
    files[target] = content;
  }
  const sandbox = await SandboxProcess.start({
    command,
    files,
    workDir: '/work',
    limits,
    addressSpaceMb: request.runtime === 'node' ? limits.memoryMb + 1024 : limits.memoryMb,
    sandboxMemoryMb: limits.memoryMb + (request.runtime === 'node' ? 128 : 32),
  });
  sandbox.send(request.stdin ?? '');
  sandbox.limitWallTime(limits.wallMs);
  return sandbox.finish();
}

async function readCapped(file: string, limit: number): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(limit);
      const { bytesRead } = await handle.read(buffer, 0, limit, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

const OUT_OF_MEMORY =
  /heap out of memory|MemoryError|Cannot allocate memory|std::bad_alloc|Failed to reserve virtual memory|allocation failed|ERR_MEMORY_ALLOCATION_FAILED|could not allocate memory/i;

/**
 * How a program that ended on its own ended, from its exit status, what it printed to stderr and
 * whether its cgroup ran into the memory limit (the kernel's OOM killer ends it with SIGKILL).
 */
function classify(
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
  hitMemoryLimit = false,
): RunStatus {
  if (OUT_OF_MEMORY.test(stderr)) return 'memory_limit';
  // RLIMIT_CPU delivers SIGXCPU (exit 128+24 through prlimit's exec) and then SIGKILL.
  if (signal === 'SIGXCPU' || exitCode === 152) return 'time_limit';
  if (exitCode === 0 && !signal) return 'ok';
  if (hitMemoryLimit && (signal === 'SIGKILL' || exitCode === 137)) return 'memory_limit';
  return 'runtime_error';
}
