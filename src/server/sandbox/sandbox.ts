import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The only code in Onsite that runs user code. Isolation comes from the operating system, not the
 * language: each sandbox is a fresh bubblewrap container (new user, PID, network, IPC, UTS and
 * mount namespaces) entered as the unprivileged user `nobody`, seeing a read-only /usr and only the
 * folders it is given, a private /tmp, no network and an empty environment, under rlimits for CPU
 * time, address space, processes and file size — plus wall-clock and output caps enforced from outside.
 */
export type Runtime = 'node' | 'python';

export interface Limits {
  wallMs: number;
  cpuSeconds: number;
  memoryMb: number;
  /** Processes the sandbox user may own at once (a fork bomb stops here). */
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

export interface RunRequest {
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

/** Why the sandbox cannot run here, or null when it can (bubblewrap, prlimit and setpriv present). */
export function sandboxUnavailableReason(): string | null {
  for (const tool of ['/usr/bin/bwrap', '/usr/bin/prlimit', '/usr/bin/setpriv']) {
    if (!existsSync(tool)) return `${tool} is missing: install the Debian packages bubblewrap and util-linux`;
  }
  return null;
}

export interface SandboxSpec {
  /** The program and its arguments, as seen inside the sandbox. */
  command: string[];
  /** Host folders or files made visible read-only at the given paths inside the sandbox. */
  mounts?: { source: string; target: string }[];
  /** Files placed in a read-only /work, which is also the working folder. */
  files?: Record<string, string>;
  limits: Limits;
  /**
   * RLIMIT_AS in MB, or null for none. WebAssembly reserves gigabytes of guard pages up front, so a
   * runtime hosting PGlite cannot run under an address-space limit; its memory is capped by the
   * wasm heap maximum and V8's heap flag instead.
   */
  addressSpaceMb: number | null;
}

interface Ended {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * One running sandbox. Besides stdin, stdout and stderr the program gets file descriptor 3, a pipe
 * whose lines reach `onLine`: the channel for a trusted driver to report to the grader. stdout and
 * stderr go to size-capped files inside the sandbox's private output folder.
 */
export class SandboxProcess {
  readonly started = performance.now();
  /** Set when the sandbox was killed from outside, to the verdict that killing stands for. */
  killedAs: RunStatus | null = null;
  private readonly ended: Promise<Ended>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly runDir: string,
    private readonly limits: Limits,
    private setupError: () => string,
  ) {
    this.ended = new Promise((resolve) => child.on('close', (exitCode, signal) => resolve({ exitCode, signal })));
  }

  static async start(spec: SandboxSpec, onLine?: (line: string) => void): Promise<SandboxProcess> {
    const reason = sandboxUnavailableReason();
    if (reason) throw new Error(`sandbox unavailable: ${reason}`);
    const runDir = await mkdtemp(path.join(os.tmpdir(), 'onsite-run-'));
    const workDir = path.join(runDir, 'work');
    const outDir = path.join(runDir, 'out');
    // The code is readable by the sandbox user and mounted read-only; only out/ is writable, and
    // RLIMIT_FSIZE caps each output file, so a flood of output stops at the limit inside the sandbox.
    await chmod(runDir, 0o755);
    await mkdir(workDir, { mode: 0o755 });
    await mkdir(outDir, { mode: 0o777 });
    await chmod(outDir, 0o777);
    for (const [name, content] of Object.entries(spec.files ?? {})) {
      const target = path.resolve(workDir, name);
      if (!target.startsWith(workDir + path.sep)) {
        await rm(runDir, { recursive: true, force: true });
        throw new Error(`file name escapes the sandbox: ${name}`);
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    const { limits } = spec;
    const args = [
      `--reuid=${SANDBOX_UID}`,
      `--regid=${SANDBOX_UID}`,
      '--clear-groups',
      '/usr/bin/bwrap',
      '--unshare-all',
      '--die-with-parent',
      '--new-session',
      ...['/usr', '/lib', '/bin', ...(existsSync('/lib64') ? ['/lib64'] : [])].flatMap((dir) => [
        '--ro-bind',
        dir,
        dir,
      ]),
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      '--tmpfs',
      '/tmp',
      ...(spec.mounts ?? []).flatMap(({ source, target }) => ['--ro-bind', source, target]),
      '--ro-bind',
      workDir,
      '/work',
      '--bind',
      outDir,
      '/out',
      '--chdir',
      '/work',
      '--clearenv',
      '--setenv',
      'PATH',
      '/usr/bin:/bin',
      '--setenv',
      'HOME',
      '/tmp',
      '--',
      '/usr/bin/prlimit',
      ...(spec.addressSpaceMb === null ? [] : [`--as=${spec.addressSpaceMb * 1024 * 1024}`]),
      // Soft limit sends SIGXCPU, which the runtimes do not catch; the hard limit one second later is SIGKILL.
      `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
      `--nproc=${limits.processes}`,
      `--fsize=${limits.outputBytes}`,
      '--core=0',
      '--',
      '/bin/sh',
      '-c',
      'exec "$@" >/out/stdout 2>/out/stderr',
      'sh',
      ...spec.command,
    ];
    const child = spawn('/usr/bin/setpriv', args, {
      stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
      env: {},
      detached: true,
    });
    let setupError = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      if (setupError.length < 4096) setupError += chunk.toString('utf8');
    });
    child.stdin!.on('error', () => {});
    const channel = child.stdio[3] as NodeJS.ReadableStream;
    if (onLine) {
      createInterface({ input: channel, crlfDelay: Infinity }).on('line', onLine);
    } else {
      channel.resume();
    }
    return new SandboxProcess(child, runDir, limits, () => setupError);
  }

  /** Writes the whole of stdin and closes it. */
  send(input: string): void {
    this.child.stdin!.end(input);
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
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Waits for the sandbox to end, collects its output and removes its folder. */
  async finish(): Promise<RunResult> {
    const ended = await this.ended;
    const wallMs = Math.round(performance.now() - this.started);
    try {
      const setupError = this.setupError();
      if (/^(bwrap|setpriv|prlimit):/.test(setupError)) {
        throw new Error(`sandbox failed to start: ${setupError.trim()}`);
      }
      const [stdout, stderr] = await Promise.all(
        ['stdout', 'stderr'].map((name) => readCapped(path.join(this.runDir, 'out', name), this.limits.outputBytes)),
      );
      const flooded = stdout!.length >= this.limits.outputBytes || stderr!.length >= this.limits.outputBytes;
      const status = this.killedAs ?? (flooded ? 'output_limit' : classify(ended.exitCode, ended.signal, stderr!));
      return { status, exitCode: ended.exitCode, signal: ended.signal, stdout: stdout!, stderr: stderr!, wallMs };
    } finally {
      await rm(this.runDir, { recursive: true, force: true });
    }
  }
}

/** Runs one program in a fresh sandbox and reports how it ended. Never throws for the program's faults. */
export async function runSandboxed(request: RunRequest): Promise<RunResult> {
  const limits = { ...DEFAULT_LIMITS, ...request.limits };
  const command =
    request.runtime === 'node'
      ? // V8 reserves far more address space than it uses; the heap cap does the real limiting.
        [NODE, `--max-old-space-size=${limits.memoryMb}`, request.entry]
      : [PYTHON, '-I', '-S', '-B', request.entry];
  const sandbox = await SandboxProcess.start({
    command,
    files: request.files,
    limits,
    addressSpaceMb: request.runtime === 'node' ? limits.memoryMb + 1024 : limits.memoryMb,
  });
  sandbox.send(request.stdin ?? '');
  const timer = setTimeout(() => sandbox.kill('time_limit'), limits.wallMs);
  try {
    return await sandbox.finish();
  } finally {
    clearTimeout(timer);
  }
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

/** How a program that ended on its own ended, from its exit status and what it printed to stderr. */
export function classify(exitCode: number | null, signal: NodeJS.Signals | null, stderr: string): RunStatus {
  if (OUT_OF_MEMORY.test(stderr)) return 'memory_limit';
  // RLIMIT_CPU delivers SIGXCPU (exit 128+24 through prlimit's exec) and then SIGKILL.
  if (signal === 'SIGXCPU' || exitCode === 152) return 'time_limit';
  if (exitCode === 0 && !signal) return 'ok';
  return 'runtime_error';
}
