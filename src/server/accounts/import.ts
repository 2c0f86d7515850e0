import { ImportFile, type ImportResult } from '../../shared/account-import.js';
import { invalid } from '../errors.js';
import type { Db } from '../db/client.js';
import * as q from './queries.js';
import type { AccountDeps, Actor, UserRow } from './service.js';

/** At most this many field problems are listed in one refusal. */
const MAX_ERRORS = 20;

/**
 * Imports an export file (`GET /v1/me/export`, from this or another instance) into the user's
 * account, merging it with what is there, in one transaction:
 * - **study plan**: the file's replaces yours;
 * - **cards** (FSRS state, marks, suspension, note): per question, the more recently reviewed card
 *   wins; on a tie the file's; yours is kept when it was reviewed later;
 * - **answer history**: answers are added unless one to the same question at the same instant is
 *   already there;
 * - **lab drafts**: per lab and language, the more recently saved code wins; on a tie the file's.
 * Rows about questions this instance does not have are skipped and counted. Importing the same file
 * twice changes nothing the second time. Credentials, sessions, audit records, reports and graded
 * work are never imported. A file that does not match is refused with `400 invalid_export_file`
 * and the path of each wrong field.
 */
export async function importAccount(
  deps: AccountDeps,
  user: UserRow,
  input: unknown,
  actor: Actor,
): Promise<ImportResult> {
  const file = parseImportFile(input);
  const result = await deps.db.transaction((tx) => mergeProgress(tx as unknown as Db, user.id, file));
  await q.insertAuditEvent(deps.db, {
    event: 'user.imported',
    actorUserId: user.id,
    subjectUserId: user.id,
    ip: actor.ip,
    details: { ...result },
  });
  return result;
}

function parseImportFile(input: unknown): ImportFile {
  const parsed = ImportFile.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.slice(0, MAX_ERRORS).map((issue) => ({
      path: ['file', ...issue.path].join('.'),
      message: issue.message,
    }));
    throw invalid(
      'invalid_export_file',
      `This is not an Onsite export file Onsite can import — ${errors[0]!.path}: ${errors[0]!.message}`,
      { details: { errors }, cause: parsed.error },
    );
  }
  const timeZone = parsed.data.studyPlan?.timeZone;
  if (timeZone && !isTimeZone(timeZone)) {
    const error = { path: 'file.studyPlan.timeZone', message: `"${timeZone}" is not a known time zone` };
    throw invalid('invalid_export_file', `${error.path}: ${error.message}`, { details: { errors: [error] } });
  }
  return parsed.data;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

async function mergeProgress(db: Db, userId: string, file: ImportFile): Promise<ImportResult> {
  const [known, mine] = await Promise.all([q.listQuestionIds(db), q.selectProgress(db, userId)]);
  const counts = () => ({ imported: 0, unchanged: 0, skipped: 0 });
  const result: ImportResult = { studyPlan: 'absent', cards: counts(), reviews: counts(), labDrafts: counts() };

  if (file.studyPlan) {
    const plan = { userId, ...file.studyPlan };
    const same = mine.plan && JSON.stringify(planFields(mine.plan)) === JSON.stringify(planFields(plan));
    result.studyPlan = same ? 'unchanged' : 'replaced';
    if (!same) await q.upsertStudyPlan(db, plan);
  }

  const cardsByQuestion = new Map(mine.cards.map((card) => [card.questionId, card]));
  const cardRows = [];
  for (const card of lastPerKey(file.cards, (c) => c.questionId)) {
    if (!known.has(card.questionId)) {
      result.cards.skipped++;
      continue;
    }
    const current = cardsByQuestion.get(card.questionId);
    const row = { userId, ...card };
    if (current && (time(current.lastReview) > time(card.lastReview) || sameCard(current, row))) {
      result.cards.unchanged++;
      continue;
    }
    cardRows.push(row);
    result.cards.imported++;
  }
  await q.upsertCards(db, cardRows);

  const answered = new Set(mine.answered.map((r) => `${r.questionId}@${r.reviewedAt.getTime()}`));
  const reviewRows = [];
  for (const review of file.reviews) {
    const key = `${review.questionId}@${review.reviewedAt.getTime()}`;
    if (!known.has(review.questionId)) result.reviews.skipped++;
    else if (answered.has(key)) result.reviews.unchanged++;
    else {
      answered.add(key);
      reviewRows.push({ userId, ...review, feedback: review.feedback ?? null });
      result.reviews.imported++;
    }
  }
  await q.insertReviews(db, reviewRows);

  const draftsByKey = new Map(mine.drafts.map((d) => [`${d.labSlug}/${d.language}`, d]));
  const draftRows = [];
  for (const draft of lastPerKey(file.labDrafts, (d) => `${d.labSlug}/${d.language}`)) {
    const current = draftsByKey.get(`${draft.labSlug}/${draft.language}`);
    if (
      current &&
      (current.updatedAt.getTime() > draft.updatedAt.getTime() ||
        (current.updatedAt.getTime() === draft.updatedAt.getTime() && current.code === draft.code))
    ) {
      result.labDrafts.unchanged++;
      continue;
    }
    draftRows.push({ userId, ...draft });
    result.labDrafts.imported++;
  }
  await q.upsertDrafts(db, draftRows);
  return result;
}

/** One item per key, the last one in the file, so a repeated row cannot upsert twice in one statement. */
function lastPerKey<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...new Map(items.map((item) => [key(item), item])).values()];
}

function time(date: Date | null): number {
  return date ? date.getTime() : -Infinity;
}

function planFields(plan: Record<string, unknown>) {
  const { levels, interviewDate, hoursPerWeek, stack, desiredRetention, timeZone, dayStartHour } = plan;
  return { levels, interviewDate, hoursPerWeek, stack, desiredRetention, timeZone, dayStartHour };
}

function sameCard(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const comparable = (value: unknown) => (value instanceof Date ? value.getTime() : value);
  return Object.keys(b).every((key) => comparable(a[key]) === comparable(b[key]));
}
