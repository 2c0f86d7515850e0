import { randomBytes } from 'node:crypto';
import type { Diagnostic, Grade, LabLanguage, LabTestSpec, TestResult } from '../../shared/labs.js';
import { boundedText } from '../sandbox/bounded-json.js';
import type { RunResult } from '../sandbox/sandbox.js';
import type { DriverReply, WarmPool, WarmSandbox } from '../sandbox/warm-pool.js';
import type { Lab } from './load-labs.js';
import { type Outcome, toResult } from './verdicts.js';

/*
 * Grades one submission in a warm sandbox: hands the code and the lab's tests to the driver, reads
 * its answers under bounds and turns them into a verdict per test. Just past ~400 lines, kept as
 * one file on purpose: the timed windows, the answer checks and the verdicts are one protocol with
 * the drivers, and the attack suites (`hostile.scenario.test.ts`, `grading-attacks.scenario.test.ts`) pin it whole.
 */

export interface GradeRequest {
  lab: Lab;
  language: LabLanguage;
  code: string;
  /** "Run" grades the visible tests, "Submit" all of them. */
  scope: 'visible' | 'all';
}

/** The grading machinery itself failed (not the candidate's code): the job is retried. */
class GradingCrash extends Error {
  override name = 'GradingCrash';
}

const DEFAULT_TEST_TIMEOUT_MS = 2_000;
/** Time from handing over the code to its answer: importing it, or applying the lab's schema. */
const LOAD_TIMEOUT_MS: Record<LabLanguage, number> = {
  javascript: 5_000,
  typescript: 5_000,
  python: 5_000,
  sql: 30_000,
};
/**
 * Time TypeScript's type-check and compilation may take, before the load: judged like a test's, on
 * the sandbox's CPU where a cgroup accounts it, so a busy host does not fail code that compiles.
 */
const COMPILE_TIMEOUT_MS = 10_000;
/** A sandbox's total wall-clock limit is its tests' wall limits plus the compile and load limits plus this margin. */
const WALL_MARGIN_MS = 2_000;
/**
 * Where a cgroup accounts the CPU of every process in the sandbox, a test's time limit is judged on
 * that CPU time, which a busy host does not inflate (at the end of a timed assessment every
 * candidate submits at once), and wall-clock time only stops a test that waits rather than computes,
 * at this multiple of its limit. Without a cgroup, forked children's CPU is invisible, so the limit
 * applies to wall-clock time itself.
 */
const ACCOUNTED_WALL_FACTOR = 3;
/** A sandbox killed mid-test is replaced so later tests still run, at most this many times. */
const MAX_RESTARTS = 4;
/** Most characters of printed output a grade keeps. */
export const OUTPUT_CAP = 8_000;
/** Most characters kept of an error message and of a stack raised by the candidate's code. */
export const MESSAGE_CHARS = 2_000;
export const STACK_CHARS = 4_000;
/** Errors a runtime raises when an allocation fails: reported as the memory limit they are. */
const OUT_OF_MEMORY =
  /^(MemoryError|RangeError: (Array buffer allocation failed|Invalid (typed )?array length)|ERROR: out of memory)/;

interface Batch {
  outcomes: Map<string, Outcome>;
  diagnostics: Diagnostic[];
  memoryKb: number | null;
  output: string;
  crashed: string | null;
}

function testTimeout(test: LabTestSpec): number {
  return test.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
}

/**
 * Grades one piece of code against a lab's tests. The grader is the test harness: it hands the
 * sandbox one test at a time and reads one answer, carrying only what the test returned; the
 * verdicts are decided here, against expectations that never enter the sandbox. Each test's time
 * is measured from outside: where the sandbox has a cgroup, the CPU its processes used since the
 * previous answer (so work done between tests or by forked children counts, and a busy host does
 * not fail an honest solution), with wall-clock time cut off at {@link ACCOUNTED_WALL_FACTOR}× the
 * limit; without one, wall-clock time from hand-over to answer. Visible tests run first; a sandbox
 * killed mid-test costs that test only, the rest run in a fresh sandbox.
 */
export async function grade(pool: WarmPool, request: GradeRequest): Promise<Grade> {
  const { lab, language } = request;
  const tests = lab.meta.tests.filter((test) => request.scope === 'all' || test.visible);
  const byVisibility = [...tests.filter((test) => test.visible), ...tests.filter((test) => !test.visible)];
  // A performance test runs alone in a fresh sandbox, timed from the moment the code is handed
  // over to be imported: no work for it can hide in another test's time, in the gaps or at import.
  // TypeScript's type-check comes before and is not timed: none of the candidate's code runs in it.
  const groups = [
    { tests: byVisibility.filter((test) => test.kind !== 'performance'), alone: false },
    ...byVisibility.filter((test) => test.kind === 'performance').map((test) => ({ tests: [test], alone: true })),
  ];
  const outcomes = new Map<string, Outcome>();
  let diagnostics: Diagnostic[] = [];
  let memoryKb: number | null = null;
  let output = '';
  let capped = false;
  let crashed = false;
  for (const group of groups) {
    for (let round = 0; !crashed && diagnostics.length === 0; round++) {
      const remaining = group.tests.filter((test) => !outcomes.has(test.name));
      if (remaining.length === 0) break;
      if (round > (group.alone ? 0 : MAX_RESTARTS)) {
        capped = true;
        break;
      }
      const batch = await runBatch(pool, request, remaining, group.alone);
      if (batch.crashed && batch.outcomes.size === 0 && outcomes.size === 0) throw new GradingCrash(batch.crashed);
      for (const [name, outcome] of batch.outcomes) outcomes.set(name, outcome);
      diagnostics = batch.diagnostics.length > 0 ? batch.diagnostics : diagnostics;
      if (batch.memoryKb !== null) memoryKb = Math.max(memoryKb ?? 0, batch.memoryKb);
      output = joinOutput(output, batch.output);
      crashed = batch.crashed !== null;
    }
  }
  const notRun = capped
    ? `not run: your code ended ${MAX_RESTARTS + 1} sandboxes early, so the remaining tests were not run`
    : 'not run: the grader stopped early';
  const results: TestResult[] = tests.map((test) =>
    toResult(test, language, outcomes.get(test.name), diagnostics.length > 0, notRun),
  );
  const passed = results.filter((result) => result.verdict === 'passed').length;
  return {
    verdict: diagnostics.length > 0 ? 'compile_error' : passed === results.length ? 'passed' : 'failed',
    passed,
    total: results.length,
    score: results.length === 0 ? 0 : Math.round((passed / results.length) * 100),
    runtimeMs: results.reduce((sum, result) => sum + (result.timeMs ?? 0), 0),
    memoryKb,
    tests: results,
    diagnostics,
    output,
  };
}

/**
 * Hands the driver one command and waits for its answer (the reply carrying the command's fresh
 * random id); null when the sandbox ended. The sandbox is killed (`time_limit`) after `ms` of
 * wall-clock time or, with a `cpu` budget, as soon as its processes have used that much CPU since
 * `cpu.from`, so a loop that only computes is stopped at its limit, not at the wall backstop. Lines
 * the candidate writes to the channel cannot answer a command they have not seen.
 */
async function exchange(
  warm: WarmSandbox,
  command: { id: string } & Record<string, unknown>,
  ms: number,
  cpu?: { read: () => number | null; from: number; limitMs: number },
) {
  warm.command(command);
  const timer = setTimeout(() => warm.kill('time_limit'), ms);
  const watch = cpu
    ? setInterval(() => {
        const used = cpu.read();
        if (used !== null && used - cpu.from > cpu.limitMs) warm.kill('time_limit');
      }, CPU_WATCH_MS)
    : undefined;
  try {
    for (;;) {
      const reply = await warm.nextReply();
      if (reply === null || reply.id === command.id) return reply;
    }
  } finally {
    clearTimeout(timer);
    clearInterval(watch);
  }
}

/** How often a running test's CPU is read against its limit. */
const CPU_WATCH_MS = 50;

const freshId = () => randomBytes(12).toString('hex');

/**
 * Runs `tests` in order in one sandbox until they finish or the sandbox dies. With `timedFromLoad`
 * the first test's time and CPU count from the hand-over of the code to be imported, its import
 * included. TypeScript is type-checked and compiled by a command of its own before that, untimed:
 * the driver runs none of the candidate's code while compiling and then blocks until the import
 * is handed over, so nothing can be done for a test there.
 */
async function runBatch(
  pool: WarmPool,
  request: GradeRequest,
  tests: LabTestSpec[],
  timedFromLoad: boolean,
): Promise<Batch> {
  const { lab, language } = request;
  const batch: Batch = { outcomes: new Map(), diagnostics: [], memoryKb: null, output: '', crashed: null };
  let warm: WarmSandbox;
  try {
    warm = await pool.acquire(language, lab.meta.limits, lab.schema);
  } catch (error) {
    return { ...batch, crashed: (error as Error).message };
  }
  const sandbox = warm.sandbox;
  const accounted = sandbox.cpuMs() !== null;
  const wallLimitOf = (limitMs: number) => limitMs * (accounted ? ACCOUNTED_WALL_FACTOR : 1);
  const wallLimit = (test: LabTestSpec) => wallLimitOf(testTimeout(test));
  // Always armed from the hand-over on: a sandbox that hangs or idles after its last answer dies here.
  sandbox.limitWallTime(
    (language === 'typescript' ? wallLimitOf(COMPILE_TIMEOUT_MS) : 0) +
      LOAD_TIMEOUT_MS[language] +
      tests.reduce((sum, test) => sum + wallLimit(test), 0) +
      WALL_MARGIN_MS,
  );
  let reportedRssKb = 0;
  /** What had been printed when the first hidden test was handed over: only that much is shown. */
  let shownUpTo: { stdout: number; stderr: number } | null = null;
  /** Ends the batch: kills the sandbox (its teardown goes on in the background) and reads what it printed. */
  const settle = async (): Promise<Batch> => {
    batch.memoryKb = sandbox.memoryPeakKb() ?? (reportedRssKb || null);
    const ended = warm.exited;
    warm.kill('runtime_error');
    const printed = ended ? await warm.finish().catch(() => ({ stdout: '', stderr: '' })) : await sandbox.outputSoFar();
    const cut = (text: string, bytes: number | undefined) =>
      bytes === undefined ? text : Buffer.from(text).subarray(0, bytes).toString('utf8');
    batch.output = joinOutput(cut(printed.stdout, shownUpTo?.stdout), cut(printed.stderr, shownUpTo?.stderr));
    return batch;
  };
  const noteRss = (reply: DriverReply) => {
    if (typeof reply.rssKb === 'number' && Number.isFinite(reply.rssKb)) {
      reportedRssKb = Math.max(reportedRssKb, Math.round(reply.rssKb));
    }
  };

  /** The sandbox ended while compiling or loading the code: every test gets how it ended. */
  const endedBeforeTests = async (step: 'compiling' | 'loading'): Promise<Batch> => {
    const ended = await warm.finish().catch(() => null);
    const outcome = ended
      ? endedOutcome(ended)
      : { verdict: 'runtime_error' as const, message: 'crashed', stack: null };
    for (const test of tests) {
      batch.outcomes.set(test.name, {
        ...outcome,
        timeMs: null,
        fromTest: false,
        message: `while ${step} your code: ${outcome.message}`,
      });
    }
    return settle();
  };

  if (language === 'typescript') {
    const cpuAtCompile = sandbox.cpuMs();
    const compiled = await exchange(
      warm,
      { t: 'compile', id: freshId(), code: request.code },
      wallLimitOf(COMPILE_TIMEOUT_MS),
      cpuAtCompile === null
        ? undefined
        : { read: () => sandbox.cpuMs(), from: cpuAtCompile, limitMs: COMPILE_TIMEOUT_MS },
    );
    if (compiled === null) return endedBeforeTests('compiling');
    noteRss(compiled);
    if (compiled.t === 'compile') {
      batch.diagnostics = boundedDiagnostics(compiled.diagnostics);
      if (batch.diagnostics.length > 0) return settle();
    }
  }
  const load =
    language === 'sql'
      ? { t: 'load', id: freshId(), schema: warm.schemaApplied ? '' : (lab.schema ?? ''), code: request.code }
      : language === 'typescript'
        ? { t: 'load', id: freshId() }
        : { t: 'load', id: freshId(), code: request.code };
  const loadStarted = performance.now();
  const cpuAtLoad = sandbox.cpuMs();
  const loaded = await exchange(warm, load, LOAD_TIMEOUT_MS[language]);
  if (loaded === null) return endedBeforeTests('loading');
  noteRss(loaded);
  if (loaded.t === 'load-error') {
    const failure: Outcome = {
      verdict: 'runtime_error',
      timeMs: null,
      message: `your code failed to load: ${candidateError(loaded).message}`,
      stack: candidateError(loaded).stack,
      fromTest: false,
    };
    for (const test of tests) batch.outcomes.set(test.name, failure);
    return settle();
  }
  if (loaded.t === 'lab-error') {
    batch.crashed = candidateError(loaded).message || 'the lab failed to set up';
    return settle();
  }

  const sources = language === 'python' ? lab.testSources.py : lab.testSources.js;
  // SQL loads only the lab's schema: the candidate's statements run inside the tests themselves.
  const fromLoad = timedFromLoad && language !== 'sql';
  let cpuBefore = fromLoad ? cpuAtLoad : sandbox.cpuMs();
  let first = true;
  for (const test of tests) {
    if (!test.visible && !shownUpTo) shownUpTo = sandbox.printed();
    const id = freshId();
    let command: { id: string } & Record<string, unknown>;
    if (language === 'sql') {
      command = { t: 'test', id, name: test.name, setup: test.setup, query: test.query, plan: Boolean(test.plan) };
    } else {
      const code = sources?.[test.name];
      if (code === undefined) {
        batch.crashed = `the lab's test file has no test named "${test.name}"`;
        batch.outcomes.set(test.name, internal(batch.crashed));
        return settle();
      }
      command = { t: 'test', id, name: test.name, code };
    }
    const handedOver = fromLoad && first ? loadStarted : performance.now();
    first = false;
    const reply = await exchange(
      warm,
      command,
      Math.max(1, wallLimit(test) - (performance.now() - handedOver)),
      accounted && cpuBefore !== null
        ? { read: () => sandbox.cpuMs(), from: cpuBefore, limitMs: testTimeout(test) }
        : undefined,
    );
    const wallMs = performance.now() - handedOver;
    const cpuNow = sandbox.cpuMs();
    // Everything the sandbox's processes ran since the previous answer is this test's.
    const cpuMs = cpuNow !== null && cpuBefore !== null ? cpuNow - cpuBefore : 0;
    cpuBefore = cpuNow;
    const timeMs = Math.round(accounted ? cpuMs : Math.max(wallMs, cpuMs));
    const overTime = timeMs > testTimeout(test) || wallMs > wallLimit(test);
    if (reply === null) {
      const ended = await warm.finish().catch(() => null);
      batch.outcomes.set(test.name, {
        ...(ended ? endedOutcome(ended) : { verdict: 'runtime_error', message: 'the sandbox crashed', stack: null }),
        timeMs: Math.round(wallMs),
        fromTest: false,
      });
      return settle();
    }
    noteRss(reply);
    const printed = sandbox.printed();
    if (Math.max(printed.stdout, printed.stderr) >= pool.limits.outputBytes) {
      batch.outcomes.set(test.name, {
        verdict: 'output_limit',
        timeMs,
        message: 'printed more output than the limit',
        stack: null,
        fromTest: false,
      });
      return settle();
    }
    if (overTime) {
      batch.outcomes.set(test.name, {
        verdict: 'time_limit',
        timeMs,
        message:
          timeMs > testTimeout(test)
            ? 'took longer than the time limit (CPU time of every process in the sandbox counts)'
            : `waited longer than ${ACCOUNTED_WALL_FACTOR}× the time limit in wall-clock time`,
        stack: null,
        fromTest: false,
      });
      continue;
    }
    switch (reply.t) {
      case 'result':
        batch.outcomes.set(test.name, {
          verdict: 'passed',
          timeMs,
          message: null,
          actual: reply.value,
          stack: null,
          fromTest: true,
        });
        break;
      case 'error': {
        const message = candidateError(reply).message || 'error';
        batch.outcomes.set(test.name, {
          verdict: OUT_OF_MEMORY.test(message) ? 'memory_limit' : 'runtime_error',
          timeMs,
          message,
          stack: candidateError(reply).stack,
          fromTest: true,
        });
        break;
      }
      case 'lab-error':
        batch.crashed = `the lab's test "${test.name}" failed to load: ${boundedText(reply.message, 500)}`;
        batch.outcomes.set(test.name, internal(batch.crashed));
        return settle();
      default:
        batch.outcomes.set(test.name, {
          verdict: 'runtime_error',
          timeMs,
          message: "the test's answer was not a result (your code wrote to the grader's channel)",
          stack: null,
          fromTest: false,
        });
    }
  }
  return settle();
}

/** Printed output joined line by line and cut to `OUTPUT_CAP` characters: all a grade keeps of it. */
export function joinOutput(...parts: string[]): string {
  return parts.filter(Boolean).join('\n').slice(0, OUTPUT_CAP);
}

/** The message and stack of a driver's error reply, cut to what a stored result keeps. */
export function candidateError(reply: Record<string, unknown>): {
  message: string;
  stack: string | null;
} {
  return { message: boundedText(reply.message, MESSAGE_CHARS), stack: boundedText(reply.stack, STACK_CHARS) || null };
}

function internal(message: string): Outcome {
  return { verdict: 'internal_error', timeMs: null, message, stack: null, fromTest: false };
}

function boundedDiagnostics(value: unknown): Diagnostic[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, 50).map((item: unknown) => {
    const d = (item ?? {}) as Record<string, unknown>;
    const int = (n: unknown) => (typeof n === 'number' && Number.isInteger(n) ? n : 1);
    return { line: int(d.line), column: int(d.column), message: boundedText(d.message, 500) || 'error' };
  });
}

/** What ended a sandbox that did not answer the command it was running. */
function endedOutcome(ended: RunResult): Omit<Outcome, 'timeMs' | 'fromTest'> {
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
            : `the process crashed (exit ${ended.exitCode ?? ended.signal})`,
        stack: null,
      };
  }
}
