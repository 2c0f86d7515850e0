import { describe, expect, it } from 'vitest';
import { CONTENT_DIR } from '../paths.js';
import { loadLabs } from './load-labs.js';
import { jsTestSource, pyTestSource } from './test-source.js';

const JS = `export default {
  'block body': ({ Cache }) => {
    const c = new Cache(2); // a comment with a } brace
    c.put('{', "}");
    return [c.get(\`\${'{'}\`), { a: 1 }];
  },
  "expression body": async ({ run }) =>
    run([1, 2], (x) => ({ x })),
  'last one': ({ f }) => f(1)
};`;

const PY = `def helper(s):
    return 1


def block(s):
    c = s.Cache(2)
    c.put(1, 1)

    return [c.get(1)]


TESTS = {
    "block body": block,
    "lambda body": lambda s: helper(s),
}
`;

describe('cutting one test out of a test file', () => {
  it('takes a block body, skipping braces inside strings, templates and comments', () => {
    expect(jsTestSource(JS, 'block body')).toBe(
      "const c = new Cache(2); // a comment with a } brace\nc.put('{', \"}\");\nreturn [c.get(`${'{'}`), { a: 1 }];",
    );
  });

  it('turns an expression body into a return statement', () => {
    expect(jsTestSource(JS, 'expression body')).toBe('return run([1, 2], (x) => ({ x }));');
    expect(jsTestSource(JS, 'last one')).toBe('return f(1);');
  });

  it('finds a Python test through the TESTS dict, as a function or a lambda', () => {
    expect(pyTestSource(PY, 'block body')).toBe('c = s.Cache(2)\nc.put(1, 1)\n\nreturn [c.get(1)]');
    expect(pyTestSource(PY, 'lambda body')).toBe('return helper(s)');
  });

  it('answers null for a name that is not there, rather than another test', () => {
    expect(jsTestSource(JS, 'block')).toBeNull();
    expect(pyTestSource(PY, 'block')).toBeNull();
    expect(jsTestSource(JS, 'block body.*')).toBeNull();
  });

  it('finds the input of every visible test of every real lab', async () => {
    const labs = await loadLabs(CONTENT_DIR);
    for (const lab of labs) {
      for (const test of lab.meta.tests.filter((t) => t.visible)) {
        if (lab.testCode.js)
          expect(jsTestSource(lab.testCode.js, test.name), `${lab.slug}: ${test.name}`).toMatch(/\S/);
        if (lab.testCode.py)
          expect(pyTestSource(lab.testCode.py, test.name), `${lab.slug}: ${test.name}`).toMatch(/\S/);
      }
    }
  });
});
