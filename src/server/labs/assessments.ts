/**
 * Timed online-assessment simulations: a set of labs under one countdown, closed (and its drafts
 * submitted) when the candidate finishes, when it is read after zero, or by the sweep at zero.
 */
import { LEVEL_IDS } from '../../shared/ids.js';
import type { AssessmentBody, AssessmentDto } from '../../shared/labs.js';
import { invalid, notFound } from '../errors.js';
import { pickAssessmentLabs } from './assessment-pick.js';
import type { Lab } from './load-labs.js';
import * as q from './queries.js';
import { assertSandbox, type LabDeps } from './service.js';
import { toSubmission } from './submissions.js';

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
async function closeIfExpired(deps: LabDeps, row: q.AssessmentRow): Promise<q.AssessmentRow> {
  return !row.finishedAt && row.endsAt <= deps.now()
    ? closedRow(await closeAssessment(deps, row, { auto: true }))
    : row;
}

/** The row `closeAssessment` read back; an assessment deleted meanwhile (with its user) is not found. */
function closedRow({ row }: { row: q.AssessmentRow | undefined }): q.AssessmentRow {
  if (!row) throw notFound('assessment_not_found', 'There is no such assessment.');
  return row;
}

export async function getAssessment(deps: LabDeps, userId: string, id: string): Promise<AssessmentDto> {
  return describeAssessment(deps, await closeIfExpired(deps, await ownAssessment(deps, userId, id)));
}

export async function listAssessments(deps: LabDeps, userId: string): Promise<AssessmentDto[]> {
  const rows = await q.listAssessments(deps.db, userId);
  return Promise.all(rows.map(async (row) => describeAssessment(deps, await closeIfExpired(deps, row))));
}

/** The candidate ends the assessment early; labs without a submission are submitted from their drafts. */
export async function finishAssessment(deps: LabDeps, userId: string, id: string): Promise<AssessmentDto> {
  const row = await ownAssessment(deps, userId, id);
  return describeAssessment(
    deps,
    row.finishedAt ? row : closedRow(await closeAssessment(deps, row, { auto: row.endsAt <= deps.now() })),
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
      const result = await closeAssessment(deps, row, { auto: true, skipLocked: true });
      if (result.closedHere) closed++;
      else if (result.row && !result.row.finishedAt) passedOver++;
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
 * commit; an enqueue lost there is recovered by `requeueAbandoned`. Returns the row as it stands
 * after, undefined when it is gone (its user was deleted meanwhile).
 */
async function closeAssessment(
  deps: LabDeps,
  row: q.AssessmentRow,
  { auto, skipLocked = false }: { auto: boolean; skipLocked?: boolean },
): Promise<{ row: q.AssessmentRow | undefined; closedHere: boolean }> {
  const finishedAt = auto ? row.endsAt : deps.now();
  const submitted = await deps.db.transaction(async (tx) => {
    if (!(await q.finishAssessment(tx, row.id, finishedAt, auto, { skipLocked }))) return null;
    const already = new Set((await q.listAssessmentSubmissions(tx, row.id)).map((s) => s.labSlug));
    const ids: string[] = [];
    for (const slug of row.labSlugs) {
      const lab = deps.labs.find(slug);
      if (!lab || already.has(slug)) continue;
      const [draft] = (await q.listDrafts(tx, row.userId, slug)).filter((d) => lab.meta.languages.includes(d.language));
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
  return { row: await q.findAssessment(deps.db, row.id), closedHere: submitted !== null };
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
