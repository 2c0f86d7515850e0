import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personalSession, type TestApp } from '../../../test/app.js';
import { openTestDatabase } from '../../../test/database.js';
import { json } from '../../../test/json.js';
import type { AssessmentDto, DraftDto, LabDetail, LabSummary } from '../../shared/labs.js';
import { CONTENT_DIR } from '../paths.js';
import { WarmPool } from '../sandbox/warm-pool.js';
import { loadLabs } from './load-labs.js';

type LabList = { items: LabSummary[] };

const lab = (slug: string, file: string) => readFile(path.join(CONTENT_DIR, 'labs', slug, file), 'utf8');

describe('labs over the API', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    headers = await personalSession(t.app);
  });
  afterAll(() => t.close());

  const submit = async (slug: string, body: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url: `/v1/labs/${slug}/submissions`, headers, payload: body });
    expect(res.statusCode, res.body).toBe(202);
    const graded = await t.app.inject({ url: `/v1/submissions/${res.json().id}?waitMs=30000`, headers });
    return graded.json();
  };

  it('lists the labs', async () => {
    const all = json<LabList>(await t.app.inject({ url: '/v1/labs', headers })).items;
    expect(all.length).toBeGreaterThanOrEqual(2);
  });

  it('filters the list by language', async () => {
    const sql = json<LabList>(await t.app.inject({ url: '/v1/labs?language=sql', headers })).items;
    expect(sql.map((l) => l.slug)).toContain('top-n-per-group');
    expect(sql.every((l) => l.languages.includes('sql'))).toBe(true);
  });

  it('filters the list by area and level', async () => {
    const core = json<LabList>(await t.app.inject({ url: '/v1/labs?area=core&level=junior', headers })).items;
    expect(core.map((l) => l.slug)).toContain('lru-cache');
  });

  it('shows a lab with its prompt, starters and visible tests, and only the count of its hidden tests', async () => {
    const detail = json<LabDetail>(await t.app.inject({ url: '/v1/labs/lru-cache', headers }));
    expect(detail.prompt).toContain('LRUCache');
    expect(detail.starters.map((s) => s.language)).toEqual(['javascript', 'typescript', 'python']);
    expect(detail.visibleTests.every((test) => test.expected !== undefined)).toBe(true);
    expect(detail.hiddenTestCount).toBeGreaterThan(0);
    expect(JSON.stringify(detail)).not.toContain('refreshes recency');
  });

  it('answers a lab that does not exist with 404 lab_not_found problem+json', async () => {
    const missing = await t.app.inject({ url: '/v1/labs/no-such-lab', headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().code).toBe('lab_not_found');
  });

  it('refuses a filter with an unknown language with 400', async () => {
    const badFilter = await t.app.inject({ url: '/v1/labs?language=cobol', headers });
    expect(badFilter.statusCode).toBe(400);
  });

  it('autosaves drafts per language', async () => {
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/v1/labs/lru-cache/drafts/python',
      headers,
      payload: { code: 'class LRUCache: pass' },
    });
    expect(saved.statusCode).toBe(200);
    const drafts = json<{ items: DraftDto[] }>(await t.app.inject({ url: '/v1/labs/lru-cache/drafts', headers })).items;
    expect(drafts).toEqual([expect.objectContaining({ language: 'python', code: 'class LRUCache: pass' })]);
  });

  it('refuses a draft in a language the lab does not offer with 400 language_not_offered', async () => {
    const wrong = await t.app.inject({
      method: 'PUT',
      url: '/v1/labs/lru-cache/drafts/sql',
      headers,
      payload: { code: 'select 1' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('language_not_offered');
  });

  it('refuses a draft over 100,000 characters with 400', async () => {
    const huge = await t.app.inject({
      method: 'PUT',
      url: '/v1/labs/lru-cache/drafts/python',
      headers,
      payload: { code: 'x'.repeat(100_001) },
    });
    expect(huge.statusCode).toBe(400);
  });

  it('runs visible tests, then a submission passes and the lab counts as solved', async () => {
    const failing = await submit('lru-cache', {
      language: 'javascript',
      mode: 'run',
      code: await lab('lru-cache', 'starter.js'),
    });
    expect(failing).toMatchObject({ status: 'done', verdict: 'failed', mode: 'run' });
    expect(failing.result.tests.every((test: { visible: boolean }) => test.visible)).toBe(true);
    const first = failing.result.tests[0];
    expect(first).toMatchObject({ verdict: 'wrong_answer', expected: [10, 20, -1], actual: [-1, -1, -1] });

    const passing = await submit('lru-cache', {
      language: 'python',
      mode: 'submit',
      code: await lab('lru-cache', 'solution.py'),
    });
    expect(passing).toMatchObject({ status: 'done', verdict: 'passed', score: 100 });
    expect(passing.passed).toBe(passing.total);
    expect(passing.result.tests.some((test: { visible: boolean }) => !test.visible)).toBe(true);

    const history = (await t.app.inject({ url: '/v1/labs/lru-cache/submissions', headers })).json().items;
    expect(history.map((s: { mode: string }) => s.mode)).toEqual(['submit']);
    const listed = (await t.app.inject({ url: '/v1/labs', headers })).json().items;
    expect(listed.find((l: { slug: string }) => l.slug === 'lru-cache').status).toBe('solved');

    const solution = await t.app.inject({ url: '/v1/labs/lru-cache/solutions/typescript', headers });
    expect(solution.json().code).toContain('class LRUCache');
  });

  it('reports TypeScript compile errors with line numbers', async () => {
    const result = await submit('lru-cache', {
      language: 'typescript',
      mode: 'run',
      code: 'export class LRUCache {\n  get(key: number): number {\n    return "nope";\n  }\n}\n',
    });
    expect(result.verdict).toBe('compile_error');
    expect(result.result.diagnostics[0]).toMatchObject({ line: 3 });
    expect(result.result.diagnostics[0].message).toMatch(/not assignable to type 'number'/);
  });

  it('keeps at most 50 compile errors', async () => {
    const errors = Array.from({ length: 60 }, (_, i) => `const n${i}: number = 'text';`);
    const result = await submit('lru-cache', {
      language: 'typescript',
      mode: 'run',
      code: ['export class LRUCache {}', ...errors].join('\n'),
    });
    expect(result.verdict).toBe('compile_error');
    expect(result.result.diagnostics).toHaveLength(50);
  });

  it('shows the candidate’s own stack trace for a runtime error', async () => {
    const result = await submit('lru-cache', {
      language: 'javascript',
      mode: 'run',
      code: 'export class LRUCache {\n  constructor() {}\n  put() {}\n  get(key) {\n    return this.missing.value;\n  }\n}\n',
    });
    const test = result.result.tests[0];
    expect(test.verdict).toBe('runtime_error');
    expect(test.message).toContain('TypeError');
    expect(test.stack).toContain('solution.js:5');
    expect(test.stack).not.toMatch(/driver|node:internal/);
  });

  it('grades SQL on PostgreSQL with per-test setup', async () => {
    const result = await submit('top-n-per-group', {
      language: 'sql',
      mode: 'submit',
      code: await lab('top-n-per-group', 'wrong/rank-keeps-ties.sql'),
    });
    expect(result.verdict).toBe('failed');
    const tie = result.result.tests.find((test: { name: string }) => test.name.includes('equal salaries'));
    expect(tie).toMatchObject({ verdict: 'wrong_answer', visible: false });
    expect(tie.message).toMatch(/exactly two rows/i);
    expect(tie.expected).toBeUndefined();
    const syntax = await submit('top-n-per-group', {
      language: 'sql',
      mode: 'run',
      code: 'SELEC department FROM employees',
    });
    expect(syntax.result.tests[0].verdict).toBe('runtime_error');
    expect(syntax.result.tests[0].message).toMatch(/syntax error.*line 1/);
  });

  it('refuses a submission with an unknown mode with 400', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/labs/lru-cache/submissions',
      headers,
      payload: { language: 'python', mode: 'later', code: '' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('answers a submission that does not exist with 404 submission_not_found', async () => {
    const unknown = await t.app.inject({ url: '/v1/submissions/7b0a5f8e-1c3d-4a4e-9f1b-2d3c4b5a6f70', headers });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('submission_not_found');
  });
});

describe('timed assessments', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    headers = await personalSession(t.app);
  });
  afterAll(() => t.close());

  it('runs labs under one countdown and auto-submits drafts at zero', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers,
      payload: { labs: ['lru-cache', 'top-n-per-group'], minutes: 30 },
    });
    expect(started.statusCode).toBe(201);
    const assessment = started.json();
    expect(assessment.remainingSeconds).toBe(1800);
    await t.app.inject({
      method: 'PUT',
      url: '/v1/labs/lru-cache/drafts/javascript',
      headers,
      payload: { code: await lab('lru-cache', 'solution.js') },
    });
    const outsider = await t.app.inject({
      method: 'POST',
      url: '/v1/labs/lru-cache/submissions',
      headers,
      payload: { language: 'javascript', mode: 'submit', code: '', assessmentId: crypto.randomUUID() },
    });
    expect(outsider.statusCode).toBe(404);

    t.clock.now = new Date(t.clock.now.getTime() + 31 * 60_000);
    const ended = (await t.app.inject({ url: `/v1/assessments/${assessment.id}`, headers })).json();
    expect(ended).toMatchObject({ autoSubmitted: true, remainingSeconds: 0 });
    expect(ended.finishedAt).toBe(ended.endsAt);
    const submission = ended.labs.find((l: { slug: string }) => l.slug === 'lru-cache').submission;
    expect(submission).toMatchObject({ mode: 'submit', language: 'javascript' });
    expect(ended.labs.find((l: { slug: string }) => l.slug === 'top-n-per-group').submission).toBeNull();
    await t.app.inject({ url: `/v1/submissions/${submission.id}?waitMs=30000`, headers });
    const scored = (await t.app.inject({ url: `/v1/assessments/${assessment.id}`, headers })).json();
    expect(scored.score).toBe(50);

    const late = await t.app.inject({
      method: 'POST',
      url: '/v1/labs/lru-cache/submissions',
      headers,
      payload: { language: 'javascript', mode: 'submit', code: 'x', assessmentId: assessment.id },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('assessment_over');
  });
});

describe('picking the labs of an assessment on the server', () => {
  /** A seeded generator, so the picks are repeatable. */
  const seeded = (seed: number) => () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

  it('gives the same user a different set of labs next time, still at the level and spread over areas', async () => {
    const t = await createTestApp({ random: seeded(7) });
    try {
      const headers = await personalSession(t.app);
      const midLabs = json<LabList>(await t.app.inject({ url: '/v1/labs?level=mid', headers })).items;
      expect(midLabs.length).toBeGreaterThanOrEqual(4);
      const areaOf = new Map(midLabs.map((l) => [l.slug, l.area]));
      const start = async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: '/v1/assessments',
          headers,
          payload: { level: 'mid', count: 2 },
        });
        expect(res.statusCode, res.body).toBe(201);
        return json<AssessmentDto>(res).labs.map((l) => l.slug);
      };
      const first = await start();
      const second = await start();
      expect(first).toHaveLength(2);
      expect(second).toHaveLength(2);
      expect(second.filter((slug) => first.includes(slug))).toEqual([]);
      for (const picked of [first, second]) {
        expect(picked.every((slug) => areaOf.has(slug))).toBe(true);
        expect(new Set(picked.map((slug) => areaOf.get(slug))).size).toBe(2);
      }
    } finally {
      await t.close();
    }
  });
});

describe('grading jobs are never lost', () => {
  it('retries a crashed grading process and ends as an internal error only after the last attempt', async () => {
    const real = new WarmPool({ size: 1 });
    let failures = 1;
    const flaky = Object.create(real) as WarmPool;
    flaky.acquire = async (...args) => {
      if (failures-- > 0) throw new Error('sandbox killed by the host');
      return real.acquire(...args);
    };
    const t = await createTestApp({ pool: flaky });
    const headers = await personalSession(t.app);
    try {
      const code = await lab('lru-cache', 'solution.js');
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/labs/lru-cache/submissions',
        headers,
        payload: { language: 'javascript', mode: 'run', code },
      });
      const graded = (await t.app.inject({ url: `/v1/submissions/${res.json().id}?waitMs=30000`, headers })).json();
      expect(graded).toMatchObject({ status: 'done', verdict: 'passed' });

      failures = 100;
      const doomed = await t.app.inject({
        method: 'POST',
        url: '/v1/labs/lru-cache/submissions',
        headers,
        payload: { language: 'javascript', mode: 'run', code },
      });
      const failed = (await t.app.inject({ url: `/v1/submissions/${doomed.json().id}?waitMs=30000`, headers })).json();
      expect(failed).toMatchObject({ status: 'error', verdict: 'internal_error', code });
      expect(failed.error).toMatch(/attempt 3 of 3.*sandbox killed by the host/);
    } finally {
      await t.close();
      await real.close();
    }
  });

  it('grades, after a restart, the submissions a stopped server left queued or running', async () => {
    const database = await openTestDatabase('embedded');
    const first = await createTestApp({ database });
    const headers = await personalSession(first.app);
    const me = (await first.app.inject({ url: '/v1/me', headers })).json();
    await first.close();
    const { labSubmissions } = await import('../db/schema.js');
    const [row] = await database.db
      .insert(labSubmissions)
      .values({
        userId: me.id ?? me.user.id,
        labSlug: 'lru-cache',
        language: 'python',
        mode: 'submit',
        code: await lab('lru-cache', 'solution.py'),
        status: 'running',
        attempts: 1,
        createdAt: new Date(),
      })
      .returning();
    const second = await createTestApp({ database });
    await second.app.ready();
    const session = await personalSession(second.app);
    try {
      const graded = (
        await second.app.inject({ url: `/v1/submissions/${row!.id}?waitMs=30000`, headers: session })
      ).json();
      expect(graded).toMatchObject({ status: 'done', verdict: 'passed' });
    } finally {
      await second.close();
      await database.close();
    }
  });
});

describe('the lab content', () => {
  it('loads every lab without problems', async () => {
    const labs = await loadLabs(CONTENT_DIR);
    expect(labs.length).toBeGreaterThanOrEqual(2);
  });
});
