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
    const result = await grade(pool, { lab, language: wrong.language, code: wrong.code, scope: 'all' });
    if (result.verdict === 'passed') {
      problems.push({
        file: wrong.file,
        line: 1,
        message: 'this wrong solution passes every test: add a test that rejects it',
      });
    }
  }
  return problems;
}
