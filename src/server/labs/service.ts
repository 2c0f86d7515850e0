import type { FastifyBaseLogger } from 'fastify';
import { LEVEL_IDS, type LevelId } from '../../shared/ids.js';
import {
  type AssessmentBody,
  type AssessmentDto,
  type DraftDto,
  type GradingStatus,
  type Grade,
  type LabDetail,
  type LabLanguage,
  type LabSummary,
  type SubmissionBody,
  type SubmissionDto,
} from '../../shared/labs.js';
import type { Db } from '../db/client.js';
import { invalid, notFound, conflict, unavailable } from '../errors.js';
import type { WarmPool } from '../sandbox/warm-pool.js';
import type { Lab } from './load-labs.js';
import { pickAssessmentLabs } from './assessment-pick.js';
import type { GradingQueue } from './queue.js';
import * as q from './queries.js';
import { jsTestSource, pyTestSource } from './test-source.js';

export interface LabDeps {
  db: Db;
  labs: LabCatalog;
  pool: WarmPool;
  /** Where submissions wait for a grader (in this process or in worker processes). */
  queue: GradingQueue;
  /**
   * Why submissions cannot be graded, or null when they can. Asked before a submission is
   * stored, so a machine without the sandbox answers 503 instead of failing every attempt.
   */
  sandboxProblem: () => string | null;
  now: () => Date;
  log: Pick<FastifyBaseLogger, 'warn' | 'error' | 'info'>;
  /** Breaks ties when picking an assessment's labs; Math.random unless a test seeds it. */
  random?: () => number;
}

const ATTEMPT_HISTORY = 50;

/** The labs loaded from content, by slug, in a stable order (area, then title). */
export class LabCatalog {
  private readonly bySlug: Map<string, Lab>;

  constructor(readonly labs: readonly Lab[]) {
    this.bySlug = new Map(labs.map((lab) => [lab.slug, lab]));
  }

  find(slug: string): Lab | undefined {
    return this.bySlug.get(slug);
  }

  get(slug: string): Lab {
    const lab = this.bySlug.get(slug);
    if (!lab) throw notFound('lab_not_found', `There is no lab "${slug}".`);
    return lab;
  }
}

function summarise(lab: Lab, status: LabSummary['status']): LabSummary {
  const { meta } = lab;
  return {
    slug: lab.slug,
    title: meta.title,
    summary: meta.summary,
    area: meta.area,
    levels: meta.levels,
    languages: meta.languages,
    timeLimitMinutes: meta.timeLimitMinutes,
    tags: meta.tags,
    testCount: meta.tests.length,
    status,
  };
}

export async function listLabs(
  deps: LabDeps,
  userId: string,
  filter: { area?: string; level?: string; language?: LabLanguage },
): Promise<LabSummary[]> {
  const statuses = await q.labStatuses(deps.db, userId);
  return deps.labs.labs
    .filter(({ meta }) => !filter.area || meta.area === filter.area)
    .filter(({ meta }) => !filter.level || meta.levels.includes(filter.level as LevelId))
    .filter(({ meta }) => !filter.language || meta.languages.includes(filter.language))
    .map((lab) => summarise(lab, statuses.get(lab.slug) ?? 'new'));
}

export async function getLab(deps: LabDeps, userId: string, slug: string): Promise<LabDetail> {
  const lab = deps.labs.get(slug);
  const statuses = await q.labStatuses(deps.db, userId);
  const { meta } = lab;
  return {
    ...summarise(lab, statuses.get(slug) ?? 'new'),
    prompt: lab.prompt,
    starters: meta.languages.map((language) => ({ language, code: lab.starters[language] ?? '' })),
    visibleTests: meta.tests
      .filter((test) => test.visible)
      .map((test) => ({
        name: test.name,
        kind: test.kind,
        expected: test.expect ?? null,
        setup: test.setup ?? null,
        query: test.query ?? null,
        input: {
          js: lab.testCode.js === undefined ? null : jsTestSource(lab.testCode.js, test.name),
          py: lab.testCode.py === undefined ? null : pyTestSource(lab.testCode.py, test.name),
        },
      })),
    hiddenTestCount: meta.tests.filter((test) => !test.visible).length,
    limits: {
      cpuSeconds: meta.limits.cpuSeconds ?? deps.pool.limits.cpuSeconds,
      memoryMb: meta.limits.memoryMb ?? deps.pool.limits.memoryMb,
    },
    schema: lab.schema ?? null,
  };
}

function offered(lab: Lab, language: LabLanguage): void {
  if (!lab.meta.languages.includes(language)) {
    throw invalid(
      'language_not_offered',
      `The lab "${lab.slug}" is offered in ${lab.meta.languages.join(', ')}, not ${language}.`,
    );
  }
}

/** The reference solution; the candidate may look whenever they choose (the UI offers it after a pass). */
export function revealSolution(
  deps: LabDeps,
  slug: string,
  language: LabLanguage,
): { language: LabLanguage; code: string } {
  const lab = deps.labs.get(slug);
  offered(lab, language);
  return { language, code: lab.solutions[language] ?? '' };
}

const toDraft = (row: q.DraftRow): DraftDto => ({
  language: row.language as LabLanguage,
  code: row.code,
  updatedAt: row.updatedAt.toISOString(),
});

export async function listDrafts(deps: LabDeps, userId: string, slug: string): Promise<DraftDto[]> {
  deps.labs.get(slug);
  return (await q.listDrafts(deps.db, userId, slug)).map(toDraft);
}

export async function saveDraft(
  deps: LabDeps,
  userId: string,
  slug: string,
  language: LabLanguage,
  code: string,
): Promise<DraftDto> {
  offered(deps.labs.get(slug), language);
  return toDraft(await q.upsertDraft(deps.db, { userId, labSlug: slug, language, code, updatedAt: deps.now() }));
}

export function toSubmission(row: q.SubmissionRow): SubmissionDto {
  return {
    id: row.id,
    labSlug: row.labSlug,
    language: row.language as LabLanguage,
    mode: row.mode as SubmissionDto['mode'],
    status: row.status as SubmissionDto['status'],
    verdict: (row.verdict as SubmissionDto['verdict']) ?? null,
    passed: row.passed,
    total: row.total,
    score: row.score,
    result: (row.result as Grade | null) ?? null,
    error: row.error,
    code: row.code,
    assessmentId: row.assessmentId,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Refuses work that cannot be graded here: 503 `sandbox_unavailable`, saying what to install,
 * rather than a submission that fails every attempt and ends as `internal_error`.
 */
export function assertSandbox(deps: Pick<LabDeps, 'sandboxProblem'>): void {
  const problem = deps.sandboxProblem();
  if (problem) {
    throw unavailable(
      'sandbox_unavailable',
      `Labs cannot be graded on this server: ${problem}. Everything else works; ask the operator to install it.`,
    );
  }
}

export function gradingStatus(deps: Pick<LabDeps, 'sandboxProblem'>): GradingStatus {
  const reason = deps.sandboxProblem();
  return { available: reason === null, reason };
}

/** Records a run or submission and queues it for grading; the caller polls for the result. */
export async function createSubmission(
  deps: LabDeps,
  userId: string,
  slug: string,
  body: SubmissionBody,
): Promise<SubmissionDto> {
  const lab = deps.labs.get(slug);
  offered(lab, body.language);
  assertSandbox(deps);
  const values = {
    userId,
    labSlug: slug,
    language: body.language,
    mode: body.mode,
    code: body.code,
    status: 'queued',
    assessmentId: body.assessmentId ?? null,
    createdAt: deps.now(),
  };
  const assessmentId = body.assessmentId;
  const row = assessmentId
    ? await deps.db.transaction(async (tx) => {
        // Locked, so the countdown cannot close the assessment between this check and the insert.
        const assessment = await q.lockAssessment(tx as unknown as Db, assessmentId);
        if (!assessment || assessment.userId !== userId) {
          throw notFound('assessment_not_found', 'There is no such assessment.');
        }
        if (!assessment.labSlugs.includes(slug)) {
          throw invalid('lab_not_in_assessment', `The lab "${slug}" is not part of this assessment.`);
        }
        if (assessment.finishedAt || assessment.endsAt <= deps.now()) {
          throw conflict('assessment_over', 'This assessment has ended; its answers were already submitted.');
        }
        return q.insertSubmission(tx as unknown as Db, values);
      })
    : await q.insertSubmission(deps.db, values);
  await deps.queue.enqueue([row.id]);
  return toSubmission(row);
}

/** A submission of the user's; waits up to `waitMs` for its grading to finish. */
export async function getSubmission(deps: LabDeps, userId: string, id: string, waitMs = 0): Promise<SubmissionDto> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const row = await q.findSubmission(deps.db, id);
    if (!row || row.userId !== userId) throw notFound('submission_not_found', 'There is no such submission.');
    const finished = row.status === 'done' || row.status === 'error';
    if (finished || Date.now() >= deadline) return toSubmission(row);
    await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - Date.now()))));
  }
}

export async function listAttempts(deps: LabDeps, userId: string, slug: string): Promise<SubmissionDto[]> {
  deps.labs.get(slug);
  return (await q.listAttempts(deps.db, userId, slug, ATTEMPT_HISTORY)).map(toSubmission);
}

// ---------------------------------------------------------------- timed assessments

async function ownAssessment(deps: LabDeps, userId: string, id: string): Promise<q.AssessmentRow> {
  const row = await q.findAssessment(deps.db, id);
  if (!row || row.userId !== userId) throw notFound('assessment_not_found', 'There is no such assessment.');
  return row;
}

export async function startAssessment(deps: LabDeps, userId: string, body: AssessmentBody): Promise<AssessmentDto> {
  assertSandbox(deps);
  let labs: Lab[];
  if (body.labs) {
    labs = [...new Set(body.labs)].map((slug) => deps.labs.get(slug));
  } else {
    const level = body.level;
    const [statuses, past] = await Promise.all([q.labStatuses(deps.db, userId), q.listAssessments(deps.db, userId)]);
    const slugs = pickAssessmentLabs(
      deps.labs.labs
        .filter((lab) => !level || lab.meta.levels.includes(level))
        .map((lab) => ({ slug: lab.slug, area: lab.meta.area, solved: statuses.get(lab.slug) === 'solved' })),
      past.map((row) => row.labSlugs),
      body.count,
      deps.random,
    );
    labs = slugs.map((slug) => deps.labs.get(slug));
    if (labs.length === 0) {
      throw invalid('no_labs', `There are no labs for the ${body.level ?? LEVEL_IDS[0]} level.`);
    }
  }
  const minutes = body.minutes ?? labs.reduce((sum, lab) => sum + lab.meta.timeLimitMinutes, 0);
  const startedAt = deps.now();
  const row = await q.insertAssessment(deps.db, {
    userId,
    labSlugs: labs.map((lab) => lab.slug),
    minutes,
    startedAt,
    endsAt: new Date(startedAt.getTime() + minutes * 60_000),
  });
  return describeAssessment(deps, row);
}

/** The assessment as it stands now: one whose countdown ran out is closed (auto-submitted) on sight. */
async function current(deps: LabDeps, row: q.AssessmentRow): Promise<q.AssessmentRow> {
  return !row.finishedAt && row.endsAt <= deps.now() ? (await closeAssessment(deps, row, true)).row : row;
}

export async function getAssessment(deps: LabDeps, userId: string, id: string): Promise<AssessmentDto> {
  return describeAssessment(deps, await current(deps, await ownAssessment(deps, userId, id)));
}

export async function listAssessments(deps: LabDeps, userId: string): Promise<AssessmentDto[]> {
  const rows = await q.listAssessments(deps.db, userId);
  return Promise.all(rows.map(async (row) => describeAssessment(deps, await current(deps, row))));
}

/** The candidate ends the assessment early; labs without a submission are submitted from their drafts. */
export async function finishAssessment(deps: LabDeps, userId: string, id: string): Promise<AssessmentDto> {
  const row = await ownAssessment(deps, userId, id);
  return describeAssessment(
    deps,
    row.finishedAt ? row : (await closeAssessment(deps, row, row.endsAt <= deps.now())).row,
  );
}

/**
 * Ends every assessment whose countdown ran out, submitting its drafts: the auto-submit at zero,
 * whether or not anyone reads the assessment. Safe to run from any number of instances at once
 * (each assessment is closed by exactly one, see `closeAssessment`). Returns how many this call
 * closed and when the next running countdown ends, so the caller can sweep again at that moment.
 */
export async function sweepExpiredAssessments(deps: LabDeps): Promise<{ closed: number; nextEndsAt: Date | null }> {
  const listedAt = deps.now();
  const expired = await q.listExpiredAssessments(deps.db, listedAt);
  let closed = 0;
  let passedOver = 0;
  // A few at a time, earliest end first, so a class that hits zero together is closed in seconds;
  // rows another instance is closing are passed over, so instances share the list instead of
  // queueing behind each other's locks.
  let next = 0;
  const closer = async () => {
    for (let row = expired[next++]; row; row = expired[next++]) {
      const result = await closeAssessment(deps, row, true, { skipLocked: true });
      if (result.closedHere) closed++;
      else if (!result.row.finishedAt) passedOver++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(SWEEP_CONCURRENCY, expired.length) }, closer));
  // One passed over while a submission into it held its row is still open: look again shortly.
  const soon = passedOver > 0 ? new Date(deps.now().getTime() + SWEEP_RETRY_MS) : null;
  // Counted from when the list was read: a countdown that ran out while this sweep was closing the
  // list is due now (a next end in the past), not left for the periodic sweep.
  const upcoming = await q.nextAssessmentEnd(deps.db, listedAt);
  return { closed, nextEndsAt: soon && (!upcoming || soon < upcoming) ? soon : upcoming };
}

/** Expired assessments one sweep closes at once (each holds a database connection while it closes). */
const SWEEP_CONCURRENCY = 4;
/** How soon a sweep looks again at an assessment it passed over because its row was held. */
const SWEEP_RETRY_MS = 1_000;

/**
 * Closes the assessment and submits each lab's draft that has no submission yet, in one transaction
 * that begins with the conditional `finishAssessment`: of several instances closing it at once
 * exactly one does (the others wait on its row, then find it finished; with `skipLocked`, as the
 * sweep does, they pass over a row another transaction holds instead), and a failure part-way
 * leaves it open with nothing submitted, for the next sweep. The submissions are enqueued after the
 * commit; an enqueue lost there is recovered by `requeueAbandoned`.
 */
async function closeAssessment(
  deps: LabDeps,
  row: q.AssessmentRow,
  auto: boolean,
  { skipLocked = false }: { skipLocked?: boolean } = {},
): Promise<{ row: q.AssessmentRow; closedHere: boolean }> {
  const finishedAt = auto ? row.endsAt : deps.now();
  const submitted = await deps.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    if (!(await q.finishAssessment(tx, row.id, finishedAt, auto, { skipLocked }))) return null;
    const already = new Set((await q.listAssessmentSubmissions(tx, row.id)).map((s) => s.labSlug));
    const ids: string[] = [];
    for (const slug of row.labSlugs) {
      const lab = deps.labs.find(slug);
      if (!lab || already.has(slug)) continue;
      const [draft] = (await q.listDrafts(tx, row.userId, slug)).filter((d) =>
        lab.meta.languages.includes(d.language as LabLanguage),
      );
      if (!draft) continue;
      const submission = await q.insertSubmission(tx, {
        userId: row.userId,
        labSlug: slug,
        language: draft.language,
        mode: 'submit',
        code: draft.code,
        status: 'queued',
        assessmentId: row.id,
        createdAt: finishedAt,
      });
      ids.push(submission.id);
    }
    return ids;
  });
  if (submitted) await deps.queue.enqueue(submitted);
  return { row: (await q.findAssessment(deps.db, row.id))!, closedHere: submitted !== null };
}

async function describeAssessment(deps: LabDeps, row: q.AssessmentRow): Promise<AssessmentDto> {
  const submissions = await q.listAssessmentSubmissions(deps.db, row.id);
  const labs = row.labSlugs.map((slug) => {
    const lab = deps.labs.find(slug);
    const latest = submissions.find((s) => s.labSlug === slug);
    return {
      slug,
      title: lab?.meta.title ?? slug,
      languages: lab?.meta.languages ?? [],
      submission: latest ? toSubmission(latest) : null,
    };
  });
  const graded = labs.every(
    (lab) => !lab.submission || lab.submission.status === 'done' || lab.submission.status === 'error',
  );
  const score =
    row.finishedAt && graded
      ? Math.round(labs.reduce((sum, lab) => sum + (lab.submission?.score ?? 0), 0) / Math.max(1, labs.length))
      : null;
  return {
    id: row.id,
    labs,
    minutes: row.minutes,
    startedAt: row.startedAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    autoSubmitted: row.autoSubmitted,
    remainingSeconds: row.finishedAt ? 0 : Math.max(0, Math.ceil((row.endsAt.getTime() - deps.now().getTime()) / 1000)),
    score,
  };
}
