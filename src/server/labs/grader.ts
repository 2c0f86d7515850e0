import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Diagnostic, Grade, LabLanguage, LabTestSpec, TestResult, TestVerdict } from '../../shared/labs.js';
import type { RunResult } from '../sandbox/sandbox.js';
import type { DriverRecord, WarmPool } from '../sandbox/warm-pool.js';
import type { Lab } from './load-labs.js';

export interface GradeRequest {
  lab: Lab;
  language: LabLanguage;
  code: string;
  /** "Run" grades the visible tests, "Submit" all of them. */
  scope: 'visible' | 'all';
}

/** The grading machinery itself failed (not the candidate's code): the job is retried. */
export class GradingCrash extends Error {
  override name = 'GradingCrash';
}

const DEFAULT_TEST_TIMEOUT_MS = 2_000;
/** Time from handing over the job to the first test: loading, type-checking or the lab's schema. */
const LOAD_TIMEOUT_MS: Record<LabLanguage, number> = {
  javascript: 5_000,
  typescript: 10_000,
  python: 5_000,
  sql: 30_000,
};
/** A sandbox killed mid-test is replaced so later tests still run, at most this many times. */
const MAX_RESTARTS = 4;
const OUTPUT_CAP = 8_000;
/** Errors a runtime raises when an allocation fails: reported as the memory limit they are. */
const OUT_OF_MEMORY =
  /^(MemoryError|RangeError: (Array buffer allocation failed|Invalid (typed )?array length)|ERROR: out of memory)/;

interface Outcome {
  verdict: TestVerdict;
  timeMs: number | null;
  message: string | null;
  actual?: unknown;
  stack: string | null;
}

interface Batch {
  outcomes: Map<string, Outcome>;
  diagnostics: Diagnostic[];
  maxRssKb: number | null;
  output: string;
  crashed: string | null;
}

/**
 * Grades one piece of code against a lab's tests. The tests run in a sandbox whose driver reports
 * only the value each test returned; the verdicts are decided here, against expectations that never
 * enter the sandbox, with each test's time measured from outside. A sandbox killed mid-test (time,
 * memory or output limit, or a crash) costs that test only: the rest run in a fresh sandbox.
 */
export async function grade(pool: WarmPool, request: GradeRequest): Promise<Grade> {
  const { lab, language } = request;
  const tests = lab.meta.tests.filter((test) => request.scope === 'all' || test.visible);
  const outcomes = new Map<string, Outcome>();
  let diagnostics: Diagnostic[] = [];
  let maxRssKb: number | null = null;
  let output = '';
  for (let round = 0; round <= MAX_RESTARTS; round++) {
    const remaining = tests.filter((test) => !outcomes.has(test.name));
    if (remaining.length === 0) break;
    const batch = await runBatch(pool, request, remaining);
    if (batch.crashed && batch.outcomes.size === 0 && outcomes.size === 0) throw new GradingCrash(batch.crashed);
    for (const [name, outcome] of batch.outcomes) outcomes.set(name, outcome);
    diagnostics = batch.diagnostics.length > 0 ? batch.diagnostics : diagnostics;
    if (batch.maxRssKb !== null) maxRssKb = Math.max(maxRssKb ?? 0, batch.maxRssKb);
    output = (output + batch.output).slice(0, OUTPUT_CAP);
    if (diagnostics.length > 0) break;
  }
  const results = tests.map((test) => toResult(test, language, outcomes.get(test.name), diagnostics.length > 0));
  const passed = results.filter((result) => result.verdict === 'passed').length;
  return {
    verdict: diagnostics.length > 0 ? 'compile_error' : passed === results.length ? 'passed' : 'failed',
    passed,
    total: results.length,
    score: results.length === 0 ? 0 : Math.round((passed / results.length) * 100),
    runtimeMs: results.reduce((sum, result) => sum + (result.timeMs ?? 0), 0),
    memoryKb: maxRssKb,
    tests: results,
    diagnostics,
    output,
  };
}

function testTimeout(test: LabTestSpec): number {
  return test.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
}

/** Runs `tests` in order in one sandbox until they finish or the sandbox dies. */
async function runBatch(pool: WarmPool, request: GradeRequest, tests: LabTestSpec[]): Promise<Batch> {
  const { lab, language } = request;
  const outcomes = new Map<string, Outcome>();
  const diagnostics: Diagnostic[] = [];
  let maxRssKb: number | null = null;
  let crashed: string | null = null;
  let loadFailure: Outcome | null = null;
  let sandbox;
  try {
    sandbox = await pool.acquire(language, lab.meta.limits);
  } catch (error) {
    return { outcomes, diagnostics, maxRssKb, output: '', crashed: (error as Error).message };
  }
  const byName = new Map(tests.map((test) => [test.name, test]));
  let current: { test: LabTestSpec; startedAt: number } | null = null;
  let timer: NodeJS.Timeout | undefined;
  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => sandbox.kill('time_limit'), ms);
  };
  const settle = (name: string, outcome: Omit<Outcome, 'timeMs'>) => {
    if (outcomes.has(name) || (current && current.test.name !== name)) {
      // A second verdict for a test, or one for a test not running: the submission wrote to the channel.
      const tampered = outcomes.has(name) ? name : current?.test.name;
      if (tampered) {
        outcomes.set(tampered, {
          verdict: 'runtime_error',
          timeMs: outcomes.get(tampered)?.timeMs ?? null,
          message: "your code wrote to the grader's results channel; the test does not count",
          stack: null,
        });
      }
      return;
    }
    if (!current) return;
    outcomes.set(name, { ...outcome, timeMs: Math.round(performance.now() - current.startedAt) });
    current = null;
    clearTimeout(timer);
  };

  const nonce = randomBytes(16).toString('hex');
  let printedBefore = 0;
  /** Output is capped per sandbox; the test during which the cap was reached gets the verdict. */
  const flooded = (record: DriverRecord) => {
    const out = typeof record.out === 'number' ? record.out : 0;
    const hit = out >= pool.limits.outputBytes && printedBefore < pool.limits.outputBytes;
    printedBefore = out;
    return hit;
  };
  const onRecord = (record: DriverRecord) => {
    // Only the driver knows the nonce; records the candidate's code forges without it are noise.
    if (record.n !== nonce) return;
    const name = typeof record.name === 'string' ? record.name : '';
    switch (record.t) {
      case 'start': {
        const test = byName.get(name);
        // The first start of a test not yet finished counts; anything else is noise from the candidate.
        if (!test || outcomes.has(name) || current) return;
        current = { test, startedAt: performance.now() };
        arm(testTimeout(test));
        return;
      }
      case 'result':
        if (flooded(record))
          settle(name, { verdict: 'output_limit', message: 'printed more output than the limit', stack: null });
        else settle(name, { verdict: 'passed', message: null, actual: record.value, stack: null });
        return;
      case 'error':
        if (flooded(record)) {
          settle(name, { verdict: 'output_limit', message: 'printed more output than the limit', stack: null });
          return;
        }
        settle(name, {
          verdict: OUT_OF_MEMORY.test(String(record.message)) ? 'memory_limit' : 'runtime_error',
          message: String(record.message ?? 'error'),
          stack: typeof record.stack === 'string' && record.stack ? record.stack : null,
        });
        return;
      case 'missing':
        crashed = `the lab's test file has no test named "${name}"`;
        settle(name, { verdict: 'internal_error', message: crashed, stack: null });
        return;
      case 'compile':
        if (diagnostics.length === 0 && Array.isArray(record.diagnostics)) {
          diagnostics.push(...(record.diagnostics as Diagnostic[]));
        }
        return;
      case 'load-error':
        loadFailure ??= {
          verdict: 'runtime_error',
          timeMs: null,
          message: `your code failed to load: ${String(record.message ?? 'error')}`,
          stack: typeof record.stack === 'string' && record.stack ? record.stack : null,
        };
        return;
      case 'setup-error':
        crashed = String(record.message ?? 'the lab failed to set up');
        return;
      case 'done':
        if (typeof record.maxRssKb === 'number') maxRssKb = record.maxRssKb;
        return;
    }
  };

  const job =
    language === 'sql'
      ? {
          nonce,
          schema: lab.schema ?? '',
          solution: request.code,
          tests: tests.map(({ name, setup, query, plan }) => ({ name, setup, query, plan: Boolean(plan) })),
        }
      : {
          nonce,
          solution: request.code,
          tests: language === 'python' ? lab.testCode.py : lab.testCode.js,
          names: tests.map((test) => test.name),
        };
  arm(LOAD_TIMEOUT_MS[language]);
  sandbox.run(job, onRecord);
  let ended: RunResult;
  try {
    ended = await sandbox.finish();
  } catch (error) {
    return { outcomes, diagnostics, maxRssKb, output: '', crashed: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
  const output = [ended.stdout, ended.stderr].filter(Boolean).join('\n');
  const interrupted = current as { test: LabTestSpec; startedAt: number } | null;
  if (interrupted) {
    outcomes.set(interrupted.test.name, {
      ...endedOutcome(ended),
      timeMs: Math.round(performance.now() - interrupted.startedAt),
    });
  } else if (loadFailure) {
    for (const test of tests) outcomes.set(test.name, loadFailure);
  } else if (outcomes.size === 0 && diagnostics.length === 0 && !crashed) {
    if (ended.status === 'ok') crashed = 'the sandbox ended without running any test';
    else {
      // The candidate's module never finished loading: an infinite loop or a huge allocation at the top level.
      const outcome = endedOutcome(ended);
      for (const test of tests) {
        outcomes.set(test.name, { ...outcome, timeMs: null, message: `while loading your code: ${outcome.message}` });
      }
    }
  }
  return { outcomes, diagnostics, maxRssKb, output, crashed };
}

/** What ended a sandbox that did not finish the test it was running. */
function endedOutcome(ended: RunResult): Omit<Outcome, 'timeMs'> {
  const lastLine = (ended.stderr.trim().split('\n').at(-1) ?? '').slice(0, 300);
  switch (ended.status) {
    case 'time_limit':
      return { verdict: 'time_limit', message: 'took longer than the time limit', stack: null };
    case 'memory_limit':
      return { verdict: 'memory_limit', message: 'used more memory than the limit', stack: null };
    case 'output_limit':
      return { verdict: 'output_limit', message: 'printed more output than the limit', stack: null };
    default:
      return {
        verdict: 'runtime_error',
        message:
          ended.status === 'ok'
            ? 'your code ended the process before the test finished'
            : `the process crashed${lastLine ? `: ${lastLine}` : ` (exit ${ended.exitCode ?? ended.signal})`}`,
        stack: null,
      };
  }
}

function toResult(
  test: LabTestSpec,
  language: LabLanguage,
  outcome: Outcome | undefined,
  compileFailed: boolean,
): TestResult {
  const base = { name: test.name, visible: test.visible, kind: test.kind, stack: null };
  if (!outcome) {
    return compileFailed
      ? { ...base, verdict: 'compile_error', timeMs: null, message: 'not run: the code does not compile' }
      : { ...base, verdict: 'internal_error', timeMs: null, message: 'not run: the grader stopped early' };
  }
  if (outcome.verdict !== 'passed') {
    const hint = !test.visible && outcome.verdict === 'time_limit' && test.hint ? ` — ${test.hint}` : '';
    return {
      ...base,
      verdict: outcome.verdict,
      timeMs: outcome.timeMs,
      message: (outcome.message ?? '') + hint,
      stack: outcome.stack,
    };
  }
  const failure = language === 'sql' ? checkSql(test, outcome.actual) : checkValue(test, outcome.actual);
  const shown = test.visible
    ? { expected: expectedOf(test, language), actual: shownActual(language, outcome.actual) }
    : {};
  if (!failure) return { ...base, verdict: 'passed', timeMs: outcome.timeMs, message: null, ...shown };
  return {
    ...base,
    verdict: 'wrong_answer',
    timeMs: outcome.timeMs,
    message: test.visible ? failure : (test.hint ?? 'wrong answer on a hidden test'),
    ...shown,
  };
}

function expectedOf(test: LabTestSpec, language: LabLanguage): unknown {
  return language === 'sql' && test.expect === undefined ? null : test.expect;
}

function shownActual(language: LabLanguage, actual: unknown): unknown {
  return language === 'sql' ? ((actual as { rows?: unknown } | null)?.rows ?? null) : actual;
}

function checkValue(test: LabTestSpec, actual: unknown): string | null {
  return sameValue(actual, test.expect) ? null : `expected ${brief(test.expect)}, got ${brief(actual)}`;
}

function checkSql(test: LabTestSpec, actual: unknown): string | null {
  const value = (actual ?? {}) as { rows?: unknown[]; plan?: { nodes: string[]; cost: number } };
  if (test.expect !== undefined) {
    const rows = value.rows ?? [];
    const expected = test.expect as unknown[];
    const sort = (list: unknown[]) =>
      test.ordered
        ? list
        : [...list]
            .map((row) => JSON.stringify(row))
            .sort()
            .map((row) => JSON.parse(row));
    if (!sameValue(sort(rows), sort(expected))) {
      return `expected ${expected.length} row(s) ${brief(expected)}, got ${rows.length} row(s) ${brief(rows)}`;
    }
  }
  if (test.plan) {
    const plan = value.plan;
    if (!plan) return 'no plan was produced';
    const missing = test.plan.uses.filter((node) => !plan.nodes.includes(node));
    if (missing.length > 0) return `the plan does not use ${missing.join(', ')} (it uses ${plan.nodes.join(', ')})`;
    const avoided = test.plan.avoids.filter((node) => plan.nodes.includes(node));
    if (avoided.length > 0) return `the plan still uses ${avoided.join(', ')}`;
    if (test.plan.maxCost !== undefined && plan.cost > test.plan.maxCost) {
      return `the plan's estimated cost is ${plan.cost}, above ${test.plan.maxCost}`;
    }
  }
  return null;
}

/** JSON equality, with numbers equal to within a relative 1e-9 (floating point differs across runtimes). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(
        (key) =>
          Object.hasOwn(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
      )
    );
  }
  return isDeepStrictEqual(a, b);
}

function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
