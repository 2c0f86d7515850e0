import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../src/server/paths.js';

/**
 * Processes still alive from this test process's sandboxes: those in one of its cgroups
 * (`onsite-<pid>/…`, see src/server/sandbox/cgroup.ts). Hermetic: sandboxes of other servers or
 * test runs on the same machine are not counted. Empty when nothing is left.
 */
export function sandboxProcesses(): string {
  const mine = `/onsite-${process.pid}/`;
  const left: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cgroup`, 'utf8').includes(mine)) left.push(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return left.join('\n');
}

/** A started entry point. */
export interface Started {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
  /** Resolves with the first log line that `match` accepts. */
  line(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/**
 * Starts an entry point as its own process with `env` on top of this one's, collecting its JSON
 * log lines (stderr is passed through). A `.ts` entry runs under tsx's loader in node itself, not
 * the tsx binary, which would run it in a grandchild that a SIGKILL misses; a `.js` entry (the
 * build, `dist/…`) runs as production does.
 */
export function startEntry(entry: string, env: Record<string, string>): Started {
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  const child = spawn(process.execPath, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters: {
    match: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
    reject: (error: Error) => void;
  }[] = [];
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    lines.push(parsed);
    for (const waiter of [...waiters]) {
      if (waiter.match(parsed)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(parsed);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      resolve(code);
      for (const waiter of waiters.splice(0)) {
        waiter.reject(new Error(`${entry} exited (${signal ?? code}) before the awaited log line`));
      }
    }),
  );
  return {
    child,
    lines,
    exited,
    line: (match) => {
      const seen = lines.find(match);
      return seen ? Promise.resolve(seen) : new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
    },
  };
}
