import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startLlmServer } from '../../test/llm-server.js';
import { PROJECT_ROOT } from '../server/paths.js';

const run = promisify(execFile);

function evalCli(args: string[], env: Record<string, string> = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ONSITE_LLM_')));
  return run(path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'), ['src/cli/feedback-eval.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...clean, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('npm run feedback:eval -- --ai', () => {
  it('says in one line what is missing when no model is configured', async () => {
    const result = await evalCli(['--ai', '--split', 'test', '--limit', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--ai needs ONSITE_LLM_URL/)]);
  });

  it('judges the labelled typed answers with the configured model and prints the agreement table', async () => {
    const server = await startLlmServer(() => ({
      content: JSON.stringify({ points: [], misconceptions: [], verdict: 'weak' }),
    }));
    try {
      const result = await evalCli(['--ai', '--split', 'test', '--limit', '3'], {
        ONSITE_LLM_URL: server.url,
        ONSITE_LLM_MODEL: 'test-model',
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Typed answers judged by test-model: 3, agreement/);
      expect(result.stdout).toMatch(/no usable AI review, offline verdict used: 0/);
      expect(result.stdout).toMatch(/Human label \(rows\) × verdict \(columns\)/);
      expect(server.requests).toHaveLength(3);
      expect(server.requests.every((r) => r.body.model === 'test-model')).toBe(true);
    } finally {
      await server.close();
    }
  });
});

describe('npm run feedback:eval -- --split', () => {
  it('names every part, the held-out one included, when the part is unknown', async () => {
    const result = await evalCli(['--split', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('--split must be one of: tune, test, holdout, fresh');
  });

  it('measures the held-out part: typed answers and STAR stories, with no design section', async () => {
    const result = await evalCli(['--split', 'holdout', '--limit', '2']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/=== holdout part \(written blind by an outside writer\)/);
    expect(result.stdout).toMatch(/Typed answers: 2, agreement/);
    expect(result.stdout).toMatch(/Human label \(rows\) × verdict \(columns\)/);
    expect(result.stdout).toMatch(/STAR stories: 48\n/);
    expect(result.stdout).not.toMatch(/Designs:/);
    expect(result.stdout).not.toMatch(/=== (tune|test) part/);
  });
});
