import { readdirSync, readFileSync } from 'node:fs';

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
