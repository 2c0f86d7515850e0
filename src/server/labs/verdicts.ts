import { isDeepStrictEqual } from 'node:util';
import type { LabLanguage, LabTestSpec, TestResult, TestVerdict } from '../../shared/labs.js';
import { boundedJson, boundedValue } from '../sandbox/bounded-json.js';

/** How one test went in the sandbox, before its value is compared with the expectation. */
export interface Outcome {
  verdict: TestVerdict;
  timeMs: number | null;
  message: string | null;
  actual?: unknown;
  stack: string | null;
  /**
   * Whether the message, stack and value came from inside the test's run (and so may carry its
   * hidden inputs), rather than from the grader or from loading the code before any test ran.
   */
  fromTest: boolean;
}

/** Largest actual value kept in a stored result, as JSON characters; larger ones become a preview. */
const SHOWN_VALUE_CHARS = 4_000;

/**
 * The stored verdict of one test. Visible tests show everything; a hidden test shows its verdict,
 * time and hint, and only what its `reveal` allows of the candidate's message, the actual value and
 * the expected one. Every stored field is bounded.
 */
export function toResult(
  test: LabTestSpec,
  language: LabLanguage,
  outcome: Outcome | undefined,
  compileFailed: boolean,
  notRun: string,
): TestResult {
  const base = { name: test.name, visible: test.visible, kind: test.kind, stack: null };
  const shows = (field: 'message' | 'actual' | 'expected') => test.visible || test.reveal.includes(field);
  if (!outcome) {
    return compileFailed
      ? { ...base, verdict: 'compile_error', timeMs: null, message: 'not run: the code does not compile' }
      : { ...base, verdict: 'runtime_error', timeMs: null, message: notRun };
  }
  if (outcome.verdict !== 'passed') {
    const hidden = outcome.fromTest && !shows('message');
    const hint = !test.visible && test.hint ? ` — ${test.hint}` : '';
    const message = hidden ? 'your code raised an error on a hidden test' : (outcome.message ?? '');
    return {
      ...base,
      verdict: outcome.verdict,
      timeMs: outcome.timeMs,
      message: message + (outcome.verdict === 'runtime_error' || outcome.verdict === 'time_limit' ? hint : ''),
      stack: hidden ? null : outcome.stack,
    };
  }
  const failure = language === 'sql' ? checkSql(test, outcome.actual) : checkValue(test, outcome.actual);
  const shown = {
    ...(shows('expected') ? { expected: expectedOf(test, language) } : {}),
    ...(shows('actual') ? { actual: boundedValue(shownActual(language, outcome.actual), SHOWN_VALUE_CHARS) } : {}),
  };
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
  const value = (actual && typeof actual === 'object' ? actual : {}) as { rows?: unknown; plan?: unknown };
  if (test.expect !== undefined) {
    const rows = Array.isArray(value.rows) ? value.rows : [];
    const expected = test.expect as unknown[];
    const sort = (list: unknown[]) =>
      test.ordered
        ? list
        : [...list]
            .map((row) => JSON.stringify(row))
            .sort()
            .map((row) => JSON.parse(row) as unknown);
    if (!sameValue(sort(rows), sort(expected))) {
      return `expected ${expected.length} row(s) ${brief(expected)}, got ${rows.length} row(s) ${brief(rows)}`;
    }
  }
  if (test.plan) {
    const plan = (value.plan && typeof value.plan === 'object' ? value.plan : null) as {
      nodes?: unknown;
      cost?: unknown;
    } | null;
    const nodes = Array.isArray(plan?.nodes) ? plan.nodes.filter((node) => typeof node === 'string') : null;
    if (!plan || !nodes) return 'no plan was produced';
    const missing = test.plan.uses.filter((node) => !nodes.includes(node));
    if (missing.length > 0) return `the plan does not use ${missing.join(', ')} (it uses ${nodes.join(', ')})`;
    const avoided = test.plan.avoids.filter((node) => nodes.includes(node));
    if (avoided.length > 0) return `the plan still uses ${avoided.join(', ')}`;
    const cost = typeof plan.cost === 'number' ? plan.cost : Infinity;
    if (test.plan.maxCost !== undefined && cost > test.plan.maxCost) {
      return `the plan's estimated cost is ${cost}, above ${test.plan.maxCost}`;
    }
  }
  return null;
}

/** JSON equality, with numbers equal to within a relative 1e-9 (floating point differs across runtimes). */
function sameValue(a: unknown, b: unknown): boolean {
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
  return boundedJson(value, 300);
}
