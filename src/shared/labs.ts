import { z } from 'zod';
import { MultiLineText } from './text.js';
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

const PlanCheck = z
  .object({
    /** Plan nodes that must appear, e.g. "Index Only Scan" or "Index Scan on orders". */
    uses: z.array(z.string().min(1)).default([]),
    /** Plan nodes that must not appear, e.g. "Seq Scan on orders". */
    avoids: z.array(z.string().min(1)).default([]),
    /** The planner's estimated total cost must not exceed this. */
    maxCost: z.number().positive().optional(),
  })
  .strict();
type PlanCheck = z.output<typeof PlanCheck>;

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
    /**
     * What a failing hidden test may show besides its verdict, time and hint: the candidate's error
     * `message` (and stack), the `actual` value returned, the `expected` value. Nothing by default,
     * since any of them can carry the test's hidden inputs back to the candidate. Visible tests show all.
     */
    reveal: z
      .array(z.enum(['message', 'actual', 'expected']))
      .max(3)
      .default([]),
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

const GRADE_VERDICTS = ['passed', 'failed', 'compile_error'] as const;

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

// ---------------------------------------------------------------- API

const LabSlug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(80);
const LanguageEnum = z.enum(LAB_LANGUAGES);
/** Source code accepted from a candidate: up to 100 KB. */
const Code = MultiLineText(100_000, 'code is limited to 100,000 characters');

export const LabSummary = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  area: z.enum(AREA_IDS),
  levels: z.array(z.enum(LEVEL_IDS)),
  languages: z.array(LanguageEnum),
  timeLimitMinutes: z.number().int(),
  tags: z.array(z.string()),
  testCount: z.number().int(),
  /** For the signed-in candidate: solved (a submission passed), attempted, or new. */
  status: z.enum(['solved', 'attempted', 'new']),
});
export type LabSummary = z.output<typeof LabSummary>;

export const VisibleTest = z.object({
  name: z.string(),
  kind: z.enum(['correctness', 'performance']),
  expected: z.unknown(),
  setup: z.string().nullable(),
  query: z.string().nullable(),
  /**
   * The calls that produce `expected`, as the test file writes them: `js` for JavaScript and
   * TypeScript, `py` for Python (SQL examples show `setup` and `query` instead).
   */
  input: z.object({ js: z.string().nullable(), py: z.string().nullable() }),
});
export type VisibleTest = z.output<typeof VisibleTest>;

export const LabDetail = LabSummary.extend({
  prompt: z.string(),
  starters: z.array(z.object({ language: LanguageEnum, code: z.string() })),
  visibleTests: z.array(VisibleTest),
  hiddenTestCount: z.number().int(),
  limits: z.object({ cpuSeconds: z.number().int(), memoryMb: z.number().int() }),
  /** SQL labs: the schema and data the tests start from. */
  schema: z.string().nullable(),
});
export type LabDetail = z.output<typeof LabDetail>;

export const LabListQuery = z.object({
  area: z.enum(AREA_IDS).optional(),
  level: z.enum(LEVEL_IDS).optional(),
  language: LanguageEnum.optional(),
});

export const LabParams = z.object({ slug: LabSlug });
export const LabLanguageParams = z.object({ slug: LabSlug, language: LanguageEnum });

export const DraftBody = z.object({ code: Code });
export const DraftDto = z.object({ language: LanguageEnum, code: z.string(), updatedAt: z.string() });
export type DraftDto = z.output<typeof DraftDto>;

export const SolutionDto = z.object({ language: LanguageEnum, code: z.string() });

export const SUBMISSION_STATUSES = ['queued', 'running', 'done', 'error'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
/** "run" grades the visible tests; "submit" grades all tests and counts as an attempt. */
export const SUBMISSION_MODES = ['run', 'submit'] as const;
export type SubmissionMode = (typeof SUBMISSION_MODES)[number];
/** A graded submission's verdict, or `internal_error` when grading itself gave up. */
export const SUBMISSION_VERDICTS = [...GRADE_VERDICTS, 'internal_error'] as const;
export type SubmissionVerdict = (typeof SUBMISSION_VERDICTS)[number];

export const SubmissionBody = z.object({
  language: LanguageEnum,
  code: Code,
  mode: z.enum(SUBMISSION_MODES),
  /** Submit as part of this timed assessment. */
  assessmentId: z.uuid().optional(),
});
export type SubmissionBody = z.output<typeof SubmissionBody>;

export const SubmissionDto = z.object({
  id: z.uuid(),
  labSlug: z.string(),
  language: LanguageEnum,
  mode: z.enum(SUBMISSION_MODES),
  status: z.enum(SUBMISSION_STATUSES),
  verdict: z.enum(SUBMISSION_VERDICTS).nullable(),
  passed: z.number().int().nullable(),
  total: z.number().int().nullable(),
  score: z.number().int().nullable(),
  result: Grade.nullable(),
  /** Why grading failed, when status is "error". */
  error: z.string().nullable(),
  code: z.string(),
  assessmentId: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type SubmissionDto = z.output<typeof SubmissionDto>;

export const SubmissionParams = z.object({ id: z.uuid() });
export const SubmissionWaitQuery = z.object({
  /** Wait up to this many milliseconds for grading to finish before answering. */
  waitMs: z.coerce.number().int().min(0).max(30_000).default(0),
});

export const AssessmentBody = z
  .object({
    /** The labs to sit; without it, `count` labs are picked for `level`. */
    labs: z.array(LabSlug).min(1).max(5).optional(),
    level: z.enum(LEVEL_IDS).optional(),
    count: z.number().int().min(1).max(5).default(3),
    /** The countdown; by default the sum of the labs' time limits. */
    minutes: z.number().int().min(1).max(240).optional(),
  })
  .strict();
export type AssessmentBody = z.output<typeof AssessmentBody>;

export const AssessmentDto = z.object({
  id: z.uuid(),
  labs: z.array(
    z.object({
      slug: z.string(),
      title: z.string(),
      languages: z.array(LanguageEnum),
      submission: SubmissionDto.nullable(),
    }),
  ),
  minutes: z.number().int(),
  startedAt: z.string(),
  endsAt: z.string(),
  finishedAt: z.string().nullable(),
  autoSubmitted: z.boolean(),
  remainingSeconds: z.number().int(),
  /** Average score over the labs (unsubmitted labs count as 0), once finished. */
  score: z.number().int().nullable(),
});
export type AssessmentDto = z.output<typeof AssessmentDto>;

/** Whether this server can grade labs now; the web app shows a banner when it cannot. */
export const GradingStatus = z.object({
  available: z.boolean(),
  /** What is missing and what to install, when unavailable. */
  reason: z.string().nullable(),
});
export type GradingStatus = z.infer<typeof GradingStatus>;
