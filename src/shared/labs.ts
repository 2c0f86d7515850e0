import { z } from 'zod';
import { AREA_IDS, LEVEL_IDS } from './ids.js';

/** The languages a lab can be solved in. JavaScript and TypeScript share one test file. */
export const LAB_LANGUAGES = ['javascript', 'typescript', 'python', 'sql'] as const;
export type LabLanguage = (typeof LAB_LANGUAGES)[number];

/** File extension of each language's starter, solution and wrong-solution files. */
export const LANGUAGE_EXTENSIONS: Record<LabLanguage, string> = {
  javascript: 'js',
  typescript: 'ts',
  python: 'py',
  sql: 'sql',
};

export const PlanCheck = z
  .object({
    /** Plan nodes that must appear, e.g. "Index Only Scan" or "Index Scan on orders". */
    uses: z.array(z.string().min(1)).default([]),
    /** Plan nodes that must not appear, e.g. "Seq Scan on orders". */
    avoids: z.array(z.string().min(1)).default([]),
    /** The planner's estimated total cost must not exceed this. */
    maxCost: z.number().positive().optional(),
  })
  .strict();
export type PlanCheck = z.output<typeof PlanCheck>;

/**
 * One test as `lab.yaml` declares it. The test's code lives in the language's test file under the
 * same name and returns a JSON value; the grader compares that value with `expect`, outside the
 * sandbox. SQL tests are declared entirely here.
 */
export const LabTestSpec = z
  .object({
    name: z.string().min(3).max(120),
    /** Visible tests are shown with their expected values and run by "Run"; hidden ones only on submit. */
    visible: z.boolean().default(false),
    /** Performance tests use large inputs that a solution of the wrong complexity cannot finish in time. */
    kind: z.enum(['correctness', 'performance']).default('correctness'),
    timeoutMs: z.number().int().min(100).max(20_000).optional(),
    expect: z.unknown().optional(),
    /** What a failing hidden test tells the candidate, since its values stay hidden. */
    hint: z.string().min(3).max(300).optional(),
    /** SQL: statements run before the candidate's SQL, inside the test's transaction. */
    setup: z.string().min(1).optional(),
    /** SQL: the query whose rows are checked; without it, the candidate's last result is. */
    query: z.string().min(1).optional(),
    /** SQL: whether row order matters. */
    ordered: z.boolean().default(false),
    /** SQL: conditions on the plan PostgreSQL chooses for `query`. */
    plan: PlanCheck.optional(),
  })
  .strict();
export type LabTestSpec = z.output<typeof LabTestSpec>;

export const LabMeta = z
  .object({
    title: z.string().min(3).max(100),
    summary: z.string().min(10).max(240),
    area: z.enum(AREA_IDS),
    levels: z.array(z.enum(LEVEL_IDS)).min(1),
    languages: z.array(z.enum(LAB_LANGUAGES)).min(1),
    /** Minutes allowed in timed mode. */
    timeLimitMinutes: z.number().int().min(5).max(120),
    tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).default([]),
    limits: z
      .object({
        cpuSeconds: z.number().int().min(1).max(30).optional(),
        memoryMb: z.number().int().min(64).max(1024).optional(),
      })
      .strict()
      .default({}),
    tests: z.array(LabTestSpec).min(3),
  })
  .strict();
export type LabMeta = z.output<typeof LabMeta>;

export const TEST_VERDICTS = [
  'passed',
  'wrong_answer',
  'time_limit',
  'memory_limit',
  'output_limit',
  'runtime_error',
  'compile_error',
  'internal_error',
] as const;
export type TestVerdict = (typeof TEST_VERDICTS)[number];

export const Diagnostic = z.object({
  line: z.number().int(),
  column: z.number().int(),
  message: z.string(),
});
export type Diagnostic = z.output<typeof Diagnostic>;

export const TestResult = z.object({
  name: z.string(),
  visible: z.boolean(),
  kind: z.enum(['correctness', 'performance']),
  verdict: z.enum(TEST_VERDICTS),
  /** Wall time of the test, measured by the grader outside the sandbox. */
  timeMs: z.number().int().nullable(),
  message: z.string().nullable(),
  /** Shown for visible tests only. */
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  /** The candidate's own stack frames, never the grader's. */
  stack: z.string().nullable(),
});
export type TestResult = z.output<typeof TestResult>;

export const GRADE_VERDICTS = ['passed', 'failed', 'compile_error'] as const;

export const Grade = z.object({
  verdict: z.enum(GRADE_VERDICTS),
  passed: z.number().int(),
  total: z.number().int(),
  /** Percentage of tests passed, 0–100. */
  score: z.number().int(),
  runtimeMs: z.number().int(),
  memoryKb: z.number().int().nullable(),
  tests: z.array(TestResult),
  diagnostics: z.array(Diagnostic),
  /** What the candidate's code printed (capped). */
  output: z.string(),
});
export type Grade = z.output<typeof Grade>;
