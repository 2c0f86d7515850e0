import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Limits for a whole sandbox, every process in it together: what a cgroup adds to the per-process
 * rlimits. Forking cannot buy more CPU, and memory counts every page the sandbox owns — heap, page
 * cache and the tmpfs files it writes to `/tmp` — because the kernel charges them all to the cgroup.
 *
 * Levels, best first: `cgroup-v2` (the unified hierarchy, at its root or in a subtree delegated to
 * this server), `cgroup-v1` (the legacy per-controller hierarchies, as on hybrid hosts), and
 * `process-limits` when neither is writable: then only rlimits, a size-capped tmpfs and the timers
 * apply, and the start-up log and `/readyz` say so.
 *
 * Past ~400 lines, kept as one file on purpose: finding, creating, limiting and releasing a cgroup
 * are one subject on two kernel interfaces (v2 and v1), each step written once for both.
 */
type IsolationLevel = 'cgroup-v2' | 'cgroup-v1' | 'process-limits';

interface Isolation {
  level: IsolationLevel;
  /** Why no cgroup is used (for `process-limits`), or null. */
  reason: string | null;
}

export interface CgroupLimits {
  memoryBytes: number;
  /** Processes (v1 and v2 count threads too) the sandbox may hold at once. */
  pids: number;
  /** CPUs' worth of time per period the sandbox may use: 1 keeps one sandbox on one core. */
  cpus: number;
}

/** Where the cgroup file system is mounted, read from /proc/self/mountinfo. */
interface Mount {
  type: 'cgroup' | 'cgroup2';
  dir: string;
  /** The hierarchy path the mount shows at its root ("/" unless a sub-tree is mounted). */
  root: string;
  controllers: string[];
}

function readMounts(mountinfo: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    if (!left || !right) continue;
    const fields = left.split(' ');
    const [fsType, , superOptions = ''] = right.split(' ');
    if (fsType !== 'cgroup' && fsType !== 'cgroup2') continue;
    mounts.push({
      type: fsType,
      dir: unescapeMountPath(fields[4] ?? ''),
      root: unescapeMountPath(fields[3] ?? '/'),
      controllers: fsType === 'cgroup' ? superOptions.split(',') : [],
    });
  }
  return mounts;
}

const unescapeMountPath = (text: string) =>
  text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

/** `controller → path` of this process in each hierarchy, from /proc/self/cgroup ("" is the unified one). */
function readOwnPaths(procCgroup: string): Map<string, string> {
  const paths = new Map<string, string>();
  for (const line of procCgroup.split('\n')) {
    const match = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!match) continue;
    for (const controller of match[1]!.split(',')) paths.set(controller, match[2]!);
  }
  return paths;
}

function within(mount: Mount, cgroupPath: string): string {
  const relative =
    mount.root !== '/' && cgroupPath.startsWith(mount.root) ? cgroupPath.slice(mount.root.length) : cgroupPath;
  return path.join(mount.dir, relative);
}

const read = (file: string) => readFileSync(file, 'utf8');
const write = (file: string, value: string | number) => writeFileSync(file, String(value));

/** A pid that is alive (signal 0 reaches it, or it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The cgroup folders this server creates sandboxes under: `onsite-<pid>` beside (v1) or below
 * (v2) the server's own cgroup in each hierarchy, so a sandbox never escapes the limits the host
 * set for the server, and folders left by a server that died are recognisable and swept.
 */
interface CgroupHost {
  readonly level: 'cgroup-v1' | 'cgroup-v2';
  /** One folder per hierarchy used, keyed by role. */
  readonly parents: { memory: string; pids: string; cpuacct: string; cpu: string | null };
}

const V1_CONTROLLERS = ['memory', 'pids', 'cpuacct'] as const;

function prepareV1(mounts: Mount[], own: Map<string, string>, name: string): CgroupHost | string {
  const dirs: Record<string, string> = {};
  for (const controller of [...V1_CONTROLLERS, 'cpu']) {
    const mount = mounts.find((m) => m.type === 'cgroup' && m.controllers.includes(controller));
    if (!mount) {
      if (controller === 'cpu') continue;
      return `no cgroup v1 hierarchy has the ${controller} controller`;
    }
    const ownPath = own.get(controller);
    if (ownPath === undefined) return `this process is in no ${controller} cgroup`;
    dirs[controller] = path.join(within(mount, ownPath), name);
  }
  try {
    for (const dir of new Set(Object.values(dirs))) {
      sweepStale(path.dirname(dir));
      mkdirSync(dir, { recursive: true });
    }
  } catch (error) {
    return `cgroup v1 is not writable: ${(error as Error).message}`;
  }
  return {
    level: 'cgroup-v1',
    parents: { memory: dirs.memory!, pids: dirs.pids!, cpuacct: dirs.cpuacct!, cpu: dirs.cpu ?? null },
  };
}

function prepareV2(mounts: Mount[], own: Map<string, string>, name: string): CgroupHost | string {
  const mount = mounts.find((m) => m.type === 'cgroup2');
  const ownPath = own.get('');
  if (!mount || ownPath === undefined) return 'no cgroup v2 hierarchy';
  const home = within(mount, ownPath);
  let available: string[];
  try {
    available = read(path.join(home, 'cgroup.controllers')).trim().split(/\s+/);
  } catch (error) {
    return `cgroup v2 cannot be read: ${(error as Error).message}`;
  }
  const wanted = ['memory', 'pids', 'cpu'].filter((c) => available.includes(c));
  if (!wanted.includes('memory') || !wanted.includes('pids')) {
    return `cgroup v2 offers no memory and pids controllers here (it has: ${available.join(' ') || 'none'})`;
  }
  const enable = wanted.map((c) => `+${c}`).join(' ');
  try {
    sweepStale(home);
    const isRoot = path.resolve(home) === path.resolve(mount.dir);
    if (!isRoot) {
      // The no-internal-processes rule: a delegated cgroup that hands controllers to children may
      // hold no process itself, so this service's processes move to a leaf beside the sandboxes.
      const leaf = path.join(home, 'onsite-server');
      mkdirSync(leaf, { recursive: true });
      for (const pid of read(path.join(home, 'cgroup.procs')).split('\n').filter(Boolean)) {
        try {
          write(path.join(leaf, 'cgroup.procs'), pid);
        } catch {
          // a process that exited meanwhile
        }
      }
    }
    write(path.join(home, 'cgroup.subtree_control'), enable);
    const parent = path.join(home, name);
    mkdirSync(parent, { recursive: true });
    write(path.join(parent, 'cgroup.subtree_control'), enable);
    return {
      level: 'cgroup-v2',
      parents: { memory: parent, pids: parent, cpuacct: parent, cpu: wanted.includes('cpu') ? parent : null },
    };
  } catch (error) {
    return `cgroup v2 is not writable here: ${(error as Error).message}`;
  }
}

/** Removes `onsite-<pid>` folders under `dir` whose server is gone, killing anything left inside. */
export function sweepStale(dir: string): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = /^onsite-(\d+)$/.exec(entry);
    if (!match || Number(match[1]) === process.pid || alive(Number(match[1]))) continue;
    const parent = path.join(dir, entry);
    for (const child of safeList(parent)) removeCgroup(path.join(parent, child));
    removeCgroup(parent);
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

/** Kills every process in a cgroup folder and removes it; false if it is still busy. */
function removeCgroup(dir: string): boolean {
  if (!existsSync(dir)) return true;
  killMembers(dir);
  try {
    rmdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

function killMembers(dir: string): number {
  let pids: string[];
  try {
    pids = read(path.join(dir, 'cgroup.procs')).split('\n').filter(Boolean);
  } catch {
    return 0;
  }
  for (const pid of pids) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return pids.length;
}

let detected: { isolation: Isolation; host: CgroupHost | null } | null = null;

/**
 * Finds the best isolation level this host allows, once per process. `ONSITE_SANDBOX_CGROUPS=off`
 * forces `process-limits` (to measure what the cgroups cost, or on a host where they misbehave).
 */
export function detectIsolation(): { isolation: Isolation; host: CgroupHost | null } {
  if (detected) return detected;
  if (process.env.ONSITE_SANDBOX_CGROUPS === 'off') {
    detected = {
      isolation: { level: 'process-limits', reason: 'turned off by ONSITE_SANDBOX_CGROUPS=off' },
      host: null,
    };
    return detected;
  }
  let mounts: Mount[];
  let own: Map<string, string>;
  try {
    mounts = readMounts(read('/proc/self/mountinfo'));
    own = readOwnPaths(read('/proc/self/cgroup'));
  } catch (error) {
    detected = { isolation: { level: 'process-limits', reason: (error as Error).message }, host: null };
    return detected;
  }
  const name = `onsite-${process.pid}`;
  const v2 = prepareV2(mounts, own, name);
  if (typeof v2 !== 'string') {
    detected = { isolation: { level: 'cgroup-v2', reason: null }, host: v2 };
    return detected;
  }
  const v1 = prepareV1(mounts, own, name);
  if (typeof v1 !== 'string') {
    detected = { isolation: { level: 'cgroup-v1', reason: null }, host: v1 };
  } else {
    detected = { isolation: { level: 'process-limits', reason: `${v2}; ${v1}` }, host: null };
  }
  return detected;
}

/** Removes this server's cgroup folders once no sandbox is left in them (at shutdown). */
export function releaseCgroups(): void {
  const host = detected?.host;
  if (!host) return;
  for (const parent of new Set(Object.values(host.parents))) {
    if (!parent) continue;
    try {
      rmdirSync(parent);
    } catch {
      // still in use by another pool of this process, or already gone
    }
  }
}

/** The isolation level in force: what the start-up log and `/readyz` report. */
export function sandboxIsolation(): Isolation {
  return detectIsolation().isolation;
}

let counter = 0;

/**
 * One sandbox's cgroup. The sandbox joins it before anything runs (`joinFiles`, written by the
 * launching shell with its own pid before it execs the sandbox), so every process it ever forks is
 * inside, counted and killed with it.
 */
export class SandboxCgroup {
  private constructor(
    private readonly host: CgroupHost,
    private readonly dirs: string[],
  ) {}

  /** A fresh cgroup with `limits`, or null when the host allows none. */
  static create(limits: CgroupLimits): SandboxCgroup | null {
    const { host } = detectIsolation();
    if (!host) return null;
    counter += 1;
    const leaf = `sandbox-${counter}`;
    const at = (parent: string) => path.join(parent, leaf);
    const dirs = [
      ...new Set([host.parents.memory, host.parents.pids, host.parents.cpuacct, host.parents.cpu].filter(Boolean)),
    ].map((parent) => at(parent!));
    try {
      for (const dir of dirs) mkdirSync(dir, { recursive: true });
      const cgroup = new SandboxCgroup(host, dirs);
      cgroup.applyLimits(limits);
      return cgroup;
    } catch (error) {
      for (const dir of dirs) removeCgroup(dir);
      throw new Error(`could not create the sandbox's cgroup: ${(error as Error).message}`, { cause: error });
    }
  }

  private dir(role: keyof CgroupHost['parents']): string | null {
    const parent = this.host.parents[role];
    return parent ? path.join(parent, path.basename(this.dirs[0]!)) : null;
  }

  private applyLimits(limits: CgroupLimits): void {
    const memory = this.dir('memory')!;
    const pids = this.dir('pids')!;
    const cpu = this.dir('cpu');
    const period = 100_000;
    if (this.host.level === 'cgroup-v2') {
      write(path.join(memory, 'memory.max'), limits.memoryBytes);
      if (existsSync(path.join(memory, 'memory.swap.max'))) write(path.join(memory, 'memory.swap.max'), 0);
      write(path.join(pids, 'pids.max'), limits.pids);
      if (cpu) write(path.join(cpu, 'cpu.max'), `${Math.round(limits.cpus * period)} ${period}`);
      return;
    }
    write(path.join(memory, 'memory.limit_in_bytes'), limits.memoryBytes);
    // With swap on the host, tmpfs pages could otherwise be swapped out of the limit's reach.
    if (existsSync(path.join(memory, 'memory.memsw.limit_in_bytes'))) {
      write(path.join(memory, 'memory.memsw.limit_in_bytes'), limits.memoryBytes);
    }
    write(path.join(pids, 'pids.max'), limits.pids);
    if (cpu) {
      write(path.join(cpu, 'cpu.cfs_period_us'), period);
      write(path.join(cpu, 'cpu.cfs_quota_us'), Math.round(limits.cpus * period));
    }
  }

  /** The `cgroup.procs` files a process writes its pid to, to join this cgroup in every hierarchy. */
  get joinFiles(): string[] {
    return this.dirs.map((dir) => path.join(dir, 'cgroup.procs'));
  }

  /** CPU time every process of the sandbox has used so far, in microseconds. */
  cpuUsageUs(): number {
    const dir = this.dir('cpuacct')!;
    if (this.host.level === 'cgroup-v2') {
      return Number(/usage_usec (\d+)/.exec(read(path.join(dir, 'cpu.stat')))?.[1] ?? 0);
    }
    return Math.round(Number(read(path.join(dir, 'cpuacct.usage')).trim()) / 1000);
  }

  /** The most memory the sandbox held at once, in bytes (null where the kernel does not say). */
  memoryPeakBytes(): number | null {
    const dir = this.dir('memory')!;
    const file = path.join(dir, this.host.level === 'cgroup-v2' ? 'memory.peak' : 'memory.max_usage_in_bytes');
    try {
      return Number(read(file).trim());
    } catch {
      return null;
    }
  }

  /** Whether the sandbox ran into its memory limit: a process was OOM-killed or an allocation refused. */
  hitMemoryLimit(): boolean {
    const dir = this.dir('memory')!;
    try {
      if (this.host.level === 'cgroup-v2') {
        const events = read(path.join(dir, 'memory.events'));
        return Number(/oom_kill (\d+)/.exec(events)?.[1] ?? 0) > 0 || Number(/\bmax (\d+)/.exec(events)?.[1] ?? 0) > 0;
      }
      const oom = Number(/oom_kill (\d+)/.exec(read(path.join(dir, 'memory.oom_control')))?.[1] ?? 0);
      return oom > 0 || Number(read(path.join(dir, 'memory.failcnt')).trim()) > 0;
    } catch {
      return false;
    }
  }

  /** Kills every process in the sandbox, however it was started or detached. */
  killAll(): void {
    const dir = this.dir('pids')!;
    if (this.host.level === 'cgroup-v2' && existsSync(path.join(dir, 'cgroup.kill'))) {
      try {
        write(path.join(dir, 'cgroup.kill'), 1);
        return;
      } catch {
        // fall through to killing one by one
      }
    }
    killMembers(dir);
  }

  /** Kills what is left and removes the cgroup, waiting a moment for the kernel to reap the dead. */
  async remove(): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      this.killAll();
      const left = this.dirs.filter((dir) => !removeCgroup(dir));
      if (left.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
