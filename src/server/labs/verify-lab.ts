import path from 'node:path';
import { LANGUAGE_EXTENSIONS, type LabLanguage } from '../../shared/labs.js';
import type { ContentProblem } from '../content/front-matter.js';
import type { WarmPool } from '../sandbox/warm-pool.js';
import { grade } from './grader.js';
import type { Lab } from './load-labs.js';

/**
 * Proves a lab's tests mean something: every reference solution passes every test, and every wrong
 * solution fails at least one. Problems name the file whose code broke the rule.
 */
export async function verifyLab(pool: WarmPool, lab: Lab, labsDir: string): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  const dir = path.join(labsDir, lab.slug);
  for (const [language, code] of Object.entries(lab.solutions)) {
    const file = path.join(dir, `solution.${LANGUAGE_EXTENSIONS[language as LabLanguage]}`);
    const result = await grade(pool, { lab, language: language as LabLanguage, code: code!, scope: 'all' });
    if (result.verdict === 'compile_error') {
      for (const d of result.diagnostics)
        problems.push({ file, line: d.line, message: `does not compile: ${d.message}` });
    }
    for (const test of result.tests.filter((t) => t.verdict !== 'passed')) {
      const detail =
        test.verdict === 'wrong_answer' ? `got ${JSON.stringify(test.actual ?? null)}` : (test.message ?? '');
      problems.push({
        file,
        line: 1,
        message: `reference fails "${test.name}" (${test.verdict}): ${detail}`.slice(0, 500),
      });
    }
  }
  for (const wrong of lab.wrong) {
    if (!(await failsSomeTest(pool, lab, wrong.language, wrong.code))) {
      problems.push({
        file: wrong.file,
        line: 1,
        message: 'this wrong solution passes every test: add a test that rejects it',
      });
    }
  }
  return problems;
}

/**
 * Whether `code` fails at least one of the lab's tests, as a full grade would find. The tests are
 * graded in two steps, the functional tests and then the performance tests, and a failure in the
 * first ends it: a grade runs each performance test alone in a fresh sandbox anyway (see `grade`),
 * so splitting there changes no test's outcome, and a wrong answer makes the timed runs (a
 * sandbox each, up to their time limit) pointless.
 */
async function failsSomeTest(pool: WarmPool, lab: Lab, language: LabLanguage, code: string): Promise<boolean> {
  const functional = lab.meta.tests.filter((test) => test.kind !== 'performance');
  const performance = lab.meta.tests.filter((test) => test.kind === 'performance');
  for (const tests of [functional, performance]) {
    if (tests.length === 0) continue;
    const part = { ...lab, meta: { ...lab.meta, tests } };
    const result = await grade(pool, { lab: part, language, code, scope: 'all' });
    if (result.verdict !== 'passed') return true;
  }
  return false;
}
