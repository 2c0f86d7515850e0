import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personalSession, type TestApp } from '../../../test/app.js';
import { labSubmissions } from '../db/schema.js';
import { configureSandbox } from '../sandbox/sandbox.js';

let t: TestApp;
let headers: Record<string, string>;

beforeAll(async () => {
  // What SANDBOX_BWRAP pointing at a missing binary does: the same as a machine without bubblewrap.
  configureSandbox({ bwrap: '/nonexistent/bwrap' });
  t = await createTestApp();
  headers = await personalSession(t.app);
});

afterAll(async () => {
  await t.close();
  configureSandbox({ bwrap: '/usr/bin/bwrap' });
});

describe('labs on a machine without bubblewrap', () => {
  it('says so to the web app, with what to install', async () => {
    const res = await t.app.inject({ url: '/v1/grading/status', headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ available: false, reason: expect.stringMatching(/bubblewrap/) });
  });

  it('answers a submission 503 sandbox_unavailable and stores nothing to fail later', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/labs/lru-cache/submissions',
      headers,
      payload: { language: 'python', mode: 'run', code: 'print(1)' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({
      code: 'sandbox_unavailable',
      detail: expect.stringMatching(/\/nonexistent\/bwrap is missing: install the Debian packages bubblewrap/),
    });
    expect(await t.database.db.select().from(labSubmissions)).toEqual([]);
  });

  it('answers starting a timed assessment 503 sandbox_unavailable', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers,
      payload: { level: 'junior', count: 1 },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('sandbox_unavailable');
  });

  it('reports the sandbox down in /readyz while the rest of the app serves', async () => {
    const ready = (await t.app.inject('/readyz')).json();
    expect(ready).toMatchObject({ status: 'degraded', sandbox: { status: 'down' } });
    expect((await t.app.inject({ url: '/v1/labs', headers })).statusCode).toBe(200);
  });
});
