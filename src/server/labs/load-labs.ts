import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LANGUAGE_EXTENSIONS, type LabLanguage, LabMeta } from '../../shared/labs.js';
import { type ContentProblem, parseYaml } from '../content/front-matter.js';
import { ContentError } from '../content/load-content.js';
import { type SplitResult, splitJsTests, splitPythonTests } from './split-tests.js';

/** A lab as loaded from `content/labs/<slug>/`. */
export interface Lab {
  slug: string;
  meta: LabMeta;
  prompt: string;
  starters: Partial<Record<LabLanguage, string>>;
  solutions: Partial<Record<LabLanguage, string>>;
  /** Plausible wrong solutions the tests must reject, named by file. */
  wrong: { file: string; language: LabLanguage; code: string }[];
  /** Test code: `js` serves JavaScript and TypeScript, `py` serves Python. */
  testCode: { js?: string; py?: string };
  /**
   * The same test code split into one self-contained module per test name (see split-tests.ts):
   * what the sandbox is handed, one test at a time.
   */
  testSources: { js?: Record<string, string>; py?: Record<string, string> };
  /** SQL labs: the schema and data every test starts from. */
  schema?: string;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const EXTENSION_LANGUAGE = Object.fromEntries(
  Object.entries(LANGUAGE_EXTENSIONS).map(([language, extension]) => [extension, language as LabLanguage]),
);

/**
 * Reads and validates every lab under `labsDir`. Structural problems (a missing starter, a test
 * declared in lab.yaml but absent from a test file, too few wrong solutions) are reported with the
 * file and line; whether the solutions actually pass is checked by running them (`verifyLab`).
 */
export async function readLabs(
  labsDir: string,
  relativeTo?: string,
): Promise<{ labs: Lab[]; problems: ContentProblem[] }> {
  if (!existsSync(labsDir)) return { labs: [], problems: [] };
  const labs: Lab[] = [];
  const problems: ContentProblem[] = [];
  const entries = (await readdir(labsDir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = path.join(labsDir, entry.name);
    const { lab, problems: labProblems } = await readLab(dir);
    problems.push(...labProblems.map((p) => (relativeTo ? { ...p, file: path.relative(relativeTo, p.file) } : p)));
    if (lab && labProblems.length === 0) labs.push(lab);
  }
  return { labs, problems };
}

/** Reads every lab under `<contentDir>/labs`, refusing them all if any is invalid (the server will not start). */
export async function loadLabs(contentDir: string): Promise<Lab[]> {
  const { labs, problems } = await readLabs(path.join(contentDir, 'labs'), path.dirname(contentDir));
  if (problems.length > 0) throw new ContentError(problems);
  return labs;
}

async function readOptional(file: string): Promise<string | undefined> {
  return existsSync(file) ? readFile(file, 'utf8') : undefined;
}

export async function readLab(dir: string): Promise<{ lab: Lab | null; problems: ContentProblem[] }> {
  const slug = path.basename(dir);
  const metaFile = path.join(dir, 'lab.yaml');
  const problems: ContentProblem[] = [];
  const problem = (file: string, message: string, line = 1) => problems.push({ file, line, message });
  if (!SLUG.test(slug)) problem(dir, 'a lab folder name must be a lowercase-hyphenated slug');
  const metaText = await readOptional(metaFile);
  if (metaText === undefined) {
    problem(metaFile, 'lab.yaml is missing');
    return { lab: null, problems };
  }
  const parsed = parseYaml(metaFile, metaText, LabMeta);
  if (!parsed.ok) return { lab: null, problems: parsed.problems };
  const meta = parsed.value;
  const lineOf = (needle: string) => {
    const index = metaText.indexOf(needle);
    return index < 0 ? 1 : metaText.slice(0, index).split('\n').length;
  };

  const promptFile = path.join(dir, 'prompt.md');
  const prompt = (await readOptional(promptFile))?.trim() ?? '';
  if (prompt.length < 200) problem(promptFile, 'prompt.md is missing or shorter than 200 characters');

  const isSql = meta.languages.includes('sql');
  if (isSql && meta.languages.length > 1)
    problem(metaFile, 'an SQL lab cannot offer other languages', lineOf('languages'));

  const starters: Lab['starters'] = {};
  const solutions: Lab['solutions'] = {};
  for (const language of meta.languages) {
    const extension = LANGUAGE_EXTENSIONS[language];
    const starter = await readOptional(path.join(dir, `starter.${extension}`));
    const solution = await readOptional(path.join(dir, `solution.${extension}`));
    if (starter === undefined) problem(path.join(dir, `starter.${extension}`), `missing: the ${language} starter`);
    else starters[language] = starter;
    if (solution === undefined)
      problem(path.join(dir, `solution.${extension}`), `missing: the ${language} reference solution`);
    else solutions[language] = solution;
  }

  const wrong: Lab['wrong'] = [];
  const wrongDir = path.join(dir, 'wrong');
  if (existsSync(wrongDir)) {
    for (const file of (await readdir(wrongDir)).sort()) {
      const language = EXTENSION_LANGUAGE[path.extname(file).slice(1)];
      if (!language || !meta.languages.includes(language)) {
        problem(
          path.join(wrongDir, file),
          `not a wrong solution in one of this lab's languages (${meta.languages.join(', ')})`,
        );
        continue;
      }
      wrong.push({
        file: path.join(wrongDir, file),
        language,
        code: await readFile(path.join(wrongDir, file), 'utf8'),
      });
    }
  }
  if (wrong.length < 2) problem(wrongDir, 'a lab needs at least two plausible wrong solutions in wrong/');

  const names = new Set<string>();
  for (const test of meta.tests) {
    const line = lineOf(`name: ${test.name}`);
    if (names.has(test.name)) problem(metaFile, `duplicate test name "${test.name}"`, line);
    names.add(test.name);
    if (isSql) {
      if (test.plan && !test.query) problem(metaFile, `test "${test.name}": a plan check needs a query`, line);
      if (test.expect === undefined && !test.plan) problem(metaFile, `test "${test.name}": needs expect or plan`, line);
      if (test.expect !== undefined && !isRowList(test.expect)) {
        problem(metaFile, `test "${test.name}": expect must be a list of rows, each a list of values`, line);
      }
    } else {
      if (test.expect === undefined) problem(metaFile, `test "${test.name}": expect is missing`, line);
      if (test.setup || test.query || test.plan) {
        problem(metaFile, `test "${test.name}": setup, query and plan are for SQL labs only`, line);
      }
    }
  }
  if (!meta.tests.some((test) => test.visible)) problem(metaFile, 'at least one test must be visible', lineOf('tests'));
  if (meta.tests.every((test) => test.visible)) problem(metaFile, 'at least one test must be hidden', lineOf('tests'));

  const testCode: Lab['testCode'] = {};
  let schema: string | undefined;
  if (isSql) {
    schema = await readOptional(path.join(dir, 'schema.sql'));
    if (schema === undefined)
      problem(path.join(dir, 'schema.sql'), 'missing: the schema and data the tests start from');
  }
  const testSources: Lab['testSources'] = {};
  if (meta.languages.includes('javascript') || meta.languages.includes('typescript')) {
    testCode.js = await readOptional(path.join(dir, 'tests.js'));
    checkTestNames(path.join(dir, 'tests.js'), testCode.js, names, problem);
    if (testCode.js !== undefined) {
      testSources.js = checkSplit(path.join(dir, 'tests.js'), splitJsTests(testCode.js), names, problem);
    }
  }
  if (meta.languages.includes('python')) {
    testCode.py = await readOptional(path.join(dir, 'tests.py'));
    checkTestNames(path.join(dir, 'tests.py'), testCode.py, names, problem);
    if (testCode.py !== undefined) {
      testSources.py = checkSplit(path.join(dir, 'tests.py'), await splitPythonTests(testCode.py), names, problem);
    }
  }
  const lab: Lab = {
    slug,
    meta,
    prompt,
    starters,
    solutions,
    wrong,
    testCode,
    testSources,
    ...(schema ? { schema } : {}),
  };
  return { lab, problems };
}

/** The per-test modules, once every declared test is among them. */
function checkSplit(
  file: string,
  split: SplitResult,
  names: Set<string>,
  problem: (file: string, message: string) => void,
): Record<string, string> {
  if (!split.ok) {
    problem(file, split.message);
    return {};
  }
  for (const name of names) if (!(name in split.tests)) problem(file, `no test named "${name}" in the test table`);
  return split.tests;
}

function isRowList(value: unknown): boolean {
  return Array.isArray(value) && value.every((row) => Array.isArray(row));
}

/** Every declared test must appear by name (as a quoted string) in the test file. */
function checkTestNames(
  file: string,
  code: string | undefined,
  names: Set<string>,
  problem: (file: string, message: string) => void,
): void {
  if (code === undefined) {
    problem(file, 'missing: the test file');
    return;
  }
  for (const name of names) {
    if (!code.includes(`'${name}'`) && !code.includes(`"${name}"`)) problem(file, `no test named "${name}"`);
  }
}
