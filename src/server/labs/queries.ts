import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { returnedRow } from '../db/rows.js';
import { labAssessments, labDrafts, labSubmissions } from '../db/schema.js';

export type SubmissionRow = typeof labSubmissions.$inferSelect;
export type DraftRow = typeof labDrafts.$inferSelect;
export type AssessmentRow = typeof labAssessments.$inferSelect;
export type NewSubmission = typeof labSubmissions.$inferInsert;

export async function listDrafts(db: Db, userId: string, labSlug: string): Promise<DraftRow[]> {
  return db
    .select()
    .from(labDrafts)
    .where(and(eq(labDrafts.userId, userId), eq(labDrafts.labSlug, labSlug)))
    .orderBy(desc(labDrafts.updatedAt));
}

export async function upsertDraft(db: Db, draft: typeof labDrafts.$inferInsert): Promise<DraftRow> {
  const rows = await db
    .insert(labDrafts)
    .values(draft)
    .onConflictDoUpdate({
      target: [labDrafts.userId, labDrafts.labSlug, labDrafts.language],
      set: { code: draft.code, updatedAt: draft.updatedAt },
    })
    .returning();
  return returnedRow(rows, 'lab_drafts');
}

export async function insertSubmission(db: Db, row: NewSubmission): Promise<SubmissionRow> {
  return returnedRow(await db.insert(labSubmissions).values(row).returning(), 'lab_submissions');
}

export async function findSubmission(db: Db, id: string): Promise<SubmissionRow | undefined> {
  const [row] = await db.select().from(labSubmissions).where(eq(labSubmissions.id, id));
  return row;
}

const leaseUntil = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;
/** A lease that has run out, by the database clock; a row from before leases existed counts as run out. */
const leaseExpired = sql`coalesce(${labSubmissions.leaseExpiresAt}, '-infinity'::timestamptz) < now()`;

/**
 * Takes a submission for one grading attempt, atomically: only a row still `queued`, or `running`
 * under a lease that ran out, is taken; its attempt count goes up and `token` becomes its lease.
 * Undefined when the row is graded already or another live attempt holds it.
 */
export async function claimSubmission(
  db: Db,
  id: string,
  token: string,
  leaseSeconds: number,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .update(labSubmissions)
    .set({
      status: 'running',
      attempts: sql`${labSubmissions.attempts} + 1`,
      leaseToken: token,
      leaseExpiresAt: leaseUntil(leaseSeconds),
      startedAt: sql`clock_timestamp()`,
    })
    .where(
      and(
        eq(labSubmissions.id, id),
        sql`(${labSubmissions.status} = 'queued' or (${labSubmissions.status} = 'running' and ${leaseExpired}))`,
      ),
    )
    .returning();
  return row;
}

/** Pushes the lease forward; false when the attempt no longer holds the row. */
export async function renewLease(db: Db, id: string, token: string, leaseSeconds: number): Promise<boolean> {
  const rows = await db
    .update(labSubmissions)
    .set({ leaseExpiresAt: leaseUntil(leaseSeconds) })
    .where(and(eq(labSubmissions.id, id), eq(labSubmissions.leaseToken, token), eq(labSubmissions.status, 'running')))
    .returning({ id: labSubmissions.id });
  return rows.length === 1;
}

/**
 * Ends an attempt with `changes` (a verdict, a failure, or back to `queued`), only if that attempt
 * still holds the row: the result of an attempt whose lease was taken over is discarded, so a
 * submission gets one verdict however many graders raced. False when discarded.
 */
export async function finishAttempt(
  db: Db,
  id: string,
  token: string,
  changes: Partial<typeof labSubmissions.$inferInsert>,
): Promise<SubmissionRow | undefined> {
  const [row] = await db
    .update(labSubmissions)
    .set({ ...changes, leaseToken: null, leaseExpiresAt: null })
    .where(and(eq(labSubmissions.id, id), eq(labSubmissions.leaseToken, token), eq(labSubmissions.status, 'running')))
    .returning();
  return row;
}

/**
 * Puts back to `queued` every row whose grader stopped renewing its lease (it died or hung), and
 * returns their ids, oldest first. One statement: when several processes sweep at once, each row
 * is returned to exactly one of them. Rows under a live lease are never touched, which is why
 * starting another instance does not re-grade what is being graded.
 */
export async function requeueExpiredLeases(db: Db): Promise<string[]> {
  const rows = await db
    .update(labSubmissions)
    .set({ status: 'queued', leaseToken: null, leaseExpiresAt: null })
    .where(and(eq(labSubmissions.status, 'running'), leaseExpired))
    .returning({ id: labSubmissions.id, createdAt: labSubmissions.createdAt });
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((row) => row.id);
}

/** Submissions waiting since before `before`, oldest first (a lost enqueue leaves such a row). */
export async function listQueuedSubmissionIds(db: Db, before: Date): Promise<string[]> {
  const rows = await db
    .select({ id: labSubmissions.id })
    .from(labSubmissions)
    .where(and(eq(labSubmissions.status, 'queued'), lt(labSubmissions.createdAt, before)))
    .orderBy(labSubmissions.createdAt);
  return rows.map((row) => row.id);
}

/** A user's submissions (not runs) of one lab, newest first. */
export async function listAttempts(db: Db, userId: string, labSlug: string, limit: number): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(labSubmissions)
    .where(
      and(eq(labSubmissions.userId, userId), eq(labSubmissions.labSlug, labSlug), eq(labSubmissions.mode, 'submit')),
    )
    .orderBy(desc(labSubmissions.createdAt))
    .limit(limit);
}

/** Per lab, whether the user ever passed it and whether they tried it at all. */
export async function labStatuses(db: Db, userId: string): Promise<Map<string, 'solved' | 'attempted'>> {
  const rows = await db
    .select({
      labSlug: labSubmissions.labSlug,
      solved: sql<boolean>`bool_or(${labSubmissions.verdict} = 'passed' and ${labSubmissions.mode} = 'submit')`,
    })
    .from(labSubmissions)
    .where(eq(labSubmissions.userId, userId))
    .groupBy(labSubmissions.labSlug);
  return new Map(rows.map((row) => [row.labSlug, row.solved ? 'solved' : 'attempted']));
}

export async function insertAssessment(db: Db, row: typeof labAssessments.$inferInsert): Promise<AssessmentRow> {
  return returnedRow(await db.insert(labAssessments).values(row).returning(), 'lab_assessments');
}

export async function findAssessment(db: Db, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await db.select().from(labAssessments).where(eq(labAssessments.id, id));
  return row;
}

/**
 * The assessment, its row locked until `tx` ends: a submission into it and its closing then happen
 * one after the other, so a lab submitted in the last instant is never also auto-submitted.
 */
export async function lockAssessment(tx: Db, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await tx.select().from(labAssessments).where(eq(labAssessments.id, id)).for('update');
  return row;
}

export async function listAssessments(db: Db, userId: string): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(labAssessments)
    .where(eq(labAssessments.userId, userId))
    .orderBy(desc(labAssessments.startedAt))
    .limit(50);
}

/** Marks the assessment finished once; false if it already was. */
export async function finishAssessment(
  db: Db,
  id: string,
  at: Date,
  autoSubmitted: boolean,
  { skipLocked = false }: { skipLocked?: boolean } = {},
): Promise<boolean> {
  // With `skipLocked`, a row another transaction holds (another instance closing it, or a submission
  // into it) is passed over at once instead of waited for: that transaction settles it.
  const open = skipLocked
    ? sql`${labAssessments.id} in (select ${labAssessments.id} from ${labAssessments} where ${labAssessments.id} = ${id} and ${labAssessments.finishedAt} is null for update skip locked)`
    : sql`${labAssessments.finishedAt} is null`;
  const rows = await db
    .update(labAssessments)
    .set({ finishedAt: at, autoSubmitted })
    .where(and(eq(labAssessments.id, id), open))
    .returning({ id: labAssessments.id });
  return rows.length === 1;
}

/** Open assessments whose countdown has run out, the earliest end first. */
export async function listExpiredAssessments(db: Db, now: Date): Promise<AssessmentRow[]> {
  return db
    .select()
    .from(labAssessments)
    .where(and(sql`${labAssessments.finishedAt} is null`, sql`${labAssessments.endsAt} <= ${now}`))
    .orderBy(labAssessments.endsAt);
}

/** When the next open assessment's countdown reaches zero, if any is still running after `now`. */
export async function nextAssessmentEnd(db: Db, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ endsAt: labAssessments.endsAt })
    .from(labAssessments)
    .where(and(sql`${labAssessments.finishedAt} is null`, sql`${labAssessments.endsAt} > ${now}`))
    .orderBy(labAssessments.endsAt)
    .limit(1);
  return row?.endsAt ?? null;
}

/** The latest submission per lab within an assessment. */
export async function listAssessmentSubmissions(db: Db, assessmentId: string): Promise<SubmissionRow[]> {
  return db
    .select()
    .from(labSubmissions)
    .where(and(eq(labSubmissions.assessmentId, assessmentId), eq(labSubmissions.mode, 'submit')))
    .orderBy(desc(labSubmissions.createdAt));
}
