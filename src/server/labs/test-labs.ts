import { splitJsTests, splitPythonTests } from './split-tests.js';
import type { Lab } from './load-labs.js';

/**
 * A lab built in a test, with its test code split per test as the loader would: for the hostile
 * suites, whose probe labs are written inline rather than read from content/labs.
 */
export async function withTestSources(lab: Lab): Promise<Lab> {
  const sources: Lab['testSources'] = {};
  if (lab.testCode.js) {
    const split = splitJsTests(lab.testCode.js);
    if (!split.ok) throw new Error(split.message);
    sources.js = split.tests;
  }
  if (lab.testCode.py) {
    const split = await splitPythonTests(lab.testCode.py);
    if (!split.ok) throw new Error(split.message);
    sources.py = split.tests;
  }
  return { ...lab, testSources: sources };
}
