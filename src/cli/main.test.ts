import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../test/app.js';
import { PROJECT_ROOT } from '../server/paths.js';

const exec = promisify(execFile);
let t: TestApp;
let url: string;
let token: string;

beforeAll(async () => {
  t = await createTestApp({ mode: 'hosted' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const { headers } = await signUp(t.app, 'cli@example.com');
  token = (
    await t.app.inject({ method: 'POST', url: '/v1/me/tokens', headers, payload: { name: 'cli', scope: 'read' } })
  ).json().token;
});
afterAll(async () => t?.close());

async function cli(args: string[], env: Record<string, string> = {}) {
  return exec(path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['src/cli/main.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', ONSITE_URL: url, ONSITE_TOKEN: token, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('the onsite CLI', () => {
  it('authenticates with a personal API token', async () => {
    const result = await cli(['whoami']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('cli <cli@example.com> (admin)');
  });

  it('lists and shows questions', async () => {
    const list = await cli(['questions', '--area', 'databases', '--level', 'mid']);
    expect(list.stdout).toMatch(/^n-plus-one\s+\[databases; mid\]/m);
    expect(list.stdout).toContain('2 of 2 question(s)');
    const show = await cli(['question', 'acid']);
    expect(show.stdout).toContain('What do the ACID properties guarantee?');
    expect(show.stdout).toContain('Key points:');
  });

  it('fails with one line and a non-zero exit on a bad token, bad options, or an unknown command', async () => {
    const revoked = await cli(['whoami'], { ONSITE_TOKEN: 'onsite_pat_not-a-real-token' });
    expect(revoked.code).toBe(1);
    expect(revoked.stderr.trim()).toBe('onsite: 401 invalid_token: The API token is invalid or has been revoked.');

    const badLevel = await cli(['questions', '--level', 'guru']);
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr.trim().split('\n')).toHaveLength(1);
    expect(badLevel.stderr).toMatch(/^onsite: invalid options: level: /);

    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe('onsite: unknown command "frobnicate"; run "onsite help"');

    const missing = await cli(['question', 'no-such-question']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('404 question_not_found');

    const down = await cli(['whoami'], { ONSITE_URL: 'http://127.0.0.1:9' });
    expect(down.stderr.trim()).toBe(
      'onsite: cannot reach Onsite at http://127.0.0.1:9 (is it running? set ONSITE_URL)',
    );
  });
});
