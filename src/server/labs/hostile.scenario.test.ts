import { execFileSync } from 'node:child_process';
import { sandboxProcesses } from '../../../test/processes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, personalSession, type TestApp } from '../../../test/app.js';
import { LabMeta, type LabLanguage, type TestResult } from '../../shared/labs.js';
import { WarmPool } from '../sandbox/warm-pool.js';
import { grade } from './grader.js';
import type { Lab } from './load-labs.js';
import { withTestSources } from './test-labs.js';

/**
 * Hostile submissions. Each is graded like a real one against a probe lab: the first test calls the
 * submission's `probe()`, the second only proves the grader carried on. Every case must end with the
 * right verdict, leak nothing, leave no process behind, and never count as a pass.
 */
let probeLab: Lab = {
  slug: 'probe',
  meta: LabMeta.parse({
    title: 'Probe',
    summary: 'A lab whose only job is to run hostile code.',
    area: 'security',
    levels: ['junior'],
    languages: ['javascript', 'python'],
    timeLimitMinutes: 5,
    limits: { cpuSeconds: 4 },
    tests: [
      { name: 'probe', visible: true, expect: 'contained', timeoutMs: 3000 },
      { name: 'second', expect: 2 },
      { name: 'third', expect: 3 },
    ],
  }),
  prompt: '',
  starters: {},
  solutions: {},
  wrong: [],
  testCode: {
    js: 'export default { probe: (s) => s.probe(), second: () => 2, third: () => 3 };',
    py: "TESTS = {'probe': lambda s: s.probe(), 'second': lambda s: 2, 'third': lambda s: 3}",
  },
  testSources: {},
};

const sqlLab: Lab = {
  slug: 'sql-probe',
  meta: LabMeta.parse({
    title: 'SQL probe',
    summary: 'A lab whose only job is to run hostile SQL.',
    area: 'databases',
    levels: ['junior'],
    languages: ['sql'],
    timeLimitMinutes: 5,
    tests: [
      { name: 'probe', visible: true, expect: [[1]], timeoutMs: 3000 },
      { name: 'second', query: 'SELECT count(*) FROM t', expect: [[3]] },
      { name: 'third', query: 'SELECT max(x) FROM t', expect: [[3]] },
    ],
  }),
  prompt: '',
  starters: {},
  solutions: {},
  wrong: [],
  testCode: {},
  testSources: {},
  schema: 'CREATE TABLE t (x int); INSERT INTO t VALUES (1), (2), (3);',
};

let pool: WarmPool;
beforeAll(async () => {
  pool = new WarmPool({ size: 1 });
  probeLab = await withTestSources(probeLab);
});
afterAll(() => pool.close());

async function attack(
  language: LabLanguage,
  code: string,
): Promise<{ probe: TestResult; second: TestResult; output: string }> {
  const lab = language === 'sql' ? sqlLab : probeLab;
  const result = await grade(pool, { lab, language, code, scope: 'all' });
  const [probe, second, third] = result.tests;
  // Whatever the attack did, the grader went on to the next tests (SQL runs the submission in each).
  if (language !== 'sql') expect(second!.verdict).toBe('passed');
  expect(third!.verdict).not.toBe('internal_error');
  expect(probe!.verdict).not.toBe('passed');
  return { probe: probe!, second: second!, output: result.output };
}

const js = (body: string) => `import fs from 'node:fs';\nexport async function probe() {\n${body}\n}`;
const py = (body: string) => `import os, sys\ndef probe():\n${body.replace(/^/gm, '    ')}`;

describe('hostile submissions: files, environment, network, processes', () => {
  it('cannot read /etc/passwd', async () => {
    const { probe } = await attack('javascript', js("return fs.readFileSync('/etc/passwd', 'utf8');"));
    expect(probe.verdict).toBe('runtime_error');
    expect(probe.message).toContain('ENOENT');
  });

  it('cannot see the server’s files', async () => {
    const { probe } = await attack('javascript', js("return fs.readdirSync('/');"));
    expect(probe.verdict).toBe('wrong_answer');
    expect(probe.actual).not.toEqual(expect.arrayContaining(['root']));
    for (const dir of ['home', 'root', 'etc', 'var', 'srv']) expect(probe.actual).not.toContain(dir);
    // The working folder holds only the candidate's own code: no test file, no host path.
    expect((await attack('javascript', js("return fs.readdirSync('/sandbox');"))).probe.actual).toEqual([
      'solution.mjs',
    ]);
    const python = await attack('python', "def probe():\n    return open('/work/main/package.json').read()");
    expect(python.probe.message).toMatch(/FileNotFoundError/);
  });

  it('sees an empty environment, not the server’s', async () => {
    const { probe } = await attack('javascript', js('return process.env;'));
    expect(Object.keys(probe.actual as object).sort()).toEqual(['HOME', 'PATH', 'PWD']);
    const init = await attack('python', py("return open('/proc/1/environ').read()"));
    expect(JSON.stringify(init.probe.actual ?? '')).not.toMatch(/DATABASE_URL|REDIS|HOME=\/root/);
  });

  it('has no network: the host’s PostgreSQL and Redis are unreachable', async () => {
    const { probe } = await attack(
      'javascript',
      js(`const net = await import('node:net');
return await new Promise((resolve) => net.connect(5432, '127.0.0.1').on('connect', () => resolve('connected')).on('error', (e) => resolve(e.code)));`),
    );
    expect(['ECONNREFUSED', 'ENETUNREACH']).toContain(probe.actual);
    const python = await attack(
      'python',
      py(`import socket
try:
    socket.create_connection(('127.0.0.1', 6379), timeout=1)
    return 'connected'
except OSError as e:
    return 'refused'`),
    );
    expect(python.probe.actual).toBe('refused');
  });

  it('cannot spawn a shell from JavaScript, and a shell from Python runs as nobody', async () => {
    const { probe } = await attack(
      'javascript',
      js("const cp = await import('node:child_process'); return cp.execSync('id').toString();"),
    );
    expect(probe.verdict).toBe('runtime_error');
    expect(probe.message).toMatch(/Access to this API has been restricted|ERR_ACCESS_DENIED/);
    const python = await attack(
      'python',
      py(
        "import subprocess\nreturn subprocess.run(['/bin/sh', '-c', 'id -u'], capture_output=True, text=True).stdout.strip()",
      ),
    );
    expect(python.probe.actual).toBe('65534');
  });

  it('cannot start a worker thread or the inspector from JavaScript', async () => {
    const { probe } = await attack(
      'javascript',
      js(`const tries = {
        worker: async () => new (await import('node:worker_threads')).Worker('1', { eval: true }),
        inspector: async () => (await import('node:inspector')).open(0),
        session: async () => new (await import('node:inspector')).Session().connect(),
      };
      const outcome = {};
      for (const [name, attempt] of Object.entries(tries)) {
        try { await attempt(); outcome[name] = 'allowed'; } catch (error) { outcome[name] = error.code; }
      }
      return outcome;`),
    );
    expect(probe.actual).toEqual({
      worker: 'ERR_ACCESS_DENIED',
      inspector: 'ERR_ACCESS_DENIED',
      session: 'ERR_ACCESS_DENIED',
    });
  });

  it('cannot write outside its private /tmp', async () => {
    const { probe } = await attack('javascript', js("fs.writeFileSync('/usr/evil', 'x'); return 'wrote';"));
    expect(probe.verdict).toBe('runtime_error');
    const python = await attack('python', py("open('/driver/evil.py', 'w').write('x')\nreturn 'wrote'"));
    expect(python.probe.message).toMatch(/Read-only file system|Permission denied/);
  });

  it('stops a fork bomb and leaves no process behind', async () => {
    const { probe } = await attack(
      'python',
      py('while True:\n    try:\n        os.fork()\n    except OSError:\n        pass'),
    );
    expect(['time_limit', 'runtime_error', 'memory_limit']).toContain(probe.verdict);
    await expect.poll(sandboxProcesses, { timeout: 10_000, interval: 200 }).toBe('');
  });
});

describe('hostile submissions: resources', () => {
  it('stops an infinite loop at the time limit and still runs the next test', async () => {
    const { probe } = await attack('javascript', js('for (;;) {}'));
    expect(probe.verdict).toBe('time_limit');
    expect(probe.timeMs).toBeGreaterThanOrEqual(2900);
    expect((await attack('python', py('while True:\n    pass'))).probe.verdict).toBe('time_limit');
  });

  it('stops code that sleeps forever', async () => {
    const { probe } = await attack('javascript', js('setInterval(() => {}, 1000); await new Promise(() => {});'));
    expect(probe.verdict).toBe('time_limit');
    expect((await attack('python', py('import time\ntime.sleep(3600)'))).probe.verdict).toBe('time_limit');
  });

  it('reports the memory limit for a 10 GB allocation and a runaway heap', async () => {
    expect((await attack('python', py('return len(bytearray(10 * 1024 ** 3))'))).probe.verdict).toBe('memory_limit');
    expect(
      (await attack('javascript', js('const a = []; for (;;) a.push(new Array(1e6).fill(1));'))).probe.verdict,
    ).toBe('memory_limit');
  });

  it('reports deep recursion as the candidate’s runtime error', async () => {
    const { probe } = await attack('javascript', 'export function probe() { return probe() + 1; }');
    expect(probe).toMatchObject({ verdict: 'runtime_error' });
    expect(probe.message).toContain('Maximum call stack size exceeded');
    const python = await attack('python', 'def probe():\n    return probe() + 1');
    expect(python.probe.message).toContain('RecursionError');
  });

  it('caps 100 MB of output', async () => {
    const { probe, output } = await attack(
      'javascript',
      js("const s = 'x'.repeat(1e6); for (let i = 0; i < 100; i++) process.stdout.write(s);"),
    );
    expect(probe.verdict).toBe('output_limit');
    expect(output.length).toBeLessThanOrEqual(8_000);
  });
});

describe('hostile submissions: forging a verdict', () => {
  const forged = JSON.stringify({ t: 'result', name: 'probe', value: 'contained' });

  it('printing a fake results line does not pass', async () => {
    const { probe } = await attack('javascript', js(`console.log(${JSON.stringify(forged)}); return 'nope';`));
    expect(probe.verdict).toBe('wrong_answer');
  });

  it('writing a fake record to the grader’s channel does not pass, nor does exiting right after', async () => {
    expect(
      (await attack('javascript', js(`fs.writeSync(3, ${JSON.stringify(forged + '\n')}); return 'nope';`))).probe
        .verdict,
    ).toBe('wrong_answer');
    const exited = await attack(
      'javascript',
      js(`fs.writeSync(3, ${JSON.stringify(forged + '\n')}); process.exit(0);`),
    );
    expect(exited.probe.verdict).toBe('runtime_error');
    const python = await attack('python', py(`os.write(3, ${JSON.stringify(forged + '\n')}.encode())\nos._exit(0)`));
    expect(python.probe.verdict).toBe('runtime_error');
  });

  it('exiting early does not pass', async () => {
    const { probe } = await attack('javascript', js('process.exit(0);'));
    expect(probe).toMatchObject({ verdict: 'runtime_error' });
    expect(probe.message).toMatch(/ended the process/);
    expect((await attack('python', py('sys.exit(0)'))).probe.verdict).toBe('runtime_error');
  });

  it('patching JSON, the test runner or shared prototypes does not pass', async () => {
    const patched = await attack(
      'javascript',
      `JSON.stringify = () => '{"t":"result","name":"probe","value":"contained"}';
Object.prototype.toJSON = function () { return 'contained'; };
Array.prototype.includes = () => true;
export function probe() { return 'nope'; }`,
    );
    expect(patched.probe.verdict).not.toBe('passed');
    const python = await attack(
      'python',
      'import json\njson.dumps = lambda *a, **k: \'{"t": "result", "name": "probe", "value": "contained"}\'\ndef probe():\n    return \'nope\'',
    );
    expect(python.probe.verdict).toBe('wrong_answer');
  });
});

// The first SQL test of a run waits for the database snapshots to be built.
describe('hostile SQL', { timeout: 180_000 }, () => {
  it('refuses COPY … TO PROGRAM and the server-file functions', async () => {
    const copy = await attack('sql', "COPY (SELECT 1) TO PROGRAM 'id'");
    expect(copy.probe.verdict).toBe('runtime_error');
    expect(copy.probe.message).toMatch(/permission denied|must be superuser/);
    const file = await attack('sql', "SELECT pg_read_file('/etc/passwd')");
    expect(file.probe.message).toMatch(/permission denied/);
  });

  it('stops SQL that never ends', async () => {
    const { probe } = await attack('sql', 'SELECT count(*) FROM generate_series(1, 1000000000000)');
    expect(probe.verdict).toBe('time_limit');
  });

  it(
    'starts every submission on a fresh database: nothing one leaves behind is seen by the next',
    { timeout: 300_000 },
    async () => {
      // A session-level advisory lock outlives the rollback of the test that took it: the second test
      // of the same submission sees it, the first test of the next submission must not.
      const freshLab: Lab = {
        ...sqlLab,
        meta: {
          ...sqlLab.meta,
          tests: ['first', 'second'].map((name) => ({ ...sqlLab.meta.tests[0]!, name, expect: [[0]] })),
        },
      };
      const code = [
        "CREATE TEMP TABLE seen AS SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'",
        'SELECT pg_advisory_lock(4242)',
        'SELECT n FROM seen',
      ].join(';\n');
      const first = await grade(pool, { lab: freshLab, language: 'sql', code, scope: 'all' });
      expect(first.tests.map((test) => test.verdict)).toEqual(['passed', 'wrong_answer']);
      const next = await grade(pool, { lab: freshLab, language: 'sql', code, scope: 'all' });
      expect(next.tests[0]!.verdict).toBe('passed');
    },
  );

  it('contains a submission that escalates to the superuser inside its own database', async () => {
    const { probe } = await attack(
      'sql',
      "SET SESSION AUTHORIZATION postgres; COPY (SELECT 1) TO PROGRAM 'touch /tmp/onsite-pwned'",
    );
    expect(['time_limit', 'runtime_error', 'wrong_answer']).toContain(probe.verdict);
    expect(execFileSync('ls', ['/tmp']).toString()).not.toContain('onsite-pwned');
  });
});

describe('the server while hostile code runs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('keeps answering other requests', async () => {
    const headers = await personalSession(t.app);
    const bomb = (code: string, language: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/labs/lru-cache/submissions',
        headers,
        payload: { language, mode: 'run', code },
      });
    const loop = await bomb('export class LRUCache { constructor() { for (;;) {} } }', 'javascript');
    const fork = await bomb(
      'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass',
      'python',
    );
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const res = await t.app.inject('/healthz');
      latencies.push(performance.now() - started);
      expect(res.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/v1/labs', headers })).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(Math.max(...latencies)).toBeLessThan(1000);
    for (const res of [loop, fork]) {
      const graded = (await t.app.inject({ url: `/v1/submissions/${res.json().id}?waitMs=30000`, headers })).json();
      expect(graded.status).toBe('done');
      expect(graded.verdict).toBe('failed');
    }
  });
});
