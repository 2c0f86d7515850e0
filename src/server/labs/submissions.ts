/** Runs and submissions: recording one, queueing it for grading, and reading results back. */
import type { SubmissionBody, SubmissionDto } from '../../shared/labs.js';
import { conflict, invalid, notFound } from '../errors.js';
import * as q from './queries.js';
import { assertLanguageOffered, assertSandbox, type LabDeps } from './service.js';

const ATTEMPT_HISTORY = 50;

export function toSubmission(row: q.SubmissionRow): SubmissionDto {
  return {
    id: row.id,
    labSlug: row.labSlug,
    language: row.language,
    mode: row.mode,
    status: row.status,
    verdict: row.verdict,
    passed: row.passed,
    total: row.total,
    score: row.score,
    result: row.result,
    error: row.error,
    code: row.code,
    assessmentId: row.assessmentId,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
/** Records a run or submission and queues it for grading; the caller polls for the result. */
export async function createSubmission(
  deps: LabDeps,
  { userId, slug, language, mode, code, assessmentId }: SubmissionBody & { userId: string; slug: string },
): Promise<SubmissionDto> {
  const lab = deps.labs.get(slug);
  assertLanguageOffered(lab, language);
  assertSandbox(deps);
  const values = {
    userId,
    labSlug: slug,
    language,
    mode,
    code,
    status: 'queued',
    assessmentId: assessmentId ?? null,
    createdAt: deps.now(),
  } satisfies q.NewSubmission;
  const row = assessmentId
    ? await deps.db.transaction(async (tx) => {
        // Locked, so the countdown cannot close the assessment between this check and the insert.
        const assessment = await q.lockAssessment(tx, assessmentId);
        if (!assessment || assessment.userId !== userId) {
          throw notFound('assessment_not_found', 'There is no such assessment.');
        }
        if (!assessment.labSlugs.includes(slug)) {
          throw invalid('lab_not_in_assessment', `The lab "${slug}" is not part of this assessment.`);
        }
        if (assessment.finishedAt || assessment.endsAt <= deps.now()) {
          throw conflict('assessment_over', 'This assessment has ended; its answers were already submitted.');
        }
        return q.insertSubmission(tx, values);
      })
    : await q.insertSubmission(deps.db, values);
  await deps.queue.enqueue([row.id]);
  return toSubmission(row);
}

/** A submission of the user's; waits up to `waitMs` for its grading to finish. */
export async function getSubmission(
  deps: LabDeps,
  { userId, id, waitMs = 0 }: { userId: string; id: string; waitMs?: number },
): Promise<SubmissionDto> {
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
