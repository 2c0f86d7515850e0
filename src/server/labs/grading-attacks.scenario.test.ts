import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabMeta, type LabLanguage } from '../../shared/labs.js';
import { CONTENT_DIR } from '../paths.js';
import { WarmPool } from '../sandbox/warm-pool.js';
import { grade } from './grader.js';
import { type Lab, loadLabs } from './load-labs.js';
import { JobQueue } from './queue.js';
import { withTestSources } from './test-labs.js';

/**
 * Attacks on the grading logic itself (issue 13), each through the real grading path: a verdict
 * that must not be `passed`, and the grader carrying on to grade an honest submission afterwards.
 * The lab's own wrong solutions are combined with each trick: a trick must never turn them into a pass.
 */
let pool: WarmPool;
let lru: Lab;
let topN: Lab;
/** A lab with no performance test, for the honest submissions: their verdict must not hang on a busy host. */
let jwt: Lab;
/** A lab whose hidden tests carry a secret in their code and their expectation. */
let secretLab: Lab;
/** A TypeScript lab whose one visible test is a 1 s performance test, for code whose types take long to check. */
let typedLab: Lab;

beforeAll(async () => {
  pool = new WarmPool({ size: 1 });
  const labs = await loadLabs(CONTENT_DIR);
  lru = labs.find((lab) => lab.slug === 'lru-cache')!;
  topN = labs.find((lab) => lab.slug === 'top-n-per-group')!;
  jwt = labs.find((lab) => lab.slug === 'jwt-hs256-verify')!;
  secretLab = await withTestSources({
    slug: 'secret',
    meta: LabMeta.parse({
      title: 'Secret',
      summary: 'A lab whose hidden tests hold secrets.',
      area: 'security',
      levels: ['junior'],
      languages: ['javascript', 'python'],
      timeLimitMinutes: 5,
      tests: [
        { name: 'visible', visible: true, expect: 'ok' },
        { name: 'hidden echo', expect: 'HIDDEN-EXPECTED-7Q' },
        { name: 'hidden error', expect: 'never' },
        { name: 'hidden shown', expect: 'never', reveal: ['message'] },
      ],
    }),
    prompt: '',
    starters: {},
    solutions: {},
    wrong: [],
    testSources: {},
    testCode: {
      js: [
        "const SECRET = 'HIDDEN-INPUT-4K';",
        'export default {',
        '  visible: (s) => s.visible(),',
        "  'hidden echo': (s) => s.echo(SECRET),",
        "  'hidden error': (s) => s.fail('HIDDEN-INPUT-9Z'),",
        "  'hidden shown': (s) => s.fail('SHOWN-INPUT-3B'),",
        '};',
      ].join('\n'),
      py: [
        "SECRET = 'HIDDEN-INPUT-4K'",
        'def hidden_error(s):',
        "    return s.fail('HIDDEN-INPUT-9Z')",
        'TESTS = {',
        "    'visible': lambda s: s.visible(),",
        "    'hidden echo': lambda s: s.echo(SECRET),",
        "    'hidden error': hidden_error,",
        "    'hidden shown': lambda s: s.fail('SHOWN-INPUT-3B'),",
        '}',
      ].join('\n'),
    },
  });
  typedLab = await withTestSources({
    slug: 'typed',
    meta: LabMeta.parse({
      title: 'Typed',
      summary: 'A lab whose performance test answers at once.',
      area: 'core',
      levels: ['junior'],
      languages: ['typescript'],
      timeLimitMinutes: 5,
      tests: [
        { name: 'at once', visible: true, kind: 'performance', timeoutMs: 1000, expect: 42 },
        { name: 'hidden', expect: 42 },
        { name: 'hidden too', expect: 42 },
      ],
    }),
    prompt: '',
    starters: {},
    solutions: {},
    wrong: [],
    testSources: {},
    testCode: {
      js: "export default { 'at once': (s) => s.answer(), hidden: (s) => s.answer(), 'hidden too': (s) => s.answer() };",
    },
  });
});
afterAll(() => pool.close());

const submit = (lab: Lab, language: LabLanguage, code: string) => grade(pool, { lab, language, code, scope: 'all' });

/** An honest submission graded after an attack: the grader is still working. */
async function honestStillGrades(): Promise<void> {
  const result = await submit(jwt, 'javascript', jwt.solutions.javascript!);
  expect(result.verdict).toBe('passed');
}

const wrongOf = (lab: Lab, language: LabLanguage) => lab.wrong.filter((wrong) => wrong.language === language);
const PERFORMANCE = '320000 operations at capacity 50000';

describe('1. work outside the timed windows: gaps, forked children, import time', () => {
  // Precomputes the performance test's answers at import, in a thread and in a forked child with a
  // fresh CPU budget, and wraps the driver's answer function to keep working between tests.
  const gapWork = `
import os, sys, threading
_main = sys.modules['__main__']
_memo = {}
def _precompute():
    c = LRUCache(50000)
    for i in range(50000): c.put(i, i)
    for r in range(200000): _memo[('g', r)] = c.get((r * 7919) % 50000)
threading.Thread(target=_precompute).start()
if os.fork() == 0:
    _precompute()
    os._exit(0)
_reply = getattr(_main, 'reply', None)
if _reply:
    def reply(record):
        _reply(record)
        _precompute()
    _main.reply = reply
`;

  it('the wrong-complexity linear scan fails the performance test, with or without the gap work', async () => {
    const [linear] = wrongOf(lru, 'python');
    expect(linear!.file).toMatch(/linear-scan\.py$/);
    for (const code of [linear!.code, linear!.code + gapWork]) {
      const result = await submit(lru, 'python', code);
      expect(result.verdict).toBe('failed');
      const performance = result.tests.find((test) => test.name === PERFORMANCE)!;
      expect(performance.verdict).toBe('time_limit');
    }
    await honestStillGrades();
  });

  it('a performance test is timed from the hand-over of the code: import-time work counts', async () => {
    // A correct solution that burns 2 s of CPU at import in a forked child and 2 s in itself (CPU
    // time, not wall time: a busy host must not decide this), then answers at once. Either half
    // alone stays under the 3 s limit.
    const code = `${lru.solutions.python!}
import os, time
if os.fork() == 0:
    while time.process_time() < 2: pass
    os._exit(0)
while time.process_time() < 2: pass
os.wait()
`;
    const result = await submit(lru, 'python', code);
    expect(result.tests.find((test) => test.name === PERFORMANCE)!.verdict).toBe('time_limit');
    await honestStillGrades();
  });
});

/**
 * The secrets as character codes shifted by one, and a byte search that never builds them as text:
 * the candidate's own code must not contain (and so find) what it looks for.
 */
const NEEDLES = `
const shifted = (text) => [...text].map((c) => c.charCodeAt(0));
const SECRET_CODES = shifted('IJEEFO.JOQVU.5L');
const EXPECTED_CODES = shifted('IJEEFO.FYQFDUFE.8R');
function contains(buf, codes) {
  for (let i = buf.indexOf(codes[0] - 1); i >= 0; i = buf.indexOf(codes[0] - 1, i + 1)) {
    let k = 1;
    while (k < codes.length && buf[i + k] === codes[k] - 1) k++;
    if (k === codes.length) return true;
  }
  return false;
}`;

describe('2 and 3. forging or rewriting answers', () => {
  // Scans its own memory for anything that looks like a command id and forges answers for all of them.
  const memoryScan = (forge: boolean) => `
import fs from 'node:fs';
${NEEDLES}
function scan() {
  const maps = fs.readFileSync('/proc/self/maps', 'utf8').split('\\n');
  const mem = fs.openSync('/proc/self/mem', 'r');
  const ids = new Set();
  let text = '';
  for (const line of maps) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) r/.exec(line);
    if (!m) continue;
    const start = parseInt(m[1], 16), end = parseInt(m[2], 16);
    if (end - start > 16 * 1024 * 1024) continue;
    const buf = Buffer.alloc(end - start);
    try { fs.readSync(mem, buf, 0, buf.length, start); } catch { continue; }
    const s = buf.toString('latin1');
    for (const id of s.match(/[0-9a-f]{24}/g) ?? []) ids.add(id);
    if (contains(buf, SECRET_CODES) || contains(buf, EXPECTED_CODES)) text += 'FOUND';
  }
  return { ids: [...ids], found: text };
}
export function visible() {
  const { ids, found } = scan();
  if (${forge}) for (const id of ids) {
    for (const value of ['ok', String.fromCharCode(...EXPECTED_CODES.map((c) => c - 1)), 'never']) {
      fs.writeSync(3, JSON.stringify({ t: 'result', id, value }) + '\\n');
    }
  }
  return found || 'ok';
}
export function echo(x) { return 'wrong ' + x; }
export function fail(x) { throw new Error('failed on ' + x); }
`;

  it('reading /proc/self/mem finds no hidden input or expectation, and forged answers do not count', async () => {
    // Nothing hidden was in memory while the visible test ran.
    const scanned = (await submit(secretLab, 'javascript', memoryScan(false))).tests[0]!;
    expect(scanned.actual).toBe('ok');
    expect(scanned.verdict).toBe('passed');
    const forged = await submit(secretLab, 'javascript', memoryScan(true));
    expect(forged.tests.find((t) => t.name === 'hidden echo')!.verdict).toBe('wrong_answer');
    expect(forged.verdict).toBe('failed');
    await honestStillGrades();
  });

  it('replacing the Python driver’s answer function rewrites only the candidate’s own answers', async () => {
    const tamper = `
import sys
_main = sys.modules['__main__']
_reply = _main.reply
def reply(record):
    if record.get('t') == 'error':
        record = {'t': 'result', 'id': record.get('id'), 'value': 'never'}
    if record.get('t') == 'result':
        record['value'] = record.get('value')
    _reply(record)
_main.reply = reply
for name in ('_channel', '_dumps'):
    pass
def visible(): return 'ok'
def echo(x): return 'guess'
def fail(x): raise ValueError(x)
`;
    const result = await submit(secretLab, 'python', tamper);
    // Turning errors into results is returning a value: it is compared like any other.
    expect(result.tests.find((t) => t.name === 'hidden echo')!.verdict).toBe('wrong_answer');
    expect(result.verdict).toBe('failed');
    // The lab's wrong Python solutions, with the same tampering, still fail.
    const [linear] = wrongOf(lru, 'python');
    const tampered = await submit(lru, 'python', linear!.code + tamper.split('def visible')[0]);
    expect(tampered.verdict).toBe('failed');
    await honestStillGrades();
  });
});

describe('3. hanging after the last answer', () => {
  const hangs: Record<'javascript' | 'python', string> = {
    javascript: 'process.exit = () => {};\nprocess.on("exit", () => { for (;;) {} });\nsetInterval(() => {}, 1 << 30);',
    python: 'import threading, time\nthreading.Thread(target=lambda: time.sleep(3600)).start()',
  };

  it('a correct solution that never exits is graded, killed, and the queue moves on', async () => {
    const results: string[] = [];
    const queue = new JobQueue(
      2,
      async (id) => {
        if (id === 'honest') {
          const honest = await submit(jwt, 'javascript', jwt.solutions.javascript!);
          results.push(`honest:${honest.verdict}`);
          return;
        }
        const language = id as 'javascript' | 'python';
        const result = await submit(jwt, language, `${jwt.solutions[language]!}\n${hangs[language]}`);
        results.push(`${language}:${result.verdict}`);
      },
      (id, error) => results.push(`${id}:crashed ${String(error)}`),
    );
    // Two hanging submissions fill both slots; the honest one waits behind them.
    queue.enqueue('javascript');
    queue.enqueue('python');
    queue.enqueue('honest');
    await queue.drain();
    expect(results.sort()).toEqual(['honest:passed', 'javascript:passed', 'python:passed']);
  });

  it('the lab’s wrong solutions with the hang still fail', { timeout: 300_000 }, async () => {
    for (const lab of [lru, jwt]) {
      for (const language of ['javascript', 'python'] as const) {
        for (const wrong of wrongOf(lab, language)) {
          expect((await submit(lab, language, `${wrong.code}\n${hangs[language]}`)).verdict).toBe('failed');
        }
      }
    }
  });
});

describe('5. filling /tmp', () => {
  it('stops at the sandbox’s memory, not the host’s', async () => {
    const code = `
def visible():
    n = 0
    try:
        while n < 1500:
            open('/tmp/f%d' % n, 'wb').write(b'x' * 900_000)
            n += 1
    except OSError:
        pass
    return n
def echo(x): return x
def fail(x): return x
`;
    const result = await submit(secretLab, 'python', code);
    const visible = result.tests[0]!;
    expect(['wrong_answer', 'memory_limit']).toContain(visible.verdict);
    if (visible.verdict === 'wrong_answer') expect(Number(visible.actual) * 0.9).toBeLessThan(400);
    expect(result.memoryKb ?? 0).toBeLessThan(700 * 1024);
    await honestStillGrades();
  });
});

describe('6. hidden tests stay hidden', () => {
  const reader = `
import fs from 'node:fs';
${NEEDLES}
function walk(dir, out) {
  let entries = [];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    const p = dir + '/' + e.name;
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) { try { const b = fs.readFileSync(p); if (contains(b, SECRET_CODES) || contains(b, EXPECTED_CODES)) out.push(p); } catch {} }
  }
}
export function visible() { const out = []; for (const d of ['/tmp', '/sandbox', '/driver']) walk(d, out); return out.length ? out.join(',') : 'ok'; }
export function echo(x) { console.log('leak:' + x); return x; }
export function fail(x) { throw new Error('leak:' + x); }
`;

  it('are on no readable path, and a failing one shows neither its input nor what the code printed', async () => {
    const result = await submit(secretLab, 'javascript', reader);
    expect(result.tests[0]!.verdict).toBe('passed');
    const stored = JSON.stringify(result);
    expect(stored).not.toContain('HIDDEN-INPUT');
    expect(stored).not.toContain('HIDDEN-EXPECTED');
    const error = result.tests.find((t) => t.name === 'hidden error')!;
    expect(error).toMatchObject({ verdict: 'runtime_error', stack: null });
    // The lab author chose to show this one's message.
    expect(result.tests.find((t) => t.name === 'hidden shown')!.message).toContain('SHOWN-INPUT-3B');
  });

  it('a Python traceback of a hidden test shows only what the author allows', async () => {
    const code = "def visible(): return 'ok'\ndef echo(x): return x\ndef fail(x): raise KeyError(x)\n";
    const result = await submit(secretLab, 'python', code);
    expect(JSON.stringify(result)).not.toContain('HIDDEN-INPUT');
    expect(result.tests.find((t) => t.name === 'hidden shown')!.message).toContain('SHOWN-INPUT-3B');
    await honestStillGrades();
  });
});

describe('7. unbounded answers', () => {
  const size = (value: unknown) => JSON.stringify(value).length;

  it('1 MB messages, a 200,000-level value, a cycle and a 50 MB string are bounded, never a crash', async () => {
    const js = `
export function visible() { throw new Error('x'.repeat(1_000_000)); }
export function echo() { let v = []; for (let i = 0; i < 200000; i++) v = [v]; return v; }
export function fail(x) { if (x.startsWith('HIDDEN')) { const a = {}; a.self = a; return a; } return 'y'.repeat(50_000_000); }
`;
    const py = `
def visible(): raise ValueError('x' * 1_000_000)
def echo(x):
    v = []
    for _ in range(200000): v = [v]
    return v
def fail(x):
    if x.startswith('HIDDEN'):
        a = {}
        a['self'] = a
        return a
    return 'y' * 50_000_000
`;
    for (const [language, code] of [
      ['javascript', js],
      ['python', py],
    ] as const) {
      const result = await submit(secretLab, language, code);
      expect(result.tests.map((t) => t.verdict)).toEqual([
        'runtime_error',
        'runtime_error',
        'runtime_error',
        'runtime_error',
      ]);
      expect(size(result)).toBeLessThan(20_000);
      expect(result.tests[0]!.message!.length).toBeLessThanOrEqual(2_100);
    }
    await honestStillGrades();
  });
});

describe('4. SQL cannot regain the superuser', () => {
  const escapes = [
    'RESET ROLE',
    'SET ROLE postgres',
    'SET SESSION AUTHORIZATION postgres',
    'RESET SESSION AUTHORIZATION',
    "SELECT set_config('role', 'postgres', false)",
    "DO $$ BEGIN EXECUTE 'RE' || 'SET ROLE'; END $$",
  ];

  it(
    'refuses every way back to the superuser, and so the file and program functions',
    { timeout: 300_000 },
    async () => {
      for (const escape of escapes) {
        const result = await submit(topN, 'sql', `${escape};\nSELECT pg_ls_dir('/');`);
        const visible = result.tests[0]!;
        expect(visible.verdict).toBe('runtime_error');
        expect(visible.message).toMatch(/cannot set parameter "(role|session_authorization)" within security-definer/);
      }
      for (const call of [
        "SELECT pg_read_file('/etc/passwd')",
        "SELECT pg_ls_dir('/')",
        "COPY (SELECT 1) TO PROGRAM 'id'",
      ]) {
        const visible = (await submit(topN, 'sql', call)).tests[0]!;
        expect(visible.message).toMatch(/permission denied/);
      }
    },
  );

  it('a view put in place of the grader’s result table does not run as the superuser', async () => {
    const trojan = `${topN.solutions.sql!}
CREATE FUNCTION public.evil() RETURNS text LANGUAGE sql AS $$ SELECT pg_read_file('/etc/passwd') $$;
DO $$ DECLARE t text; BEGIN
  SELECT relname INTO t FROM pg_class WHERE relname LIKE 'onsite_rows_%' LIMIT 1;
  IF t IS NOT NULL THEN
    EXECUTE format('ALTER TABLE pg_temp.%I RENAME TO moved', t);
    EXECUTE format('CREATE TEMP VIEW %I AS SELECT evil()', t);
  END IF;
END $$;`;
    const result = await submit(topN, 'sql', trojan);
    expect(JSON.stringify(result)).not.toContain('root:');
    expect(result.verdict).toBe('failed');
  });

  it('the lab’s wrong SQL with an escape attempt in front still fails', { timeout: 300_000 }, async () => {
    for (const wrong of topN.wrong) {
      expect((await submit(topN, 'sql', `RESET ROLE;\n${wrong.code}`)).verdict).toBe('failed');
    }
    expect((await submit(topN, 'sql', topN.solutions.sql!)).verdict).toBe('passed');
  });
});

describe('fair to honest code on a busy host', () => {
  it(
    'times a TypeScript performance test from the import: the type-check before it does not count, import-time work does',
    { timeout: 300_000 },
    async () => {
      // "Run" grades the visible performance test alone: one sandbox per submission.
      const run = (code: string) => grade(pool, { lab: typedLab, language: 'typescript', code, scope: 'visible' });
      // Types that take seconds of CPU to check (each line a 10,000-member union of template
      // literals), well over the 1 s limit, in code that answers at once.
      const slowTypes = [
        "type D = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';",
        'type N = `${D}${D}${D}${D}`;',
        'type Step<T, P extends string> = T extends `${infer A}${infer B}` ? `${P}${B}${A}` : never;',
        ...Array.from({ length: 20 }, (_, i) => `export const s${i}: Step<N, 'p${i}'> = 'p${i}2341';`),
        'export function answer(): number { return 42; }',
      ].join('\n');
      const checked = await run(slowTypes);
      expect(checked.tests.map((test) => [test.name, test.verdict])).toEqual([['at once', 'passed']]);
      // Code that burns 2 s of CPU when imported still fails it.
      const busyImport = `export function answer(): number { return 42; }
const until = process.cpuUsage().user + 2_000_000;
while (process.cpuUsage().user < until);`;
      expect((await run(busyImport)).tests.map((test) => [test.name, test.verdict])).toEqual([
        ['at once', 'time_limit'],
      ]);
    },
  );

  it('judges the time limit on the sandbox’s CPU: time the code is not running does not fail it', async () => {
    // A correct solution that is off the CPU for 4 s before the 3 s performance test answers, as a
    // sandbox is while a busy host runs other work: its CPU time stays under the limit, and only
    // waiting past 3× the limit in wall-clock time would stop it.
    const stalled = `${lru.solutions.python!}\nimport time\ntime.sleep(4)\n`;
    const result = await submit(lru, 'python', stalled);
    const performance = result.tests.find((test) => test.name === PERFORMANCE)!;
    expect(performance.verdict).toBe('passed');
    expect(performance.timeMs).toBeLessThan(3_000);
  });
});
