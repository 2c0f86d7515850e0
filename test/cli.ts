import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/server/paths.js';
import { createTestApp, type TestAppOptions, type TestApp } from './app.js';

const exec = promisify(execFile);

/** The real executable, as `npm link` or a checkout runs it. */
export const ONSITE_BIN = path.join(PROJECT_ROOT, 'bin/onsite.js');

/** A test app listening on a loopback port, as the CLI reaches a real server. */
export async function startCliServer(options: TestAppOptions = {}): Promise<TestApp & { url: string }> {
  const t = await createTestApp(options);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...t, url: `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}` };
}

/** A throw-away home: its own config folder (the stored login) and working folder. */
export async function cliHome(): Promise<{ dir: string; env: Record<string, string>; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'onsite-cli-'));
  return {
    dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_CONFIG_HOME: path.join(dir, 'config') },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `onsite …` without a terminal (pipes), as a script would. */
export function runCli(
  args: string[],
  env: Record<string, string>,
  cwd = PROJECT_ROOT,
  bin = ONSITE_BIN,
): Promise<CliResult> {
  return exec(process.execPath, [bin, ...args], { cwd, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

/**
 * A real terminal: a detached tmux session on its own socket, 160×50, running a shell in `cwd`
 * with `env`. Type with `keys`/`type`, read the screen with `screen` or wait for text with `waitFor`.
 */
export function tmuxTerminal(cwd: string, env: Record<string, string>) {
  const socket = `onsite-test-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const vars = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  execFileSync(
    'tmux',
    [
      '-L',
      socket,
      '-f',
      '/dev/null',
      'new-session',
      '-d',
      '-x',
      '160',
      '-y',
      '50',
      '-c',
      cwd,
      ...vars,
      'bash --norc --noprofile',
    ],
    {
      env: { ...env, TERM: 'xterm-256color' },
    },
  );
  tmux('set-option', '-g', 'history-limit', '5000');
  const screen = (options: { escapes?: boolean } = {}) =>
    tmux('capture-pane', '-p', '-J', '-S', '-2000', ...(options.escapes ? ['-e'] : []));
  return {
    /** Sends tmux key names (`Enter`, `C-c`) or single characters. */
    keys: (...keys: string[]) => void tmux('send-keys', ...keys),
    /** Types text literally. */
    type: (text: string) => void tmux('send-keys', '-l', text),
    screen,
    /** Blanks the screen and its scrollback, so what follows is all `screen` shows. */
    clear: () => {
      tmux('send-keys', '-R');
      tmux('clear-history');
    },
    async waitFor(pattern: RegExp | string, timeoutMs = 30_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = screen();
        if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern} on screen:\n${text}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    close: () => {
      try {
        tmux('kill-server');
      } catch {
        // already gone
      }
    },
  };
}
