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

  it('lets a mock interview skip its online assessment, which cannot begin, and go on with the loop', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/mocks',
      headers,
      payload: { levels: ['mid'], stages: ['online-assessment', 'behavioural'] },
    });
    const mock = created.json();
    const begun = await t.app.inject({ method: 'POST', url: `/v1/mocks/${mock.id}/stages/0/begin`, headers });
    expect(begun.statusCode).toBe(503);
    expect(begun.json().code).toBe('sandbox_unavailable');

    const skipped = await t.app.inject({ method: 'POST', url: `/v1/mocks/${mock.id}/stages/0/finish`, headers });
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json()).toMatchObject({ current: 1, stages: [{ skipped: true }, { skipped: false }] });
    // A stage that needs no sandbox still has to be begun before it is finished.
    const early = await t.app.inject({ method: 'POST', url: `/v1/mocks/${mock.id}/stages/1/finish`, headers });
    expect(early.json().code).toBe('stage_not_started');
  });

  it('reports the sandbox down in /readyz while the rest of the app serves', async () => {
    const ready = (await t.app.inject('/readyz')).json();
    expect(ready).toMatchObject({ status: 'degraded', sandbox: { status: 'down' } });
    expect((await t.app.inject({ url: '/v1/labs', headers })).statusCode).toBe(200);
  });
});
