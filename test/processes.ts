import { execFileSync } from 'node:child_process';

/** Processes of the sandbox user still alive (ps exits 1 when there are none). */
export function sandboxProcesses(): string {
  try {
    return execFileSync('ps', ['-u', '65534', '-o', 'pid=']).toString().trim();
  } catch {
    return '';
  }
}
