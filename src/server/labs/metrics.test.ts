import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personalSession, type TestApp } from '../../../test/app.js';
import { CONTENT_DIR } from '../paths.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ labConcurrency: 2 });
});

afterAll(async () => {
  await t.close();
});

describe('grading metrics', () => {
  it('reports queue depth, worker slots, and each graded job with its latency', async () => {
    const before = (await t.app.inject('/metrics')).body;
    expect(before).toMatch(/^onsite_grading_queue_depth 0$/m);
    expect(before).toMatch(/^onsite_grading_workers 2$/m);
    expect(before).toMatch(/^onsite_grading_jobs_in_flight 0$/m);

    const headers = await personalSession(t.app);
    const code = await readFile(path.join(CONTENT_DIR, 'labs', 'lru-cache', 'solution.js'), 'utf8');
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/labs/lru-cache/submissions',
      headers,
      payload: { language: 'javascript', mode: 'run', code },
    });
    const graded = await t.app.inject({ url: `/v1/submissions/${created.json().id}?waitMs=30000`, headers });
    expect(graded.json()).toMatchObject({ status: 'done', verdict: 'passed' });
    // The job's report follows its verdict by a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const after = (await t.app.inject('/metrics')).body;
    expect(after).toMatch(/^onsite_grading_jobs_total\{outcome="graded"\} 1$/m);
    expect(after).toMatch(/^onsite_grading_latency_seconds_count 1$/m);
  });
});
