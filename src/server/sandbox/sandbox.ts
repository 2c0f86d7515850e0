import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The only code in Onsite that runs user code. Isolation comes from the operating system, not the
 * language: each run is a fresh bubblewrap container (new user, PID, network, IPC, UTS and mount
 * namespaces) entered as the unprivileged user `nobody`, seeing a read-only /usr and its own files,
 * a private /tmp, no network and an empty environment, under rlimits for CPU time, address space,
 * processes and file size — plus a wall-clock timer and an output cap enforced from outside.
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
const NODE = '/usr/bin/node';
const PYTHON = '/usr/bin/python3';

/** Why the sandbox cannot run here, or null when it can (bubblewrap, prlimit and setpriv present). */
export function sandboxUnavailableReason(): string | null {
  for (const tool of ['/usr/bin/bwrap', '/usr/bin/prlimit', '/usr/bin/setpriv']) {
    if (!existsSync(tool)) return `${tool} is missing: install the Debian packages bubblewrap and util-linux`;
  }
  return null;
}

function command(runtime: Runtime, entry: string, limits: Limits): string[] {
  if (runtime === 'node') {
    // V8 reserves far more address space than it uses; the heap cap does the real limiting.
    return [NODE, `--max-old-space-size=${limits.memoryMb}`, entry];
  }
  return [PYTHON, '-I', '-S', '-B', entry];
}

function addressSpaceBytes(runtime: Runtime, limits: Limits): number {
  const mb = runtime === 'node' ? limits.memoryMb + 1024 : limits.memoryMb;
  return mb * 1024 * 1024;
}

/** Runs one program in a fresh sandbox and reports how it ended. Never throws for the program's faults. */
export async function runSandboxed(request: RunRequest): Promise<RunResult> {
  const reason = sandboxUnavailableReason();
  if (reason) throw new Error(`sandbox unavailable: ${reason}`);
  const limits = { ...DEFAULT_LIMITS, ...request.limits };
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'onsite-run-'));
  const workDir = path.join(runDir, 'work');
  const outDir = path.join(runDir, 'out');
  try {
    // The code is readable by the sandbox user and mounted read-only; only out/ is writable, and
    // RLIMIT_FSIZE caps each output file, so a flood of output stops at the limit inside the sandbox.
    await chmod(runDir, 0o755);
    await mkdir(workDir, { mode: 0o755 });
    await mkdir(outDir, { mode: 0o777 });
    await chmod(outDir, 0o777);
    for (const [name, content] of Object.entries(request.files)) {
      const target = path.resolve(workDir, name);
      if (!target.startsWith(workDir + path.sep)) throw new Error(`file name escapes the sandbox: ${name}`);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
    const args = [
      `--reuid=${SANDBOX_UID}`,
      `--regid=${SANDBOX_UID}`,
      '--clear-groups',
      '/usr/bin/bwrap',
      '--unshare-all',
      '--die-with-parent',
      '--new-session',
      '--ro-bind',
      '/usr',
      '/usr',
      '--ro-bind',
      '/lib',
      '/lib',
      ...(existsSync('/lib64') ? ['--ro-bind', '/lib64', '/lib64'] : []),
      '--ro-bind',
      '/bin',
      '/bin',
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      '--tmpfs',
      '/tmp',
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
      `--as=${addressSpaceBytes(request.runtime, limits)}`,
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
      ...command(request.runtime, request.entry, limits),
    ];
    const ended = await execute(args, request.stdin ?? '', limits);
    const [stdout, stderr] = await Promise.all(
      ['stdout', 'stderr'].map((name) => readCapped(path.join(outDir, name), limits.outputBytes)),
    );
    const flooded = stdout!.length >= limits.outputBytes || stderr!.length >= limits.outputBytes;
    const status = ended.forced ?? (flooded ? 'output_limit' : classify(ended.exitCode, ended.signal, stderr!));
    return {
      status,
      exitCode: ended.exitCode,
      signal: ended.signal,
      stdout: stdout!,
      stderr: stderr!,
      wallMs: ended.wallMs,
    };
  } finally {
    await rm(runDir, { recursive: true, force: true });
  }
}

interface Ended {
  forced: RunStatus | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  wallMs: number;
}

/** Starts the sandbox, feeds stdin, and kills the whole process group at the wall-clock limit. */
function execute(args: string[], stdin: string, limits: Limits): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/setpriv', args, { stdio: ['pipe', 'ignore', 'pipe'], env: {}, detached: true });
    let forced: RunStatus | null = null;
    let setupError = '';
    child.stderr.on('data', (chunk: Buffer) => {
      if (setupError.length < 4096) setupError += chunk.toString('utf8');
    });
    child.stdin.on('error', () => {});
    child.stdin.end(stdin);
    const timer = setTimeout(() => {
      forced = 'time_limit';
      // The whole process group: bwrap, and with it every process in the sandbox's PID namespace.
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, limits.wallMs);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      if (setupError.startsWith('bwrap:') || setupError.startsWith('setpriv:') || setupError.startsWith('prlimit:')) {
        reject(new Error(`sandbox failed to start: ${setupError.trim()}`));
        return;
      }
      resolve({ forced, exitCode, signal, wallMs: Math.round(performance.now() - started) });
    });
  });
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

function classify(exitCode: number | null, signal: NodeJS.Signals | null, stderr: string): RunStatus {
  if (
    /heap out of memory|MemoryError|Cannot allocate memory|std::bad_alloc|Failed to reserve virtual memory|allocation failed|ERR_MEMORY_ALLOCATION_FAILED/i.test(
      stderr,
    )
  )
    return 'memory_limit';
  // RLIMIT_CPU delivers SIGXCPU (exit 128+24 through prlimit's exec) and then SIGKILL.
  if (signal === 'SIGXCPU' || exitCode === 152) return 'time_limit';
  if (exitCode === 0 && !signal) return 'ok';
  return 'runtime_error';
}
